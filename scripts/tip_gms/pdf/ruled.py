"""Tables bounded by rules (READING 'ruled table'): pdfplumber's table finder, given the rules a table cut by a
page break or drawn without outer vertical rules lacks, and the page's words placed in its cells by where they
stand."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from tip_gms.pdf.breaks import joined
from tip_gms.pdf.layout import Grid, chunks, visual_lines
from tip_gms.pdf.words import Word

_NUMBER = re.compile(r"^[-+−–(]*\d[\d.,\s]*[)%]*$")  # a figure: '1.726', '(12)', '-3,5', '40%', '15 455'


def ruled_tables(page, words: list[Word], notes: list[tuple[int, str]]) -> list[Grid]:
    """The tables the rules on a pdfplumber page bound, with the page's words in their cells; where a word
    is read as well as it can be, `notes` receives what was met (page, what)."""
    framed = page
    if any(map(_invisible, page.rects)):  # a white background is no table's rule
        framed = page.filter(lambda obj: obj["object_type"] != "rect" or not _invisible(obj))
    closing, framing = _closing_rules(framed), _framing_rules(framed)
    settings = {"explicit_horizontal_lines": closing, "explicit_vertical_lines": framing}
    found = framed.find_tables({key: rules for key, rules in settings.items() if rules} or None)
    return [part for table in found for part in _ruled(table, page.page_number, words, notes)]


def _invisible(rect: dict) -> bool:
    """A rectangle filled white without an outline: a background, invisible on the page."""
    colour = rect.get("non_stroking_color")
    white = colour in (1, (1,), (1, 1, 1), (0, 0, 0, 0)) or colour == [1, 1, 1]
    return not rect.get("stroke") and rect.get("fill") and white


def _closing_rules(page) -> list[dict]:
    """The rules a table cut by a page break lacks: where two or more vertical rules end at the same height
    with no horizontal rule across them there (the foot of a row that goes on over the page, or the head of
    its rest), a horizontal rule that closes its cells."""
    edges = page.edges
    vertical = [e for e in edges if e["orientation"] == "v" and e["height"] >= 5]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    ends: dict[int, list[dict]] = defaultdict(list)
    for edge in vertical:
        ends[round(edge["top"])].append(edge)
        ends[round(edge["bottom"])].append(edge)
    out = []
    for y, at in ends.items():
        x0, x1 = min(e["x0"] for e in at), max(e["x1"] for e in at)
        if len(at) >= 2 and x1 - x0 > 5 and not any(abs(h["top"] - y) <= 2 and h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2
                                    for h in horizontal):
            out.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                        "height": 0})
    return out


def _framing_rules(page) -> list[dict]:
    """The rules a table without outer vertical rules lacks: where two horizontal rules of the same extent,
    one above the other, have a vertical rule between them that joins them (the rule between two cells), a
    vertical rule at each end of them closes the row's first and last cells."""
    edges = page.edges
    horizontal = _rules([e for e in edges if e["orientation"] == "h"])
    vertical = [e for e in edges if e["orientation"] == "v" and e["height"] >= 5]
    out = []
    for upper, lower in pairwise(horizontal):
        x0, x1 = upper["x0"], upper["x1"]
        if abs(lower["x0"] - x0) > 2 or abs(lower["x1"] - x1) > 2 or lower["top"] - upper["top"] < 3:
            continue
        between = [e for e in vertical if x0 + 2 < e["x0"] < x1 - 2 and abs(e["top"] - upper["top"]) <= 2
                  and abs(e["bottom"] - lower["top"]) <= 2]
        ends = [x for x in (x0, x1) if not any(abs(e["x0"] - x) <= 2 and e["top"] <= upper["top"] + 2
                                               and e["bottom"] >= lower["top"] - 2 for e in vertical)]
        if between:
            out += [{"object_type": "line", "x0": x, "x1": x, "top": upper["top"], "bottom": lower["top"],
                     "width": 0, "height": lower["top"] - upper["top"]} for x in ends]
    return out


