"""A second report beside the first: the proof that a report is a config entry, its key-figures registry and a
few lines of builder and schema code, with no change to the shared code.

The report (tests/fixtures/central_asia_2010/, fictional, written for these tests) is laid out unlike the real
one: its tier table has a row per year, its date is an ISO month, its counts by destination print a grand
total that is off by 5, and its prose, with its own key figures, is about another region."""

import re
import shutil
from datetime import date

import duckdb
import pytest
import yaml

from .conftest import CONFIG, RAW, REPO, SOURCE_CONFIG, Workflow
from .test_datasets import EXPECTED_ROWS

pytestmark = pytest.mark.workflow

FIXTURE = REPO / "tests" / "fixtures" / "central_asia_2010"
SECOND = yaml.safe_load((FIXTURE / "source.yaml").read_text())
DOC = SECOND["documents"][0]["doc_id"]
# The second report's own code: every line of it counts against the budget of 150.
ITS_CODE = [REPO / "scripts" / "tip_gms" / "datasets" / "tier_placements_years_as_rows.py",
            REPO / "schemas" / "victims_repatriated.py"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    workflow = Workflow(tmp_path_factory.mktemp("two_reports"))
    shutil.copy(RAW, workflow.workdir / "report.txt")
    shutil.copy(FIXTURE / SECOND["path"], workflow.workdir / SECOND["path"])
    config = {**CONFIG, "sources": [{**SOURCE_CONFIG, "path": "report.txt"}, SECOND]}
    result = workflow.snakemake(config, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    for figure in ("tier_placements", "key_figures", "victims_repatriated"):  # every document has its figures
        assert (workflow.outputs / "figures" / f"{figure}-{DOC}.svg").is_file(), figure
        assert f'src="figures/{figure}-{DOC}.svg"' in (workflow.outputs / "index.html").read_text()
    with duckdb.connect(str(workflow.outputs / "tip_gms.duckdb"), read_only=True) as connection:
        yield connection


def one(db, sql):
    rows = db.execute(sql).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_the_first_report_is_as_before(db):
    for name, rows in EXPECTED_ROWS.items():
        assert one(db, f"SELECT count(*) FROM {name} WHERE doc_id <> '{DOC}'") == (rows,), name


def test_its_tiers_read_from_a_table_with_a_row_per_year(db):
    assert one(db, f"SELECT count(*) FROM tier_placements WHERE doc_id = '{DOC}'") == (20,)
    assert one(db, f"SELECT tier, tier_as_printed, source_line FROM tier_placements WHERE doc_id = '{DOC}' "
                   "AND iso3 = 'TKM' AND year = 2008") == ("3", "3", 34)
    assert one(db, f"SELECT value_text FROM indicators WHERE doc_id = '{DOC}' AND indicator_id = 'tier_latest' "
                   "AND breakdown = 'KGZ'") == ("2WL",)
    assert one(db, f"SELECT status FROM quality_findings WHERE doc_id = '{DOC}' "
                   "AND check_id = 'tier_placements.prose.KAZ.2009'") == ("pass",)


def test_its_counts_by_destination_and_the_total_that_is_off(db):
    assert one(db, "SELECT persons, destination_iso3, source_line FROM victims_repatriated "
                   "WHERE destination = 'Russia' AND year = 2009") == (151, "RUS", 41)
    assert one(db, "SELECT count(*) FROM victims_repatriated") == (12,)
    assert one(db, "SELECT status, expected, observed FROM quality_findings "
                   "WHERE check_id = 'victims_repatriated.column_total.Total'") == ("fail", "705", "700")
    assert one(db, f"SELECT count(*) FROM quality_findings WHERE doc_id = '{DOC}' AND status = 'fail'") == (1,)


def test_its_date_in_another_month_format(db):
    assert one(db, f"SELECT date, date_as_printed FROM documents WHERE doc_id = '{DOC}'") == (
        date(2010, 11, 1), "2010-11")


def test_its_prose_in_another_region_with_its_own_key_figures(db):
    assert one(db, f"SELECT value, unit, qualifier, source_line FROM key_figures WHERE doc_id = '{DOC}' "
                   "AND figure_id = 'kgz_women_trafficked'") == (4200, "persons", "about", 23)
    assert one(db, f"SELECT count(*) FROM key_figures WHERE doc_id = '{DOC}'") == (6,)
    assert one(db, f"SELECT iso3, section FROM numeric_mentions WHERE doc_id = '{DOC}' AND source_line = 28") == (
        "TJK", "Tajikistan")
    assert one(db, f"SELECT count(*) FROM numeric_mentions WHERE doc_id = '{DOC}' AND iso3 IS NULL") == (3,)
    assert one(db, "SELECT regions FROM countries WHERE iso3 = 'KAZ'") == ("Central Asia",)
    assert one(db, "SELECT regions FROM countries WHERE iso3 = 'THA'") == ("GMS",)


def test_its_code_is_small():
    lines = sum(len(path.read_text().splitlines()) for path in ITS_CODE)
    assert lines <= 150, lines


# Words that only the real report uses: its captions, headings and phrases (from its config), its region and
# the names of the organisation that wrote it.
REPORT_WORDS = sorted({
    *(value for settings in SOURCE_CONFIG["datasets"].values() for value in (settings or {}).values()
      if isinstance(value, str) and " " in value and "/" not in value and "\\" not in value),
    *(document["title_starts_with"] for document in SOURCE_CONFIG["documents"]),
    *SOURCE_CONFIG["region"]["named_as"], SOURCE_CONFIG["region"]["name"], "JICA", "Kredtrakhan", "MoSDHS",
})
SHARED = [path for folder in ("checks", "derived", "publishing") for path in (REPO / "scripts" / "tip_gms" / folder
                                                                             ).rglob("*.py")] + [
    path for path in (REPO / "scripts" / "tip_gms").glob("*.py")]


@pytest.mark.parametrize("path", SHARED, ids=[path.name for path in SHARED])
def test_shared_code_names_no_report(path):
    text = path.read_text()
    found = [word for word in REPORT_WORDS if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not found, f"{path.relative_to(REPO)} names the report: {found}"
