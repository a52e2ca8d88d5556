"""The text source as a web page in a layout drawn from a seed (layout.Layout), printed to PDF by headless
Chromium (Debian package `chromium`).

`python -m tests.renditions.random_chromium SEED TARGET.pdf`. The page size, margins, fonts and spacing are
CSS; a title or heading set as several paragraphs is several elements; tables get their rules, padding,
vertical alignment and column widths from the layout (`table-layout: fixed`, so cells wrap), a header
repeated on every page (<thead>) or not, rows that may break or not, and a page break forced through the
longest tables; running headers and footers are page-margin boxes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.renditions.blocks import Table, Text, joined_headings, read, title_parts
from tests.renditions.layout import FEATURES, SANS, Layout

FONTS = {SANS: "'DejaVu Sans'", "serif": "'DejaVu Serif'"}
MARKER_CSS = {"disc": "disc", "circle": "circle", "square": "square", "dash": "'\\2013  '"}
TITLE = "Trafficking in Persons in the Greater Mekong Sub-Region, 2007"


def css(lay: Layout) -> str:
    width, height = lay.size_mm
    top, right, bottom, left = lay.margins
    heading = f"font-family: {FONTS[lay.heading_font]}; font-weight: {'bold' if lay.heading_bold else 'normal'};"
    rules = {"all": "td { border: 0.6pt solid #333; }",
             "outer": "table { border: 0.8pt solid #333; }",
             "horizontal": "td { border-top: 0.6pt solid #333; border-bottom: 0.6pt solid #333; }",
             "none": ""}[lay.rules]
    furniture = ""
    if lay.running_header:
        furniture += f"@top-center {{ content: '{TITLE}'; font-size: 7pt; font-family: {FONTS[lay.body_font]}; }}"
    if lay.running_footer:
        furniture += (f"@bottom-right {{ content: 'Page ' counter(page) ' of ' counter(pages); font-size: 7pt; "
                      f"font-family: {FONTS[lay.body_font]}; }}")
    marker = MARKER_CSS[lay.marker]
    return f"""
@page {{ size: {width}mm {height}mm; margin: {top}mm {right}mm {bottom}mm {left}mm; {furniture} }}
body {{ font-family: {FONTS[lay.body_font]}; font-size: {lay.body_size}pt; line-height: {lay.line_height};
        margin: 0; }}
.block {{ margin: 0 0 {lay.block_gap}em 0; }}
.title {{ break-after: page; }} .doc1 .title, .doc2 .title {{ break-before: page; }}
p, h1, h2, h3, li {{ margin: {lay.space_before}em 0 {lay.space_after}em 0; }}
.block > :first-child {{ margin-top: 0; }} .block > :last-child {{ margin-bottom: 0; }}
h1, h2, h3 {{ {heading} line-height: 1.2; break-after: avoid; }}
.block:has(> h2:last-child) {{ break-after: avoid; }}
h1 {{ font-size: {lay.title_scale}em; font-weight: bold; }} h2, h3 {{ font-size: {lay.heading_scale}em; }}
ul, ol {{ margin: 0; padding-left: {lay.list_indent}em; }}
ul {{ list-style-type: {marker}; }}
table {{ border-collapse: collapse; font-size: {lay.cell_size}pt; margin: 0.2em 0; table-layout: fixed; }}
td {{ padding: {lay.cell_padding[0]}pt {lay.cell_padding[1]}pt; vertical-align: {lay.valign}; text-align: left;
      line-height: 1.2; }}
