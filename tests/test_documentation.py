"""The generated documents: codebook, quality report, data package, figures, index.html, views, CITATION.cff."""

import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from tip_gms.checks.base import CHECKS
from tip_gms.derived.indicators import definitions
from tip_gms.publishing.figures import FIGURES, drawn_from

from .conftest import CONFIG, PUBLISHED, REPO, REPORT

pytestmark = pytest.mark.workflow


def test_codebook_documents_every_dataset_column_and_normalisation(published):
    codebook = (published.outputs / "codebook.md").read_text()
    for name in PUBLISHED:
        assert f"\n## {name}\n" in codebook
    assert "| `reported_as_dash` | boolean |" in codebook
    assert "| `persons` | integer | persons | no |" in codebook
    assert "A printed '-' is read as 0 persons and flagged reported_as_dash = true." in codebook
    assert "Presentation markup is removed" in codebook
    assert "- Rows: 42; source lines covered: 90-96" in codebook
    for indicator in definitions(REPO / "workflow" / "indicators.yaml"):
        assert f"| `{indicator['id']}` |" in codebook and indicator["definition"] in codebook


def test_quality_report_lists_every_check_failing_first(published):
    report = (published.outputs / "quality_report.md").read_text()
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as db:
        check_ids = [row[0] for row in db.execute("SELECT check_id FROM quality_findings").fetchall()]
    assert all(f"`{check_id}`" in report for check_id in check_ids)
    results = report.split("## Results")[1]
    assert results.index("| fail |") < results.index("| pass |")
    for _, _, function in CHECKS.values():
        assert " ".join(function.__doc__.split()) in report


def test_data_package_validates_with_frictionless(published):
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=published.outputs,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    package = json.loads((published.outputs / "datapackage.json").read_text())
    assert [r["name"] for r in package["resources"]] == PUBLISHED
    tiers = next(r for r in package["resources"] if r["name"] == "tier_placements")["schema"]
    assert tiers["primaryKey"] == ["doc_id", "iso3", "year"]
    assert {"fields": "iso3", "reference": {"resource": "countries", "fields": "iso3"}} in tiers["foreignKeys"]
    assert next(f for f in tiers["fields"] if f["name"] == "tier")["constraints"]["enum"] == ["1", "2", "2WL", "3"]
    assert package["sources"][0]["sha256"] == CONFIG["sources"][0]["sha256"]
    assert package["version"] == version_of(published.outputs)
    # No standard licence applies to the source's content: none is claimed; who holds the rights is said instead.
    assert "licenses" not in package
    assert "No open licence is known" in package["rights"] and "JICA Regional Support Office" in package["rights"]
    assert f"data version {package['version']}" in package["citation"]


def version_of(outputs: Path) -> str:
    """The data version, as the DuckDB file states it."""
    with duckdb.connect(str(outputs / "tip_gms.duckdb"), read_only=True) as db:
        versions = db.execute("SELECT DISTINCT version FROM release").fetchall()
    assert len(versions) == 1 and re.fullmatch(r"[0-9a-f]{12}", versions[0][0]), versions
    return versions[0][0]


def test_the_version_follows_the_data(published):
    """The version is the hash of the CSV files: recomputed here from them, and stated everywhere."""
    from tip_gms.publishing.writer import data_version

    version = version_of(published.outputs)
    assert data_version(published.outputs / "csv") == version
    assert f"Data version <strong>{version}</strong>" in (published.outputs / "index.html").read_text()
    assert f"Data version `{version}`" in (published.outputs / "codebook.md").read_text()
    assert (published.outputs / f"tip_gms-{version}.zip").is_file()


