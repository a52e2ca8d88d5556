"""Reading a PDF source (pdfplumber) into the lines the text reader gives, so every builder reads either.

A page becomes visual lines of words and table rows, top to bottom:
- ruled tables come from pdfplumber's table finder (its default "lines" strategy); each row is one line
  with its cells joined by tabs, as in the text source;
- unruled tables are runs of two or more lines whose words stand in columns (a gap wider than the font
  size), less than a line apart; the page is cropped to the run and read with the finder's "text"
  strategy;
- a line that filled the width and is followed by one at its hanging indent is one wrapped line: the
  parts are joined again;
- a vertical gap wider than half the font size, and every new page, is a blank line (a new block);
- a nested line (indented from the left margin) starts with a space, as in the text source.
Each line carries its page, its number on the page, whether it starts in bold, and, where the PDF uses
more than one font size, whether it is printed larger than the body text (a heading).

`python -m tip_gms.pdf FILE.pdf` prints the lines with their numbers and pages, which is what
`source_line` and `source_page` refer to for a PDF source.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils import cluster_objects
from pdfplumber.utils.exceptions import PdfminerException

from tip_gms.document import Printed
from tip_gms.errors import SourceError

# For unruled tables: with spaces kept, a cell such as "189 (49.7)" is one word, not two columns' worth.
UNRULED = {"vertical_strategy": "text", "horizontal_strategy": "text", "text_keep_blank_chars": True}
_BOLD = re.compile(r"bold|black|heavy", re.IGNORECASE)
_MARKER = re.compile(r"^(-|\d+\.)$")  # a bullet or an item number, after which wrapped lines hang
_SAME_LINE = 2  # pt: words whose tops differ by less stand on one line
_SAME_X = 1.5  # pt: tolerance when comparing left edges
_LARGER = 1.15  # a line printed this much larger than the body text is a heading


@dataclass
class _Line:
    """A visual line: words (a text line) or cells (a table row), where they stand on the page."""

    page: int
    top: float
    bottom: float
    words: list[dict] = field(default_factory=list)
    cells: list[str] | None = None
    table: object = None  # the pdfplumber table a row belongs to

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]

    @property
    def size(self) -> float:
        return self.words[0]["size"]


def read(path: str | Path) -> tuple[list[str], list[Printed]]:
    """The PDF's lines (table rows with tab-separated cells) and where and how each is printed."""
    try:
        with pdfplumber.open(path) as pdf:
            pages, width = [], max((page.width for page in pdf.pages), default=0)
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_page_lines(page, number))
                page.close()  # frees the page's parsed objects
    except (PDFSyntaxError, PdfminerException) as error:
        raise SourceError(f"source file {path} is not a readable PDF ({error})") from None
    lines = [line for page in pages for line in page]
    text = [line for line in lines if line.cells is None]
    if not text:
        raise SourceError(f"source file {path} has no text layer (a scan needs OCR first)")
    sizes: Counter[float] = Counter()
    for line in text:
        for word in line.words:
            sizes[round(word["size"], 1)] += len(word["text"])
    body = sizes.most_common(1)[0][0]
    larger = any(size > body * _LARGER for size in sizes)
    # The text's right edge: where its longest line ends, or as far from the right as it starts from the left.
    left = min(line.x0 for line in text)
    right = max(width - left, *(line.x1 for line in text))
    return _number(_join_wrapped(lines, right), body, left, larger=larger)


def _page_lines(page, number: int) -> list[_Line]:
    tables = page.find_tables()
    words = [w for w in page.extract_words(extra_attrs=["fontname", "size"])
             if not any(_inside(w, table.bbox) for table in tables)]
    lines = [_Line(number, min(w["top"] for w in group), max(w["bottom"] for w in group),
                   sorted(group, key=itemgetter("x0")))
             for group in cluster_objects(words, itemgetter("top"), _SAME_LINE)]
    lines += [row for table in tables for row in _rows(table, number)]
    lines.sort(key=lambda line: line.top)
    return _unruled_tables(page, number, lines)


