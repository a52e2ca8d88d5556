"""The document model: the source parsed once into documents, lines, headings, bullets and tables.

Every dataset builder reads this model, never the raw text, and finds what it needs by meaning
(a caption, a heading, a phrase), never by line number. Every line keeps its 1-based number in the raw
file (for a PDF: its number among the lines read from the PDF, see tip_gms.pdf, and its page), so any
value read from it can be traced back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import pairwise

from tip_gms import parsing
from tip_gms.errors import SourceError
from tip_gms.reports import Report

_MARKUP = re.compile(r"\*\*|</?u>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text without presentation markup (bold `**`, underline `<u>`, the escaped `\\$`) or extra spaces."""
    text = _MARKUP.sub("", text).replace("\\$", "$")
    return _SPACES.sub(" ", text).strip()


# Line kinds, decided from the line's own shape and that of its block (lines between blank lines).
BLANK, TABLE_ROW, BULLET, NUMBERED, SLIDE_NUMBER, HEADING, PARAGRAPH = (
    "blank", "table_row", "bullet", "numbered", "slide_number", "heading", "paragraph",
)
_BULLET = re.compile(r"^\s*-\s")
_NUMBERED = re.compile(r"^\s*\d+\.\s")
_SLIDE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_HEADING_MAX_CHARS = 100
_SPACED_CELLS = re.compile(r"\S {2,}\S")  # what a table row looks like when its tabs became spaces
BY = re.compile(r"^(?P<role>Presented|Prepared) by\s*(?P<who>.*)$", re.IGNORECASE)  # a title slide's by-line


@dataclass(frozen=True)
class Printed:
    """What a PDF tells about a line beyond its text: where it is printed and in what type."""

    page: int
    line_on_page: int | None = None  # None for the blank line between two blocks
    bold: bool = False
    heading: bool | None = None  # printed larger than the body text; None where the PDF has one size
    # A scanned page's line: its words as OCR read them, (text, conf, page, box, image), box in pixels of the
    # page image as stored (x0, top, x1, bottom) and image the sha256 of its pixels; empty for a typeset line.
    words: tuple = ()


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the raw file (for a PDF: among the lines read from it)
    raw: str
    kind: str
    bold: bool = False  # starts in bold (in a text source: with `**`)
    page: int | None = None  # PDF sources only
    line_on_page: int | None = None

    @cached_property  # read again by every search for a phrase
    def text(self) -> str:
        return clean(self.raw)

    @property
    def indent(self) -> int:
        """Nesting level of a bullet: 0 for `- x`, 1 for ` - x`."""
        return 1 if self.raw[:1].isspace() else 0


TOTAL = "total"  # the label of a printed Total row or column (compared without case)


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.cells[0]


@dataclass(frozen=True)
class Table:
    """A run of tab-separated lines, with the caption it was found by."""

    caption: str
    caption_line: int
    rows: tuple[Row, ...]

    def body(self, header_rows: int = 1) -> list[Row]:
        """The rows after the header; each must have exactly as many cells as the first header row."""
        if len(self.rows) <= header_rows:
            raise SourceError(
                f"table '{self.caption}' has no rows under its header", line=self.rows[-1].line
            )
        width = len(self.rows[0].cells)
        for row in self.rows[header_rows:]:
            if len(row.cells) != width:
                raise SourceError(
                    f"row '{row.label}' has {len(row.cells)} cells, but the header of table "
                    f"'{self.caption}' (line {self.rows[0].line}) has {width}; a cell is "
                    f"{'missing' if len(row.cells) < width else 'extra'}",
                    column="row",
                    value=row.label,
                    line=row.line,
                )
        return list(self.rows[header_rows:])

    def body_and_total(self, header_rows: int = 1) -> tuple[list[Row], Row | None]:
        """The rows after the header without the printed Total row, and that row (None if the table prints
        none). A printed total is not data: it is checked against the rows it totals."""
        rows = self.body(header_rows)
        totals = [row for row in rows if row.label.casefold() == TOTAL]
        if len(totals) > 1:
            raise SourceError(f"table '{self.caption}' prints {len(totals)} Total rows; which one totals the table "
                              "is ambiguous", column="row", value=totals[-1].label, line=totals[-1].line)
        return [row for row in rows if row not in totals], (totals[0] if totals else None)