def test_the_archive_holds_the_data_and_validates_once_unpacked(published, tmp_path):
    version = version_of(published.outputs)
    with zipfile.ZipFile(published.outputs / f"tip_gms-{version}.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(name.startswith(f"tip_gms-{version}/") for name in names)
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # no timestamps
        archive.extractall(tmp_path)
    unpacked = tmp_path / f"tip_gms-{version}"
    for name in PUBLISHED:
        csv = f"csv/{name}.csv"
        assert (unpacked / csv).read_bytes() == (published.outputs / csv).read_bytes()
        assert (unpacked / "parquet" / f"{name}.parquet").is_file()
    for document in ("datapackage.json", "codebook.md", "codebook.html", "quality_report.md", "quality_report.html"):
        assert (unpacked / document).is_file(), document
    assert sorted(p.name for p in (unpacked / "figures").iterdir()) == sorted(
        p.name for p in (published.outputs / "figures").iterdir())
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", f"tip_gms-{version}/datapackage.json"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_data_package_validation_catches_a_broken_csv(published, tmp_path):
    """The frictionless check can fail: a tier outside the enum in a copy of the outputs is reported."""
    copy = tmp_path / "outputs"
    subprocess.run(["cp", "-r", str(published.outputs), str(copy)], check=True)
    csv = copy / "csv" / "tier_placements.csv"
    csv.write_text(csv.read_text().replace("KHM,Cambodia,2001,2,", "KHM,Cambodia,2001,9,", 1))
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "constraint" in result.stdout.lower()


def drawn(outputs: Path) -> list[str]:
    """The figures the published tables give (one per dataset of a shape with a chart, and registered ones)."""
    return list(drawn_from({path.stem: pq.read_table(path) for path in (outputs / "parquet").glob("*.parquet")},
                           [REPORT]))


def test_figures_exist_as_png_and_svg_for_the_document_they_show(published):
    assert drawn(published.outputs) == ["tier_placements", "thai_victims_rescued", *FIGURES]
    for name in drawn(published.outputs):  # each of this source's figures shows the report's own tables
        stem = published.outputs / "figures" / f"{name}-jica_interim_report_2007"
        png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        text = svg.read_text()
        assert "<svg" in text and "Source: JICA 2007" in text.replace("&#x", "")
        assert "<dc:date>" not in text  # no timestamp


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets, self.images, self.ids, self.text = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.targets += [value for name, value in attrs if name in ("href", "src")]
        self.images += [attributes["src"]] if tag == "img" else []
        self.ids |= {attributes["id"]} if "id" in attributes else set()

    def handle_data(self, data):
        self.text.append(data)


def read_page(path: Path) -> Links:
    page = Links()
    page.feed(path.read_text())
    return page


@pytest.mark.parametrize("name", ["index.html", "codebook.html", "quality_report.html"])
def test_pages_render_and_every_link_resolves(published, name):
    page = read_page(published.outputs / name)
    assert page.targets, "no links"
    for target in page.targets:
        path, _, anchor = target.partition("#")
        assert (published.outputs / path).is_file() if path else anchor in page.ids, target
    text = " ".join(page.text)
    assert "`" not in text  # Markdown is rendered, never shown as typed
    assert '<meta name="viewport"' in (published.outputs / name).read_text()


def test_index_page_says_what_the_data_say_first_then_the_downloads(published):
    html = (published.outputs / "index.html").read_text()
    page = read_page(published.outputs / "index.html")
    text = " ".join(" ".join(page.text).split())
    order = ["What the data say", "Where the source disagrees with itself", "Downloads", "Figures", "Datasets",
             "Indicators", "Checks"]
    assert [text.index(f"{heading} ") for heading in order] == sorted(text.index(f"{heading} ") for heading in order)
    assert ("Children sexually exploited in the Asian region: over 1,000,000 persons Over one million children "
            "(JICA 2007, line 60)") in text  # the value, the source's words (quoted by <q>), the citation
    assert "Total row, column Total (line 486): the sum of the parts (602) differs by -8" in text
    version = version_of(published.outputs)
    assert html.index(f"tip_gms-{version}.zip") < html.index('href="tip_gms.duckdb"')  # the archive first
    assert len(page.images) == len(drawn(published.outputs)) and all(src.endswith(".svg") for src in page.images)
    assert {f"csv/{name}.csv" for name in PUBLISHED} <= set(page.targets)
    indicators = definitions(REPO / "workflow" / "indicators.yaml")
    assert html.count("<details>") == len(indicators)  # grouped: each indicator, with its definition, once
    assert all(html.count(f"<summary><code>{indicator['id']}</code>:") == 1 for indicator in indicators)
    assert "lines 477-486" in text and "477;478" not in text  # line lists that wrap


def test_views_answer_common_questions(published):
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as db:
        wide = db.execute("SELECT * FROM tier_history_wide WHERE iso3 = 'KHM'").fetchall()
        assert wide == [("jica_interim_report_2007", "KHM", "Cambodia", "2", "3", "2", "2", "3", "2WL")]
        assert db.execute("SELECT \"2005\" FROM thai_victims_rescued_wide WHERE destination = 'Malaysia'"
                          ).fetchall() == [(60,)]
        assert db.execute("SELECT count(*) FROM failed_checks").fetchall() == [(8,)]
        comments = dict(db.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
        assert set(comments) == {"tier_history_wide", "thai_victims_rescued_wide", "failed_checks",
                                 "key_figures_cited"} and all(comments.values())
        columns = db.execute("SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
                             "WHERE table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal)").fetchall()
        assert len(columns) > 30
        assert [c[:2] for c in columns if not c[3]] == []  # every view column has a comment
        assert [c[:3] for c in columns if c[2] == "HUGEINT"] == []
        rescued = db.execute("SELECT * FROM thai_victims_rescued_wide").df()
        assert str(rescued["2005"].dtype) in ("int64", "Int64")  # pandas reads counts as integers
        cited = db.execute("SELECT figure, citation, qualifier FROM key_figures_cited "
                           "WHERE figure_id = 'children_sexually_exploited_asia'").fetchall()
        assert cited == [("over 1,000,000 persons", "\u201cOver one million children\u201d (JICA 2007, line 60)",
                          "over")]
        assert db.execute("SELECT figure, citation FROM key_figures_cited WHERE figure_id = 'khm_sex_workers'"
                          ).fetchall() == [("about 50,000-55,000 persons", "\u201cAbout 50,000 to 55,000 sex workers "
                                            "in Cambodia\u201d (JICA 2007, line 142)")]


def test_citation_file_cites_the_source_report():
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert citation["cff-version"].startswith("1.2")
    # The version, release date and licence of the code, the same in every file that states them.
    version = re.search(r'^version = "(.+)"', (REPO / "pyproject.toml").read_text(), re.MULTILINE)[1]
    assert citation["version"] == version and re.fullmatch(r"\d{4}-\d\d-\d\d", str(citation["date-released"]))
    assert f"## {version} — {citation['date-released']}" in (REPO / "CHANGELOG.md").read_text()
    assert citation["license"] == "MIT" and (REPO / "LICENSE").read_text().startswith("MIT License")
    reference = citation["references"][0]
    assert "Interim Report on Fact Finding Missions" in reference["title"]
    assert {author["family-names"] for author in reference["authors"]} >= {"Tanaka", "Hongswadhi"}
