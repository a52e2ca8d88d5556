"""The text source as the blocks a typesetter lays out, shared by the rendition generators.

A document is its title, its front matter (what the text model reads as the title slide: the blocks up
to the first slide number or bold heading) and its body. A block is what the text separates by blank
lines: text lines (headings, paragraphs, bullets, numbered items, slide numbers) and tables. Only the
generators read this: it uses the text model (tip_gms.document) to know what each line is, so that a
rendition prints a heading as a heading and a list item as a list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import yaml

from tip_gms import document, source
from tip_gms.reports import Report

REPO = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((REPO / "workflow" / "config.yaml").read_text())["sources"][0]
RAW = REPO / CONFIG["path"]
FIXTURES = REPO / "tests" / "fixtures" / "renditions"
_MARKER = re.compile(r"^\s*(?:-\s+|(?P<number>\d+\.)\s+)")


@dataclass
class Text:
    """One line of the text: its kind, nesting level, marker ('1.' for a numbered item) and bold runs."""

    kind: str
    level: int
    marker: str | None
    spans: list[tuple[str, bool]]
    line: int

    @property
    def text(self) -> str:
        return "".join(part for part, _ in self.spans)


@dataclass
class Table:
    rows: list[list[str]]
    header_rows: int  # the first row, and the rows after it whose first cell is empty
    line: int


@dataclass
class Document:
    doc_id: str
    title: list[Text]
    front: list[list[Text | Table]] = field(default_factory=list)
    body: list[list[Text | Table]] = field(default_factory=list)


def read() -> list[Document]:
    parsed = document.parse(Report.from_config(CONFIG), source.read_lines(RAW))
    out = []
    for doc in parsed.documents:
        blocks = [_block(list(run)) for blank, run in groupby(doc.lines, key=lambda ln: ln.kind == document.BLANK)
                  if not blank]
        title, *rest = blocks
        front = 0
        while front < len(rest) and not (isinstance(rest[front][0], Text) and (
                rest[front][0].kind == document.SLIDE_NUMBER or _starts_bold(doc, rest[front][0].line))):
            front += 1
        out.append(Document(doc.doc_id, title, rest[:front], rest[front:]))
    return out


def _starts_bold(doc: document.Document, number: int) -> bool:
    return next(line for line in doc.lines if line.number == number).bold


def _block(lines: list[document.Line]) -> list[Text | Table]:
    out: list[Text | Table] = []
    carry = False
    for is_row, run in groupby(lines, key=lambda ln: ln.kind == document.TABLE_ROW):
        run = list(run)
        if is_row:
            rows = [[document.clean(cell) for cell in line.raw.split("\t")] for line in run]
            header = 1
            while header < len(rows) and not rows[header][0]:
                header += 1
            out.append(Table(rows, header, run[0].number))
            continue
        for line in run:
            spans, carry = _spans(line.raw, carry)
            marker = _MARKER.match(document.clean(line.raw)) if line.kind in (document.BULLET,
                                                                                document.NUMBERED) else None
            if marker:  # the marker is the list's, not the text's
                spans = _drop_prefix(spans, len(marker[0]))
            out.append(Text(line.kind, line.indent, marker["number"] if marker else None, spans, line.number))
    return out


def _spans(raw: str, carry: bool) -> tuple[list[tuple[str, bool]], bool]:
    """The line's words in runs of bold and not, markup removed and spaces collapsed as the text model reads
    it (document.clean); a `**` that opens a line carries bold onto the next line."""
    parts = raw.replace("\\$", "$").split("**")
    bold, words = carry, []
    for k, part in enumerate(parts):
        if k:
            bold = not bold
        part = re.sub(r"</?u>", "", part, flags=re.IGNORECASE)
        glued = part[:1].strip() and words and not parts[k - 1][-1:].isspace()  # bold ends inside a word
        for i, word in enumerate(part.split()):
            if i == 0 and glued:
                words[-1] = (words[-1][0] + word, words[-1][1])
            else:
                words.append((word, bold))
    spans = [(" ".join(w for w, _ in run), b) for b, run in groupby(words, key=lambda w: w[1])]
    spans = [(part + (" " if i + 1 < len(spans) else ""), b) for i, (part, b) in enumerate(spans)]
    assert "".join(part for part, _ in spans) == document.clean(raw), (spans, raw)
    return spans, bold and (carry or raw.lstrip().startswith("**"))


def _drop_prefix(spans, n):
    out = []
    for part, bold in spans:
        cut = min(n, len(part))
        n -= cut
        if part[cut:]:
            out.append((part[cut:], bold))
    return out


_COUNTRY_HEADING = re.compile(r"^[A-Z][\w ]*:$")  # 'Cambodia:'
_FIRST_SECTION = re.compile(r"^[A-Z]1\.\s")  # 'C1. Present Situations'


def joined_headings(blocks: list[list[Text | Table]]) -> list[list[Text | Table]]:
    """The blocks with a country's heading ('Cambodia:') and the numbered section heading that starts the block
    after it ('C1. Present Situations') in one block: one heading of two lines, where the text has two
    paragraphs."""
    out: list[list[Text | Table]] = []
    for block in blocks:
        above = out[-1] if out else None
        if above and len(above) == 1 and _is_heading(above[0], _COUNTRY_HEADING) \
                and _is_heading(block[0], _FIRST_SECTION):
            out[-1] = [*above, *block]
        else:
            out.append(block)
    return out


def _is_heading(item: Text | Table, pattern: re.Pattern) -> bool:
    return isinstance(item, Text) and item.kind == document.HEADING and bool(pattern.match(item.text))


def title_parts(lines: list[Text]) -> list[Text]:
    """A title as lines a typesetter may set as paragraphs of their own: its lines, and a title of one line
    cut in two at a space near its middle."""
    if len(lines) > 1:
        return lines
    text = lines[0].text
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return lines
    middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return list(_cut(lines[0], middle + 1))


def _cut(item: Text, at: int) -> tuple[Text, Text]:
    """The line cut before character `at`, each part with its own bold runs."""
    head, tail, seen = [], [], 0
    for part, bold in item.spans:
        left, right = part[:max(0, at - seen)], part[max(0, at - seen):]
        seen += len(part)
        if left.strip():
            head.append((left, bold))
        if right.strip():
            tail.append((right, bold))
    head = [*head[:-1], (head[-1][0].rstrip(), head[-1][1])]
    return Text(item.kind, item.level, None, head, item.line), Text(item.kind, item.level, None, tail, item.line)