@dataclass
class Document:
    doc_id: str
    lines: list[Line]  # from the title line to the last line before the next document

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        return max(line.number for line in self.lines if line.kind != BLANK)

    @cached_property
    def _by_number(self) -> dict[int, int]:
        return {line.number: i for i, line in enumerate(self.lines)}

    def block(self, start: int) -> list[Line]:
        """The non-blank lines from line number `start` up to the next blank line."""
        i = self._by_number[start]
        out = []
        while i < len(self.lines) and self.lines[i].kind != BLANK:
            out.append(self.lines[i])
            i += 1
        return out

    def blocks(self) -> list[list[Line]]:
        """All runs of non-blank lines, in order."""
        out: list[list[Line]] = []
        current: list[Line] = []
        for line in self.lines:
            if line.kind == BLANK:
                if current:
                    out.append(current)
                current = []
            else:
                current.append(line)
        if current:
            out.append(current)
        return out

    def find(self, phrase: str, *, after: int = 0) -> Line:
        """The first line after line number `after` that contains `phrase` (case-insensitive, markup removed),
        or where it starts, for a phrase wrapped onto the next lines (see `span`)."""
        return self.span(phrase, after=after)[0]

    def span(self, phrase: str, *, after: int = 0) -> list[Line]:
        """The lines that hold `phrase`, from the first line after line number `after` that contains it or
        where it starts: a heading or a caption may wrap onto the next lines of its kind in its block."""
        for i in range(self._by_number[after] + 1 if after in self._by_number else 0, len(self.lines)):
            if (found := _span_at(self.lines, i, phrase.casefold())) and found[0].number > after:
                return found
        raise SourceError(f"no line containing '{phrase}' in document {self.doc_id}")

    def table_after(self, caption: str) -> Table:
        """The table after the line holding `caption`, before the next heading (text in between, such as a
        note, is skipped; a caption printed as a heading may wrap onto more heading lines of its block)."""
        caption_line = self.find(caption)
        rows: list[Row] = []
        skipped: list[Line] = []
        heading = None
        in_caption = caption_line.kind == HEADING
        for line in self.lines[self._by_number[caption_line.number] + 1 :]:
            in_caption = in_caption and line.kind == HEADING
            if line.kind == TABLE_ROW:
                rows.append(Row(line.number, tuple(clean(cell) for cell in line.raw.split("\t"))))
            elif rows:
                break
            elif line.kind == HEADING and not in_caption:
                heading = line
                break
            else:
                skipped.append(line)
        if not rows:
            end = f"the next heading (line {heading.number})" if heading else "the end of the document"
            spaced = [line.number for line in [*skipped, heading] if line and _SPACED_CELLS.search(line.raw)]
            hint = f"; line {spaced[0]} has runs of spaces where a table has tabs" if spaced else ""
            raise SourceError(
                f"no table (lines of tab-separated cells) between this caption and {end}{hint}",
                column="caption", value=caption, line=caption_line.number,
            )
        return Table(caption_line.text, caption_line.number, tuple(rows))

    def after(self, phrase: str) -> list[Line]:
        """The non-blank lines after the line(s) holding `phrase`, to the end of the document."""
        end = self.span(phrase)[-1]
        return [line for line in self.lines[self._by_number[end.number] + 1 :] if line.kind != BLANK]

    def section(self, heading: str) -> list[Line]:
        """The non-blank lines under the heading containing `heading`, up to the next heading."""
        lines = self.after(heading)
        end = next((i for i, line in enumerate(lines) if line.kind == HEADING), len(lines))
        return lines[:end]

    @cached_property
    def title(self) -> list[Line]:
        """The lines of the document's title: its first line and the heading lines after it, in its block and in
        the blocks after it that start printed like it (in bold or not as it is, on its page), up to the first
        line that gives a date or says 'Presented by' or 'Prepared by'. A typesetter may set each line of a
        title as a paragraph of its own, with space between, or the date right under it."""
        out: list[Line] = []
        for k, block in enumerate(self.blocks()):
            for line in block:
                printed_otherwise = k and line is block[0] and (line.bold != out[0].bold or line.page != out[0].page)
                if out and (line.kind != HEADING or printed_otherwise or BY.match(line.text)
                            or parsing.date_in(line.text, line=line.number)):
                    return out
                out.append(line)
        return out

    @property
    def headings(self) -> list[Line]:
        return [line for line in self.lines if line.kind == HEADING]


