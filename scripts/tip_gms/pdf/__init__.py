"""Reading a PDF source (pdfplumber) into the lines the text reader gives, so every builder reads either.

A PDF has no lines, only words and shapes where a typesetter put them. The reader rebuilds the text's lines
by the rules in READING (printed in the codebook, "Reading PDF sources"), page by page, top to bottom:
table rows with their cells joined by tabs, list items starting "- " (nested ones " - "), wrapped lines
joined again, and a blank line wherever the text has a gap between blocks. Words that are not content
(running page headers and footers, page numbers, a table's header repeated on the page it continues on) are
dropped by the rules in DROPPED, and every word on every page is accounted for: a word that reaches neither
a line nor a dropping rule stops the run, naming its page. Layout that the rules cannot read as they say (a
word in a table but in none of its cells, a table whose width changes across a page break) is no reason to
stop: it is read as well as it can be and logged (logger `tip_gms.pdf`), naming the page.

Each line carries its page, its number on the page, whether it starts in bold, and, where the PDF uses more
than one font size, whether it is printed larger than the body text (a heading).

`python -m tip_gms.pdf FILE.pdf [--pages 3-5]` prints the lines with their numbers and pages, which is what
`source_line` and `source_page` refer to for a PDF source, and then what was dropped, by which rule; with
`--tables`, the tables it found (`tables`), as JSON, so that anyone can score them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path

from tip_gms.document import Printed
from tip_gms.errors import SourceError
from tip_gms.pdf import integrity, ocr


@dataclass(frozen=True)
class Tolerances:
    """Every tolerance the reader uses, in one place: READING quotes these values (as pdfplumber's
    TableSettings holds its finder's)."""

    letter_gap: float = 0.15  # font sizes: letters further apart belong to two words
    column_gap: float = 0.6  # font sizes: a wider gap separates two cells
    space: float = 0.35  # font sizes: words closer than this stand in one column of a table without rules
    block_gap: float = 0.5  # font sizes: a wider vertical gap between two lines is a blank line
    larger: float = 1.15  # a line printed this much larger than the body text is a heading
    same_x: float = 1.5  # points: left edges or centres this close are aligned
    furniture_lines: int = 2  # running headers and footers are among the first and last lines of a page


TOLERANCES = Tolerances()
_T = TOLERANCES

# How the reader rebuilds the text's lines: the codebook prints these, in this order.
READING = {
    "ruled table": "Cells bounded by rules (pdfplumber's table finder; a white background without an outline is no "
                   "rule) are a table; each row is one line, its cells joined by tabs. A cell's words over several "
                   "lines are one cell. A table cut by a page break, whose vertical rules end without a horizontal "
                   "one, is closed there; a row between two horizontal rules of the same extent, joined by a rule "
                   "between two of its cells, is closed at both ends. A cell that spans columns (no rules between "
                   f"them) and whose words stand apart in columns (a gap wider than {_T.column_gap} of the font size)"
                   " holds one cell per column, each word in the column it stands in. A cell of two or more lines "
                   "that are each a number holds that many rows, for a number does not wrap: each word goes to the "
                   "row of the line it stands on. Tables side by side, framed as one, are split at a column empty in"
                   " every row that no cell spans, where each has two columns or more. A word inside a table but in "
                   "none of its cells is read in the row and column it stands in, and the reading log says so (page "
                   "and word).",
    "unruled table": f"Two or more lines whose words stand in columns (a gap wider than {_T.column_gap} of the "
                     "font size, "
                     "where not all gaps are alike as in justified text, or two words that far apart), "
                     "less than two lines apart, are a table without rules if they form two columns or more; "
                     "its columns are where its words "
                     f"stand, apart by more than a space ({_T.space} of the font size) in all of its lines. A line "
                     "whose first cell is empty and that fills fewer than half of the columns, each under a "
                     "filled cell, is a wrapped cell of the row above. A line of one run of words in the first "
                     "column, between two rows, is a row that holds only a label (a category, 'Actual'). "
                     "Lines atop the first row whose first cell is empty and that stand as close to the line "
                     "below as the lines of one cell, each run of their words over one run of that line's, are "
                     "its header cells wrapped and aligned to the bottom.",
    "table across pages": "A table that ends a page and a table (or lines in its columns) that starts the next "
                          "one, with as many columns, are one table. Rows at the top of the later page equal to "
                          "the table's first rows are its header repeated (dropped); a first row whose first "
                          "cell is empty is the rest of a row split by the page break, and is joined to it; a "
                          "first row that begins with every cell of the row cut at the foot of the page before "
                          "is that row printed whole again, and replaces it. A "
                          "table followed across a page break by a table of another width is read as two tables, "
                          "and the reading log says so (page and widths).",
    "list bullet": "A line that starts with a bullet glyph (such as •, ◦, ▪, ‣, –, any glyph of a symbol "
                   "font or of Unicode's private use area; or any other symbol, or an 'o', set apart from the "
                   "text like a marker) or with a small square or round shape drawn just left of its first word "
                   "is a list item, read as '- ' and the text.",
    "nesting": "A line indented from the left edge of the text by more than half its font size starts with "
               "a space, as a nested item does in the text source.",
    "wrapped line": "A line that filled the width of the text (the next line's first word would not have fit "
                    "after it) and is followed by one at its indent (or at the hanging indent after its list "
                    "marker, or centred like it) is one line with it, also across a page break (but "
                    "not where a paragraph's line ends a sentence and the next page starts with a capital).",
    "word broken at a line end": "Where a wrapped line or a cell's line ends in a hyphen inside a word (not a "
                                 "dash standing alone), the next part is joined without a space ('Inter-' + "
                                 "'Ministerial' is 'Inter-Ministerial', '(-' + '2010)' is '(-2010)'), and so is "
                                 "the rest of a word too long for its table cell (a line of one word about as "
                                 "wide as the cell, ending in a letter or digit, unless it ends in a small letter "
                                 "and the next part does not start with one: 'Suppression' + 'Act.' is two "
                                 "words), and so is a slash between letters ('Centers/' + 'shelters' is "
                                 "'Centers/shelters'); other parts are joined with one "
                                 "space, as is a hyphen left hanging before 'and', 'or', 'nor' or 'to' ('women- "
                                 "and children-trafficking'). A PDF does not say whether the text had a space "
                                 "after any other hyphen ('inter- ministerial'), or after a slash before a "
                                 "letter: broken there, it reads without one ('No. 5/ 2005', before a digit, "
                                 "keeps its space).",
    "block": f"A vertical gap wider than {_T.block_gap} of the font size, and a page break that neither a "
             "wrapped line nor a table crosses, is a blank line (a new block).",
    "heading": f"Where the PDF uses more than one font size, a line printed more than {_T.larger} times larger "
               "than the body text (the size most text is printed in, in the whole PDF or, where smaller, on its "
               "page), or a line all in bold that is not a list item, is a heading.",
}
# Words the reader drops, each by a named rule; anything else on a page reaches a line.
DROPPED = {
    "running header or footer": "A line among the first or last two of its page whose text, with every number "
                                "masked, recurs at the same height on more than half of the pages: page "
                                "headers, footers and page numbers ('Page 3 of 30', '3/30', '- 3 -').",
    "repeated table header": "The header rows of a table repeated at the top of a page it continues on.",
}
_LOG = logging.getLogger("tip_gms.pdf")
_SHOW = ".venv/bin/python -m tip_gms.pdf"  # the command as a user runs it, from the repository
_HINT = f"`{_SHOW} {{path}} --pages {{page}}` shows what was read there"
# A builder's error, by what it says, points to the reading step that most likely failed (READING).
_STEPS = [
    (re.compile(r"\btables?\b|\brows?\b|\bcells?\b|\bcolumns?\b|\bheader\b", re.IGNORECASE),
     "'ruled table', 'unruled table' or 'table across pages'"),
    (re.compile(r"\bbullets?\b|\bitems?\b|\blist", re.IGNORECASE), "'list bullet' or 'wrapped line'"),
    (re.compile(r"title slide|front matter", re.IGNORECASE), "'block' (the title's page is its title slide)"),
    (re.compile(r"heading|section|names the country", re.IGNORECASE), "'heading' or 'block'"),
]

_BOLD = re.compile(r"bold|black|heavy", re.IGNORECASE)
_SYMBOL_FONT = re.compile(r"symbol|dingbat|wingding|webding|cmsy|msam", re.IGNORECASE)
_UNMAPPED = re.compile(r"^\(cid:\d+\)$")  # a glyph the PDF gives no character for, as pdfminer names it
_BULLETS = set("•◦▪▫■□●○‣⁃∙·–—➢➤►▶▸▹✓✔❖◆◇*-")
_MARKER = re.compile(r"^(-|\d+\.)$")  # a bullet or an item number, after which wrapped lines hang
_BROKEN = re.compile(r"\S-$")  # a line that ends in a hyphen inside a word, not in a dash standing alone
_SUSPENDED = re.compile(r"(and|or|nor|to)\b")  # 'women- and children-trafficking': a hyphen left hanging
_SLASHED = re.compile(r"[^\W\d_]/$")  # 'Centers/' + 'shelters': words joined by a slash
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"^[-+−–(]*\d[\d.,\s]*[)%]*$")  # a figure: '1.726', '(12)', '-3,5', '40%', '15 455'


