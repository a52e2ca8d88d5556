"""What a user downloads is enough to check every number: the archive holds the page, the documents, the data
and the source with its view, and every link of every page works offline in Chromium; every citation leads to
the line that prints the value, naming the page for a PDF; nothing published names a path that does not exist;
the data dictionary as CSV, and the pandas recipe of the README keeps every column's type."""

import csv
import hashlib
import html
import json
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import duckdb
import pyarrow as pa
import pytest

from tip_gms import files, paths
from tip_gms.document import clean
from tip_gms.publishing import changes, sources
from tip_gms.reports import DocumentSpec, Report, citation

from .conftest import PUBLISHED, RAW, REPO
from .test_page import browser  # noqa: F401  (the headless Chromium fixture)

ARCHIVED = ("index.html", "codebook.html", "codebook.md", "codebook.csv", "quality_report.html", "quality_report.md",
            "datapackage.json", "SHA256SUMS", "README.md", "LICENSE", "tip_gms.duckdb", "source/source.txt",
            "source/source.txt.html")  # the workflow tests' source is source.txt

VIEW = "source/source.txt.html"


def ids_of(path: Path) -> dict[str, str]:
    """Every element id of an HTML file, with the text of the element (a line of the source's view)."""
    text = path.read_text()
    found = {m[1]: m[2] for m in re.finditer(r'<div class="line" id="([^"]+)">(.*?)</div>', text)}
    return {**{m: "" for m in re.findall(r'\sid="([^"]+)"', text)}, **found}


@pytest.fixture(scope="module")
def unpacked(published, tmp_path_factory) -> Path:
    (archive,) = published.outputs.glob("tip_gms-*.zip")
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    (folder,) = target.iterdir()
    return folder


@pytest.mark.workflow
def test_the_archive_holds_everything_and_verifies_by_its_own_sums(unpacked):
    assert [name for name in ARCHIVED if not (unpacked / name).is_file()] == []
    held = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*")}
    assert {f"csv/{name}.csv" for name in PUBLISHED} | {f"parquet/{name}.parquet" for name in PUBLISHED} <= held
    checked = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=unpacked, capture_output=True,
                             text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = {line.split("  ", 1)[1] for line in (unpacked / "SHA256SUMS").read_text().splitlines()}
    assert listed == {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    readme = (unpacked / "README.md").read_text()
    for section in ("## How to cite", "## Rights", "## How to verify", "whole source is included"):
        assert section in readme
    assert "not ours to license" in (unpacked / "LICENSE").read_text()


@pytest.mark.workflow
def test_every_link_of_every_page_in_the_archive_opens_in_chromium(unpacked, browser):  # noqa: F811
    """Each page of the unzipped archive is opened in Chromium, and so is every page it links to; a link to a
    line (#L56) must find that line there. No link leaves the folder."""
    opened: dict[Path, set[str]] = {}

    def open_page(path: Path) -> set[str]:
        if path not in opened:
            browser.get(path.as_uri())
            assert browser.execute_script("return document.readyState") == "complete"
            assert browser.title, f"{path} did not open"
            opened[path] = set(browser.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)"))
        return opened[path]

    broken, links = [], 0
    for page in sorted(unpacked.rglob("*.html")):
        open_page(page)
        targets = browser.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href)"
                                         ".concat([...document.images].map(i => i.src))")
        for target in targets:
            links += 1
            url = urlparse(target)
            path = Path(unquote(url.path))
            if url.scheme != "file" or not path.is_relative_to(unpacked) or not path.is_file():
                broken.append(f"{page.name}: {target}")
            elif path.suffix == ".html" and url.fragment and url.fragment not in open_page(path):
                broken.append(f"{page.name}: {target} (no such anchor)")
    assert links > 300 and broken == []


@pytest.mark.workflow
def test_every_key_figure_links_to_the_line_that_prints_it_in_the_source_s_words(published):
    """The page's citation of each key figure leads to a line of the view that holds the figure as printed;
    key_figures.csv carries the citation and the figure as worded, a phrase of its sentence word for word."""
    outputs = published.outputs
    page = (outputs / "index.html").read_text()
    lines = ids_of(outputs / VIEW)
    with duckdb.connect(str(outputs / "tip_gms.duckdb"), read_only=True) as db:
        figures = db.execute("SELECT worded, citation, sentence, as_printed, source_line FROM key_figures_cited"
                             ).fetchall()
    with (outputs / "csv" / "key_figures.csv").open() as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(figures) > 40
    assert {(r["worded"], r["citation"]) for r in rows} == {(f[0], f[1]) for f in figures}
    for worded, cited, sentence, as_printed, line in figures:
        assert worded in sentence and as_printed in worded, worded
        assert cited.startswith(f"\u201c{worded}\u201d (") and cited.endswith(f", line {line})"), cited
        assert f'href="{VIEW}#L{line}"' in page
        assert as_printed in clean(html.unescape(lines[f"L{line}"])), (line, as_printed)  # the view shows markup
    assert "One third of the victims" in {r["worded"][:24] for r in rows}
    assert "US$. 5 to 7 billion" in " ".join(r["worded"] for r in rows)