def _span_at(lines: list[Line], i: int, needle: str) -> list[Line] | None:
    """Line `i` if it contains `needle`; else it and the next lines of its kind in its block, if `needle` starts
    in line `i` and ends in one of them; else None."""
    first = lines[i]
    text, k = first.text.casefold(), i + 1
    while needle not in text and k < len(lines) and lines[k].kind == first.kind != BLANK \
            and len(text) < len(first.text) + len(needle):
        text, k = f"{text} {lines[k].text.casefold()}", k + 1
    at = text.find(needle)
    return lines[i:k] if 0 <= at < max(len(first.text), 1) else None


@dataclass
class ParsedSource:
    """A source parsed into the document model: its lines and the documents bundled in it."""

    source_id: str
    lines: list[Line]
    documents: list[Document] = field(default_factory=list)

    def document(self, doc_id: str) -> Document:
        for document in self.documents:
            if document.doc_id == doc_id:
                return document
        raise SourceError(f"the config names document {doc_id}, which source {self.source_id} does not declare "
                          f"(its documents: {', '.join(d.doc_id for d in self.documents)})", column="doc_id",
                          value=doc_id)

    def page_of(self, number: int) -> int | None:
        """The page holding line `number` (PDF sources); None for a text source."""
        return self.lines[number - 1].page


def classify(raw_lines: Sequence[str], printed: Sequence[Printed] | None = None,
             section_codes: re.Pattern | None = None) -> list[Line]:
    """Give every raw line its kind; line numbers start at 1. `printed` (from a PDF) gives pages, bold and
    headings by font size, where the text alone only has markup and the shape of its blocks; a line that
    starts with a section code of the report (`section_codes`, "C2-1. ") is a heading however long."""
    kinds = [_own_kind(raw) for raw in raw_lines]
    bold = [p.bold for p in printed] if printed else [raw.lstrip().startswith("**") for raw in raw_lines]
    # Lines in a larger type are headings. Without type sizes: short text blocks (one or two lines, or
    # starting in bold) are headings; longer ones are prose.
    i = 0
    while i < len(kinds):
        if kinds[i] != PARAGRAPH:
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == PARAGRAPH:
            j += 1
        if printed and printed[i].heading is not None:
            kinds[i:j] = [HEADING if bold[i] or p.heading else PARAGRAPH for p in printed[i:j]]
        else:
            block = [clean(raw) for raw in raw_lines[i:j]]
            if bold[i] or (len(block) <= 2 and all(_looks_like_heading(text, section_codes) for text in block)):
                kinds[i:j] = [HEADING] * (j - i)
        i = j
    where = printed or [None] * len(raw_lines)
    return [
        Line(n, raw, kind, b, p.page if p else None, p.line_on_page if p else None)
        for n, (raw, kind, b, p) in enumerate(zip(raw_lines, kinds, bold, where, strict=True), start=1)
    ]


def numbered_headings(text: str, section_codes: re.Pattern | None) -> list[str]:
    """A heading's text as the numbered headings it holds: a heading that starts with a section code and holds
    another ('C2. Measures : C2-1. Legal Framework', two headings a PDF may print as one wrapped line) is two;
    any other heading ('Lao PDR L1. Present Situations') is one."""
    if not section_codes or not section_codes.match(text):
        return [text]
    starts = [0, *(m.end() for m in re.finditer(r"\s+", text) if section_codes.match(text[m.end():])), len(text)]
    return [text[a:b].strip() for a, b in pairwise(starts)]


