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
import yaml

from tip_gms.document import clean

from .conftest import PUBLISHED, RAW, SOURCE_CONFIG, published_files
from .test_datasets import EXPECTED_ROWS
from .test_prose_datasets import INDICATORS, KEY_FIGURES

pytestmark = pytest.mark.workflow

# Every key starts with doc_id (except that of documents, which is doc_id), so that reports can be combined.
KEYS = {
    "documents": ["doc_id"], "tier_placements": ["doc_id", "iso3", "year"], "tier_definitions": ["doc_id", "tier"],
    "thai_victims_rescued": ["doc_id", "destination", "year"],
    "kredtrakhan_residents_by_nationality": ["doc_id", "iso3", "as_of", "category"],
    "kredtrakhan_residents_by_age": ["doc_id", "as_of", "age_group"],
    "thai_protection_centers": ["doc_id", "location", "center_name", "residents"],
    "anti_trafficking_measures": ["doc_id", "iso3", "measure_area"], "quality_findings": ["doc_id", "check_id"],
    "policy_timeline": ["doc_id", "source_line"], "country_policy_events": ["doc_id", "source_line"],
    "thai_registered_migrants": ["doc_id", "iso3", "as_of"], "myanmar_victims_in_thai_centers": ["doc_id", "center"],
    "missions": ["doc_id", "source_line"], "numeric_mentions": ["doc_id", "mention_id"],
    "key_figures": ["doc_id", "figure_id"],
    # derived datasets are computed across documents: their keys are their own
    "indicators": ["doc_id", "indicator_id", "breakdown", "period"], "countries": ["iso3"],
}


@pytest.fixture(scope="module")
def db(published):
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as connection:
        yield connection


def one(db, sql, parameters=None):
    rows = db.execute(sql, parameters).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_dataset_is_published_in_three_forms_with_its_key(published, db, name):
    rows = one(db, f"SELECT count(*) FROM {name}")[0]
    if name in EXPECTED_ROWS:
        assert rows == EXPECTED_ROWS[name]
    assert pq.read_table(published.outputs / "parquet" / f"{name}.parquet").num_rows == rows
    csv_lines = (published.outputs / "csv" / f"{name}.csv").read_text().splitlines()
    assert len(csv_lines) == rows + 1 and not csv_lines[0].startswith('"')  # quotes only where needed
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
    # The rescued-victims grand total and the registered-migrants total (see test_hand_checked_policy_values).
    assert one(db, "SELECT count(*) FROM quality_findings WHERE status = 'fail'") == (8,)
    assert one(db, "SELECT count(*) FROM quality_findings WHERE status = 'fail' AND severity <> 'warning'") == (0,)
    assert one(db, "SELECT status FROM quality_findings "
                   "WHERE check_id = 'kredtrakhan_residents_by_nationality.column_total.others.2005-10'") == ("pass",)


