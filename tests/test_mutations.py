"""The mutation suite: the real workflow on edited copies of the source, each with one outcome chosen on purpose.

SAME     The run succeeds and every dataset is identical to the original's. Only for changes that carry no
         meaning (line endings, a byte-order mark).
FINDING  The run succeeds and quality_findings reports the change, because the source still reads but no
         longer agrees with itself (a printed total against its parts).
REFUSED  The run fails (exit code != 0) with one line per problem naming the dataset, the column or row and
         the source line; no traceback; the outputs of the last good run stay as they were, complete.

Every variant is derived from the real source by finding lines by their content (a caption, a table's rows),
never by line number, so that the suite keeps working as the source and the datasets grow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pytest

from .conftest import (
    CONFIG,
    RAW,
    REPO,
    SOURCE_CONFIG,
    assert_complete_and_consistent,
    assert_same_datasets,
    published_files,
)

pytestmark = pytest.mark.workflow

SAME, FINDING, REFUSED = "same", "finding", "refused"
ORIGINAL = RAW.read_bytes()
LINES = ORIGINAL.decode("utf-8").split("\n")
DATASETS = [name for source in CONFIG["sources"] for name in source["datasets"]]


def index_of(predicate: Callable[[str], bool], start: int = 0) -> int:
    """0-based index of the first line from `start` on that satisfies `predicate`."""
    return next(i for i in range(start, len(LINES)) if predicate(LINES[i]))


def containing(phrase: str) -> Callable[[str], bool]:
    return lambda line: phrase.casefold() in line.casefold()


def tables() -> list[list[int]]:
    """Every table of the source: each a run of consecutive tab-separated lines (0-based indexes)."""
    runs: list[list[int]] = []
    for i, line in enumerate(LINES):
        if "\t" in line:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def table_after(caption: str) -> list[int]:
    start = index_of(containing(caption))
    return next(run for run in tables() if run[0] > start)


def cells(i: int) -> list[str]:
    return LINES[i].split("\t")


def with_lines(edit: Callable[[list[str]], None]) -> bytes:
    """The source after `edit` changed a copy of its lines in place."""
    lines = list(LINES)
    edit(lines)
    return "\n".join(lines).encode("utf-8")


def set_cell(i: int, column: int, value: str) -> bytes:
    def edit(lines):
        row = lines[i].split("\t")
        row[column] = value
        lines[i] = "\t".join(row)
    return with_lines(edit)


@dataclass
class Variant:
    source: bytes
    outcome: str
    # REFUSED: parts the message must contain; FINDING: check_id -> (expected, observed) of the new failed checks
    expect: list[str] | dict[str, tuple[str, str]] = field(default_factory=list)
    # FINDING: datasets allowed to differ from the original's (besides quality_findings)
    changes: tuple[str, ...] = ()


SETTINGS = SOURCE_CONFIG["datasets"]
TIERS_CAPTION = SETTINGS["tier_placements"]["caption"]
TIERS = table_after(TIERS_CAPTION)  # header, then one row per country
TIER_CAPTION = index_of(containing(TIERS_CAPTION))
TIER_ROW = TIERS[1]
MIDDLE_ROW = TIERS[len(TIERS) // 2]
RESCUED = table_after(SETTINGS["thai_victims_rescued"]["caption"])  # header (years, Total), rows, then the Total row
RESCUED_ROW, RESCUED_TOTAL = RESCUED[1], RESCUED[-1]
assert cells(RESCUED[0])[-1] == "Total" and cells(RESCUED_TOTAL)[0] == "Total", "the rescued table changed shape"
PROSE_LINE = index_of(containing("Over 88,000 Cambodian women"))  # a bullet with figures in it
THAILAND = index_of(lambda line: line == "Thailand")  # the country section, up to the summary
THAILAND_END = index_of(lambda line: line == "Summary", THAILAND)


def datasets_captioned_within(start: int, end: int) -> list[str]:
    """The datasets whose builder finds its table by a caption between lines `start` and `end` (0-based)."""
    names = []
    for name in dict.fromkeys(DATASETS):
        caption = (SETTINGS[name] or {}).get("caption")
        if caption and start <= index_of(containing(caption)) < end:
            names.append(name)
    return names


def rescued_row_totals_broken_by_removing(column: int) -> dict[str, tuple[str, str]]:
    """Row-total checks that fail once a year column is gone: those of rows whose removed cell was not 0."""
    broken = {}
    for i in RESCUED[1:-1]:
        row = cells(i)
        if row[column] not in ("-", "0"):
            printed = row[-1]
            broken[f"thai_victims_rescued.row_total.{row[0]}"] = (printed, str(int(printed) - int(row[column])))
    return broken


def without_column(rows: list[int], column: int) -> bytes:
    def edit(lines):
        for i in rows:
            row = lines[i].split("\t")
            del row[column]
            lines[i] = "\t".join(row)
    return with_lines(edit)


def with_extra_column(rows: list[int]) -> bytes:
    def edit(lines):
        for i in rows:
            lines[i] += "\tExtra"
    return with_lines(edit)


def tabs_to_spaces(rows: list[int]) -> bytes:
    def edit(lines):
        for i in rows:
            lines[i] = lines[i].replace("\t", "    ")
    return with_lines(edit)


def _changed_total() -> Variant:
    year, printed = cells(RESCUED[0])[1], cells(RESCUED_TOTAL)[1]
    changed = str(int(printed) + 1)
    return Variant(set_cell(RESCUED_TOTAL, 1, changed), FINDING,
                   {f"thai_victims_rescued.column_total.{year}": (changed, printed)})


def _non_numeric_count() -> Variant:
    year, count = cells(RESCUED[0])[1], cells(RESCUED_ROW)[1].replace("-", "0")
    typo = count[:-1] + "O"  # the letter O read for a zero, or for any last digit
    return Variant(set_cell(RESCUED_ROW, 1, typo), REFUSED,
                   ["dataset thai_victims_rescued", f"column {year}", f"'{typo}'", f"source line {RESCUED_ROW + 1}"])


VARIANTS: dict[str, Variant] = {
    # Nothing to read: the file names itself, there is no dataset or line to name.
    "empty file": Variant(b"", REFUSED, ["source.txt", "empty"]),
    # Cut in the middle of a row of the first table: the documents after it are missing; the message names the
    # first one, the column it is found by (title) and the line where the file now ends.
    "truncated in the middle of a table": Variant(
        "\n".join([*LINES[:MIDDLE_ROW], "\t".join(cells(MIDDLE_ROW)[:2])]).encode(), REFUSED,
        ["column title", "not found", f"(line {MIDDLE_ROW + 1})"]),
    "invalid UTF-8": Variant(
        b"\n".join(line.encode() + (b"\xff" if i == TIER_ROW else b"") for i, line in enumerate(LINES)), REFUSED,
        ["source.txt", "not valid UTF-8", f"source line {TIER_ROW + 1}"]),
    # Bytes no printed text has: refused, naming the file, the line and the character (never published).
    "NUL bytes in a line of prose": Variant(
        with_lines(lambda lines: lines.__setitem__(PROSE_LINE, lines[PROSE_LINE].replace(" ", "\x00\x00 ", 1))),
        REFUSED, ["source.txt", "U+0000", f"source line {PROSE_LINE + 1}"]),
    "an escape character in a table cell": Variant(
        set_cell(TIER_ROW, 2, "\x1b[31m2"), REFUSED, ["source.txt", "U+001B", f"source line {TIER_ROW + 1}"]),
    # Three lines of a megabyte each: refused at once, naming the first, instead of hours of matching.
    "three lines of a megabyte": Variant(
        with_lines(lambda lines: lines.__setitem__(slice(PROSE_LINE, PROSE_LINE + 1), ["- " + "12 x " * 200_000] * 3)),
        REFUSED, ["source.txt", "characters, more than", f"source line {PROSE_LINE + 1}"]),
    "UTF-8 byte-order mark": Variant(b"\xef\xbb\xbf" + ORIGINAL, SAME),
    "CRLF line endings": Variant(ORIGINAL.replace(b"\n", b"\r\n"), SAME),
    # Without tabs there is no table under the caption: refused, pointing at the caption and at the line
    # that looks like the table, rather than read from the next table further down.
    "a table whose tabs became spaces": Variant(
        tabs_to_spaces(TIERS), REFUSED,
        ["dataset tier_placements", "column caption", f"source line {TIER_CAPTION + 1}",
         f"line {TIERS[0] + 1} has runs of spaces"]),
    # A year column gone from the rescued-victims table still reads, but its printed Total column no longer
    # adds up: every row that lost a number is reported.
    "a table with a column removed": Variant(
        without_column(RESCUED, 1), FINDING, rescued_row_totals_broken_by_removing(1),
        ("thai_victims_rescued", "indicators")),
    "a non-numeric count": _non_numeric_count(),
    "an unknown tier code": Variant(
        set_cell(TIER_ROW, 1, "2-XL"), REFUSED,
        ["dataset tier_placements", "column tier", "'2-XL'", f"source line {TIER_ROW + 1}"]),
    "an unknown country": Variant(
        set_cell(TIER_ROW, 0, "Atlantis"), REFUSED,
        ["dataset tier_placements", "column country", "'Atlantis'", f"source line {TIER_ROW + 1}"]),
    "a duplicated row": Variant(
        with_lines(lambda lines: lines.insert(TIER_ROW, lines[TIER_ROW])), REFUSED,
        ["dataset tier_placements", "duplicate key", f"source lines {TIER_ROW + 1}, {TIER_ROW + 2}"]),
    "a changed total": _changed_total(),
    "a caption removed": Variant(
        with_lines(lambda lines: lines.pop(TIER_CAPTION)), REFUSED,
        ["dataset tier_placements", "column caption", f"'{TIERS_CAPTION}'", "source lines"]),
    "a whole country section removed": Variant(
        with_lines(lambda lines: lines.__delitem__(slice(THAILAND, THAILAND_END))), REFUSED,
        [*(f"dataset {name}, column caption" for name in datasets_captioned_within(THAILAND, THAILAND_END)),
         "source lines"]),
    # The same text twice or more is not the report: every caption is now ambiguous.
    "the text 100 times": Variant(
        ORIGINAL * 100, REFUSED,
        ["dataset tier_placements", "column caption", f"more than one line ({TIER_CAPTION + 1}, ", "ambiguous"]),
}
# One row of a table one cell short, or one cell long (issue 2's bad inputs): refused, naming the row.
VARIANTS["a table row with a cell missing"] = Variant(
    with_lines(lambda lines: lines.__setitem__(RESCUED_ROW, "\t".join(cells(RESCUED_ROW)[:-1]))), REFUSED,
    ["dataset thai_victims_rescued", "column row", f"'{cells(RESCUED_ROW)[0]}'", f"source line {RESCUED_ROW + 1}",
     "missing"])
VARIANTS["a table row with a cell more than its header"] = Variant(
    with_lines(lambda lines: lines.__setitem__(TIER_ROW, lines[TIER_ROW] + "\t2")), REFUSED,
    ["dataset tier_placements", "column row", f"'{cells(TIER_ROW)[0]}'", f"source line {TIER_ROW + 1}", "extra"])
MISSION = index_of(containing("Jan.2006"))  # a mission's start month in the Country Missions list
VARIANTS["a mission month mistyped"] = Variant(
    with_lines(lambda lines: lines.__setitem__(MISSION, lines[MISSION].replace("Jan.2006", "Jam.2006"))), REFUSED,
    ["dataset missions", "column start_month", "'Jam.2006'", f"source line {MISSION + 1}"])
# A column added to any table: every builder knows its columns, so each table refuses an unknown one.
for number, rows in enumerate(tables(), start=1):
    VARIANTS[f"a column added to table {number} (line {rows[0] + 1})"] = Variant(
        with_extra_column(rows), REFUSED, ["dataset ", f"source line {rows[0] + 1}:"])


def test_the_variants_cover_what_they_claim():
    assert len(tables()) >= 5 and len(TIERS) > 3
    assert datasets_captioned_within(THAILAND, THAILAND_END)
    assert len(VARIANTS["a table with a column removed"].expect) >= 3
    assert all(variant.source != ORIGINAL for variant in VARIANTS.values())


def failed_checks(outputs) -> dict[str, tuple[str, str]]:
    with duckdb.connect(str(outputs / "tip_gms.duckdb"), read_only=True) as db:
        rows = db.execute("SELECT check_id, expected, observed FROM quality_findings WHERE status = 'fail'").fetchall()
    return {check_id: (expected, observed) for check_id, expected, observed in rows}


@pytest.mark.parametrize("name", VARIANTS)
def test_mutation(published, workflow, name):
    variant = VARIANTS[name]
    if variant.outcome == REFUSED:
        workflow.copy_outputs_from(published)  # the last good outputs, which must survive
    result = workflow.run(variant.source)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]

    if variant.outcome == REFUSED:
        assert result.returncode != 0
        problems = "\n".join(line for line in output.splitlines() if "tip-gms" in line or line.startswith("  - "))
        for part in variant.expect:
            assert part in problems, f"{part!r} not in:\n{problems or output[-3000:]}"
        assert published_files(workflow.outputs) == published_files(published.outputs)
        assert_complete_and_consistent(workflow.outputs)
        return

    assert result.returncode == 0, output[-3000:]
    assert_complete_and_consistent(workflow.outputs)
    if variant.outcome == SAME:
        assert_same_datasets(workflow.outputs, published.outputs)
    else:
        before, after = failed_checks(published.outputs), failed_checks(workflow.outputs)
        assert {k: v for k, v in after.items() if k not in before} == variant.expect
        assert_same_datasets(workflow.outputs, published.outputs,
                             except_datasets=("quality_findings", *variant.changes))


# Shell, SQL and format-string syntax in a table cell: the pipeline never evaluates source text, so each
# ends up as plain text in every output, and nothing runs.
HOSTILE = "$(touch pwned) `touch pwned`; touch pwned | '; DROP TABLE documents; -- \"{0}\" {source_line!r} %s"


def test_text_that_looks_like_code_is_published_as_plain_text(workflow):
    measures = table_after(SETTINGS["anti_trafficking_measures"]["caption"])
    result = workflow.run(set_cell(measures[1], 1, HOSTILE))
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert not list(workflow.workdir.rglob("pwned"))
    assert_complete_and_consistent(workflow.outputs)
    with duckdb.connect(str(workflow.outputs / "tip_gms.duckdb"), read_only=True) as db:
        texts = db.execute("SELECT text FROM anti_trafficking_measures WHERE source_line = ?",
                           [measures[1] + 1]).fetchall()
        assert (HOSTILE,) in texts
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    assert HOSTILE.replace('"', '""') in (workflow.outputs / "csv" / "anti_trafficking_measures.csv").read_text()


def test_no_code_can_run_text():
    """Nothing in the pipeline turns text into code: no eval or exec, no shell, no pickle, YAML read safely, and
    rules run scripts rather than shell commands. (SQL is built from the schemas only: see tip_gms.database.)"""
    code = [REPO / "Snakefile", *(REPO / "workflow").rglob("*.smk"), *(REPO / "scripts").rglob("*.py"),
            *(REPO / "schemas").rglob("*.py"), *(REPO / "workflow" / "reports").rglob("*.py")]
    forbidden = re.compile(r"\b(?:eval|exec)\(|os\.system|os\.popen|shell=True|pickle|yaml\.load\((?!.*SafeLoader)|"
                           r"^\s*shell:",
                           re.MULTILINE)
    found = [f"{path.relative_to(REPO)}: {match[0]}" for path in code for match in forbidden.finditer(path.read_text())]
    assert len(code) > 10 and not found