@pytest.mark.workflow
def test_the_codebook_s_examples_and_the_quality_report_link_to_their_lines(published):
    outputs = published.outputs
    lines = ids_of(outputs / VIEW)
    for document in ("codebook.md", "quality_report.md"):
        links = re.findall(r"\]\((source/[^)#]+)#(L\d+)\)", (outputs / document).read_text())
        assert len(links) >= (len(PUBLISHED) if document == "codebook.md" else 50), document
        assert all(anchor in lines for _, anchor in links) and {view for view, _ in links} == {VIEW}
    assert "Example, the first row: ;" not in (outputs / "codebook.md").read_text()  # each names its row


def test_a_citation_names_the_page_of_a_pdf_source_and_the_view_shows_each_page(tmp_path, monkeypatch):
    assert citation("JICA 2007", 56) == "JICA 2007, line 56"
    assert citation("JICA 2007", 56, 3) == "JICA 2007, p. 3, line 56"
    monkeypatch.chdir(tmp_path)
    Path("report.pdf").write_bytes(b"%PDF-1.4 not read here")
    spec = {"id": "s", "path": "report.pdf", "sha256": hashlib.sha256(b"%PDF-1.4 not read here").hexdigest()}
    files.write_parquet(pa.table({"line": [1, 2, 3], "page": [1, 1, 2], "text": ["Title", "Tier <2>", "Over 88,000"]}),
                        paths.lines("outputs", "s"))
    report = Report("s", (DocumentSpec("d", "Title", "A report (2007).", "A 2007"),))
    views = sources.write([spec], [report], "outputs", tmp_path / "release", "T", "v")
    assert views == {"d": "source/report.pdf.html"}
    view = (tmp_path / "release" / "source" / "report.pdf.html").read_text()
    assert (tmp_path / "release" / "source" / "report.pdf").read_bytes() == Path("report.pdf").read_bytes()
    assert view.index('<h2 id="p1">Page 1</h2>') < view.index('id="L2"') < view.index('<h2 id="p2">Page 2</h2>') \
        < view.index('id="L3"')
    assert "Tier &lt;2&gt;" in view  # the source's text is escaped
    cite = sources.Citations({"d": "A 2007"}, views)
    assert (cite.text("d", 3, 2), cite.href("d", 3)) == ("A 2007, p. 2, line 3", "source/report.pdf.html#L3")


REPOSITORY_PATH = re.compile(r"\b(?:scripts|workflow|schemas|raw|tests)/[A-Za-z0-9_./<>-]*[A-Za-z0-9_>]")


@pytest.mark.workflow
def test_nothing_published_names_a_path_that_does_not_exist(published):
    """Every repository path the published documents and the DuckDB comments name exists (`<source>` stands for
    any source's id)."""
    outputs = published.outputs
    texts = [re.sub(r"<[^>]+>", " ", path.read_text()) for path in sorted(outputs.glob("*"))
             if path.suffix in (".md", ".html", ".json", ".csv") or path.name in ("README.md", "LICENSE")]
    with duckdb.connect(str(outputs / "tip_gms.duckdb"), read_only=True) as db:
        texts += [c or "" for (c,) in db.execute("SELECT comment FROM duckdb_columns() UNION ALL SELECT comment "
                                                 "FROM duckdb_tables() UNION ALL SELECT comment FROM duckdb_views()"
                                                 ).fetchall()]
    named = {path.rstrip(".") for text in texts for path in REPOSITORY_PATH.findall(html.unescape(text))}
    assert "workflow/indicators.yaml" in named
    assert sorted(path for path in named if not list(REPO.glob(path.replace("<source>", "*")))) == []


@pytest.mark.workflow
def test_the_pandas_recipe_keeps_every_column_s_type_as_the_codebook_says(published):
    """README, "Loading the data": Parquet read with pandas' nullable types. Integers with gaps stay integers."""
    import pandas as pd

    expected = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean",
                "date": "object"}  # datetime.date values
    with (published.outputs / "codebook.csv").open() as file:
        codebook = list(csv.DictReader(file))
    assert list(codebook[0]) == ["dataset", "column", "type", "unit", "nullable", "description", "allowed_values"]
    wrong = []
    for name in PUBLISHED:
        frame = pd.read_parquet(published.outputs / "parquet" / f"{name}.parquet", dtype_backend="numpy_nullable")
        columns = [row for row in codebook if row["dataset"] == name]
        assert [row["column"] for row in columns] == list(frame.columns), name
        wrong += [(name, row["column"], str(frame[row["column"]].dtype)) for row in columns
                  if str(frame[row["column"]].dtype) != expected[row["type"]]]
    assert wrong == []


