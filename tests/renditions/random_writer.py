"""The text source as a Word document (python-docx) in a layout drawn from a seed (layout.Layout), converted
to PDF by LibreOffice Writer, headless (Debian package `libreoffice-writer-nogui`).

`python -m tests.renditions.random_writer SEED TARGET.pdf`. Page size, margins, fonts, spacing and line
height are the document's styles; a title or heading set as several paragraphs is several paragraphs; bullets
are the 'List Bullet' styles (their own marker and indent), numbered items take the drawn indent; tables get
their rules (cell borders), padding (cell margins), vertical alignment and column widths from the layout, a
header row repeated on every page or not, rows that may break across pages or not, and a page break before
a row of the longest tables.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.renditions.blocks import Table, Text, joined_headings, read, title_parts
from tests.renditions.layout import FEATURES, SANS, Layout
from tests.renditions.random_chromium import column_widths

FONTS = {SANS: "DejaVu Sans", "serif": "DejaVu Serif"}
VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
          "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}


def document(lay: Layout) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = (Mm(v) for v in lay.size_mm)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (Mm(m) for m in
                                                                                           lay.margins)
    _styles(doc, lay)
    _furniture(section, lay)
    width = (lay.size_mm[0] - lay.margins[1] - lay.margins[3]) * 72 / 25.4
    for k, text in enumerate(read()):
        if k:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        lines = title_parts(text.title) if lay.title_split else [text.title]
        for line in lines:
            title = doc.add_paragraph(style="Title")
            for part in ([line] if isinstance(line, Text) else line):
                _runs(title, part)
                title.add_run(" ")
        for block in text.front:
            _block(doc, block, lay, width)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # the title page ends with the front matter
        for block in (text.body if lay.heading_split else joined_headings(text.body)):
            _block(doc, block, lay, width)
    return doc


def _styles(doc, lay: Layout) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONTS[lay.body_font], Pt(lay.body_size)
    normal.paragraph_format.space_before = Pt(lay.space_before * lay.body_size)
    normal.paragraph_format.space_after = Pt(lay.space_after * lay.body_size)
    normal.paragraph_format.line_spacing = lay.line_height
    for name, scale, bold in (("Title", lay.title_scale, True), ("Heading 1", lay.heading_scale, lay.heading_bold)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.bold = FONTS[lay.heading_font], Pt(lay.body_size * scale), bold
        style.font.color.rgb = None
        style.paragraph_format.space_before = Pt(lay.space_before * lay.body_size)
        style.paragraph_format.space_after = Pt(lay.space_after * lay.body_size)
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        fonts.set(qn("w:ascii"), FONTS[lay.heading_font])
        fonts.set(qn("w:hAnsi"), FONTS[lay.heading_font])
        _no_border(style)
    for name in ("List Bullet", "List Bullet 2"):
        doc.styles[name].paragraph_format.space_before = Pt(lay.space_before * lay.body_size)


def _no_border(style) -> None:
    """Word's Title style draws a rule under the title: not part of the layout drawn."""
    borders = style.element.find(qn("w:pPr"))
    if borders is not None and (found := borders.find(qn("w:pBdr"))) is not None:
        borders.remove(found)


def _furniture(section, lay: Layout) -> None:
    if lay.running_header:
        header = section.header.paragraphs[0]
        header.text = "JICA Regional Support Office for Asia — Trafficking in Persons in the GMS, 2007"
        header.runs[0].font.size = Pt(7)
    if lay.running_footer:
        footer = section.footer.paragraphs[0]
        footer.alignment = 2
        for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
            run = footer.add_run()
            run.font.size = Pt(7)
            if piece.isupper():
                _field(run, piece)
            else:
                run.text = piece


