"""Tables without rules (READING 'unruled table'): runs of lines whose words stand in columns, with the rows
that hold only a label, the cells that wrap onto a line of their own and the header cells wrapped atop the
first row."""

from __future__ import annotations

from itertools import pairwise

from tip_gms.pdf.breaks import joined
from tip_gms.pdf.layout import Grid, Line, Page, chunks, starts_with_marker
from tip_gms.pdf.settings import TOLERANCES as _T
from tip_gms.pdf.words import Word


def _in_columns(line: Line) -> bool:
    """Whether the line has a gap wider than a column gap, and is not justified text (whose gaps are all
    stretched alike)."""
    if line.table is not None or len(chunks(line)) < 2:
        return False
    words = line.words[1:] if starts_with_marker(line) else line.words
    gaps = [b.x0 - a.x1 for a, b in pairwise(words)]
    return len(gaps) == 1 or max(gaps) - min(gaps) > 1  # two words a column gap apart: a two-column row


def _next_row(above: Line, below: Line) -> bool:
    """Rows of a table are often spaced wider than lines of text, but less than two lines apart."""
    return below.top - above.bottom < 2 * below.size


def unruled_tables(page: Page, previous: Grid | None) -> list[Line]:
    """Replace each run of two or more lines in columns by the table they form (READING 'unruled table'); at
    the top of a page, lines in the columns of the table that ends the page before are rows of it."""
    lines, out, i = page.lines, [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and ((_in_columns(lines[j]) and (j == i or _next_row(lines[j - 1], lines[j])))
                                  or (j > i and _wrapped_cell(lines[i:j], lines[j]))
                                  or (j > i and _label_row(lines[i:j], lines[j], lines[j + 1:j + 2]))):
            j += 1
        while j - i >= 2 and out and out[-1] is lines[i - 1] and lines[i - 1].table is None \
                and not starts_with_marker(lines[i - 1]) \
                and _cells_wrap(lines[i - 1], lines[i], _unruled(lines[i:j], 0).columns):
            out.pop()  # the first lines of header cells that wrap onto the table's first row
            i -= 1
        columns = previous.columns if previous and not out and j > i and all(
            _fits(line, previous.columns) for line in lines[i:j]) else None
        table = _unruled(lines[i:j], page.number, columns) if j - i >= 2 or columns else None
        if table is not None and table.width >= 2:  # justified text has wide gaps too, but not in columns
            out.append(Line(page.number, lines[i].top, lines[j - 1].bottom, table=table))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _label_row(run: list[Line], line: Line, after: list[Line]) -> bool:
    """Whether a line of one run of words in the first column of a table without rules, between two of its
    rows, is a row of it that holds only a label (a category, 'Actual', 'Male')."""
    if line.table is not None or starts_with_marker(line) or len(chunks(line)) > 1 or not after \
            or not _next_row(run[-1], line) or not _in_columns(after[0]) or not _next_row(line, after[0]):
        return False
    columns = _unruled(run, 0).columns
    return columns[0][0] - 2 <= line.x0 <= columns[0][1] and line.x1 < columns[1][0] and _fits(after[0], columns)


def _wrapped_cell(run: list[Line], line: Line) -> bool:
    """Whether a line of one run of words, under a row of a table without rules and in one of its columns but
    the first, is part of a cell of that row."""
    if line.table is not None or starts_with_marker(line) or not _next_row(run[-1], line):
        return False
    columns = _unruled(run, 0).columns
    return _fits(line, columns) and not columns[0][0] - 2 <= line.x0 <= columns[0][1]


def _fits(line: Line, columns: list[tuple[float, float]]) -> bool:
    """Whether every word of the line stands in one of the columns, and its runs of words in different ones."""
    found = [_column(word, columns) for word in line.words]
    return None not in found and len({_column(chunk[0], columns) for chunk in chunks(line)}) == len(chunks(line))


def _column(word: Word, columns) -> int | None:
    return next((c for c, (x0, x1) in enumerate(columns) if x0 - 2 <= word.x0 <= x1 + 2), None)


def _unruled(lines: list[Line], number: int, columns=None) -> Grid:
    """The table that lines in columns form: its columns are where words stand, apart by more than a space,
    in all of its lines."""
    if columns is None:
        columns = []
        for word in sorted((w for line in lines for w in line.words), key=lambda w: w.x0):
            if columns and word.x0 - columns[-1][1] < _T.space * word.size:
                columns[-1][1] = max(columns[-1][1], word.x1)
            else:
                columns.append([word.x0, word.x1])
    rows: list[list[list[str]]] = []
    tops: list[float] = []
    opening = False  # the first row holds the first lines of header cells that wrap onto the next line
    for k, line in enumerate(lines):
        cells: list[list[str]] = [[] for _ in columns]
        for word in line.words:
            cells[_column(word, columns)].append(word.text)
        filled = [c for c, cell in enumerate(cells) if cell]
        above = rows[-1] if rows else None
        if opening:  # the header's cells, aligned to the bottom
            for c in filled:
                rows[0][c].append(" ".join(cells[c]))
        elif above and not cells[0] and len(filled) * 2 < len(columns) and all(above[c] for c in filled):
            for c in filled:  # a wrapped cell of the row above
                above[c].append(" ".join(cells[c]))
        else:
            rows.append([[" ".join(cell)] if cell else [] for cell in cells])
            tops.append(line.top)
        opening = len(rows) == 1 and not rows[0][0] and k + 1 < len(lines) and _cells_wrap(line, lines[k + 1],
                                                                                             columns)
    return Grid(number, [[joined(cell) for cell in row] for row in rows], [tuple(c) for c in columns], tops,
                lines[-1].bottom, [w for line in lines for w in line.words])


def _cells_wrap(partial: Line, other: Line, columns) -> bool:
    """Whether a line atop a table's header without rules holds the first lines of header cells that wrap onto
    the line below (cells aligned to the bottom): its first cell is empty, it does not fill every column, it
    stands as close to the other line as the lines of one cell (no more than a block gap), and each of its
    runs of words lies over one run of words of the other line, and no other."""
    runs, others = chunks(partial), chunks(other)
    upper, lower = sorted((partial, other), key=lambda line: line.top)
    if _column(partial.words[0], columns) == 0 or len(runs) >= len(columns) \
            or lower.top - upper.bottom > _T.block_gap * partial.size:
        return False
    return all(sum(a[0].x0 < b[-1].x1 and b[0].x0 < a[-1].x1 for b in others) == 1 for a in runs)