def _rules(horizontal: list[dict]) -> list[dict]:
    """Horizontal rules drawn in pieces (a piece per cell) joined into whole rules, top to bottom."""
    out: list[dict] = []
    for edge in sorted(horizontal, key=lambda e: (round(e["top"]), e["x0"])):
        last = out[-1] if out else None
        if last and abs(edge["top"] - last["top"]) <= 1 and edge["x0"] <= last["x1"] + 1:
            last["x1"] = max(last["x1"], edge["x1"])
        else:
            out.append({"top": edge["top"], "x0": edge["x0"], "x1": edge["x1"]})
    return sorted((rule for rule in out if rule["x1"] - rule["x0"] >= 20), key=lambda rule: rule["top"])


def _ruled(table, number: int, words: list[Word], notes: list[tuple[int, str]]) -> list[Grid]:
    """A table found by its rules, with the words inside it placed in its cells by where they stand; a
    spanning cell whose words stand in columns is split into them (READING 'ruled table')."""
    x0, top, x1, bottom = table.bbox
    taken = [w for w in words if x0 <= w.cx <= x1 and top <= w.cy <= bottom]
    rows = [row for row in table.rows if any(cell is not None for cell in row.cells)]
    cells: list[list[list[Word]]] = [[[] for _ in row.cells] for row in rows]
    for word in taken:
        spot = _cell_of(word, rows)
        if spot is None:  # read as well as it can be: in the row and column it stands in
            r = min(range(len(rows)), key=lambda r: abs(word.cy - (rows[r].bbox[1] + rows[r].bbox[3]) / 2))
            spot = r, _column_at(word.cx, _left_edges(rows, taken))
            notes.append((number, f"the word {word.text!r} lies inside a table but in none of its cells: read "
                                  f"in its row {spot[0] + 1}, column {spot[1] + 1}"))
        cells[spot[0]][spot[1]].append(word)
    _split_spanning(cells, rows, taken)
    widest = max(rows, key=lambda row: len(row.cells))
    columns = [(box[0], box[2]) if box else (0.0, 0.0) for box in widest.cells]
    texts, tops = [], []
    for row_cells, row in zip(cells, rows, strict=True):
        for part, top in _stacked(row_cells, row.bbox[1]):
            texts.append([_cell_text(cell, box or (0, 0, x1 - x0, 0)) for cell, box in
                          zip(part, row.cells, strict=True)])
            tops.append(top)
    out = Grid(number, texts, columns, tops, bottom, taken)
    keep = [i for i, row in enumerate(out.rows) if any(row)]
    out.rows, out.tops = [out.rows[i] for i in keep], [out.tops[i] for i in keep]
    edges = _left_edges(rows, taken)
    bridged = {c for row in rows for k, box in enumerate(row.cells) if box is not None
               for c in range(k + 1, len(row.cells)) if box[2] > edges[c] + 1}
    return _side_by_side(out, bridged)


def _side_by_side(table: Grid, bridged: set[int]) -> list[Grid]:
    """Tables printed side by side, framed as one: split at a column that is empty in every row and that no
    cell spans, where each part has two columns or more (READING 'ruled table')."""
    if not table.rows or any(len(row) != table.width for row in table.rows):
        return [table]
    filled = [any(row[c] for row in table.rows) for c in range(table.width)]
    cuts = [c for c in range(1, table.width - 1) if not filled[c] and c not in bridged
            and any(filled[:c]) and any(filled[c + 1:])]
    parts = [kept for start, end in pairwise([0, *cuts, table.width])
             if (kept := [c for c in range(start, end) if filled[c]])]
    if len(parts) < 2 or any(len(kept) < 2 for kept in parts):  # a table has two columns or more
        return [table]
    out = []
    for keep in parts:
        x0, x1 = table.columns[keep[0]][0], table.columns[keep[-1]][1]
        rows = [[row[c] for c in keep] for row in table.rows]
        tops = [top for top, row in zip(table.tops, rows, strict=True) if any(row)]
        out.append(Grid(table.page, [row for row in rows if any(row)], [table.columns[c] for c in keep], tops,
                        table.bottom, [w for w in table.words if x0 - 1 <= w.cx <= x1 + 1]))
    return out


