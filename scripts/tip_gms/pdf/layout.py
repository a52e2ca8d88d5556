"""What the passes of the reader hand on to one another: a page, its visual lines, its tables as grids of
cells; and the line's shape that several passes read (its runs of words, its list marker)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tip_gms.pdf.settings import TOLERANCES
from tip_gms.pdf.words import Word

_MARKER = re.compile(r"^(-|\d+\.)$")  # a bullet or an item number, after which wrapped lines hang


@dataclass(eq=False)
class Grid:
    """One table as printed on one page: its rows of cells, its columns' left and right edges."""

    page: int
    rows: list[list[str]]
    columns: list[tuple[float, float]]
    tops: list[float]
    bottom: float
    words: list[Word] = field(default_factory=list)  # the words placed in its cells
    continued: dict[int, int] = field(default_factory=dict)  # row index -> the later page its row is printed on
    row_words: list[list[Word]] | None = None  # the words of each row, once rows are joined across pages

    def words_of(self, row: int) -> list[Word]:
        """The words printed in a row: on one page, those between its top and the next row's."""
        if self.row_words is not None:
            return self.row_words[row]
        if row >= len(self.tops):
            return []
        top = self.tops[row] if row else float("-inf")
        below = self.tops[row + 1] if row + 1 < len(self.tops) else float("inf")
        return [w for w in self.words if top <= w.cy < below]

    @property
    def width(self) -> int:
        return len(self.columns)

    def page_of(self, row: int) -> int:
        return self.continued.get(row, self.page)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        x0 = min(w.x0 for w in self.words) if self.words else self.columns[0][0]
        x1 = max(w.x1 for w in self.words) if self.words else self.columns[-1][1]
        return (round(x0, 1), round(self.tops[0], 1), round(x1, 1), round(self.bottom, 1))


@dataclass(eq=False)
class Line:
    """A visual line of words, or a table (all its rows) where it stands on the page."""

    page: int
    top: float
    bottom: float
    words: list[Word] = field(default_factory=list)
    table: Grid | None = None
    bullet: bool = False  # starts with a list bullet (its marker is the first word, '-')
    ends_on: int | None = None  # a table continued over pages: the page its last part stands on

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        return max(w.size for w in self.words[:3])

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Page:
    number: int
    width: float
    words: list[Word]  # every word on the page
    lines: list[Line]
    shapes: list[tuple[float, float, float, float]]  # small squares and discs: possible bullets
    dropped: dict[int, str] = field(default_factory=dict)  # the words dropped (by index) and the rule that did
    dropped_lines: list[tuple[str, str]] = field(default_factory=list)  # (rule, text), to show what was dropped
    notes: list[tuple[int, str]] = field(default_factory=list)  # (page, what): layout read as well as it can be


def visual_lines(words: list[Word], number: int) -> list[Line]:
    """Words grouped into visual lines: those whose middles lie within a third of a font size."""
    out: list[Line] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        middle = word.cy
        line = out[-1] if out else None
        if line and abs(middle - (line.top + line.bottom) / 2) <= word.size / 3:
            line.words.append(word)
            line.top, line.bottom = min(line.top, word.top), max(line.bottom, word.bottom)
        else:
            out.append(Line(number, word.top, word.bottom, [word]))
    for line in out:
        line.words.sort(key=lambda w: w.x0)
    return out


def starts_with_marker(line: Line) -> bool:
    """Whether the line starts with a list bullet or an item number."""
    return line.bullet or bool(_MARKER.match(line.words[0].text))


def chunks(line: Line) -> list[list[Word]]:
    """The line's words in runs separated by gaps wider than a column gap (a list marker's gap aside)."""
    out: list[list[Word]] = [[line.words[0]]]
    for k, (a, b) in enumerate(zip(line.words, line.words[1:], strict=False)):
        if b.x0 - a.x1 > TOLERANCES.column_gap * a.size and not (k == 0 and starts_with_marker(line)):
            out.append([b])
        else:
            out[-1].append(b)
    return out
