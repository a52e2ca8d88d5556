"""Shared fixtures: the real source parsed once, its PDF rendition, and the real workflow run into
temporary folders."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pyarrow.csv as pa_csv
import pytest
import yaml

from tip_gms import datasets, document, pipeline, source
from tip_gms.checks.findings import Finding
from tip_gms.reports import CHECKED, Report

from . import configs
from .pdf_fixture import write_pdf

REPO = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((REPO / "workflow" / "config.yaml").read_text())
SOURCE_CONFIG = CONFIG["sources"][0]
RAW = REPO / SOURCE_CONFIG["path"]
LOCAL_PROFILE = REPO / "workflow" / "profiles" / "default"  # what plain `snakemake` and `make run` use
REPORT = Report.from_config(SOURCE_CONFIG, REPO)
KREDTRAKHAN = SOURCE_CONFIG["datasets"]["kredtrakhan_residents_by_nationality"]["caption"]
# Every dataset the workflow publishes: those built from the sources, then the derived ones.
PUBLISHED = list(dict.fromkeys([*(n for s in CONFIG["sources"] for n in s["datasets"]), *CONFIG.get("derived", [])]))


@pytest.fixture(scope="session")
def parsed() -> document.ParsedSource:
    return document.parse(REPORT, source.read_lines(RAW))


def report_of(*names: str) -> Report:
    """The real source's report, building only the datasets `names` (with the datasets they read) and its
    checks."""
    wanted = {CHECKED, *names, *(needed for name in names for needed in datasets.builder_for(REPORT, name).inputs)}
    return dataclasses.replace(REPORT, datasets={name: settings for name, settings in REPORT.datasets.items()
                                                 if name in wanted})


def build_all(parsed_source: document.ParsedSource, report: Report = REPORT) -> tuple[dict, SimpleNamespace]:
    """Every dataset of a source built, validated and checked as the pipeline does; and the findings, as
    `.items` (check_id, status, expected, observed, severity, message, source_lines)."""
    frames = pipeline.build({"s": parsed_source}, {"s": report}, {"s": "source.txt"})["s"]
    return frames, SimpleNamespace(items=findings_in(frames[CHECKED]))


def findings_in(frame) -> list[Finding]:
    return [Finding(f.check_id, f.datasets, f.status, f.expected, f.observed, f.message,
                    tuple(int(line) for line in f.source_lines.split(";")), f.doc_id) for f in frame.itertuples()]


@pytest.fixture(scope="session")
def built(parsed):
    """Every dataset built and validated from the real source, plus the findings collected on the way."""
    return build_all(parsed)


@pytest.fixture(scope="session")
def pdf_path(tmp_path_factory, parsed) -> Path:
    """The real source typeset as a PDF: ruled tables, except the Kredtrakhan table; text over many pages."""
    target = tmp_path_factory.mktemp("pdf") / "tip_gms_2007.pdf"
    _, kredtrakhan = document.table_after(parsed, KREDTRAKHAN)
    write_pdf([line.raw for line in parsed.lines], target, unruled=[kredtrakhan.rows[0].line],
              section_codes=REPORT.section_codes)
    return target


class Workflow:
    """The real Snakefile run in a folder of its own, on a source file of the test's choosing."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.outputs = workdir / "outputs"

    def command(self, config: dict, *arguments: str, default_profile: bool = False) -> list[str]:
        """Write `config` beside the outputs; the command that runs the workflow with it: with Snakemake's own
        defaults, or with `default_profile`, as plain `snakemake` runs (workflow/profiles/default)."""
        (self.workdir / "config.yaml").write_text(configs.dump(config))
        return [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"), "--directory",
                str(self.workdir), "--configfile", str(self.workdir / "config.yaml"),
                *([] if default_profile else ["--workflow-profile", "none"]), *arguments]

    def make_run(self, raw: bytes, **options) -> subprocess.CompletedProcess:
        """What `make run` does: the workflow with the local profile."""
        return self.run(raw, args=["--profile", str(LOCAL_PROFILE), *options.pop("args", ())], **options)

    def prepare(self, raw: bytes, *, sha256: str | None = None, cores: int = 1, args: Sequence[str] = (),
                edit: Callable[[dict], None] = lambda source: None, default_profile: bool = False) -> list[str]:
        """Write `raw` as the source, pinned by `sha256` (default: its own hash), with further changes to its
        settings by `edit`; return the command to run."""
        (self.workdir / "source.txt").write_bytes(raw)
        config = copy.deepcopy(CONFIG)
        config["sources"][0].update(path="source.txt", sha256=sha256 or hashlib.sha256(raw).hexdigest())
        edit(config["sources"][0])
        return self.command(config, "--cores", str(cores), *args, default_profile=default_profile)

    def run(self, raw: bytes, **options) -> subprocess.CompletedProcess:
        return subprocess.run(self.prepare(raw, **options), capture_output=True, text=True, check=False)

    def snakemake(self, config: dict, *arguments: str, env: Mapping[str, str] | None = None
                  ) -> subprocess.CompletedProcess:
        """Run the workflow with `config` and further command-line arguments (and environment variables)."""
        return subprocess.run(self.command(config, *arguments), capture_output=True, text=True, check=False,
                              env={**os.environ, **env} if env else None)

    def copy_outputs_from(self, other: Workflow) -> None:
        shutil.copytree(other.outputs, self.outputs, symlinks=True)

    def copy_from(self, other: Workflow) -> None:
        """Everything of another run's folder: source, config, outputs and Snakemake's records of its jobs."""
        shutil.copytree(other.workdir, self.workdir, symlinks=True, dirs_exist_ok=True)

    def verify_release(self) -> subprocess.CompletedProcess:
        """What docs/guarantees.md, tells users to run: check every published file against the release's list."""
        return subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=self.outputs,
                              capture_output=True, text=True, check=False)