def _own_kind(raw: str) -> str:
    if not raw.strip():
        return BLANK
    if "\t" in raw:
        return TABLE_ROW
    if _BULLET.match(raw):
        return BULLET
    if _NUMBERED.match(raw):
        return NUMBERED
    if _SLIDE_NUMBER.match(raw):
        return SLIDE_NUMBER
    return PARAGRAPH


def _looks_like_heading(text: str, section_codes: re.Pattern | None = None,
                        max_chars: int | None = _HEADING_MAX_CHARS) -> bool:
    return bool(section_codes and section_codes.match(text)) or (
        (max_chars is None or len(text) <= max_chars)
        and not text.endswith((".", ";", ","))
        and not text.startswith(("(", '"', "“"))
    )


def parse(report: Report, raw_lines: Sequence[str], printed: Sequence[Printed] | None = None) -> ParsedSource:
    """Split the lines into the documents the config declares for the source, each found by the phrase its
    title starts with."""
    lines = classify(raw_lines, printed, report.section_codes)
    source = ParsedSource(report.source_id, lines)
    starts: list[tuple[str, int]] = []
    after = 0
    for spec in report.documents:
        start = _first_line_starting_with(lines, spec.title_starts_with, after=after)
        if start is None:
            raise SourceError(
                f"document {spec.doc_id} not found: no line from line {after + 1} to the end of the source "
                f"(line {len(lines)}) starts with '{spec.title_starts_with}'",
                column="title",
                value=spec.title_starts_with,
            )
        starts.append((spec.doc_id, start))
        after = start
    ends = [start - 1 for _, start in starts[1:]] + [len(lines)]
    for (doc_id, start), end in zip(starts, ends, strict=True):
        document_lines = lines[start - 1 : end]
        for i, line in enumerate(document_lines):  # a title is a heading however long, as a PDF prints it
            if line.kind == BLANK:
                break
            if line.kind == PARAGRAPH and _looks_like_heading(line.text, max_chars=None):
                document_lines[i] = source.lines[line.number - 1] = replace(line, kind=HEADING)
        source.documents.append(Document(doc_id, document_lines))
    return source


def _first_line_starting_with(lines: list[Line], phrase: str, *, after: int) -> int | None:
    """The first line after line `after` whose text, read on into the lines after it (a title may be set over
    several lines or paragraphs), starts with `phrase`."""
    needle = phrase.casefold()
    text = [line for line in lines[after:] if line.kind != BLANK]
    for i, line in enumerate(text):
        read, k = line.text.casefold(), i + 1
        while len(read) < len(needle) and needle.startswith(read) and k < len(text):
            read, k = f"{read} {text[k].text.casefold()}", k + 1
        if read.startswith(needle):
            return line.number
    return None


def _in_any_document(source: ParsedSource, phrase: str) -> Document:
    """The document holding the one line that contains `phrase` (or where it starts, wrapped onto the next
    lines): a builder's anchor must not be ambiguous."""
    needle = phrase.casefold()
    found = [(document, line.number) for document in source.documents for i, line in enumerate(document.lines)
             if _span_at(document.lines, i, needle)]
    if not found:
        first, last = source.documents[0].first_line, source.documents[-1].lines[-1].number
        raise SourceError(f"no line of the documents (source lines {first}-{last}) contains this phrase",
                          column="caption", value=phrase)
    if len(found) > 1:
        lines = [number for _, number in found]
        shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
        raise SourceError(f"this phrase is on more than one line ({shown}), so which one is meant is ambiguous; "
                          "is part of the text in the source twice?", column="caption", value=phrase, line=lines[1])
    return found[0][0]


def table_after(source: ParsedSource, caption: str) -> tuple[Document, Table]:
    """The first table after `caption`, in whichever document holds the caption."""
    document = _in_any_document(source, caption)
    return document, document.table_after(caption)


def section(source: ParsedSource, heading: str) -> tuple[Document, list[Line]]:
    """The lines under `heading`, in whichever document holds it."""
    document = _in_any_document(source, heading)
    return document, document.section(heading)


def after(source: ParsedSource, phrase: str) -> tuple[Document, list[Line]]:
    """The lines after `phrase`, in whichever document holds it."""
    document = _in_any_document(source, phrase)
    return document, document.after(phrase)
