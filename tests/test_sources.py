"""More than one source, and the profiles that run the workflow locally or on a SLURM cluster."""

import copy
import hashlib
import re
import shutil

import duckdb
import pytest

from .configs import with_doc_ids
from .conftest import CONFIG, RAW, REPO, SOURCE_CONFIG
from .test_datasets import EXPECTED_ROWS

pytestmark = pytest.mark.workflow


def pdf_source(pdf_path, workdir) -> dict:
    """The PDF rendition of the report as a second source, with doc_ids of its own."""
    shutil.copy(pdf_path, workdir / "report.pdf")
    return {**with_doc_ids(SOURCE_CONFIG, "_pdf"), "id": "tip_gms_2007_pdf", "path": "report.pdf", "format": "pdf",
            "sha256": hashlib.sha256(pdf_path.read_bytes()).hexdigest()}


def text_source(workdir) -> dict:
    shutil.copy(RAW, workdir / "report.txt")
    return {**copy.deepcopy(SOURCE_CONFIG), "path": "report.txt"}


def test_two_sources_are_built_apart_and_published_together(workflow, pdf_path):
    config = {**CONFIG, "sources": [text_source(workflow.workdir), pdf_source(pdf_path, workflow.workdir)]}
    result = workflow.snakemake(config, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    # one job for both: a batch of sources, validated together
    assert [p.name for p in (workflow.outputs / "logs" / "build").iterdir()] == [f"{config['sources'][0]['id']}.log"]
    with duckdb.connect(str(workflow.outputs / "tip_gms.duckdb"), read_only=True) as db:
        for name, rows in EXPECTED_ROWS.items():
            counts = db.execute(f"SELECT right(doc_id, 4) = '_pdf' AS pdf, count(*), count(source_page) "
                                f"FROM {name} GROUP BY pdf ORDER BY pdf").fetchall()
            assert counts == [(False, rows, 0), (True, rows, rows)], name
        assert db.execute("SELECT doc_id, tier FROM tier_placements WHERE iso3 = 'KHM' AND year = 2006 "
                          "ORDER BY doc_id").fetchall() == [("jica_interim_report_2007", "2WL"),
                                                            ("jica_interim_report_2007_pdf", "2WL")]


@pytest.mark.parametrize(("second_id", "message"), [
    (SOURCE_CONFIG["id"], f"every source id must be unique, but {SOURCE_CONFIG['id']} is repeated"),
    ("second", f"every doc_id must be unique, but {SOURCE_CONFIG['documents'][1]['doc_id']}, "),
])
def test_source_ids_and_doc_ids_must_be_unique(workflow, second_id, message):
    second = {**text_source(workflow.workdir), "id": second_id}
    result = workflow.snakemake({**CONFIG, "sources": [text_source(workflow.workdir), second]}, "--dry-run")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and message in output, output[-3000:]


@pytest.mark.parametrize("profile", ["default", "slurm"])
def test_the_workflow_dry_runs_with_each_profile(workflow, profile, request):
    config = {**CONFIG, "sources": [text_source(workflow.workdir)]}
    # A cluster's account and partition, given as docs/cluster.md says: the profile's resources must stay.
    cluster = ["--default-resources", "slurm_account=acct", "slurm_partition=part"] if profile == "slurm" else []
    env = request.getfixturevalue("slurm_plugin") if profile == "slurm" else None
    result = workflow.snakemake(config, "--workflow-profile", str(REPO / "workflow" / "profiles" / profile),
                                "--dry-run", *cluster, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    # the jobs are named (the local profile keeps Snakemake's rule details out of the console: docs/cluster.md)
    assert f"build_{SOURCE_CONFIG['id']}" in output and "publish" in output
    if profile == "slurm":  # read without a cluster: the executor plugin is installed and the settings apply
        jobs = [line for line in output.splitlines() if line.lstrip().startswith("resources:") and "runtime" in line]
        assert sorted(re.search(r"mem_mb=(\d+)", line)[1] for line in jobs) == ["2000", "4000"], jobs
        assert all("slurm_account=acct, slurm_partition=part" in line and "runtime=20" in line for line in jobs), jobs


def test_every_staged_dataset_is_a_declared_output(workflow):
    """`--summary` lists the staged datasets, and one of them can be asked for by its path."""
    config = {**CONFIG, "sources": [text_source(workflow.workdir)]}
    summary = workflow.snakemake(config, "--summary")
    assert summary.returncode == 0, summary.stderr[-3000:]
    staged = f"outputs/work/{SOURCE_CONFIG['id']}/datasets"
    assert all(f"{staged}/{name}.parquet" in summary.stdout for name in SOURCE_CONFIG["datasets"])
    one = workflow.snakemake(config, "--cores", "1", f"{staged}/tier_placements.parquet")
    assert one.returncode == 0, one.stderr[-3000:]
    assert (workflow.outputs / "work" / SOURCE_CONFIG["id"] / "datasets" / "tier_placements.parquet").is_file()
    assert not (workflow.outputs / "current").exists()  # built, not published
