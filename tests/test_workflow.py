"""End to end: the real Snakefile on the real source, in temporary folders."""

import hashlib
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from .conftest import RAW, SOURCE_CONFIG
from .test_datasets import EXPECTED_ROWS

pytestmark = pytest.mark.workflow

# Every key starts with doc_id (except that of documents, which is doc_id), so that reports can be combined.
KEYS = {
    "documents": ["doc_id"], "tier_placements": ["doc_id", "iso3", "year"], "tier_definitions": ["doc_id", "tier"],
    "thai_victims_rescued": ["doc_id", "destination", "year"],
    "kredtrakhan_residents_by_nationality": ["doc_id", "iso3", "as_of", "category"],
    "kredtrakhan_residents_by_age": ["doc_id", "as_of", "age_group"],
    "thai_protection_centers": ["doc_id", "location", "center_name", "residents"],
    "anti_trafficking_measures": ["doc_id", "iso3", "measure_area"], "quality_findings": ["doc_id", "check_id"],
}


def digests(folder: Path, pattern: str) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob(pattern))}


@pytest.fixture(scope="module")
def db(published):
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as connection:
        yield connection


def one(db, sql):
    rows = db.execute(sql).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("name", SOURCE_CONFIG["datasets"])
def test_every_dataset_is_published_in_three_forms_with_its_key(published, db, name):
    rows = one(db, f"SELECT count(*) FROM {name}")[0]
    if name in EXPECTED_ROWS:
        assert rows == EXPECTED_ROWS[name]
    assert pq.read_table(published.outputs / "parquet" / f"{name}.parquet").num_rows == rows
    csv_lines = (published.outputs / "csv" / f"{name}.csv").read_text().splitlines()
    assert len(csv_lines) == rows + 1 and csv_lines[0].startswith('"')
    key = one(db, f"SELECT constraint_column_names FROM duckdb_constraints() "
                  f"WHERE table_name = '{name}' AND constraint_type = 'PRIMARY KEY'")[0]
    assert key == KEYS[name]
    assert one(db, f"SELECT comment FROM duckdb_tables() WHERE table_name = '{name}'")[0]


def test_hand_checked_values(db):
    assert one(db, "SELECT tier, tier_rank, source_line FROM tier_placements WHERE iso3 = 'KHM' AND year = 2002") == (
        "3", 4, 90)
    assert one(db, "SELECT tier FROM tier_placements WHERE country = 'China' AND year = 2006") == ("2WL",)
    assert one(db, "SELECT count(*) FROM tier_placements WHERE tier = '3'") == (9,)
    assert one(db, "SELECT label FROM tier_definitions WHERE tier = '2WL'") == ("Tier 2 Watch List",)
    assert one(db, "SELECT source_line FROM tier_definitions WHERE tier = '3'") == (108,)
    assert one(db, "SELECT left(definition, 40) FROM tier_definitions WHERE tier = '1'") == (
        "Countries whose governments fully comply",)
    assert one(db, "SELECT sum(persons) FROM thai_victims_rescued WHERE year = 2004") == (143,)
    assert one(db, "SELECT persons FROM thai_victims_rescued WHERE destination_iso3 = 'MYS' AND year = 2005") == (60,)
    assert one(db, "SELECT count(*) FROM thai_victims_rescued WHERE destination_iso3 IS NULL") == (4,)
    assert one(db, "SELECT persons, share_pct_reported FROM kredtrakhan_residents_by_nationality "
                   "WHERE iso3 = 'MMR' AND as_of = DATE '2007-02-01' AND category = 'total'") == (116, 29.7)
    assert one(db, "SELECT sum(persons) FROM kredtrakhan_residents_by_nationality "
                   "WHERE category = 'trafficked_victims'") == (209,)
    assert one(db, "SELECT persons FROM kredtrakhan_residents_by_nationality "
                   "WHERE iso3 = 'KHM' AND category = 'others'") == (5,)
    assert one(db, "SELECT sum(persons) FROM kredtrakhan_residents_by_age") == (380,)
    assert one(db, "SELECT age_min, age_max FROM kredtrakhan_residents_by_age WHERE age_group = '15-18'") == (15, 18)
    assert one(db, "SELECT as_of FROM kredtrakhan_residents_by_age WHERE persons = 75") == (date(2005, 10, 1),)
    assert one(db, "SELECT count(*) FROM thai_protection_centers WHERE residents = 'boys'") == (2,)
    assert one(db, "SELECT non_thai_pct_min, non_thai_pct_max FROM thai_protection_centers "
                   "WHERE location = 'Pisanuloke'") == (10.0, 20.0)
    assert one(db, "SELECT majority_origin_iso3 FROM thai_protection_centers WHERE location = 'Nakorn Rachasima'") == (
        "LAO",)
    assert one(db, "SELECT source_line FROM anti_trafficking_measures WHERE iso3 = 'VNM' "
                   "AND measure_area = 'national_policy'") == (616,)
    assert one(db, "SELECT count(*) FROM anti_trafficking_measures WHERE text LIKE '%<u>%'") == (0,)
    assert one(db, "SELECT text FROM anti_trafficking_measures WHERE iso3 = 'MMR' "
                   "AND measure_area = 'legal_framework'") == ("2005 Anti-Trafficking in Persons Law",)
    assert one(db, "SELECT first_line, last_line FROM documents WHERE doc_id = 'cambodia_experiences_2007'") == (
        619, 857)
    assert one(db, "SELECT date FROM documents WHERE doc_id = 'jica_interim_report_2007'") == (date(2007, 3, 1),)
    assert one(db, "SELECT authors_or_presenters FROM documents WHERE doc_id = 'shelters_gms_2007'") == (
        "Chhoeurth SAO",)
    assert one(db, "SELECT status, expected, observed FROM quality_findings "
                   "WHERE check_id = 'thai_victims_rescued.column_total.Total'") == ("fail", "610", "602")
    assert one(db, "SELECT count(*) FROM quality_findings WHERE status = 'fail'") == (1,)
    assert one(db, "SELECT status FROM quality_findings "
                   "WHERE check_id = 'kredtrakhan_residents_by_nationality.column_total.others.2005-10'") == ("pass",)


