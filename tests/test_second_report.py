"""A second report beside the first: the proof that a report is a config entry, its key-figures registry and a
few lines of schema code in its own words, with no change to the shared code, which names neither report.

The report (tests/fixtures/central_asia_2010/, fictional, written for these tests) is laid out unlike the real
one: its tier table has a row per year, its date is an ISO month, its counts by destination print a grand
total that is off by 5, and its prose, with its own key figures, is about another region."""

import re
import shutil
from datetime import date

import duckdb
import pytest
import yaml

from tip_gms import datasets

from .conftest import CONFIG, RAW, REPO, SOURCE_CONFIG, Workflow
from .test_datasets import EXPECTED_ROWS

pytestmark = pytest.mark.workflow

FIXTURE = REPO / "tests" / "fixtures" / "central_asia_2010"
SECOND = yaml.safe_load((FIXTURE / "source.yaml").read_text())
DOC = SECOND["documents"][0]["doc_id"]
# The second report's own code (workflow/reports/<its source id>/): every line of it counts against a budget of 150.
ITS_CODE = sorted((REPO / "workflow" / "reports" / SECOND["id"]).rglob("*.py"))
# Its own datasets: those it builds and the first report does not.
ITS_DATASETS = sorted(set(SECOND["datasets"]) - set(SOURCE_CONFIG["datasets"]))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    workflow = Workflow(tmp_path_factory.mktemp("two_reports"))
    shutil.copy(RAW, workflow.workdir / "report.txt")
    shutil.copy(FIXTURE / SECOND["path"], workflow.workdir / SECOND["path"])
    config = {**CONFIG, "sources": [{**SOURCE_CONFIG, "path": "report.txt"}, SECOND]}
    result = workflow.snakemake(config, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    for figure in ("tier_placements", "key_figures", "victims_repatriated"):  # every document has its figures
        assert (workflow.outputs / "figures" / f"{figure}-{DOC}.svg").is_file(), figure
        assert f'src="figures/{figure}-{DOC}.svg"' in (workflow.outputs / "index.html").read_text()
    return workflow


@pytest.fixture(scope="module")
def db(built):
    with duckdb.connect(str(built.outputs / "tip_gms.duckdb"), read_only=True) as connection:
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
    assert ITS_CODE and lines <= 150, lines


def test_it_has_datasets_of_its_own_built_by_the_shape_builders(db):
    assert ITS_DATASETS == ["victims_repatriated"]
    for name in ITS_DATASETS:
        assert SECOND["datasets"][name]["builder"] in {"counts_by_year", "tiers_by_year", "tiers_by_year_as_rows"}
        assert not issubclass(datasets.schema(name), datasets.schema("thai_victims_rescued"))
    assert one(db, "SELECT \"2009\" FROM victims_repatriated_wide WHERE destination = 'Russia'") == (151,)


def _strings(value) -> list[str]:
    """Every string in a config value (nested settings included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [*_strings(key), *_strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _columns(names) -> dict[str, str]:
    """Column name -> description, over the schemas of the datasets `names`."""
    return {column: str(field.description or "") for name in names
            for column, field in datasets.schema(name).to_schema().columns.items()}


# What is the real report's own: what it names that the second report does not. What the two reports share
# (the datasets both build, the derived ones, their columns) is the engine's.
SHARED_DATASETS = {*SECOND["datasets"], *CONFIG["derived"]}
OWN_DATASETS = sorted(set(SOURCE_CONFIG["datasets"]) - SHARED_DATASETS)
# its columns with a name of their own ('center_name'; a plain word like 'month' is anyone's)
OWN_COLUMNS = sorted(c for c in set(_columns(OWN_DATASETS)) - set(_columns(SHARED_DATASETS)) if "_" in c)


def _first_clause(description: str) -> str:
    return re.split(r"[,.;:(]", description)[0].strip()


OWN_PHRASES = sorted({
    # its captions, headings and phrases (every setting written in words), its documents, its region
    *(max(text.split("{}"), key=len).strip() for settings in SOURCE_CONFIG["datasets"].values()
      for text in _strings(settings or {}) if " " in text and not re.search(r"[\\/^$]", text)),
    SOURCE_CONFIG["id"], SOURCE_CONFIG["path"],
    *(value for document in SOURCE_CONFIG["documents"] for value in (document["doc_id"],
                                                                      document["title_starts_with"],
                                                                      document["cite_as"])),
    *SOURCE_CONFIG["region"]["named_as"], SOURCE_CONFIG["region"]["name"],
    # how its schemas describe its columns ('Year of rescue'), where the words are its own
    *({_first_clause(d) for d in _columns(OWN_DATASETS).values() if len(_first_clause(d).split()) >= 3}
      - {_first_clause(d) for d in _columns(SHARED_DATASETS).values()}),
})
OWN_PATTERN = re.compile("|".join([
    # a dataset, also inside a longer name ('thai_victims_rescued_wide')
    *(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])" for name in OWN_DATASETS),
    *(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])" for phrase in OWN_PHRASES),  # not the 'gms' of 'tip-gms'

    *(rf"(?<=[\"']){re.escape(column)}(?=[\"'])" for column in OWN_COLUMNS),  # a column, as code names it
]), re.IGNORECASE)
SHARED_CODE = sorted(
    [path for pattern in ("*.py", "*.j2", "*.yaml") for path in (REPO / "scripts" / "tip_gms").rglob(pattern)]
    + list((REPO / "schemas").rglob("*.py")) + list((REPO / "workflow" / "rules").glob("*.smk"))
    + [REPO / "Snakefile"])


def named(text: str) -> list[str]:
    """The real report's own words found in `text` (any case)."""
    return sorted({match.group(0) for match in OWN_PATTERN.finditer(text)})


def test_the_report_words_are_its_own():
    assert {"thai_victims_rescued", "kredtrakhan_residents_by_nationality", "Persons Staying at Baan Kredtrakhan",
            "Year of rescue", "Women and children rescued", "GMS"} <= {*OWN_DATASETS, *OWN_PHRASES}
    assert {"non_thai_pct_min", "center_name"} <= set(OWN_COLUMNS)
    assert not {"tier_placements", "documents", "year", "persons", "doc_id"} & {*OWN_DATASETS, *OWN_COLUMNS}
    assert named("x = frames['KREDTRAKHAN_residents_by_nationality']") == ["KREDTRAKHAN_residents_by_nationality"]
    assert named("the year of rescue; row['center_name']") == ["center_name", "year of rescue"]
    assert named("SELECT * FROM Thai_Victims_Rescued_wide") == ["Thai_Victims_Rescued"]
    assert named("tip-gms, tip_gms, center_name, a center") == []


@pytest.mark.parametrize("path", SHARED_CODE, ids=[str(path.relative_to(REPO)) for path in SHARED_CODE])
def test_shared_code_names_no_report(path):
    found = named(path.read_text())
    assert not found, f"{path.relative_to(REPO)} names the report: {found}"


def test_its_codebook_has_none_of_the_first_reports_words(built, db):
    """Its datasets' sections of the codebook, and their comments in the database, are in its own words."""
    for name in ITS_DATASETS:
        section = (built.outputs / "codebook.md").read_text().split(f"\n## {name}\n")[1].split("\n## ")[0]
        assert "Year of return" in section and not named(section), named(section)
        comments = db.execute("SELECT comment FROM duckdb_columns() WHERE table_name = ? UNION ALL "
                              "SELECT comment FROM duckdb_tables() WHERE table_name = ?", [name, name]).fetchall()
        assert comments and not named(" ".join(str(c) for (c,) in comments))