@dataclass(frozen=True)
class BadInput:
    """A change to a run's input that the run must refuse, and what the refusal says on the console."""
    raw: bytes
    message: list[str]
    sha256: str | None = None  # pinned in the config; None: the file's own
    edit: Callable[[dict], None] = field(default=lambda source: None)  # a change to the source's settings

    def options(self) -> dict:
        return {"sha256": self.sha256, "edit": self.edit}


def _misnamed_first_document(source: dict) -> None:
    source["documents"][0]["title_starts_with"] = "A title that is not in the source"


# After a run refused one of these, every later run must refuse it too until it is fixed, on every profile.
BAD_INPUTS = {
    "a cell that is not a tier": BadInput(
        RAW.read_bytes().replace(b"\t2-WL", b"\t2-XL", 1),
        ["ERROR tip-gms:", "dataset tier_placements, column tier, value '2-XL'"]),
    "a source that differs from its pinned sha256": BadInput(
        RAW.read_bytes().replace(b"Japan\t13\t57", b"Japan\t13\t58"),
        ["ERROR tip-gms:", f"but workflow/config.yaml expects {SOURCE_CONFIG['sha256']}"],
        sha256=SOURCE_CONFIG["sha256"]),
    "a document title that is not in the source": BadInput(
        RAW.read_bytes(), ["ERROR tip-gms:", "'A title that is not in the source'"], edit=_misnamed_first_document),
}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published_files(outputs: Path) -> dict[str, str]:
    """sha256 of every published file, each read through the path users open (outputs/csv/..., not releases/)."""
    current = outputs / "current"
    if not current.exists():
        return {}
    names = sorted(p.relative_to(current).as_posix() for p in current.rglob("*") if p.is_file())
    return {name: sha256_of(outputs / name) for name in names}