@pytest.mark.workflow
def test_the_readme_s_queries_run_and_return_no_hugeint(published):
    """Every SQL query of the README runs on the published file; none returns HUGEINT (pandas reads it as float)."""
    readme = (REPO / "README.md").read_text()
    queries = [q.strip() for block in re.findall(r"```sql\n(.*?)```", readme, re.DOTALL)
               for q in re.sub(r"--[^\n]*", "", block).split(";") if q.strip()]
    assert len(queries) >= 4
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as db:
        types = {query: [str(t) for t in db.sql(query).types] for query in queries}
    assert {query: found for query, found in types.items() if "HUGEINT" in found} == {}


def test_a_key_figure_read_from_a_pdf_is_cited_with_its_page(pdf_path):
    from tip_gms.pipeline import read_source

    from .conftest import REPORT, build_all, report_of

    frames, _ = build_all(read_source(REPORT, str(pdf_path), "pdf"), report_of("key_figures"))
    figures = frames["key_figures"]
    assert len(figures) > 40 and figures["source_page"].notna().all()
    for row in figures.itertuples():
        assert row.citation.endswith(f", p. {row.source_page}, line {row.source_line})"), row.citation


LAOS = b"Laos\t2\t2\t2\t2-WL\t2\t3\n"
JAPAN = b"Japan\t2\t2\t2\t2-WL\t2\t2\n"


@pytest.mark.workflow
def test_the_changes_since_the_last_release_name_exactly_the_cell_and_the_row_edited(published, workflow):
    """One cell of the rescued-victims table edited (Japan, 2003: 57 -> 58) and one row of the tier table deleted
    (Laos; a blank line added after the table keeps the later lines where they were): the changes name that
    cell and Laos's six tiers, the tiers below Laos moved up a line, and no dataset that reads neither table."""
    raw = RAW.read_bytes()
    assert raw.count(LAOS) == raw.count(JAPAN) == 1
    edited = raw.replace(b"Japan\t13\t57\t", b"Japan\t13\t58\t").replace(LAOS, b"").replace(JAPAN, JAPAN + b"\n")
    workflow.copy_from(published)
    result = workflow.run(edited)
    assert result.returncode == 0, result.stderr[-3000:]
    changed = json.loads((workflow.outputs / "changes.json").read_text())
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as db:
        (before,) = db.execute("SELECT DISTINCT version FROM release").fetchone()
    assert changed["since"] == before != changed["version"]
    rescued, tiers = changed["datasets"]["thai_victims_rescued"], changed["datasets"]["tier_placements"]
    assert rescued["changed"] == [{"key": {"doc_id": "jica_interim_report_2007", "destination": "Japan", "year": 2003},
                                   "columns": {"persons": [57, 58]}}]
    assert rescued["added"] == rescued["removed"] == [] and rescued["moved"] == 0
    assert tiers["removed"] == [{"doc_id": "jica_interim_report_2007", "iso3": "LAO", "year": year}
                                for year in range(2001, 2007)]
    assert tiers["added"] == tiers["changed"] == [] and tiers["moved"] == 5 * 6  # Myanmar to Japan, a line up
    for name in ("documents", "numeric_mentions", "key_figures", "tier_definitions", "thai_protection_centers"):
        assert changes.touched({"datasets": {name: changed["datasets"][name]}}) == {}, name
    markdown = (workflow.outputs / "changes.md").read_text()
    assert "destination Japan, year 2003: persons 57 \u2192 58" in markdown and "iso3 LAO, year 2001" in markdown
    page = (workflow.outputs / "index.html").read_text()
    assert "destination Japan, year 2003: persons 57 \u2192 58" in page and 'href="changes.md"' in page
    console = result.stderr.replace("\ntip-gms:   ", " ")
    assert f"changes since data version {before}: " in console and "thai_victims_rescued: 1 changed" in console
    assert "tier_placements: 6 removed, 30 moved to other lines" in console


@pytest.mark.workflow
def test_every_key_figure_s_period_reads_one_way_in_the_source_s_words_with_its_iso_form(published):
    """A period names its years and months as the source does (in the figure's line or the line before it, as
    'As of March 2002' introduces a list), never '2002-03' (a month, or two years?); its ISO form is apart."""
    outputs = published.outputs
    lines = {anchor: clean(html.unescape(re.sub(r"<[^>]+>", " ", text))) for anchor, text in
             ids_of(outputs / VIEW).items()}
    with (outputs / "csv" / "key_figures.csv").open() as file:
        rows = [row for row in csv.DictReader(file) if row["period"]]
    assert len(rows) > 15
    iso = {row["period"]: row["period_iso"] for row in rows}
    assert (iso["March 2002"], iso["2002 to 2005"], iso["since January 2006"], iso["2004"], iso["per year"]) == (
        "2002-03", "2002/2005", "2006-01/..", "2004", "")
    for row in rows:
        assert not re.search(r"\d{4}-\d", row["period"]), row["period"]
        near = lines[f"L{row['source_line']}"] + " " + lines[f"L{int(row['source_line']) - 1}"]
        words = re.findall(r"\d{4}|[A-Z][a-z]+", row["period"])
        assert all(word in near for word in words), (row["figure_id"], row["period"], near)
