"""Scoring a table reader on the ICDAR 2013 Table Competition's EU half (`../shared/icdar2013-eu/`, README there),
with the competition's metric, the same way for every reader.

Adjacency relations: each non-empty cell relates to its nearest non-empty neighbour to the right in its row and
below in its column (a spanning cell through every row or column it covers); a relation is (content, content,
direction), content compared after NFKC and with all whitespace removed. Each ground-truth table, as printed
on one page (a region), is matched to the reader's table on that page that gives it the highest F1, each
reader table used once; correct, found and expected relations are summed over the whole set. Numeric-cell
recall: the share of ground-truth cells whose content is a number that appear as a cell of the matched table.
A reader that raises on a PDF has refused it: it found no table there.

`python tests/icdar.py [READER ...]` prints the figures for the readers named (all by default).
"""

from __future__ import annotations

import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO.parent / "shared" / "icdar2013-eu"
# Chosen once, at random (random.Random(21).sample of the 27 PDFs), before any tuning of the reader to the
# suite: the reader is tuned on the other 20 and scored on these apart, to see whether what it learnt holds.
HOLDOUT = ("eu-006", "eu-010", "eu-014", "eu-016", "eu-021", "eu-023", "eu-026")
_NUMBER = re.compile(r"^[-+−–(]*\d[\d.,]*[)%]*$")

# A table as a reader found it: its page and its rows of cells ("" or None for an empty one).
Found = tuple[int, list[list[str | None]]]
Reader = Callable[[Path], list[Found]]