def test_hand_checked_policy_values(db):
    assert one(db, "SELECT start_year, end_year FROM policy_timeline WHERE event LIKE 'Manila Process%'") == (
        1996, 2000)
    assert one(db, "SELECT participants_iso3, source_line FROM policy_timeline WHERE month = 10") == (
        "KHM;CHN;LAO;MMR;THA;VNM", 75)
    assert one(db, "SELECT count(*) FROM policy_timeline WHERE start_year IS NULL") == (1,)
    assert one(db, "SELECT date_as_printed FROM policy_timeline WHERE end_year IS NULL AND start_year = 1996") == (
        "1996~",)
    assert one(db, "SELECT year, month, status FROM country_policy_events WHERE iso3 = 'MMR' "
                   "AND area = 'legal_framework'") == (2005, 9, "adopted")
    assert one(db, "SELECT string_agg(partner_iso3, ';' ORDER BY source_line) FROM country_policy_events "
                   "WHERE section = 'Extradition Treaties with:'") == ("THA;LAO;CHN",)
    assert one(db, "SELECT count(*) FROM country_policy_events WHERE area = 'international_agreement'") == (20,)
    assert one(db, "SELECT count(*) FROM country_policy_events WHERE year IS NULL") == (21,)
    assert one(db, "SELECT year, month FROM country_policy_events WHERE partner = 'Thailand' "
                   "AND year IS NOT NULL") == (2003, 5)
    assert one(db, "SELECT sum(registered) FROM thai_registered_migrants") == (428427,)
    assert one(db, "SELECT registered, as_of FROM thai_registered_migrants WHERE iso3 = 'LAO'") == (
        42085, date(2002, 3, 1))
    assert one(db, "SELECT status, expected, observed FROM quality_findings "
                   "WHERE check_id = 'thai_registered_migrants.total.2002-03'") == ("fail", "428431", "428427")
    assert one(db, "SELECT persons_min, persons_max, residents_total FROM myanmar_victims_in_thai_centers "
                   "WHERE center = 'Kredtrakhan Center'") == (40, 50, 380)
    assert one(db, "SELECT as_printed FROM myanmar_victims_in_thai_centers WHERE persons_min IS NULL") == ("A few",)
    assert one(db, "SELECT count(*) FROM missions WHERE status = 'planned'") == (3,)
    assert one(db, "SELECT start_month FROM missions WHERE mission_no = 5") == (date(2007, 1, 1),)
    assert one(db, "SELECT partner FROM missions WHERE iso3 = 'KHM'") == ("NVEC",)
    assert one(db, "SELECT start_month, end_month FROM missions WHERE mission_type = 'project_formulation'") == (
        date(2007, 5, 1), date(2007, 6, 1))
@pytest.mark.parametrize(("figure_id", "value", "value_max", "unit", "line"), KEY_FIGURES)
def test_published_key_figures(db, figure_id, value, value_max, unit, line):
    assert one(db, f"SELECT value, value_max, unit, source_line FROM key_figures WHERE figure_id = '{figure_id}'") == (
        pytest.approx(value), value_max, unit, line)


@pytest.mark.parametrize(("key", "value", "value_text"), INDICATORS)
def test_published_indicators(db, key, value, value_text):
    row = one(db, "SELECT value, value_text FROM indicators WHERE indicator_id = ? AND breakdown = ? AND period = ?",
              list(key))
    assert row == (pytest.approx(value), value_text)


def test_countries_are_referenced_by_every_iso3_column(db):
    assert one(db, "SELECT count(*) FROM countries WHERE regions = 'GMS'") == (6,)
    assert one(db, "SELECT name, subregion FROM countries WHERE iso3 = 'LAO'") == (
        "Lao People's Democratic Republic", "South-eastern Asia")
    assert one(db, "SELECT names_as_printed FROM countries WHERE iso3 = 'GBR'") == ("UK",)
    references = db.execute("SELECT table_name, constraint_column_names FROM duckdb_constraints() "
                            "WHERE constraint_type = 'FOREIGN KEY' AND constraint_text LIKE '%countries%'").fetchall()
    assert ("thai_victims_rescued", ["destination_iso3"]) in references and len(references) >= 6


def test_hand_checked_prose_figures_and_indicators(db):
    assert one(db, "SELECT value, unit, source_line FROM key_figures WHERE figure_id = 'khm_sex_workers'") == (
        50_000, "persons", 142)
    assert one(db, "SELECT value, source_line FROM key_figures "
                   "WHERE figure_id = 'tha_registered_migrants_from_myanmar'") == (348_747, 465)
    assert one(db, "SELECT count(*) FROM numeric_mentions WHERE unit = 'percent'") == (16,)
    assert one(db, "SELECT value, value_max FROM numeric_mentions WHERE as_printed = '15-24'") == (15, 24)
    assert one(db, "SELECT value FROM indicators WHERE indicator_id = 'tier_latest' AND breakdown = 'MMR'") == (4,)
    assert one(db, "SELECT value_text FROM indicators WHERE indicator_id = 'thai_victims_rescued_top_destination' "
                   "AND period = '2005'") == ("Malaysia",)
    assert one(db, "SELECT round(value, 1) FROM indicators WHERE indicator_id = 'kredtrakhan_trafficked_share'") == (
        55.0,)