tr {{ {'' if lay.rows_break else 'break-inside: avoid;'} }} thead tr {{ break-inside: avoid; break-after: avoid; }}
{rules}
.slide-number {{ text-align: right; color: #444; }}
"""


def html(lay: Layout) -> str:
    width = (lay.size_mm[0] - lay.margins[1] - lay.margins[3]) * 72 / 25.4  # the text's width, pt
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'>", f"<title>{TITLE}</title>",
           "<style>", css(lay), "</style></head><body>"]
    for k, doc in enumerate(read()):
        out.append(f"<div class='doc{k}'><div class='title'><div class='block'>")
        if lay.title_split:
            out += [f"<h1>{_spans(line)}</h1>" for line in title_parts(doc.title)]
        else:
            out.append("<h1>" + "<br>".join(_spans(line) for line in doc.title) + "</h1>")
        out.append("</div>")
        out += [_block(block, lay, width) for block in doc.front]
        out.append("</div>")
        body = doc.body if lay.heading_split else joined_headings(doc.body)
        out += [_block(block, lay, width) for block in body]
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out)


def _block(block, lay: Layout, width: float) -> str:
    out, lists = ["<div class='block'>"], []  # lists: the open <ul>/<ol> tags, by level

    def close_to(level):
        while len(lists) > level:
            out.append(f"</li></{lists.pop()}>")

    headings = []
    for item in block:
        if isinstance(item, Text) and item.kind == "heading":
            headings.append(item)
            continue
        if headings:
            out.append(_headings(headings, lay))
            headings = []
        if isinstance(item, Table):
            close_to(0)
            out.append(_table(item, lay, width))
        elif item.kind in ("bullet", "numbered"):
            tag = "ol" if item.marker else "ul"
            if len(lists) > item.level and lists[item.level] == tag:
                close_to(item.level + 1)
                out.append("</li>")
            else:
                close_to(item.level)
                while len(lists) <= item.level:
                    start = f" start='{item.marker[:-1]}'" if item.marker else ""
                    out.append(f"<{tag}{start}>" if len(lists) == item.level else "<ul style='list-style:none'><li>")
                    lists.append(tag if len(lists) == item.level else "ul")
            start = f" value='{item.marker[:-1]}'" if item.marker else ""
            out.append(f"<li{start}>{_spans(item)}")
        else:
            if lists and item.level:  # an indented line under a list item belongs to it
                out.append(f"<p>{_spans(item)}</p>")
                continue
            close_to(0)
            cls = " class='slide-number'" if item.kind == "slide_number" else ""
            out.append(f"<p{cls}>{_spans(item)}</p>")
    close_to(0)
    if headings:
        out.append(_headings(headings, lay))
    out.append("</div>")
    return "\n".join(out)


def _headings(lines: list[Text], lay: Layout) -> str:
    """Heading lines of one block: one element, with a line break between them."""
    return "<h2>" + "<br>".join(_spans(line) for line in lines) + "</h2>"


def _spans(item: Text) -> str:
    return "".join(f"<b>{escape(part)}</b>" if bold else escape(part) for part, bold in item.spans)


def column_widths(table: Table, lay: Layout, width: float) -> list[float]:
    """Each column's width (pt): its longest cell's natural width scaled by the layout, but no narrower than its
    longest word (typesetters do not break a word without a hyphen), within the text's width."""
    def measure(text):  # DejaVu's letters are wider than Helvetica's
        return stringWidth(text, "Helvetica", lay.cell_size) * 1.15 + 2 * lay.cell_padding[1] + 3

    columns = [[row[c] for row in table.rows] for c in range(len(table.rows[0]))]
    floors = [max(measure(word) for cell in column for word in [*cell.split(), ""]) for column in columns]
    widths = [max(max(map(measure, column)) * lay.column_scale, floor) for column, floor in zip(columns, floors,
                                                                                                strict=True)]
    while sum(widths) > width + 0.5 and any(w > f for w, f in zip(widths, floors, strict=True)):
        over = sum(widths) - width
        room = sum(w - f for w, f in zip(widths, floors, strict=True))
        widths = [w - (w - f) * min(1.0, over / room) for w, f in zip(widths, floors, strict=True)]
    return widths


def _table(table: Table, lay: Layout, width: float) -> str:
    header, body = table.rows[:table.header_rows], table.rows[table.header_rows:]
    cols = "".join(f"<col style='width: {w:.1f}pt'>" for w in column_widths(table, lay, width))
    forced = int(len(body) * lay.table_break_at) if len(body) >= 6 and lay.table_break_at else None

    def row(cells, k=None):
        style = " style='break-before: page'" if k is not None and k == forced else ""
        return f"<tr{style}>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>"

    # A header stays with the first row under it; printed again on every page, or only once.
    repeat = "" if lay.header_repeated else " style='display: table-row-group'"
    head = f"<thead{repeat}>{''.join(row(r) for r in header)}</thead>"
    return (f"<table><colgroup>{cols}</colgroup>{head}<tbody>{''.join(row(r, k) for k, r in enumerate(body))}"
            "</tbody></table>")


def render(lay: Layout, target: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="tip-gms-chromium-"))
    try:
        page = folder / "tip_gms_2007.html"
        page.write_text(html(lay))
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-pdf-tagging",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run",
                        "--no-pdf-header-footer", f"--user-data-dir={folder}/profile", f"--print-to-pdf={target}",
                        page.as_uri()], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(seed: str, target: str, *without: str) -> None:
    render(Layout.draw(int(seed), frozenset(FEATURES) - set(without)), Path(target))
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