def normal(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    end_row: int
    end_col: int
    content: str


@dataclass
class Truth:
    """One ground-truth table as printed on one page."""

    name: str
    page: int
    cells: list[Cell]


def ground_truth(structure: Path) -> list[Truth]:
    """The tables of one `*-str.xml`, a table per region (page) it is printed on."""
    out = []
    for table in ET.parse(structure).getroot().iter("table"):
        for region in table.iter("region"):
            cells = []
            for cell in region.iter("cell"):
                row, col = int(cell.get("start-row")), int(cell.get("start-col"))
                cells.append(Cell(row, col, int(cell.get("end-row", row)), int(cell.get("end-col", col)),
                                  normal(cell.findtext("content"))))
            out.append(Truth(f"{structure.stem.removesuffix('-str')} table {table.get('id')}",
                             int(region.get("page")), cells))
    return out


def grid(rows: list[list[str | None]]) -> list[Cell]:
    """A reader's table as cells, one per row and column."""
    return [Cell(r, c, r, c, normal(text)) for r, row in enumerate(rows) for c, text in enumerate(row)]


def relations(cells: list[Cell]) -> Counter:
    """The table's adjacency relations, (content, content, direction), counted."""
    filled = [cell for cell in cells if cell.content]
    at: dict[tuple[int, int], Cell] = {}
    for cell in filled:
        for r in range(cell.row, cell.end_row + 1):
            for c in range(cell.col, cell.end_col + 1):
                at.setdefault((r, c), cell)
    last_row = max((cell.end_row for cell in filled), default=0)
    last_col = max((cell.end_col for cell in filled), default=0)
    pairs: set[tuple[int, int, str]] = set()
    for cell in filled:
        for r in range(cell.row, cell.end_row + 1):  # to the right, along every row it covers
            right = next((at[r, c] for c in range(cell.end_col + 1, last_col + 1) if (r, c) in at), None)
            if right is not None:
                pairs.add((id(cell), id(right), "right"))
        for c in range(cell.col, cell.end_col + 1):  # below, along every column it covers
            below = next((at[r, c] for r in range(cell.end_row + 1, last_row + 1) if (r, c) in at), None)
            if below is not None:
                pairs.add((id(cell), id(below), "below"))
    by_id = {id(cell): cell.content for cell in filled}
    return Counter((by_id[a], by_id[b], direction) for a, b, direction in pairs)


@dataclass
class Score:
    correct: int = 0
    found: int = 0
    expected: int = 0
    numbers: int = 0  # numeric ground-truth cells
    numbers_found: int = 0  # of which appear as a cell of the matched table
    refused: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("correct", "found", "expected", "numbers", "numbers_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.refused += other.refused

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def numeric_recall(self) -> float:
        return self.numbers_found / self.numbers if self.numbers else 0.0


def _pair(truth: Truth, found: list[Cell] | None) -> Score:
    expected = relations(truth.cells)
    got = relations(found) if found is not None else Counter()
    numbers = Counter(cell.content for cell in truth.cells if _NUMBER.match(cell.content))
    cells = Counter(cell.content for cell in found or [])
    return Score(sum((expected & got).values()), sum(got.values()), sum(expected.values()),
                 sum(numbers.values()), sum((numbers & cells).values()))


def score_document(truths: list[Truth], found: list[Found]) -> Score:
    """Each ground-truth table matched to the reader's table on its page with the highest F1, each used once
    (the best pairs first)."""
    tables = [(page, grid(rows)) for page, rows in found]
    pairs = sorted(((_pair(truth, cells).f1, t, k) for t, truth in enumerate(truths)
                    for k, (page, cells) in enumerate(tables) if page == truth.page), reverse=True)
    matched: dict[int, int] = {}
    for f1, t, k in pairs:
        if f1 > 0 and t not in matched and k not in matched.values():
            matched[t] = k
    out = Score()
    for t, truth in enumerate(truths):
        out.add(_pair(truth, tables[matched[t]][1] if t in matched else None))
    return out


def documents(names: tuple[str, ...] | None = None) -> list[tuple[str, Path, list[list[Truth]]]]:
    """Each PDF of the suite with its readings of the ground truth (eu-009a has two: the better one counts)."""
    out = []
    for pdf in sorted(SUITE.glob("*.pdf")):
        if names is not None and pdf.stem not in names:
            continue
        readings = [pdf.with_name(f"{pdf.stem}-str.xml")]
        if pdf.stem.endswith("a"):
            readings += sorted(SUITE.glob(f"{pdf.stem[:-1]}[b-z]-str.xml"))
        out.append((pdf.stem, pdf, [ground_truth(path) for path in readings]))
    return out


def score(reader: Reader, names: tuple[str, ...] | None = None) -> tuple[Score, dict[str, Score]]:
    """The reader's score on the suite (or on the PDFs named), in all and by PDF."""
    total, by_pdf = Score(), {}
    for name, pdf, readings in documents(names):
        try:
            found = reader(pdf)
        except Exception as error:  # a reader that stops on a PDF refuses it, whatever the cause
            found = []
            refused = [f"{name}: {type(error).__name__}: {str(error)[:200]}"]
        else:
            refused = []
        best = max((score_document(truths, found) for truths in readings), key=lambda s: (s.f1, s.correct))
        best.refused = refused
        by_pdf[name] = best
        total.add(best)
    return total, by_pdf


# The readers ----------------------------------------------------------------------------------------------


def tip_gms(pdf: Path) -> list[Found]:
    from tip_gms import pdf as reader
    return [(table.page, table.rows) for table in reader.tables(pdf)]


def pdfplumber_default(pdf: Path) -> list[Found]:
    import pdfplumber
    with pdfplumber.open(pdf) as opened:
        return [(page.page_number, table) for page in opened.pages for table in page.extract_tables()]


def camelot(flavor: str) -> Reader:
    def read(pdf: Path) -> list[Found]:
        import camelot as library
        found = library.read_pdf(str(pdf), pages="all", flavor=flavor, suppress_stdout=True)
        return [(int(table.page), table.df.values.tolist()) for table in found]
    read.__name__ = f"camelot_{flavor}"
    return read


READERS: dict[str, Reader] = {
    "tip-gms": tip_gms,
    "pdfplumber extract_tables()": pdfplumber_default,
    **{f"camelot {flavor}": camelot(flavor) for flavor in ("stream", "lattice", "network", "hybrid")},
}


def main(argv: list[str]) -> None:
    """--set all (default), tuning (the suite less the holdout, with each PDF's F1) or holdout."""
    which = argv[argv.index("--set") + 1] if "--set" in argv else "all"
    wanted = [name for name in argv if name in READERS] or list(READERS)
    names = {"all": None, "holdout": HOLDOUT,
             "tuning": tuple(name for name, _, _ in documents() if name not in HOLDOUT)}[which]
    print(f"ICDAR 2013 EU, {which}: {'reader':<30}{'F1':>6}{'numeric':>9}{'refused':>9}")
    for name in wanted:
        total, by_pdf = score(READERS[name], names)
        print(f"{'':<{18 + len(which)}}{name:<30}{total.f1:6.3f}{total.numeric_recall:9.1%}{len(total.refused):9d}")
        if which == "tuning":
            print("   " + " ".join(f"{pdf[3:]}:{s.f1:.2f}/{s.numeric_recall:.0%}" for pdf, s in by_pdf.items()))
            for refusal in total.refused:
                print("   refused", refusal)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "scripts"))
    main(sys.argv[1:])
