"""The text source as a Word document (python-docx), converted to PDF by LibreOffice Writer, headless
(Debian package `libreoffice-writer-nogui`).

What an office suite does that the reader must undo: list bullets from the document's list styles ('List
Bullet', 'List Bullet 2'), printed as private-use glyphs of a symbol font; numbered items with a hanging
indent; a blank line as an empty paragraph; real tables with rules, header rows not repeated on the next
page, rows allowed to break across pages; a page header with the report's title and a footer 'Page N of M'
on every page; US Letter, serif body text, sans-serif headings.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from tests.renditions.blocks import FIXTURES, Table, Text, read

BODY, HEADINGS = "DejaVu Serif", "Liberation Sans"
UNRULED = "Nationality"  # the Kredtrakhan table (first header cell): no rules


def document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin, section.bottom_margin = Inches(0.9), Inches(0.8)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY, Pt(10)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.bold = HEADINGS, Pt(size), True
        style.font.color.rgb = None
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        fonts.set(qn("w:ascii"), HEADINGS)
        fonts.set(qn("w:hAnsi"), HEADINGS)
    _furniture(section)
    for k, text in enumerate(read()):
        if k:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        title = doc.add_paragraph(" ".join(line.text for line in text.title), style="Title")
        title.paragraph_format.space_after = Pt(12)
        for block in text.front:
            _block(doc, block)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # the title page ends with the front matter
        for block in text.body:
            _block(doc, block)
    return doc


def _furniture(section) -> None:
    header = section.header.paragraphs[0]
    header.text = "JICA Regional Support Office for Asia — Trafficking in Persons in the GMS, 2007"
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
        run = footer.add_run()
        run.font.size = Pt(8)
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


def _block(doc, block) -> None:
    for item in block:
        if isinstance(item, Table):
            _table(doc, item)
        elif item.kind == "heading":
            _runs(doc.add_paragraph(style="Heading 1" if len(item.text) < 40 else "Heading 2"), item)
        elif item.kind == "bullet":
            _runs(doc.add_paragraph(style="List Bullet" if item.level == 0 else "List Bullet 2"), item)
        elif item.kind == "numbered":
            paragraph = doc.add_paragraph()
            indent = Inches(0.3 + 0.3 * item.level)
            paragraph.paragraph_format.left_indent = indent
            paragraph.paragraph_format.first_line_indent = -Inches(0.3)
            paragraph.paragraph_format.tab_stops.add_tab_stop(indent)
            paragraph.add_run(item.marker + "\t")
            _runs(paragraph, item)
        else:
            paragraph = doc.add_paragraph()
            if item.kind == "slide_number":
                paragraph.alignment = 2  # right: where the slide printed it
            _runs(paragraph, item)
    doc.add_paragraph()  # the blank line between blocks


def _runs(paragraph, item: Text) -> None:
    for part, bold in item.spans:
        paragraph.add_run(part).bold = bold or None


def _table(doc, table: Table) -> None:
    out = doc.add_table(rows=len(table.rows), cols=len(table.rows[0]))
    if table.rows[0][0] != UNRULED:
        out.style = doc.styles["Table Grid"]
    for cells, row in zip(table.rows, out.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)


def main(target: Path = FIXTURES / "writer_letter.pdf") -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{target.stem}.docx"
        document().save(source)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", folder, str(source)], check=True, capture_output=True)
        shutil.copy(source.with_suffix(".pdf"), target)
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