def test_every_value_can_be_found_on_its_source_line(db):
    lines = RAW.read_text(encoding="utf-8").split("\n")
    for iso3, year, printed, line in db.execute(
            "SELECT iso3, year, tier_as_printed, source_line FROM tier_placements").fetchall():
        assert printed in lines[line - 1].split("\t"), (iso3, year, line)
    for destination, persons, dash, line in db.execute(
            "SELECT destination, persons, reported_as_dash, source_line FROM thai_victims_rescued").fetchall():
        cells = lines[line - 1].split("\t")
        assert cells[0] == destination and ("-" if dash else str(persons)) in cells
    printed_on_their_line = [
        "SELECT text, source_line FROM country_policy_events", "SELECT event, source_line FROM policy_timeline",
        "SELECT format('{:,}', registered), source_line FROM thai_registered_migrants",
        "SELECT as_printed, source_line FROM myanmar_victims_in_thai_centers",
        "SELECT country_or_area, source_line FROM missions", "SELECT date_as_printed, source_line FROM missions",
    ]
    for sql in printed_on_their_line:
        for printed, line in db.execute(sql).fetchall():
            assert printed in clean(lines[line - 1]), (sql, printed, line)


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


def test_a_rerun_with_nothing_changed_does_nothing(published):
    config = published.workdir / "config.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--snakefile", str(Path(__file__).parents[1] / "Snakefile"),
         "--directory", str(published.workdir), "--configfile", str(config), "--cores", "1", "--dry-run"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0 and "Nothing to be done" in result.stdout + result.stderr


def test_a_source_that_differs_from_its_pinned_hash_is_refused(published, workflow):
    workflow.copy_outputs_from(published)
    pinned = SOURCE_CONFIG["sha256"]
    edited = RAW.read_bytes().replace(b"Japan\t13\t57", b"Japan\t13\t58")
    result = workflow.run(edited, sha256=pinned)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert pinned in output and hashlib.sha256(edited).hexdigest() in output
    assert "workflow/config.yaml" in output and "README" in output and "Traceback" not in output
    assert published_files(workflow.outputs) == published_files(published.outputs)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda c: c["sources"][0].pop("sha256"), "sources.0: 'sha256' is a required property"),
    (lambda c: c["sources"][0]["datasets"].update(no_such_dataset=None),
     "sources.0.datasets: unknown dataset 'no_such_dataset'"),
    (lambda c: c.update(derived=["indicators", "no_such_dataset"]), "derived: unknown dataset 'no_such_dataset'"),
    (lambda c: c["sources"][0].update(path="raw/gone.txt"), "sources.0.path: source raw/gone.txt does not exist"),
])
def test_a_bad_config_stops_before_any_job_naming_the_file_and_the_key(published, workflow, edit, message):
    """Checked before Snakemake plans anything: a source that vanished never gives "Nothing to be done"."""
    workflow.copy_outputs_from(published)
    config = yaml.safe_load((published.workdir / "config.yaml").read_text())
    shutil.copy(published.workdir / "source.txt", workflow.workdir / "source.txt")
    edit(config)
    result = workflow.snakemake(config, "--cores", "1")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    assert f"ERROR tip-gms: {workflow.workdir / 'config.yaml'}: {message}" in output
    assert len(output.splitlines()) <= 3 and "Nothing to be done" not in output
    assert published_files(workflow.outputs) == published_files(published.outputs)


def test_a_rebuild_that_comes_out_the_same_publishes_nothing_new(published, workflow):
    workflow.copy_outputs_from(published)
    release = (workflow.outputs / "current").resolve()
    before = {p: p.stat().st_mtime_ns for p in release.rglob("*")}
    (workflow.outputs / "work" / SOURCE_CONFIG["id"] / "built.json").unlink()  # the source is built again
    result = workflow.run(RAW.read_bytes())
    assert result.returncode == 0, result.stderr[-3000:]
    assert "nothing new to publish" in (workflow.outputs / "logs" / "publish.log").read_text()
    assert (workflow.outputs / "current").resolve() == release
    assert {p: p.stat().st_mtime_ns for p in release.rglob("*")} == before  # not one file written again
    assert published_files(workflow.outputs) == published_files(published.outputs)