@dataclass(eq=False)
class _Table:
    """One table as printed on one page: its rows of cells, its columns' left and right edges."""

    page: int
    rows: list[list[str]]
    columns: list[tuple[float, float]]
    tops: list[float]
    bottom: float
    words: list[dict] = field(default_factory=list)  # the words placed in its cells
    continued: dict[int, int] = field(default_factory=dict)  # row index -> the later page its row is printed on
    row_words: list[list[dict]] | None = None  # the words of each row, once rows are joined across pages

    def words_of(self, row: int) -> list[dict]:
        """The words printed in a row: on one page, those between its top and the next row's."""
        if self.row_words is not None:
            return self.row_words[row]
        if row >= len(self.tops):
            return []
        top = self.tops[row] if row else float("-inf")
        below = self.tops[row + 1] if row + 1 < len(self.tops) else float("inf")
        return [w for w in self.words if top <= _cy(w) < below]

    @property
    def width(self) -> int:
        return len(self.columns)

    def page_of(self, row: int) -> int:
        return self.continued.get(row, self.page)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        x0 = min(w["x0"] for w in self.words) if self.words else self.columns[0][0]
        x1 = max(w["x1"] for w in self.words) if self.words else self.columns[-1][1]
        return (round(x0, 1), round(self.tops[0], 1), round(x1, 1), round(self.bottom, 1))


