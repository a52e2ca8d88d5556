"""Reading a PDF, pass by pass: the integrity gate, each page's words and ruled tables, the running headers and
footers dropped, bullets, tables without rules, every word accounted for; then tables joined across pages and
wrapped lines joined into the numbered lines a builder reads. The reading log and the pointer to what was read
where a builder's error names a page are here too."""

from __future__ import annotations

import contextlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from tip_gms.document import Printed
from tip_gms.errors import SourceError
from tip_gms.pdf import integrity, ocr
from tip_gms.pdf.bullets import find_bullets, refuse_unmapped, shapes
from tip_gms.pdf.continued import join_tables
from tip_gms.pdf.furniture import drop_furniture
from tip_gms.pdf.layout import Line, Page, visual_lines
from tip_gms.pdf.lines import blank_gap, join_wrapped, numbered
from tip_gms.pdf.ruled import ruled_tables
from tip_gms.pdf.unruled import unruled_tables
from tip_gms.pdf.words import page_words

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
# What pdfminer warns of that loses no text: a permission flag that asks readers not to extract text (the
# report is public; the flag is ignored as pdfminer ignores it), and a style of page labels it does not know.
_NO_LOSS = re.compile(r"should not allow text extraction|Unknown page label style")


def read(path: str | Path, dropped: list[tuple[int, str, str]] | None = None, *,
         data: bytes | None = None, scan: ocr.Options = ocr.DEFAULT) -> tuple[list[str], list[Printed]]:
    """The PDF's lines (table rows with tab-separated cells) and where and how each is printed; `dropped`, if
    given, receives what was dropped: (page, rule, text). `data` is the file's content where it was read
    already (and its sha256 checked): what is read is then exactly that, whatever happens to the file. A
    scanned page is read by OCR as `scan` says (tip_gms.pdf.ocr)."""
    pages = _read_pages(path, data, scan)
    lines = join_tables(pages)
    _log(pages, path)
    if dropped is not None:
        dropped += [(page.number, rule, text) for page in pages for rule, text in page.dropped_lines]
    blank = blank_gap(lines)
    return numbered(join_wrapped(lines, pages, blank), blank)


@dataclass(frozen=True)
class Table:
    """A table as the reader found it on one page: its bounding box (x0, top, x1, bottom, in points from the
    page's top left, as pdfplumber gives them) and its rows of cells, before a table continued across a page
    break is joined."""

    page: int
    bbox: tuple[float, float, float, float]
    rows: list[list[str]]


def tables(path: str | Path, *, data: bytes | None = None, scan: ocr.Options = ocr.DEFAULT) -> list[Table]:
    """Every table the reader finds in the PDF, page by page, as it reads them into lines (read)."""
    pages = _read_pages(path, data, scan)
    _log(pages, path)
    return [Table(line.page, line.table.bbox, [list(row) for row in line.table.rows])
            for page in pages for line in page.lines if line.table is not None]


def located(error: SourceError, page: int | None, path: str | Path) -> SourceError:
    """A builder's error on a PDF source, with its page, the reading step that most likely failed, and the
    command that shows what was read there."""
    step = next((step for pattern, step in _STEPS if pattern.search(error.problem)), "'wrapped line' or 'block'")
    show = f"`{_SHOW} {path}" + (f" --pages {page}`" if page else "`")
    return error.where(page=page, hint=f"reading step most likely at fault: {step}, see the codebook, 'Reading "
                                       f"PDF sources'; {show} shows what was read there")


def _log(pages: list[Page], path) -> None:
    """Say where layout was read as well as it could be rather than as the rules say (the reading log)."""
    for page in pages:
        for number, what in page.notes:
            _LOG.warning("%s, page %d: %s (%s)", path, number, what, _HINT.format(path=path, page=number))


def _read_pages(path: str | Path, data: bytes | None, scan: ocr.Options = ocr.DEFAULT) -> list[Page]:
    """Every page read into its lines and tables, every word accounted for."""
    import pdfplumber  # here, not above: importing the reader (for its rules) must stay cheap
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
    drop_furniture(pages)
    previous = None  # the table that ends the page before, if one does
    for page in pages:
        find_bullets(page)
        refuse_unmapped(page, path)
        page.lines = unruled_tables(page, previous)
        previous = page.lines[-1].table if page.lines else None
        _account(page, path)
    return pages


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


def _read_page(page, path, scanned: ocr.Read | None = None) -> Page:
    """A pdfplumber page read into its words, its ruled tables and its other words' visual lines; a scanned
    page from what OCR read, its rules drawn on the page for the table finder."""
    words = page_words(page, path) if scanned is None else scanned.draw_rules(page)
    notes: list[tuple[int, str]] = []
    ruled = ruled_tables(page, words, notes)
    inside = {word.index for table in ruled for word in table.words}
    lines = visual_lines([w for w in words if w.index not in inside], page.page_number)
    lines += [Line(page.page_number, table.tops[0], table.bottom, table=table) for table in ruled if table.rows]
    lines.sort(key=lambda line: line.top)
    return Page(page.page_number, page.width, words, lines, shapes(page) + (scanned.shapes if scanned else []),
                notes=notes)


def _account(page: Page, path) -> None:
    """Every word on the page reached a line or a table, or was dropped by a named rule (DROPPED); else stop."""
    reached = {w.index for line in page.lines for w in (line.table.words if line.table else line.words)}
    missing = [w.text for w in page.words if w.index not in reached and w.index not in page.dropped]
    if missing:
        raise SourceError(
            f"page {page.number}: the word(s) {' '.join(missing)[:200]!r} reached no line and no rule that drops "
            "words (see the codebook, 'Reading PDF sources'); " + _HINT.format(path=path, page=page.number))