def _field(run, code: str) -> None:
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if code in text else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _block(doc, block, lay: Layout, width: float) -> None:
    heading = None  # the paragraph of the heading lines above, one paragraph with line breaks
    for item in block:
        if isinstance(item, Text) and item.kind == "heading":
            if heading is None:
                heading = doc.add_paragraph(style="Heading 1")
            else:
                heading.add_run().add_break()
            _runs(heading, item)
            continue
        heading = None
        if isinstance(item, Table):
            _table(doc, item, lay, width)
        elif item.kind == "bullet":
            # The list styles' own marker and indent: set apart from them, Writer's tab after the marker no
            # longer lands on the indent the wrapped lines hang at.
            _runs(doc.add_paragraph(style="List Bullet" if item.level == 0 else "List Bullet 2"), item)
        elif item.kind == "numbered":
            paragraph = doc.add_paragraph()
            indent = Pt(lay.list_indent * lay.body_size * (1 + item.level))
            paragraph.paragraph_format.left_indent = indent
            paragraph.paragraph_format.first_line_indent = -Pt(lay.list_indent * lay.body_size)
            paragraph.paragraph_format.tab_stops.add_tab_stop(indent)
            paragraph.add_run(item.marker + "\t")
            _runs(paragraph, item)
        else:
            paragraph = doc.add_paragraph()
            if item.kind == "slide_number":
                paragraph.alignment = 2  # right: where the slide printed it
            _runs(paragraph, item)
    gap = doc.add_paragraph()  # the blank line between blocks
    gap.paragraph_format.keep_with_next = heading is not None  # a heading stays with what follows it
    gap.paragraph_format.space_before = gap.paragraph_format.space_after = Pt(0)
    gap.paragraph_format.line_spacing = Pt(lay.block_gap * lay.body_size)


def _runs(paragraph, item: Text) -> None:
    for part, bold in item.spans:
        paragraph.add_run(part).bold = bold or None


def _table(doc, table: Table, lay: Layout, width: float) -> None:
    out = doc.add_table(rows=len(table.rows), cols=len(table.rows[0]))
    out.autofit = False
    _borders(out, lay.rules)
    _cell_margins(out, lay)
    widths = column_widths(table, lay, width)
    body = len(table.rows) - table.header_rows
    forced = table.header_rows + int(body * lay.table_break_at) if body >= 6 and lay.table_break_at else None
    for r, (cells, row) in enumerate(zip(table.rows, out.rows, strict=True)):
        properties = row._tr.get_or_add_trPr()
        if r < table.header_rows and lay.header_repeated:
            properties.append(OxmlElement("w:tblHeader"))
        if not lay.rows_break or r < table.header_rows:
            properties.append(OxmlElement("w:cantSplit"))
        for c, (text, cell) in enumerate(zip(cells, row.cells, strict=True)):
            cell.width = Pt(widths[c])
            cell.vertical_alignment = VALIGN[lay.valign]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.1
            paragraph.paragraph_format.page_break_before = r == forced and c == 0
            paragraph.paragraph_format.keep_with_next = r < table.header_rows  # a header stays with its rows
            run = paragraph.add_run(text)
            run.font.size = Pt(lay.cell_size)


def _borders(table, rules: str) -> None:
    sides = {"all": ("top", "left", "bottom", "right", "insideH", "insideV"),
             "outer": ("top", "left", "bottom", "right"), "horizontal": ("top", "bottom", "insideH"), "none": ()}
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single" if side in sides[rules] else "nil")
        element.set(qn("w:sz"), "4")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell_margins(table, lay: Layout) -> None:
    margins = OxmlElement("w:tblCellMar")
    vertical, horizontal = lay.cell_padding
    for side, pt in (("top", vertical), ("bottom", vertical), ("left", horizontal), ("right", horizontal)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(pt * 20)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def render(lay: Layout, target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{target.stem}.docx"
        document(lay).save(source)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", folder, str(source)], check=True, capture_output=True,
                       timeout=300)
        shutil.copy(source.with_suffix(".pdf"), target)


def main(seed: str, target: str, *without: str) -> None:
    render(Layout.draw(int(seed), frozenset(FEATURES) - set(without)), Path(target))
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