@dataclass(eq=False)
class _Line:
    """A visual line of words, or a table (all its rows) where it stands on the page."""

    page: int
    top: float
    bottom: float
    words: list[dict] = field(default_factory=list)
    table: _Table | None = None
    bullet: bool = False  # starts with a list bullet (its marker is the first word, '-')
    ends_on: int | None = None  # a table continued over pages: the page its last part stands on

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]

    @property
    def size(self) -> float:
        return max(w["size"] for w in self.words[:3])

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass
class _Page:
    number: int
    width: float
    words: list[dict]  # every word pdfplumber finds on the page, each with its index "i"
    lines: list[_Line]
    shapes: list[tuple[float, float, float, float]]  # small squares and discs: possible bullets
    dropped: dict[int, str] = field(default_factory=dict)  # the words dropped (by index) and the rule that did
    dropped_lines: list[tuple[str, str]] = field(default_factory=list)  # (rule, text), to show what was dropped
    notes: list[tuple[int, str]] = field(default_factory=list)  # (page, what): layout read as well as it can be


def read(path: str | Path, dropped: list[tuple[int, str, str]] | None = None, *,
         data: bytes | None = None, scan: ocr.Options = ocr.DEFAULT) -> tuple[list[str], list[Printed]]:
    """The PDF's lines (table rows with tab-separated cells) and where and how each is printed; `dropped`, if
    given, receives what was dropped: (page, rule, text). `data` is the file's content where it was read
    already (and its sha256 checked): what is read is then exactly that, whatever happens to the file. A
    scanned page is read by OCR as `scan` says (tip_gms.pdf.ocr)."""
    pages = _read_pages(path, data, scan)
    lines = _join_tables(pages)
    _log(pages, path)
    if dropped is not None:
        dropped += [(page.number, rule, text) for page in pages for rule, text in page.dropped_lines]
    return _number(_join_wrapped(lines, pages))


def _log(pages: list[_Page], path) -> None:
    """Say where layout was read as well as it could be rather than as the rules say (the reading log)."""
    for page in pages:
        for number, what in page.notes:
            _LOG.warning("%s, page %d: %s (%s)", path, number, what, _HINT.format(path=path, page=number))


@dataclass(frozen=True)
class Table:
    """A table as the reader found it on one page: its bounding box (x0, top, x1, bottom, in points from the
    page's top left, as pdfplumber gives them) and its rows of cells, before a table continued across a page
    break is joined."""

    page: int
    bbox: tuple[float, float, float, float]
    rows: list[list[str]]


def tables(path: str | Path, *, data: bytes | None = None) -> list[Table]:
    """Every table the reader finds in the PDF, page by page, as it reads them into lines (read)."""
    pages = _read_pages(path, data)
    _log(pages, path)
    return [Table(line.page, line.table.bbox, [list(row) for row in line.table.rows])
            for page in pages for line in page.lines if line.table is not None]


def _read_pages(path: str | Path, data: bytes | None, scan: ocr.Options = ocr.DEFAULT) -> list[_Page]:
    """Every page read into its lines and tables, every word accounted for."""
    import pdfplumber  # here, not above: importing this module (for its rules) must stay cheap
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    data = Path(path).read_bytes() if data is None else data
    integrity.check(data, path)
    try:
        with _data_loss_refused(path) as refuse_any, pdfplumber.open(io.BytesIO(data)) as pdf:
            refuse_any(None)
            scanned = ocr.read(ocr.scans(pdf, data, scan), scan)  # page number -> its words, by OCR
            pages = []
            for page in pdf.pages:
                read_page = _read_page(page, path, scanned.get(page.page_number))
                page.close()  # frees the page's parsed objects
                refuse_any(page.page_number)
                pages.append(read_page)
    except (PDFSyntaxError, PdfminerException) as error:
        cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise SourceError(f"source file {path} is an encrypted PDF (it asks for a password): save an unprotected "
                              "copy, e.g. by printing it to PDF, and pin that") from None
        raise SourceError(f"source file {path} is not a readable PDF ({type(cause).__name__}: {cause or 'no detail'})"
                          ) from None
    if not pages:
        raise SourceError(f"source file {path} has no pages")
    if not any(page.words for page in pages):
        raise SourceError(f"source file {path} has no text layer (a scan needs OCR first)")
    _drop_furniture(pages)
    previous = None  # the table that ends the page before, if one does
    for page in pages:
        _find_bullets(page)
        _refuse_unmapped(page, path)
        page.lines = _unruled_tables(page, previous)
        previous = page.lines[-1].table if page.lines else None
        _account(page, path)
    return pages


# What pdfminer warns of that loses no text: a permission flag that asks readers not to extract text (the
# report is public; the flag is ignored as pdfminer ignores it), and a style of page labels it does not know.
_NO_LOSS = re.compile(r"should not allow text extraction|Unknown page label style")


@contextlib.contextmanager
def _data_loss_refused(path):
    """pdfminer logs what it could not read (a stream that lost data, a font it could not parse, an operator
    that makes no sense) and reads on: here each such warning stops the run, naming the page it was met on."""
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: None if _NO_LOSS.search(message := record.getMessage()) else warnings.append(message)
    logger = logging.getLogger("pdfminer")
    logger.addHandler(handler)

    def refuse_any(page: int | None) -> None:
        if warnings:
            raise SourceError(f"source file {path} is damaged: {f'reading page {page}' if page else 'opening it'}, "
                              f"pdfminer could not read all of it ({warnings[0][:200]}); " + integrity.WHAT_TO_DO,
                              page=page)
    try:
        yield refuse_any
    finally:
        logger.removeHandler(handler)


