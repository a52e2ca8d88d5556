"""A PDF rendition of a text source, typeset at test time with reportlab, for the PDF reader's tests.

It prints what the text source marks up the way a slide deck would: headings (as the text model finds
them) in a larger size, `**bold**` in bold, bullets and numbered items with hanging indents, long lines
wrapped, a blank line as a gap, every block kept on one page, and a new page (slide) for every document
title and every heading in bold (which in the text ends a title slide). Tables are drawn with rules, except those
listed in `unruled`, which are laid out as aligned text only. Nothing is read back here: the point is a
PDF whose datasets must equal the text source's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from tip_gms.document import BLANK, HEADING, TABLE_ROW, classify, clean

TITLES = [d["title_starts_with"] for s in yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "workflow" / "config.yaml").read_text())["sources"] for d in s["documents"]]

PAGE = landscape(A4)
MARGIN = 40
WIDTH = PAGE[0] - 2 * MARGIN
BODY, HEADING_SIZE, CELL = 10, 13, 8  # font sizes (pt)
LEADING = 1.2  # line height, as a multiple of the font size
GAP = BODY  # the space a blank line leaves between blocks
INDENT = 20  # a nested bullet (a line that starts with a space in the text)
_MARKER = re.compile(r"^(-|\d+\.)\s")  # bullet or item number: later lines hang after it


def write_pdf(raw_lines: Sequence[str], target: Path, *, unruled: Iterable[int] = (),
              section_codes: re.Pattern | None = None) -> int:
    """Typeset the lines as a PDF at `target`; the tables that start at a line number in `unruled` get no
    rules; lines that start with one of the report's `section_codes` are headings. Returns the number of pages."""
    lines = classify(raw_lines, section_codes=section_codes)
    unruled = set(unruled)
    canvas = Canvas(str(target), pagesize=PAGE, invariant=True)
    top = PAGE[1] - MARGIN
    y = top
    for block in _blocks(lines):
        pieces = [_table(rows, ruled=rows[0].number not in unruled) if rows[0].kind == TABLE_ROW
                  else _text(rows[0], bold) for rows, bold in _pieces(block)]
        height = sum(piece.height for piece in pieces)
        new_slide = block[0].bold or block[0].text.startswith(tuple(TITLES))
        if (new_slide or y - GAP - height < MARGIN) and y < top:
            canvas.showPage()
            y = top
        elif y < top:
            y -= GAP
        if y - height < MARGIN:
            raise ValueError(f"the block at line {block[0].number} does not fit on one page")
        for piece in pieces:
            piece.draw(canvas, y)
            y -= piece.height
    canvas.save()
    return canvas.getPageNumber()


def _blocks(lines):
    """Runs of non-blank lines."""
    return [list(run) for blank, run in groupby(lines, key=lambda line: line.kind == BLANK) if not blank]


def _pieces(block):
    """A block's runs of table rows (one table) and its text lines (one each), with each line's bold state.

    A `**` that opens a line makes the line bold up to the next `**`, even on a later line (a bold
    heading of several lines); a pair inside a line is bold in between; a stray closing one is ignored."""
    carry = False
    i = 0
    while i < len(block):
        if block[i].kind == TABLE_ROW:
            j = i
            while j < len(block) and block[j].kind == TABLE_ROW:
                j += 1
            yield block[i:j], None
            i = j
            continue
        raw = block[i].raw
        parts = raw.split("**")
        bold, spans = carry, []
        for k, part in enumerate(parts):
            if k:
                bold = not bold
            spans.append((part, bold))
        carry = bold and (carry or raw.lstrip().startswith("**"))
        yield [block[i]], spans
        i += 1


class _text:
    """One text line, wrapped at the frame's width; later lines hang after a bullet or item number."""

    def __init__(self, line, spans):
        self.size = HEADING_SIZE if line.kind == HEADING else BODY
        self.x = MARGIN + (INDENT if line.raw[:1].isspace() else 0)
        words = [(word, bold) for text, bold in spans for word in clean(text).split(" ") if word]
        marker = _MARKER.match(" ".join(word for word, _ in words))
        self.hang = self._width(words[:1]) + self._space if marker else 0
        self.rows = [[]]
        width = 0.0
        for word in words:
            step = self._width([word]) + (self._space if self.rows[-1] else 0)
            limit = MARGIN + WIDTH - self.x - (self.hang if len(self.rows) > 1 else 0)
            if self.rows[-1] and width + step > limit:
                self.rows.append([])
                width, step = 0.0, self._width([word])
            self.rows[-1].append(word)
            width += step
        self.height = len(self.rows) * self.size * LEADING

    @property
    def _space(self):
        return stringWidth(" ", "Helvetica", self.size)

    def _width(self, words):
        return sum(stringWidth(word, _font(bold), self.size) for word, bold in words)

    def draw(self, canvas, y):
        for i, row in enumerate(self.rows):
            text = canvas.beginText(self.x + (self.hang if i else 0), y - (i + 1) * self.size * LEADING + 2)
            for k, (word, bold) in enumerate(row):
                text.setFont(_font(bold), self.size)
                text.textOut(word + (" " if k + 1 < len(row) else ""))
            canvas.drawText(text)


class _table:
    """Table rows as a reportlab Table: ruled (a grid, wrapped cells) or aligned text without any rule."""

    def __init__(self, rows, *, ruled):
        cells = [[clean(cell) for cell in row.raw.split("\t")] for row in rows]
        style = ParagraphStyle("cell", fontName="Helvetica", fontSize=CELL, leading=CELL * LEADING)
        pad = 6
        if ruled:
            widths = _fit([max(stringWidth(row[c], "Helvetica", CELL) for row in cells) + 2 * pad
                           for c in range(len(cells[0]))], WIDTH)
            data = [[Paragraph(escape(cell), style) for cell in row] for row in cells]
            commands = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
        else:
            widths, data, commands = None, cells, []
        commands += [("FONT", (0, 0), (-1, -1), "Helvetica", CELL), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                     ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad)]
        self.table = Table(data, colWidths=widths, style=TableStyle(commands), hAlign="LEFT")
        _, self.height = self.table.wrap(WIDTH, PAGE[1])

    def draw(self, canvas, y):
        self.table.drawOn(canvas, MARGIN, y - self.height)


def _fit(widths: list[float], total: float) -> list[float]:
    """Column widths within `total`: narrow columns keep their width, wide ones share what is left."""
    widths = list(widths)
    while sum(widths) > total:
        wide = [i for i, w in enumerate(widths) if w > total / len(widths)]
        share = (total - sum(w for i, w in enumerate(widths) if i not in wide)) / len(wide)
        if all(widths[i] <= share for i in wide):
            break
        for i in wide:
            widths[i] = min(widths[i], share)
    return widths


def _font(bold: bool) -> str:
    return "Helvetica-Bold" if bold else "Helvetica"