def _rows(table, number: int, **text_settings) -> list[_Line]:
    """A table's rows, without the empty ones that the "text" strategy finds between rows."""
    return [_Line(number, row.bbox[1], row.bbox[3], cells=[cell or "" for cell in cells], table=table)
            for row, cells in zip(table.rows, table.extract(**text_settings), strict=True) if any(cells)]


def _inside(word: dict, bbox) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _in_columns(line: _Line) -> bool:
    return line.cells is None and any(
        b["x0"] - a["x1"] > a["size"] for a, b in zip(line.words, line.words[1:], strict=False))


def _unruled_tables(page, number: int, lines: list[_Line]) -> list[_Line]:
    """Replace each run of two or more lines in columns by the rows of the table they form."""
    out, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and _in_columns(lines[j]) and (j == i or _next_row(lines[j - 1], lines[j])):
            j += 1
        if j - i < 2:
            out.append(lines[i])
            i += 1
            continue
        run = [w for line in lines[i:j] for w in line.words]
        bbox = (min(w["x0"] for w in run) - 1, lines[i].top - 1,
                max(w["x1"] for w in run) + 1, lines[j - 1].bottom + 1)
        table = page.crop(bbox).find_table(UNRULED)
        out += lines[i:j] if table is None else _rows(table, number, keep_blank_chars=True)
        i = j
    return out


def _next_row(above: _Line, below: _Line) -> bool:
    """Rows of a table are often spaced wider than lines of text, but less than a line apart."""
    return below.top - above.bottom < below.size


def _gap(above: _Line, below: _Line) -> bool:
    """Whether a blank line stands between two lines: a new page, or a gap wider than half the font size
    (between two tables, wider than the rows of a table leave)."""
    if below.page != above.page:
        return True
    if above.table is not None and above.table is below.table:
        return False
    sizes = [line.size for line in (above, below) if line.cells is None]
    return below.top - above.bottom > (min(sizes) / 2 if sizes else _SAME_LINE)


def _join_wrapped(lines: list[_Line], right: float) -> list[list[_Line]]:
    """Group each line with the lines it wrapped onto."""
    out: list[list[_Line]] = []
    for line in lines:
        if out and _continues(out[-1], line, right):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _continues(parts: list[_Line], line: _Line, right: float) -> bool:
    first, last = parts[0], parts[-1]
    if first.cells is not None or line.cells is not None or _gap(last, line) or abs(line.size - last.size) > 0.5:
        return False
    space = 0.3 * line.size
    filled = last.x1 + space + (line.words[0]["x1"] - line.words[0]["x0"]) > right - _SAME_X
    hang = first.words[1]["x0"] if _MARKER.match(first.words[0]["text"]) and len(first.words) > 1 else first.x0
    return filled and abs(line.x0 - hang) <= _SAME_X


def _number(groups: list[list[_Line]], body: float, left: float, *, larger: bool) -> tuple[list[str], list[Printed]]:
    """Number the lines, with a blank line between blocks, as the text reader would see them."""
    raw, printed = [], []
    on_page = 0
    for k, group in enumerate(groups):
        first = group[0]
        if k and _gap(groups[k - 1][-1], first):
            raw.append("")
            printed.append(Printed(first.page))
        if k == 0 or first.page != groups[k - 1][-1].page:
            on_page = 0
        on_page += 1
        if first.cells is not None:
            raw.append("\t".join(" ".join(cell.split()) for cell in first.cells))
            printed.append(Printed(first.page, on_page))
            continue
        words = [w for line in group for w in line.words]
        indent = " " if first.x0 - left > first.size / 2 else ""
        raw.append(indent + " ".join(w["text"] for w in words))
        printed.append(Printed(
            first.page, on_page, bold=bool(_BOLD.search(words[0]["fontname"])),
            heading=first.size > body * _LARGER if larger else None,
        ))
    return raw, printed


if __name__ == "__main__":
    raw_lines, where = read(sys.argv[1])
    for n, (text, at) in enumerate(zip(raw_lines, where, strict=True), start=1):
        print(f"{n:5d}  p{at.page:<3d} {at.line_on_page or '':>3}  {text.replace(chr(9), ' | ')}")