def _stacked(cells: list[list[Word]], top: float) -> list[tuple[list[list[Word]], float]]:
    """A ruled row whose cells hold rows of their own (rules drawn round a block of rows, not between them):
    where a cell holds two or more lines that are each a number, each line is a row, for a number does not
    wrap; every other word goes to the line it stands on (READING 'ruled table')."""
    numbers = max((lines for cell in cells if len(lines := visual_lines(cell, 0)) > 1
                   and all(_NUMBER.match(line.text) for line in lines)), key=len, default=None)
    if numbers is None:
        return [(cells, top)]
    middles = [(line.top + line.bottom) / 2 for line in numbers]
    parts: list[list[list[Word]]] = [[[] for _ in cells] for _ in middles]
    for c, cell in enumerate(cells):
        for word in cell:
            parts[min(range(len(middles)), key=lambda k: abs(middles[k] - word.cy))][c].append(word)
    return [(part, line.top) for part, line in zip(parts, numbers, strict=True)]


def _cell_of(word: Word, rows) -> tuple[int, int] | None:
    """The first row whose height holds the word's middle (a row is as tall as its tallest cell, so a cell's
    lines stay together) and the cell in it that its middle stands in."""
    for r, row in enumerate(rows):
        if row.bbox[1] - 0.5 <= word.cy <= row.bbox[3] + 0.5:
            c = next((c for c, box in enumerate(row.cells)
                      if box is not None and box[0] - 0.5 <= word.cx <= box[2] + 0.5), None)
            if c is not None:
                return r, c
    return None


def _left_edges(rows, words: list[Word]) -> list[float]:
    """The left edges of the table's columns: its cells' (every column index's leftmost)."""
    edges = [min((row.cells[c][0] for row in rows if row.cells[c] is not None), default=None)
             for c in range(len(rows[0].cells))]
    return [edge if edge is not None else -1.0 for edge in edges]


def _column_at(x: float, edges: list[float]) -> int:
    return max((c for c, edge in enumerate(edges) if edge <= x + 0.5), default=0)


def _split_spanning(cells: list[list[list[Word]]], rows, words: list[Word]) -> None:
    """A cell that spans columns (its rules missing between them) and whose words stand apart in columns
    holds one cell per column: each word goes to the column it stands in; where the rules give too few
    columns, the columns are where the table's words stand (READING 'unruled table')."""
    edges = _left_edges(rows, words)
    for r, row in enumerate(rows):
        for c, box in enumerate(row.cells):
            spanned = [k for k in range(c + 1, len(row.cells)) if row.cells[k] is None
                       and all(row.cells[j] is None for j in range(c + 1, k + 1))]
            if box is None or not spanned or not cells[r][c] or not _stands_apart(cells[r][c]):
                continue
            moved = [(word, _column_at(word.cx, edges)) for word in cells[r][c]]
            if all(k == c or k in spanned for _, k in moved):
                cells[r][c] = []
                for word, k in moved:
                    cells[r][k].append(word)


def _stands_apart(words: list[Word]) -> bool:
    """Whether some line of these words has a gap wider than a column gap."""
    return any(len(chunks(line)) > 1 for line in visual_lines(words, 0))


def _cell_text(words: list[Word], box) -> str:
    """A cell's words, line by line, joined as the text has them."""
    lines = visual_lines(words, 0)
    # A line of one word about as wide as the cell is a word too long for it, broken without a hyphen.
    broken = [len(line.words) == 1 and line.x1 - line.x0 > box[2] - box[0] - 2 * line.size
              and line.text[-1:].isalnum() for line in lines]
    return joined([line.text for line in lines], broken)
