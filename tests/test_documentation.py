"""The generated documents: codebook, quality report, data package, figures, index.html, views, CITATION.cff."""

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
import yaml

from tip_gms.checks.base import CHECKS
from tip_gms.derived.indicators import definitions
from tip_gms.publishing.figures import FIGURES

from .conftest import CONFIG, PUBLISHED, REPO

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
    for indicator in definitions():
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


def test_figures_exist_as_png_and_svg_for_the_document_they_show(published):
    for name in FIGURES:  # each of this source's figures shows the report's own tables
        stem = published.outputs / "figures" / f"{name}-jica_interim_report_2007"
        png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        text = svg.read_text()
        assert "<svg" in text and "Source: JICA 2007" in text.replace("&#x", "")
        assert "<dc:date>" not in text  # no timestamp


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.targets += [value for name, value in attrs if name in ("href", "src")]

    def handle_data(self, data):
        self.text.append(data)


def test_index_page_renders_and_every_link_resolves(published):
    page = Links()
    page.feed((published.outputs / "index.html").read_text())
    assert page.targets, "no links"
    for target in page.targets:
        assert (published.outputs / target).is_file(), target
    text = " ".join(page.text)
    assert "Quality findings" in text and "tier_placements" in text and "Indicators" in text
    assert sum(t.startswith("figures/") and t.endswith(".svg") for t in page.targets) == len(FIGURES)
    assert {f"csv/{name}.csv" for name in PUBLISHED} <= set(page.targets)


def test_views_answer_common_questions(published):
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as db:
        wide = db.execute("SELECT * FROM tier_history_wide WHERE iso3 = 'KHM'").fetchall()
        assert wide == [("KHM", "Cambodia", "2", "3", "2", "2", "3", "2WL")]
        assert db.execute("SELECT \"2005\" FROM thai_victims_rescued_wide WHERE destination = 'Malaysia'"
                          ).fetchall() == [(60,)]
        assert db.execute("SELECT count(*) FROM failed_checks").fetchall() == [(8,)]
        comments = dict(db.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
        assert set(comments) == {"tier_history_wide", "thai_victims_rescued_wide", "failed_checks",
                                 "key_figures_cited"} and all(comments.values())


def test_citation_file_cites_the_source_report():
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert citation["cff-version"].startswith("1.2")
    reference = citation["references"][0]
    assert "Interim Report on Fact Finding Missions" in reference["title"]
    assert {author["family-names"] for author in reference["authors"]} >= {"Tanaka", "Hongswadhi"}
