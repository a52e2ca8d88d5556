"""The text source typeset by reportlab's page layout engine (platypus) in a layout drawn from a seed
(layout.Layout): pip-installed, so it runs at test time.

`python -m tests.renditions.random_reportlab SEED TARGET.pdf`. Paragraph styles give the fonts (the PDF
standard fonts Times and Helvetica), sizes, spacing and line height; a title or heading set as several
paragraphs is several paragraphs; lists are hanging-indented paragraphs with a bullet of the drawn style;
tables get their rules, padding, vertical alignment and column widths from the layout (cells wrap), a header
repeated on every page or not, and a page break forced through the longest tables; the running header and
footer are drawn on every page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as Grid

from tests.renditions.blocks import Table, Text, joined_headings, read, title_parts
from tests.renditions.layout import FEATURES, SANS, Layout
from tests.renditions.random_chromium import column_widths

FONTS = {SANS: ("Helvetica", "Helvetica-Bold"), "serif": ("Times-Roman", "Times-Bold")}
# The bullets of the standard fonts (reportlab writes its own bullet glyph without a character)
BULLETS = {"disc": ("l", "ZapfDingbats"), "circle": ("m", "ZapfDingbats"), "square": ("n", "ZapfDingbats"),
           "dash": ("-", None)}
RULES = {"all": [("GRID", (0, 0), (-1, -1), 0.5, "black")], "outer": [("BOX", (0, 0), (-1, -1), 0.7, "black")],
         "horizontal": [("LINEBELOW", (0, 0), (-1, -1), 0.5, "black"), ("LINEABOVE", (0, 0), (-1, 0), 0.5, "black")],
         "none": []}


class _Styles:
    def __init__(self, lay: Layout):
        regular, bold = FONTS[lay.body_font]
        self.lay = lay
        size = lay.body_size
        spacing = {"spaceBefore": lay.space_before * size, "spaceAfter": lay.space_after * size}
        self.body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * lay.line_height,
                                   **spacing)
        heading_font = FONTS[lay.heading_font][1 if lay.heading_bold else 0]
        self.heading = ParagraphStyle("heading", fontName=heading_font, fontSize=size * lay.heading_scale,
                                      leading=size * lay.heading_scale * 1.2, keepWithNext=1, **spacing)
        self.title = ParagraphStyle("title", fontName=FONTS[lay.heading_font][1], fontSize=size * lay.title_scale,
                                    leading=size * lay.title_scale * 1.2, **spacing)
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=lay.cell_size, leading=lay.cell_size * 1.2)
        self.bold = bold

    def item(self, level: int) -> ParagraphStyle:
        """A list item's style: its marker at the drawn indent, its text hanging 1.5 em further in."""
        marker = (self.lay.list_indent * (1 + level) - 1) * self.lay.body_size
        bullet_size = 10 if self.lay.odd_marker_size else self.lay.body_size  # 10: reportlab's own default
        return ParagraphStyle(f"item{level}", parent=self.body, bulletIndent=marker, bulletFontSize=bullet_size,
                              leftIndent=marker + 1.5 * self.lay.body_size)


def flowables(lay: Layout, width: float) -> list:
    styles = _Styles(lay)
    out: list = []
    for k, doc in enumerate(read()):
        if k:
            out.append(PageBreak())
        if lay.title_split:
            out += [Paragraph(_markup(line, styles), styles.title) for line in title_parts(doc.title)]
        else:
            out.append(Paragraph("<br/>".join(_markup(line, styles) for line in doc.title), styles.title))
        out.append(Spacer(1, lay.block_gap * lay.body_size))
        for block in doc.front:
            out += _block(block, styles, width)
        out.append(PageBreak())  # the title page ends with the front matter
        for block in (doc.body if lay.heading_split else joined_headings(doc.body)):
            out += _block(block, styles, width)
    return out


