"""Shared fixtures: the real source parsed once, its PDF rendition, and the real workflow run into
temporary folders."""

from __future__ import annotations

import copy
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tip_gms import document, registry, source
from tip_gms.datasets.kredtrakhan_residents_by_nationality import CAPTION as KREDTRAKHAN
from tip_gms.findings import Findings
from tip_gms.pipeline import build_dataset

from .pdf_fixture import write_pdf

REPO = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((REPO / "workflow" / "config.yaml").read_text())
SOURCE_CONFIG = CONFIG["sources"][0]
RAW = REPO / SOURCE_CONFIG["path"]


@pytest.fixture(scope="session")
def parsed() -> document.Source:
    return document.parse(SOURCE_CONFIG["id"], source.read_lines(RAW), SOURCE_CONFIG["documents"])


@pytest.fixture(scope="session")
def built(parsed):
    """Every dataset built and validated from the real source, plus the findings collected on the way."""
    findings, frames = Findings(), {}
    for name in registry.in_build_order(SOURCE_CONFIG["datasets"]):
        frames[name] = build_dataset(name, parsed, findings)
    return frames, findings


@pytest.fixture(scope="session")
def pdf_path(tmp_path_factory, parsed) -> Path:
    """The real source typeset as a PDF: ruled tables, except the Kredtrakhan table; text over many pages."""
    target = tmp_path_factory.mktemp("pdf") / "tip_gms_2007.pdf"
    _, kredtrakhan = document.table_after(parsed, KREDTRAKHAN)
    write_pdf([line.raw for line in parsed.lines], target, unruled=[kredtrakhan.rows[0].line])
    return target


class Workflow:
    """The real Snakefile run in a folder of its own, on a source file of the test's choosing."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.outputs = workdir / "outputs"

    def run(self, raw: bytes, *, sha256: str | None = None, cores: int = 1) -> subprocess.CompletedProcess:
        """Write `raw` as the source, pinned by `sha256` (default: its own hash), and run the workflow."""
        (self.workdir / "source.txt").write_bytes(raw)
        config = copy.deepcopy(CONFIG)
        config["sources"][0].update(path="source.txt", sha256=sha256 or hashlib.sha256(raw).hexdigest())
        return self.snakemake(config, "--cores", str(cores))

    def snakemake(self, config: dict, *arguments: str) -> subprocess.CompletedProcess:
        """Run the workflow with `config` and further command-line arguments."""
        (self.workdir / "config.yaml").write_text(yaml.safe_dump(config))
        return subprocess.run(
            [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"), "--directory",
             str(self.workdir), "--configfile", str(self.workdir / "config.yaml"), *arguments],
            capture_output=True, text=True, check=False,
        )

    def copy_outputs_from(self, other: Workflow) -> None:
        shutil.copytree(other.outputs, self.outputs)


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Workflow:
    """One successful run of the workflow on the real source, shared by the end-to-end tests."""
    workflow = Workflow(tmp_path_factory.mktemp("published"))
    result = workflow.run(RAW.read_bytes())
    assert result.returncode == 0, result.stderr[-3000:]
    return workflow


@pytest.fixture
def workflow(tmp_path) -> Workflow:
    return Workflow(tmp_path)
