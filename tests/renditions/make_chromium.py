"""The text source as a web page printed to PDF by headless Chromium (Debian package `chromium`).

What a browser does that the reader must undo: list bullets drawn by CSS as shapes (discs, circles,
squares) or as a marker glyph ('–'); ruled tables that run across pages, one with its header row repeated
(<thead>), one without, rows allowed to break inside; the Kredtrakhan table without rules; the
browser's own page header (date, title) and footer (address, 'page/pages'); headings over several lines;
A4, serif body text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

from tests.renditions.blocks import FIXTURES, Table, Text, read

UNRULED = "Nationality"  # the Kredtrakhan table (first header cell): printed without rules
REPEATED_HEADER = "Legal Framework"  # the Main Measures table: its header is repeated on every page
CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 20mm; }
body { font-family: 'Liberation Serif'; font-size: 12pt; line-height: 1.3; margin: 0; }
.block { margin: 0 0 0.9em 0; }
.title { break-after: page; } .doc1 .title, .doc2 .title { break-before: page; }
h1, h2, h3 { font-family: 'Liberation Sans'; margin: 0; font-weight: bold; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 13pt; }
p { margin: 0; }
ul, ol { margin: 0; padding-left: 1.6em; }
ul ul { list-style-type: circle; }
.doc1 ul { list-style-type: square; } .doc1 ul ul { list-style-type: disc; }
.doc2 li::marker { content: '\\2013  '; }
table { border-collapse: collapse; font-size: 10pt; margin: 0.2em 0; }
td, th { border: 0.6pt solid #333; padding: 3pt 5pt; vertical-align: top; text-align: left; font-weight: normal; }
table.wide td, table.wide th { padding: 9pt 6pt; }
table.measures { font-size: 11.5pt; }
table.unruled td { border: none; padding: 1pt 10pt 1pt 0; }
.slide-number { text-align: right; color: #444; }
"""


def html() -> str:
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'>",
           "<title>Trafficking in Persons in the Greater Mekong Sub-Region, 2007</title>",
           "<style>", CSS, "</style></head><body>"]
    for k, doc in enumerate(read()):
        out.append(f"<div class='doc{k}'>")
        out.append("<div class='title'>")
        out.append(_block(doc.title, title=True))
        out += [_block(block) for block in doc.front]
        out.append("</div>")
        out += [_block(block) for block in doc.body]
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out)


def _block(block, *, title=False) -> str:
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
            out.append(_heading(headings, title))
            headings = []
        if isinstance(item, Table):
            close_to(0)
            out.append(_table(item))
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
        out.append(_heading(headings, title))
    out.append("</div>")
    return "\n".join(out)


def _heading(lines, title) -> str:
    tag = "h1" if title else ("h3" if len(lines) == 1 and len(lines[0].text) > 40 else "h2")
    return f"<{tag}>" + "<br>".join(_spans(line) for line in lines) + f"</{tag}>"


def _spans(item: Text) -> str:
    return "".join(f"<b>{escape(part)}</b>" if bold else escape(part) for part, bold in item.spans)


def _table(table: Table) -> str:
    header, body = table.rows[:table.header_rows], table.rows[table.header_rows:]
    cls = "unruled" if table.rows[0][0] == UNRULED else ("wide" if len(body) > 8 else "")

    def row(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{escape(cell)}</{tag}>" for cell in cells) + "</tr>"

    if REPEATED_HEADER in table.rows[0]:
        head = "<thead>" + "".join(row(r, "th") for r in header) + "</thead>"
        return f"<table class='measures'>{head}<tbody>{''.join(row(r) for r in body)}</tbody></table>"
    return f"<table class='{cls}'><tbody>{''.join(row(r) for r in table.rows)}</tbody></table>"


def main(target: Path = FIXTURES / "chromium_a4.pdf") -> None:
    folder = Path(tempfile.gettempdir()) / "tip-gms-rendition"  # a fixed address: the footer prints it
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        page = folder / "tip_gms_2007.html"
        page.write_text(html())
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-pdf-tagging",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run",
                        f"--user-data-dir={folder}/profile", f"--print-to-pdf={target}", page.as_uri()],
                       check=True, capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
