"""Which figures read from a scan are not sure, and so are listed for a person to confirm (docs/scans.md).

A figure is an OCR word that holds a digit, on a line a dataset row was read from or in a table such a line is
a row of. It is published as read only if it

- was read with a confidence of at least THRESHOLD, or of at least THRESHOLD_CHECKED where a check that passes
  compares it (a printed total it is a part of, a share, a figure stated twice): a misread figure there would
  have to be offset by a second one for the check to pass;
- and is no cell of a check that fails: a total that does not add up points at all its cells, whatever their
  confidence ("32" read as "82" comes with a confidence of 91); which of them is wrong only the page can say.
  Once a person has confirmed them, the failure is the source's own, and stays a finding
  (tip_gms.checks.findings).

A cell in a table's column of figures that is no figure ("ils}" for 13, "=" for "-") is never read as a number:
it is listed, and read as "-" only so that the checks can still say which other cells they doubt; the run
stops before anything is staged. A confirmed word is never listed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from tip_gms.document import Line, ParsedSource, Printed
from tip_gms.shapes import PROVENANCE

# Measured (tests/scans_confidence.py, docs/scans.md "The thresholds"): of 3,547 figures Tesseract read on
# scans of two renditions in three qualities, none read wrong had a confidence of 88 or more (the highest: 86).
THRESHOLD = 93.0  # a figure no passing check compares: a margin over the 91 of the "82" read for 32 (issue 20)
THRESHOLD_CHECKED = 88.0  # a figure a passing check compares: a misread one would need a second to offset it
PLACEHOLDER = "-"  # what an unreadable cell is read as while the run goes on to its stop

_HAS_DIGIT = re.compile(r"\d")
_NUMBERS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FIGURE = re.compile(r"^[-–—]$|^[(~$-]*\d[\d,.]*(?:[-–~]\d[\d,.]*)?[)%]*,?$")


@dataclass(frozen=True)
class Doubt:
    """A word a person is asked to confirm, where it is, and why."""

    page: int
    ocr: str  # the word as OCR read it
    conf: float
    box: tuple[int, int, int, int]
    image: str
    line: int  # the line (of the lines read) that holds it
    why: str
    feeds: str = ""  # the dataset, column and row it goes into, where known

    @property
    def key(self) -> tuple[int, tuple[int, int, int, int]]:
        return self.page, tuple(self.box)


def numbers_in(text: str) -> set[float]:
    """The numbers printed in a text ('1,234' is 1234, '(49.7)' is 49.7)."""
    return {round(float(found.replace(",", "")), 6) for found in _NUMBERS.findall(text)}


def _is_figure(cell: str) -> bool:
    return all(_FIGURE.match(token) for token in cell.split())


# Before the datasets: cells where a figure should be -------------------------------------------------------


def unreadable(raw_lines: Sequence[str], printed: Sequence[Printed],
               confirmed: Iterable[tuple]) -> tuple[list[str], list[Doubt]]:
    """Every OCR word in a column of figures (more than half of a table's cells under its first row are
    figures) that is no figure, as a Doubt; and the lines with each such cell read as PLACEHOLDER."""
    confirmed, raw, doubts = set(confirmed), list(raw_lines), []
    i = 0
    while i < len(raw):
        j = i
        while j < len(raw) and "\t" in raw[j]:
            j += 1
        for r in range(i + 1, j):  # the first row of a table is its header
            cells = raw[r].split("\t")
            bad = [c for c, cell in enumerate(cells) if cell.strip() and not _is_figure(cell)
                   and _of_figures(raw[i + 1 : j], c)]
            words = [(k, w) for k, w in enumerate(printed[r].words)
                     if (w[2], tuple(w[3])) not in confirmed and w[1] < THRESHOLD]
            found = [(k, w) for c in bad for token in cells[c].split() if not _FIGURE.match(token)
                     for k, w in words if w[0] == token]
            if not found:
                continue
            doubts += [Doubt(w[2], w[0], w[1], tuple(w[3]), w[4], r + 1, "a column of figures holds no figure here")
                       for _, w in dict(found).items()]
            raw[r] = "\t".join(PLACEHOLDER if c in bad else cell for c, cell in enumerate(cells))
        i = max(j, i + 1)
    return raw, doubts


def in_value(line: Line, value: object, confirmed: Iterable) -> list[Doubt]:
    """The OCR words of `line` that hold a digit, are no figure and stand in `value`, a value a builder could
    not read (each a Doubt), unless a person confirmed them."""
    sure = {applied.confirmation.key for applied in confirmed}
    return [Doubt(w[2], w[0], w[1], tuple(w[3]), w[4], line.number, "a builder cannot read it as a figure")
            for w in line.words if (w[2], tuple(w[3])) not in sure and _HAS_DIGIT.search(w[0])
            and not _FIGURE.match(w[0]) and w[0] in str(value)]


def _of_figures(rows: Sequence[str], column: int) -> bool:
    cells = [row.split("\t")[column] for row in rows if len(row.split("\t")) > column]
    filled = [cell for cell in cells if cell.strip()]
    return sum(map(_is_figure, filled)) * 2 > len(filled) >= 2


# After the datasets and their checks -----------------------------------------------------------------------


def after_checks(model: ParsedSource, frames: Mapping[str, pd.DataFrame], totals: Sequence,
                 confirmed: Iterable[tuple], findings: str = "quality_findings") -> list[Doubt]:
    """Every figure of the scan's lines that the datasets read and that is not sure (see the module's rule)."""
    confirmed = set(confirmed)
    checked, failing = _cells(frames.get(findings), totals)
    figures = [(line, word, {(line.number, n) for n in numbers_in(word[0])})
               for line in _read_lines(model, {n: f for n, f in frames.items() if n != findings})
               for word in line.words if _HAS_DIGIT.search(word[0]) and (word[2], tuple(word[3])) not in confirmed]
    doubts = {}
    for line, word, cells in figures:
        if any(cells & cells_of_check for cells_of_check in failing):
            doubts[id(word)] = Doubt(word[2], word[0], word[1], tuple(word[3]), word[4], line.number,
                                     "a check fails on it")
    for line, word, cells in figures:
        bar = THRESHOLD_CHECKED if cells & checked else THRESHOLD
        if id(word) not in doubts and word[1] < bar:
            why = f"confidence below {bar:g}" + (" (a check that passes compares it)" if cells & checked else "")
            doubts[id(word)] = Doubt(word[2], word[0], word[1], tuple(word[3]), word[4], line.number, why)
    return list(doubts.values())


def described(doubts: Sequence[Doubt], model: ParsedSource, frames: Mapping[str, pd.DataFrame]) -> list[Doubt]:
    """The doubts, each with the dataset, column and row its word goes into (as far as the rows tell)."""
    feeds = _feeds(model, frames)
    return [replace(d, feeds=feeds.get((d.line, d.ocr)) or feeds.get((d.line, None), "")) for d in doubts]


def _read_lines(model: ParsedSource, frames: Mapping[str, pd.DataFrame]) -> list[Line]:
    """The scanned lines a dataset row was read from, with every line of the tables they are rows of."""
    cited = {int(n) for frame in frames.values() if "source_line" in frame for n in frame["source_line"]}
    lines, out = model.lines, set()
    for number in cited:
        first = last = number
        while lines[number - 1].kind == "table_row" and first > 1 and lines[first - 2].kind == "table_row":
            first -= 1
        while lines[number - 1].kind == "table_row" and last < len(lines) and lines[last].kind == "table_row":
            last += 1
        out |= set(range(first, last + 1))
    return [lines[n - 1] for n in sorted(out)]


def without_words(model: ParsedSource, frames: Mapping[str, pd.DataFrame],
                  findings: str = "quality_findings") -> list[Line]:
    """The lines of a scan that the datasets read and that hold a digit but no OCR words: their figures could
    not be shown to a person, so they are not published either."""
    return [line for line in _read_lines(model, {n: f for n, f in frames.items() if n != findings})
            if not line.words and _HAS_DIGIT.search(line.raw)]


def _cells(findings: pd.DataFrame | None, totals: Sequence) -> tuple[set, list[set]]:
    """The (line, number) pairs that the checks that pass compare, and those of each check that fails: the
    numbers its finding expects and observes, on its lines; for a printed total, its parts and the total."""
    checked, failing = set(), []
    if findings is None:
        return checked, failing
    parts = {total.check_id: {*total.parts, total.printed} for total in totals}
    for finding in findings.itertuples():
        numbers = numbers_in(f"{finding.expected} {finding.observed}")
        numbers |= {round(float(n), 6) for n in parts.get(finding.check_id, ())}
        cells = {(int(n), v) for n in str(finding.source_lines).split(";") if n for v in numbers}
        if finding.status == "pass":
            checked |= cells
        else:
            failing.append(cells)
    return checked, failing


def _feeds(model: ParsedSource, frames: Mapping[str, pd.DataFrame]) -> dict[tuple[int, str], str]:
    """(line, OCR word) -> the dataset, column and row its number goes into: the first row read from that line
    with a value equal to a number of the word."""
    out: dict[tuple[int, str | None], str] = {}
    for name, frame in frames.items():
        if name == "quality_findings" or "source_line" not in frame:
            continue
        values = [c for c in frame.columns if c not in PROVENANCE and _numeric(frame[c])]
        labels = [c for c in frame.columns if c not in PROVENANCE and pd.api.types.is_string_dtype(frame[c])]
        for row in frame.to_dict("records"):
            line = model.lines[int(row["source_line"]) - 1]
            label = f", row {row[labels[0]]!r}" if labels else ""
            out.setdefault((line.number, None), f"{name}{label}")
            for text, *_ in line.words:
                numbers = numbers_in(text)
                column = next((c for c in values if not pd.isna(row[c]) and _number(row[c]) in numbers), None)
                if column:
                    out.setdefault((line.number, text), f"{name}.{column}{label}")
    return out


def _numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _number(value) -> float:
    return round(float(value), 6)


def once(doubts: Iterable[Doubt]) -> list[Doubt]:
    """The doubts, each word once (with its first reason), in the order of the pages and of the words on them."""
    seen, out = set(), []
    for doubt in sorted(doubts, key=lambda d: (d.page, d.box[1], d.box[0])):
        if doubt.key not in seen:
            seen.add(doubt.key)
            out.append(doubt)
    return out