def test_every_value_can_be_found_on_its_source_line(db):
    lines = RAW.read_text(encoding="utf-8").split("\n")
    for iso3, year, printed, line in db.execute(
            "SELECT iso3, year, tier_as_printed, source_line FROM tier_placements").fetchall():
        assert printed in lines[line - 1].split("\t"), (iso3, year, line)
    for destination, persons, dash, line in db.execute(
            "SELECT destination, persons, reported_as_dash, source_line FROM thai_victims_rescued").fetchall():
        cells = lines[line - 1].split("\t")
        assert cells[0] == destination and ("-" if dash else str(persons)) in cells


def test_the_database_opens_in_a_duckdb_1x_client(published):
    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent))
    assert cli, "the duckdb CLI 1.5.6 (requirements.lock) is not installed in this environment"
    version = subprocess.run([cli, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1."), version
    result = subprocess.run(
        [cli, "-readonly", "-csv", str(published.outputs / "tip_gms.duckdb"), "-c",
         "SELECT count(*) FROM tier_placements"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["count_star()", "42"]


def test_two_runs_give_identical_csv_and_parquet(published, workflow):
    result = workflow.run(RAW.read_bytes(), cores=2)
    assert result.returncode == 0, result.stderr[-3000:]
    for pattern in ("csv/*.csv", "parquet/*.parquet"):
        first, second = digests(published.outputs, pattern), digests(workflow.outputs, pattern)
        assert first and first == second


def test_a_rerun_with_nothing_changed_does_nothing(published):
    config = published.workdir / "config.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--snakefile", str(Path(__file__).parents[1] / "Snakefile"),
         "--directory", str(published.workdir), "--configfile", str(config), "--cores", "1", "--dry-run"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0 and "Nothing to be done" in result.stdout + result.stderr


def edit_line(startswith: str, old: str, new: str):
    def edit(text: str) -> str:
        lines = text.split("\n")
        i = next(i for i, line in enumerate(lines) if line.startswith(startswith))
        assert old in lines[i]
        lines[i] = lines[i].replace(old, new, 1)
        return "\n".join(lines)
    return edit


def duplicate_line(startswith: str):
    def edit(text: str) -> str:
        lines = text.split("\n")
        i = next(i for i, line in enumerate(lines) if line.startswith(startswith))
        return "\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    return edit


# Each bad source: (edit, expected parts of the message); the run must fail and publish nothing.
BAD_SOURCES = {
    "tier cell 2-XL": (edit_line("Laos\t2\t2", "2-WL", "2-XL"),
                       ["dataset tier_placements", "column tier", "'2-XL'", "source line 91"]),
    "count 1O": (edit_line("Australia\t", "\t13\t", "\t1O\t"),
                 ["dataset thai_victims_rescued", "column 2003", "'1O'", "source line 477"]),
    "row with a cell missing": (edit_line("UK\t", "\t2\t", "\t"),
                                ["dataset thai_victims_rescued", "column row", "'UK'", "source line 484", "missing"]),
    "row with an extra cell": (edit_line("Japan\t2\t", "\t2\t2\t2-WL", "\t2\t2\t2\t2-WL"),
                               ["dataset tier_placements", "'Japan'", "source line 96", "extra"]),
    "unknown country": (edit_line("Viet Nam\t2\t", "Viet Nam", "Atlantis"),
                        ["dataset tier_placements", "column country", "'Atlantis'", "source line 93"]),
    "duplicated row": (duplicate_line("Myanmar\t3\t"),
                       ["dataset tier_placements", "duplicate key (doc_id, iso3, year)", "source lines 92, 93"]),
}


@pytest.mark.parametrize("case", BAD_SOURCES)
def test_bad_source_stops_the_run_and_keeps_the_last_good_outputs(published, workflow, case):
    edit, expected = BAD_SOURCES[case]
    workflow.copy_outputs_from(published)
    before = digests(workflow.outputs, "**/*.*")
    result = workflow.run(edit(RAW.read_text(encoding="utf-8")).encode())
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for part in expected:
        assert part in output, f"{part!r} not in:\n{output[-3000:]}"
    assert "Traceback" not in output
    after = digests(workflow.outputs, "**/*.*")
    assert {k: v for k, v in after.items() if not k.startswith(("work/", "logs/"))} == {
        k: v for k, v in before.items() if not k.startswith(("work/", "logs/"))}


def test_a_source_that_differs_from_its_pinned_hash_is_refused(published, workflow):
    workflow.copy_outputs_from(published)
    before = digests(workflow.outputs, "tip_gms.duckdb")
    pinned = SOURCE_CONFIG["sha256"]
    edited = RAW.read_bytes().replace(b"Japan\t13\t57", b"Japan\t13\t58")
    result = workflow.run(edited, sha256=pinned)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert pinned in output and hashlib.sha256(edited).hexdigest() in output
    assert "workflow/config.yaml" in output and "Traceback" not in output
    assert digests(workflow.outputs, "tip_gms.duckdb") == before