def _block(block, styles: _Styles, width: float) -> list:
    lay = styles.lay
    out: list = []
    headings: list[Text] = []

    def flush(last=False):
        if headings:
            style = styles.heading
            if last:  # the gap after the block is the heading's, so that it stays with what follows it
                gap = lay.block_gap * lay.body_size
                style = ParagraphStyle("last", parent=style, spaceAfter=style.spaceAfter + gap)
            out.append(Paragraph("<br/>".join(_markup(line, styles) for line in headings), style))
            headings.clear()

    for item in block:
        if isinstance(item, Text) and item.kind == "heading":
            headings.append(item)
            continue
        flush()
        if isinstance(item, Table):
            out += _table(item, styles, width)
        elif item.kind in ("bullet", "numbered"):
            bullet, font = (item.marker, None) if item.marker else BULLETS[lay.marker]
            style = styles.item(item.level)
            if font:
                style = ParagraphStyle("marker", parent=style, bulletFontName=font)
            out.append(Paragraph(_markup(item, styles), style, bulletText=bullet))
        else:
            style = styles.item(0) if item.level else styles.body
            if item.kind == "slide_number":
                style = ParagraphStyle("number", parent=styles.body, alignment=2)
            out.append(Paragraph(_markup(item, styles), style))
    if headings:
        flush(last=True)
    else:
        out.append(Spacer(1, lay.block_gap * lay.body_size))
    return out


def _markup(item: Text, styles: _Styles) -> str:
    return "".join(f"<font name='{styles.bold}'>{escape(part)}</font>" if bold else escape(part)
                   for part, bold in item.spans)


def _table(table: Table, styles: _Styles, width: float) -> list:
    lay = styles.lay
    rows = [[Paragraph(escape(cell), styles.cell) for cell in row] for row in table.rows]
    commands = [*RULES[lay.rules], ("VALIGN", (0, 0), (-1, -1), lay.valign.upper()),
                ("TOPPADDING", (0, 0), (-1, -1), lay.cell_padding[0]),
                ("BOTTOMPADDING", (0, 0), (-1, -1), lay.cell_padding[0]),
                ("LEFTPADDING", (0, 0), (-1, -1), lay.cell_padding[1]),
                ("RIGHTPADDING", (0, 0), (-1, -1), lay.cell_padding[1])]
    body = len(rows) - table.header_rows
    if body >= 6 and lay.table_break_at:  # a page break forced inside the table, between two rows
        cut = table.header_rows + int(body * lay.table_break_at)
        rest = [*(rows[:table.header_rows] if lay.header_repeated else []), *rows[cut:]]
        return [_grid(rows[:cut], table, commands, lay, width), PageBreak(),
                _grid(rest, table, commands, lay, width)]
    return [_grid(rows, table, commands, lay, width)]


def _grid(rows, table: Table, commands, lay: Layout, width: float) -> Grid:
    return Grid(rows, colWidths=column_widths(table, lay, width), style=TableStyle(commands), hAlign="LEFT",
                repeatRows=table.header_rows if lay.header_repeated else 0, splitByRow=True)


def render(lay: Layout, target: Path) -> None:
    page = tuple(v * mm for v in lay.size_mm)
    top, right, bottom, left = (m * mm for m in lay.margins)
    width = page[0] - left - right
    regular = FONTS[lay.body_font][0]

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 7)
        if lay.running_header:
            canvas.drawCentredString(page[0] / 2, page[1] - top / 2, "Trafficking in Persons in the GMS, 2007")
        if lay.running_footer:
            canvas.drawRightString(page[0] - right, bottom / 2, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(target), pagesize=page, topMargin=top, bottomMargin=bottom, leftMargin=left,
                            rightMargin=right, invariant=True, title="Trafficking in Persons in the GMS, 2007")
    doc.build(flowables(lay, width), onFirstPage=furniture, onLaterPages=furniture)


def main(seed: str, target: str, *without: str) -> None:
    render(Layout.draw(int(seed), frozenset(FEATURES) - set(without)), Path(target))
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