def database_contents(path: Path) -> dict[str, tuple]:
    """Every table of a DuckDB file, in name order: its definition, comments and rows (in order)."""
    with duckdb.connect(str(path), read_only=True) as db:
        names = [name for (name,) in db.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {
            name: (
                db.execute("SELECT sql, comment FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall(),
                db.execute("SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? "
                           "ORDER BY column_index", [name]).fetchall(),
                db.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall(),
            )
            for name in names
        }


# Documents that name the source file's sha256 or the data version (the hash of every CSV file): they change with
# any byte of the source, meaning or not, or with any dataset (and so do the release's list of sums, which lists
# them, and the archive, which holds them).
# The release's copy of the source and its view are the source; what changed depends on the release before.
CITE_THE_SOURCE = ("codebook.md", "codebook.html", "quality_report.html", "datapackage.json", "index.html",
                   "SHA256SUMS", "README.md", "changes.json", "changes.md")


def assert_same_datasets(outputs: Path, expected: Path, *, except_datasets: Sequence[str] = ()) -> None:
    """The datasets published in `outputs` are those of `expected`: same bytes, same DuckDB contents."""
    # the quality report is quality_findings in words
    skipped = {*except_datasets, *(["quality_report"] if "quality_findings" in except_datasets else [])}

    def files(folder):
        return {k: v for k, v in published_files(folder).items()
                if Path(k).stem.split("-")[0] not in skipped and not k.endswith((".duckdb", ".zip"))
                and k not in CITE_THE_SOURCE and not k.startswith("source/")}
    assert files(outputs) and files(outputs) == files(expected)
    actual, wanted = database_contents(outputs / "tip_gms.duckdb"), database_contents(expected / "tip_gms.duckdb")
    for name in [*except_datasets, "release"]:  # `release` names the source's sha256 and the data version
        actual.pop(name), wanted.pop(name)
    assert actual == wanted


def assert_complete_and_consistent(outputs: Path) -> None:
    """The published files are one whole release: every path users open resolves into outputs/current, and
    every dataset has rows, the same ones in the DuckDB file, Parquet and CSV."""
    current = (outputs / "current").resolve(strict=True)
    entries = sorted(current.iterdir())
    assert entries
    for entry in entries:
        assert (outputs / entry.name).resolve(strict=True) == entry
    with duckdb.connect(str(outputs / "tip_gms.duckdb"), read_only=True) as db:
        names = sorted(name for (name,) in db.execute("SELECT table_name FROM duckdb_tables()").fetchall()
                       if name != "release")  # what the file is: its version and sources
        assert names == sorted(PUBLISHED)
        assert names == sorted(p.stem for p in (outputs / "parquet").glob("*.parquet"))
        assert names == sorted(p.stem for p in (outputs / "csv").glob("*.csv"))
        for name in names:
            parquet = str(outputs / "parquet" / f"{name}.parquet").replace("'", "''")
            rows = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            assert rows > 0, name
            for query in (f"SELECT * FROM \"{name}\" EXCEPT ALL SELECT * FROM '{parquet}'",
                          f"SELECT * FROM '{parquet}' EXCEPT ALL SELECT * FROM \"{name}\""):
                assert db.execute(f"SELECT count(*) FROM ({query})").fetchone() == (0,), (name, query)
            assert pa_csv.read_csv(outputs / "csv" / f"{name}.csv").num_rows == rows, name


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Workflow:
    """One successful run of the workflow on the real source, shared by the end-to-end tests."""
    workflow = Workflow(tmp_path_factory.mktemp("published"))
    result = workflow.run(RAW.read_bytes())
    assert result.returncode == 0, result.stderr[-3000:]
    return workflow


@pytest.fixture(scope="session")
def slurm_plugin(tmp_path_factory) -> dict[str, str]:
    """Environment variables under which the workflow's runs import the SLURM executor plugin (pinned in
    requirements-cluster.txt; an install of its own, `make cluster-deps`), installed into a folder of the tests'
    if the venv lacks it, so that other runs never import it."""
    if importlib.util.find_spec("snakemake_executor_plugin_slurm") is not None:
        return {}
    target = tmp_path_factory.mktemp("slurm_plugin")
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                "--no-deps", "--target", str(target), "-r", str(REPO / "requirements-cluster.txt")],
                               capture_output=True, text=True, check=False)
    if installed.returncode != 0:
        pytest.skip(f"the SLURM executor plugin could not be installed: {installed.stderr[-500:]}")
    return {"PYTHONPATH": str(target)}


@pytest.fixture
def workflow(tmp_path) -> Workflow:
    return Workflow(tmp_path)