def located(error: SourceError, page: int | None, path: str | Path) -> SourceError:
    """A builder's error on a PDF source, with its page, the reading step that most likely failed, and the
    command that shows what was read there."""
    step = next((step for pattern, step in _STEPS if pattern.search(error.problem)), "'wrapped line' or 'block'")
    show = f"`{_SHOW} {path}" + (f" --pages {page}`" if page else "`")
    return error.where(page=page, hint=f"reading step most likely at fault: {step}, see the codebook, 'Reading "
                                       f"PDF sources'; {show} shows what was read there")


# Reading a page -------------------------------------------------------------------------------------------


def _read_page(page, path, scanned: ocr.Read | None = None) -> _Page:
    # Letters further apart than a share of their size (letter_gap) belong to two words: the gap between two
    # table cells may be narrower than pdfplumber's default of 3 pt.
    if len(page.chars) > integrity.LIMITS.chars_per_page:
        raise SourceError(f"source file {path}: page {page.page_number} prints {len(page.chars):,} characters, more "
                          f"than the limit of {integrity.LIMITS.chars_per_page:,} "
                          "(tip_gms.pdf.integrity.Limits.chars_per_page); is it the report?", page=page.page_number)
    words = scanned.words if scanned is not None else page.extract_words(extra_attrs=["fontname", "size"],
                                                                    x_tolerance_ratio=_T.letter_gap)
    for i, word in enumerate(words):
        word["i"] = i
    if scanned is not None:
        scanned.draw_rules(page)
    framed = page
    if any(map(_invisible, page.rects)):  # a white background is no table's rule
        framed = page.filter(lambda obj: obj["object_type"] != "rect" or not _invisible(obj))
    closing, framing = _closing_rules(framed), _framing_rules(framed)
    settings = {"explicit_horizontal_lines": closing, "explicit_vertical_lines": framing}
    found = framed.find_tables({key: rules for key, rules in settings.items() if rules} or None)
    notes: list[tuple[int, str]] = []
    tables = [part for table in found for part in _ruled(table, page.page_number, words, notes)]
    inside = {word["i"] for table in tables for word in table.words}
    lines = _lines([w for w in words if w["i"] not in inside], page.page_number)
    lines += [_Line(page.page_number, table.tops[0], table.bottom, table=table) for table in tables if table.rows]
    lines.sort(key=lambda line: line.top)
    shapes = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in (*page.rects, *page.curves)
              if 1.5 < o["width"] < 9 and 1.5 < o["height"] < 9 and abs(o["width"] - o["height"]) < 1]
    shapes += scanned.shapes if scanned is not None else []
    return _Page(page.page_number, page.width, words, lines, shapes, notes=notes)


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
        joined = [e for e in vertical if x0 + 2 < e["x0"] < x1 - 2 and abs(e["top"] - upper["top"]) <= 2
                  and abs(e["bottom"] - lower["top"]) <= 2]
        ends = [x for x in (x0, x1) if not any(abs(e["x0"] - x) <= 2 and e["top"] <= upper["top"] + 2
                                               and e["bottom"] >= lower["top"] - 2 for e in vertical)]
        if joined:
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


def _lines(words: list[dict], number: int) -> list[_Line]:
    """Words grouped into visual lines: those whose middles lie within a third of a font size."""
    out: list[_Line] = []
    for word in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        line = out[-1] if out else None
        if line and abs(middle - (line.top + line.bottom) / 2) <= word["size"] / 3:
            line.words.append(word)
            line.top, line.bottom = min(line.top, word["top"]), max(line.bottom, word["bottom"])
        else:
            out.append(_Line(number, word["top"], word["bottom"], [word]))
    for line in out:
        line.words.sort(key=lambda w: w["x0"])
    return out


def _ruled(table, number: int, words: list[dict], notes: list[tuple[int, str]]) -> list[_Table]:
    """A table found by its rules, with the words inside it placed in its cells by where they stand; a
    spanning cell whose words stand in columns is split into them (READING 'ruled table')."""
    x0, top, x1, bottom = table.bbox
    taken = [w for w in words if x0 <= _cx(w) <= x1 and top <= _cy(w) <= bottom]
    rows = [row for row in table.rows if any(cell is not None for cell in row.cells)]
    cells: list[list[list[dict]]] = [[[] for _ in row.cells] for row in rows]
    for word in taken:
        spot = _cell_of(word, rows)
        if spot is None:  # read as well as it can be: in the row and column it stands in
            r = min(range(len(rows)), key=lambda r: abs(_cy(word) - (rows[r].bbox[1] + rows[r].bbox[3]) / 2))
            spot = r, _column_at(_cx(word), _left_edges(rows, taken))
            notes.append((number, f"the word {word['text']!r} lies inside a table but in none of its cells: read "
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
    out = _Table(number, texts, columns, tops, bottom, taken)
    keep = [i for i, row in enumerate(out.rows) if any(row)]
    out.rows, out.tops = [out.rows[i] for i in keep], [out.tops[i] for i in keep]
    edges = _left_edges(rows, taken)
    bridged = {c for row in rows for k, box in enumerate(row.cells) if box is not None
               for c in range(k + 1, len(row.cells)) if box[2] > edges[c] + 1}
    return _side_by_side(out, bridged)


def _side_by_side(table: _Table, bridged: set[int]) -> list[_Table]:
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
        out.append(_Table(table.page, [row for row in rows if any(row)], [table.columns[c] for c in keep], tops,
                          table.bottom, [w for w in table.words if x0 - 1 <= _cx(w) <= x1 + 1]))
    return out


def _stacked(cells: list[list[dict]], top: float) -> list[tuple[list[list[dict]], float]]:
    """A ruled row whose cells hold rows of their own (rules drawn round a block of rows, not between them):
    where a cell holds two or more lines that are each a number, each line is a row, for a number does not
    wrap; every other word goes to the line it stands on (READING 'ruled table')."""
    numbers = max((lines for cell in cells if len(lines := _lines(cell, 0)) > 1
                   and all(_NUMBER.match(line.text) for line in lines)), key=len, default=None)
    if numbers is None:
        return [(cells, top)]
    middles = [(line.top + line.bottom) / 2 for line in numbers]
    parts: list[list[list[dict]]] = [[[] for _ in cells] for _ in middles]
    for c, cell in enumerate(cells):
        for word in cell:
            parts[min(range(len(middles)), key=lambda k: abs(middles[k] - _cy(word)))][c].append(word)
    return [(part, line.top) for part, line in zip(parts, numbers, strict=True)]


def _cell_of(word: dict, rows) -> tuple[int, int] | None:
    """The first row whose height holds the word's middle (a row is as tall as its tallest cell, so a cell's
    lines stay together) and the cell in it that its middle stands in."""
    for r, row in enumerate(rows):
        if row.bbox[1] - 0.5 <= _cy(word) <= row.bbox[3] + 0.5:
            c = next((c for c, box in enumerate(row.cells)
                      if box is not None and box[0] - 0.5 <= _cx(word) <= box[2] + 0.5), None)
            if c is not None:
                return r, c
    return None


def _left_edges(rows, words: list[dict]) -> list[float]:
    """The left edges of the table's columns: its cells' (every column index's leftmost)."""
    edges = [min((row.cells[c][0] for row in rows if row.cells[c] is not None), default=None)
             for c in range(len(rows[0].cells))]
    return [edge if edge is not None else -1.0 for edge in edges]


def _column_at(x: float, edges: list[float]) -> int:
    return max((c for c, edge in enumerate(edges) if edge <= x + 0.5), default=0)


def _split_spanning(cells: list[list[list[dict]]], rows, words: list[dict]) -> None:
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
            moved = [(word, _column_at(_cx(word), edges)) for word in cells[r][c]]
            if all(k == c or k in spanned for _, k in moved):
                cells[r][c] = []
                for word, k in moved:
                    cells[r][k].append(word)


def _stands_apart(words: list[dict]) -> bool:
    """Whether some line of these words has a gap wider than a column gap."""
    return any(len(_chunks(line)) > 1 for line in _lines(words, 0))


def _cx(word: dict) -> float:
    return (word["x0"] + word["x1"]) / 2


def _cy(word: dict) -> float:
    return (word["top"] + word["bottom"]) / 2


def _cell_text(words: list[dict], box) -> str:
    """A cell's words, line by line, joined as the text has them."""
    lines = _lines(words, 0)
    # A line of one word about as wide as the cell is a word too long for it, broken without a hyphen.
    broken = [len(line.words) == 1 and line.x1 - line.x0 > box[2] - box[0] - 2 * line.size
              and line.text[-1:].isalnum() for line in lines]
    return _joined([line.text for line in lines], broken)


def _joined(parts: list[str], broken: list[bool] | None = None) -> str:
    """Parts of a text broken over lines, joined again (READING 'word broken at a line end')."""
    out = ""
    for k, part in enumerate(parts):
        new_word = out[-1:].islower() and not part[:1].islower()  # 'Suppression' + 'Act.', not '(MWA' + 'F),'
        glued = k and ((_BROKEN.search(out) and part[:1].isalnum() and not _SUSPENDED.match(part))
                       or (_SLASHED.search(out) and part[:1].isalpha())
                       or (broken and broken[k - 1] and not new_word))  # a word too long for its cell
        out = out + part if glued else f"{out} {part}".strip()
    return out


# Page headers, footers and numbers ------------------------------------------------------------------------


def _drop_furniture(pages: list[_Page]) -> None:
    """Drop the running headers and footers (DROPPED 'running header or footer')."""
    def candidates(page):
        text = [line for line in page.lines if line.table is None]
        return {id(line): line for line in (*text[:_T.furniture_lines], *text[-_T.furniture_lines:])}.values()

    def key(line):  # without spaces, which OCR may put in other places on every page
        return _DIGITS.sub("#", line.text.replace(" ", "")), round(line.top / 3)

    seen: dict[tuple, set[int]] = defaultdict(set)
    for page in pages:
        for line in candidates(page):
            seen[key(line)].add(page.number)
    recurring = {k for k, on in seen.items() if len(on) >= 2 and len(on) * 2 > len(pages)}
    for page in pages:
        for line in candidates(page):
            if key(line) in recurring:
                page.lines.remove(line)
                page.dropped |= dict.fromkeys((w["i"] for w in line.words), "running header or footer")
                page.dropped_lines.append(("running header or footer", line.text))


# List bullets ---------------------------------------------------------------------------------------------


def _find_bullets(page: _Page) -> None:
    """Read list bullets, printed as glyphs or drawn as shapes, as the text's '-' (READING 'list bullet')."""
    for line in page.lines:
        if line.table is not None:
            continue
        first = line.words[0]
        if len(line.words) > 1 and _is_bullet_glyph(first, line.words[1]):
            line.words[0] = {**first, "text": "-", "fontname": "marker"}
            line.bullet = True
            continue
        shape = next((s for s in page.shapes if s[2] <= first["x0"] and first["x0"] - s[2] < 2.5 * first["size"]
                      and line.top <= (s[1] + s[3]) / 2 <= line.bottom), None)
        if shape is not None:
            marker = {**first, "text": "-", "x0": shape[0], "x1": shape[2], "fontname": "marker", "i": None}
            line.words.insert(0, marker)
            line.bullet = True


def _refuse_unmapped(page: _Page, path) -> None:
    """Stop at words whose glyphs the PDF gives no characters for (pdfminer's '(cid:12)', or Unicode's private
    use area), once the bullets among them are read: their text would be garbage in the datasets."""
    words = [w for line in page.lines for w in (line.table.words if line.table else line.words)
             if w.get("fontname") != "marker"]
    unmapped = [w for w in words if "(cid:" in w["text"] or any(unicodedata.category(c) == "Co" for c in w["text"])]
    if unmapped:
        shown = " ".join(w["text"] for w in unmapped[:5])[:120]
        raise SourceError(f"source file {path}: page {page.number} prints {len(unmapped)} word(s) in glyphs that the "
                          f"PDF gives no characters for ({shown!r}, font {unmapped[0]['fontname']}): their text cannot "
                          "be read. Make the PDF again with fonts that map their glyphs to Unicode (most typesetters "
                          "do), or use the text source", page=page.number)


def _is_bullet_glyph(word: dict, after: dict) -> bool:
    text = word["text"]
    if _UNMAPPED.match(text):
        return bool(_SYMBOL_FONT.search(word["fontname"]))
    set_apart = after["x0"] - word["x1"] > _T.column_gap * word["size"]
    if len(text) == 1 and (not text.isalnum() or text == "o") and set_apart:  # 'o': a word processor's bullet
        return True
    return len(text) == 1 and (text in _BULLETS or unicodedata.category(text) == "Co"  # Unicode's private use
                               or bool(_SYMBOL_FONT.search(word["fontname"])))


# Tables without rules -------------------------------------------------------------------------------------


def _starts_with_marker(line: _Line) -> bool:
    return line.bullet or bool(_MARKER.match(line.words[0]["text"]))


def _chunks(line: _Line) -> list[list[dict]]:
    """The line's words in runs separated by gaps wider than a column gap (a list marker's gap aside)."""
    out: list[list[dict]] = [[line.words[0]]]
    for k, (a, b) in enumerate(zip(line.words, line.words[1:], strict=False)):
        if b["x0"] - a["x1"] > _T.column_gap * a["size"] and not (k == 0 and _starts_with_marker(line)):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _in_columns(line: _Line) -> bool:
    """Whether the line has a gap wider than a column gap, and is not justified text (whose gaps are all
    stretched alike)."""
    if line.table is not None or len(_chunks(line)) < 2:
        return False
    words = line.words[1:] if _starts_with_marker(line) else line.words
    gaps = [b["x0"] - a["x1"] for a, b in pairwise(words)]
    return len(gaps) == 1 or max(gaps) - min(gaps) > 1  # two words a column gap apart: a two-column row


def _next_row(above: _Line, below: _Line) -> bool:
    """Rows of a table are often spaced wider than lines of text, but less than two lines apart."""
    return below.top - above.bottom < 2 * below.size


def _unruled_tables(page: _Page, previous: _Table | None) -> list[_Line]:
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
                and not _starts_with_marker(lines[i - 1]) \
                and _cells_wrap(lines[i - 1], lines[i], _unruled(lines[i:j], 0).columns):
            out.pop()  # the first lines of header cells that wrap onto the table's first row
            i -= 1
        columns = previous.columns if previous and not out and j > i and all(
            _fits(line, previous.columns) for line in lines[i:j]) else None
        table = _unruled(lines[i:j], page.number, columns) if j - i >= 2 or columns else None
        if table is not None and table.width >= 2:  # justified text has wide gaps too, but not in columns
            out.append(_Line(page.number, lines[i].top, lines[j - 1].bottom, table=table))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _label_row(run: list[_Line], line: _Line, after: list[_Line]) -> bool:
    """Whether a line of one run of words in the first column of a table without rules, between two of its
    rows, is a row of it that holds only a label (a category, 'Actual', 'Male')."""
    if line.table is not None or _starts_with_marker(line) or len(_chunks(line)) > 1 or not after \
            or not _next_row(run[-1], line) or not _in_columns(after[0]) or not _next_row(line, after[0]):
        return False
    columns = _unruled(run, 0).columns
    return columns[0][0] - 2 <= line.x0 <= columns[0][1] and line.x1 < columns[1][0] and _fits(after[0], columns)


def _wrapped_cell(run: list[_Line], line: _Line) -> bool:
    """Whether a line of one run of words, under a row of a table without rules and in one of its columns but
    the first, is part of a cell of that row."""
    if line.table is not None or _starts_with_marker(line) or not _next_row(run[-1], line):
        return False
    columns = _unruled(run, 0).columns
    return _fits(line, columns) and not columns[0][0] - 2 <= line.x0 <= columns[0][1]


def _fits(line: _Line, columns: list[tuple[float, float]]) -> bool:
    """Whether every word of the line stands in one of the columns, and its runs of words in different ones."""
    found = [_column(word, columns) for word in line.words]
    return None not in found and len({_column(chunk[0], columns) for chunk in _chunks(line)}) == len(_chunks(line))


def _column(word: dict, columns) -> int | None:
    return next((c for c, (x0, x1) in enumerate(columns) if x0 - 2 <= word["x0"] <= x1 + 2), None)


def _unruled(lines: list[_Line], number: int, columns=None) -> _Table:
    """The table that lines in columns form: its columns are where words stand, apart by more than a space,
    in all of its lines."""
    if columns is None:
        columns = []
        for word in sorted((w for line in lines for w in line.words), key=lambda w: w["x0"]):
            if columns and word["x0"] - columns[-1][1] < _T.space * word["size"]:
                columns[-1][1] = max(columns[-1][1], word["x1"])
            else:
                columns.append([word["x0"], word["x1"]])
    rows: list[list[list[str]]] = []
    tops: list[float] = []
    opening = False  # the first row holds the first lines of header cells that wrap onto the next line
    for k, line in enumerate(lines):
        cells: list[list[str]] = [[] for _ in columns]
        for word in line.words:
            cells[_column(word, columns)].append(word["text"])
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
    return _Table(number, [[_joined(cell) for cell in row] for row in rows], [tuple(c) for c in columns], tops,
                  lines[-1].bottom, [w for line in lines for w in line.words])


def _cells_wrap(partial: _Line, other: _Line, columns) -> bool:
    """Whether a line atop a table's header without rules holds the first lines of header cells that wrap onto
    the line below (cells aligned to the bottom): its first cell is empty, it does not fill every column, it
    stands as close to the other line as the lines of one cell (no more than a block gap), and each of its
    runs of words lies over one run of words of the other line, and no other."""
    chunks, others = _chunks(partial), _chunks(other)
    upper, lower = sorted((partial, other), key=lambda line: line.top)
    if _column(partial.words[0], columns) == 0 or len(chunks) >= len(columns) \
            or lower.top - upper.bottom > _T.block_gap * partial.size:
        return False
    return all(sum(a[0]["x0"] < b[-1]["x1"] and b[0]["x0"] < a[-1]["x1"] for b in others) == 1 for a in chunks)


# Tables across pages --------------------------------------------------------------------------------------


def _join_tables(pages: list[_Page]) -> list[_Line]:
    """Every page's lines in order, a table continued on the next page joined to it (READING 'table across
    pages')."""
    out: list[_Line] = []
    for page in pages:
        lines = list(page.lines)
        last = out[-1] if out else None
        if last is not None and last.table is not None and (last.ends_on or last.page) == page.number - 1 \
                and lines and lines[0].table is not None:
            earlier, later = last.table, lines[0].table
            if later.width != earlier.width:  # read as two tables, and said so
                page.notes.append((page.number, f"the table at the foot of page {page.number - 1} ({earlier.width} "
                                                f"columns) is followed at the top of page {page.number} by a table "
                                                f"of {later.width} columns: read as two tables"))
                out += lines
                continue
            rows = later.rows
            repeated = 0
            while repeated < min(len(rows), len(earlier.rows) - 1) and rows[repeated] == earlier.rows[repeated]:
                repeated += 1
            page.dropped_lines += [("repeated table header", "\t".join(row)) for row in rows[:repeated]]
            rows = rows[repeated:]
            earlier.row_words = [earlier.words_of(k) for k in range(len(earlier.rows))]
            row_words = [later.words_of(k) for k in range(len(later.rows))][repeated:]
            if rows and not rows[0][0]:  # the rest of a row split by the page break
                earlier.rows[-1] = [_joined([a, b]) if b else a for a, b in zip(earlier.rows[-1], rows[0], strict=True)]
                earlier.row_words[-1] = earlier.row_words[-1] + row_words[0]
                rows, row_words = rows[1:], row_words[1:]
            elif rows and all(b.startswith(a) for a, b in zip(earlier.rows[-1], rows[0], strict=True)):
                earlier.rows.pop()  # a row cut at the foot of the page and printed whole again on the next
                earlier.row_words.pop()
            earlier.continued |= {len(earlier.rows) + k: page.number for k in range(len(rows))}
            earlier.rows += rows
            earlier.row_words += row_words
            last.ends_on = page.number
            lines = lines[1:]
        out += lines
    return out


# Accounting for every word --------------------------------------------------------------------------------


def _account(page: _Page, path) -> None:
    """Every word on the page reached a line or a table, or was dropped by a named rule (DROPPED); else stop."""
    reached = {w["i"] for line in page.lines for w in (line.table.words if line.table else line.words)}
    missing = [w["text"] for w in page.words if w["i"] not in reached and w["i"] not in page.dropped]
    if missing:
        raise SourceError(
            f"page {page.number}: the word(s) {' '.join(missing)[:200]!r} reached no line and no rule that drops "
            "words (see the codebook, 'Reading PDF sources'); " + _HINT.format(path=path, page=page.number))


# Lines and blocks -----------------------------------------------------------------------------------------


def _gap(above: _Line, below: _Line) -> bool:
    """Whether a blank line stands between two lines: a gap wider than half the font size, or a page break."""
    if below.page != above.page:
        return True
    sizes = [line.size for line in (above, below) if line.table is None]
    return below.top - above.bottom > (min(sizes) * _T.block_gap if sizes else 2)


def _join_wrapped(lines: list[_Line], pages: list[_Page]) -> list[list[_Line]]:
    """Group each line with the lines it wrapped onto (READING 'wrapped line')."""
    text = [line for line in lines if line.table is None]
    left = min((line.x0 for line in text), default=0.0)
    # Where the text wraps: the furthest end of a line of several words (a lone page or slide number may stand
    # further right), or as far from the right as the text starts from the left.
    width = max(page.width for page in pages)
    right = max([width - left, *(line.x1 for line in text if len(line.words) >= 4)])
    out: list[list[_Line]] = []
    for line in lines:
        if out and _continues(out[-1], line, left, right):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _continues(parts: list[_Line], line: _Line, left: float, right: float) -> bool:
    """Whether `line` continues the wrapped line made of `parts` (READING 'wrapped line')."""
    first, last = parts[0], parts[-1]
    if first.table is not None or line.table is not None or line.bullet or abs(line.size - last.size) > 0.5:
        return False
    if line.page == last.page:
        if line.top - last.bottom > line.size * _T.block_gap:
            return False
    elif line.page != last.page + 1:
        return False
    space, next_word = 0.3 * line.size, line.words[0]["x1"] - line.words[0]["x0"]
    hang = first.words[1]["x0"] if _starts_with_marker(first) and len(first.words) > 1 else first.x0
    if line.page != last.page and hang == first.x0 and last.words[-1]["text"][-1:] in ".?!:" \
            and line.words[0]["text"][:1].isupper():
        return False  # across a page break, a paragraph whose sentence ended may have ended too
    if abs(line.x0 - hang) <= _T.same_x:  # aligned left: the line before reached the right edge
        return last.x1 + space + next_word > right - _T.same_x

    def middle(x):
        return (x.x0 + x.x1) / 2
    if abs(middle(line) - middle(last)) <= _T.same_x and abs(middle(last) - middle(first)) <= _T.same_x:  # centred
        return last.x1 - last.x0 + space + next_word > right - left - 2 * _T.same_x
    return False


def _number(groups: list[list[_Line]]) -> tuple[list[str], list[Printed]]:
    """Number the lines, with a blank line between blocks, as the text reader would see them."""
    text = [line for group in groups for line in group if line.table is None]
    sizes: Counter[float] = Counter()
    for line in text:
        for word in line.words:
            sizes[round(word["size"], 1)] += len(word["text"])
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    larger = any(size > body * _T.larger for size in sizes)
    # A page may print its body smaller (a slide whose text was shrunk to fit): its headings are larger than that.
    on_pages: dict[int, Counter[float]] = defaultdict(Counter)
    for line in text:
        for word in line.words:
            on_pages[line.page][round(word["size"], 1)] += len(word["text"])
    page_body = {page: min(body, sizes_.most_common(1)[0][0]) for page, sizes_ in on_pages.items()}
    left = min((line.x0 for line in text), default=0.0)
    raw, printed = [], []
    on_page: Counter[int] = Counter()
    for k, group in enumerate(groups):
        first = group[0]
        if k and _gap(groups[k - 1][-1], first):
            raw.append("")
            printed.append(Printed(first.page))
        if first.table is not None:
            for k, row in enumerate(first.table.rows):  # each row where it is printed, on a later page too
                row_page = first.table.page_of(k)
                on_page[row_page] += 1
                raw.append("\t".join(" ".join(cell.split()) for cell in row))
                printed.append(Printed(row_page, on_page[row_page], words=_ocr_words(first.table.words_of(k))))
            continue
        on_page[first.page] += 1
        words = [w for line in group for w in line.words]
        indent = " " if first.x0 - left > first.size / 2 else ""
        raw.append(indent + _joined([line.text for line in group]))
        bold = bool(_BOLD.search(words[0]["fontname"]))
        all_bold = not first.bullet and all(_BOLD.search(w["fontname"]) for w in words)
        printed.append(Printed(
            first.page, on_page[first.page], bold=bold,
            heading=(first.size > page_body[first.page] * _T.larger or all_bold) if larger else None,
            words=_ocr_words(words),
        ))
    return raw, printed


def _ocr_words(words: list[dict]) -> tuple:
    """A line's OCR'd words as document.Printed holds them, in reading order; none for typeset words."""
    return tuple((w["text"], w["conf"], w["page"], w["box"], w["image"]) for w in words
                 if w.get("conf") is not None and w["fontname"] != "marker")


def _page_range(text: str) -> range:
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tip_gms.pdf",
                                     description="Print the lines read from a PDF source, with their numbers "
                                                 "(source_line) and pages (source_page).")
    parser.add_argument("file", type=Path)
    parser.add_argument("--pages", type=_page_range, help="only these pages: 3, or 3-5")
    parser.add_argument("--tables", action="store_true",
                        help="print the tables found instead, as JSON: page, bbox (x0, top, x1, bottom in points "
                             "from the top left) and rows of cells, one table per page it is printed on")
    arguments = parser.parse_args(argv)
    if arguments.tables:
        found = [asdict(table) for table in tables(arguments.file)
                 if arguments.pages is None or table.page in arguments.pages]
        print("[\n" + ",\n".join(json.dumps(table, ensure_ascii=False) for table in found) + "\n]")  # a table a line
        return
    dropped: list[tuple[int, str, str]] = []
    raw_lines, where = read(arguments.file, dropped)
    print(f"{'line':>5}  {'page':<4} {'on page':>3}  text (cells split by ' | ')")
    for n, (text, at) in enumerate(zip(raw_lines, where, strict=True), start=1):
        if arguments.pages is None or at.page in arguments.pages:
            print(f"{n:5d}  p{at.page:<3d} {at.line_on_page or '':>3}  {text.replace(chr(9), ' | ')}")
    for page, rule, text in dropped:
        if arguments.pages is None or page in arguments.pages:
            print(f"dropped  p{page:<3d} ({rule})  {text.replace(chr(9), ' | ')}")


if __name__ == "__main__":
    main()
