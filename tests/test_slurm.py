"""The SLURM profile on a real single-node SLURM cluster (tests/slurm_cluster.py), with and without accounting
storage: a good run, refused inputs, a cancelled job. Skipped, saying why, where no cluster can run (not root;
packages missing).

All runs start at once, on both clusters: a SLURM run mostly waits for its next status check, so the waits
overlap (3 minutes for all instead of 5, on the busy development machine). Each test then checks one promise on
what they did. Every run has a time limit: one that does not end is a failure here, never a hang of the suite."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from .conftest import BAD_INPUTS, RAW, REPO, Workflow, assert_same_datasets, published_files
from .slurm_cluster import PARTITION, SlurmCluster

pytestmark = [pytest.mark.slurm, pytest.mark.workflow]

PROFILE = str(REPO / "workflow" / "profiles" / "slurm")
CLUSTERS = {"without accounting": False, "with accounting": True}
# Refused inputs tried here, and how many runs in a row: a source that fails its check (after which the next run on
# SLURM used to report "Nothing to be done" with the old release), and a dataset's cell, whose reason comes from
# a later step. tests/test_reliability.py tries each of BAD_INPUTS twice with the local profile.
REFUSED = {"a source that differs from its pinned sha256": ("run", "rerun"), "a cell that is not a tier": ("run",)}
# A run takes 40-100 s here, depending on what else the machine does (docs/cluster.md).
RUN_TIMEOUT = 300
# Where the SLURM executor plugin is imported from, if the venv lacks it (it is an install of its own, `make
# cluster-deps`): a folder of this test's, so that the other tests' local runs never import it.
PLUGIN_PATH: dict[str, str] = {}


@dataclass
class Run:
    """One run of the workflow: exit code (None: it did not end in RUN_TIMEOUT s), console output, seconds."""
    code: int | None
    output: str
    seconds: float
    published: dict  # what the outputs folder published afterwards (path -> sha256)


@dataclass
class Scenario:
    """Runs one after another in one folder, and their SLURM jobs (memory|time limit|partition|account)."""
    workflow: Workflow
    runs: list[Run]
    jobs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", autouse=True)
def plugin_importable(slurm_plugin):
    PLUGIN_PATH.update(slurm_plugin)
    yield
    PLUGIN_PATH.clear()


@pytest.fixture(scope="module")
def clusters():
    for accounting in CLUSTERS.values():
        if reason := SlurmCluster.unavailable(accounting=accounting):
            pytest.skip(f"no SLURM cluster on this machine: {reason}")
    started = {name: SlurmCluster(accounting=accounting) for name, accounting in CLUSTERS.items()}
    try:
        at_once({name: cluster.__enter__ for name, cluster in started.items()})
        yield started
    finally:
        for cluster in started.values():
            cluster.stop()


def at_once(tasks: dict) -> dict:
    """Call every task at once; their results by name."""
    with ThreadPoolExecutor(len(tasks)) as pool:
        futures = {name: pool.submit(task) for name, task in tasks.items()}
    return {name: future.result() for name, future in futures.items()}


def run(cluster: SlurmCluster, workflow: Workflow, raw: bytes, *args: str, on_start=None, **options) -> Run:
    """The workflow through the SLURM profile on `cluster`. `on_start(process)` is called once it has started."""
    # As docs/cluster.md says: the SLURM profile in place of the default one (a workflow profile replaces it).
    command = workflow.prepare(raw, args=["--workflow-profile", PROFILE, *args], default_profile=True, **options)
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**cluster.env, **PLUGIN_PATH}, cwd=workflow.workdir, start_new_session=True)
    if on_start:
        on_start(process)
    try:
        output, _ = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        cluster.run("scancel", *(job.split("|")[0] for job in jobs_of(cluster, workflow)))
    return Run(process.returncode if process.returncode >= 0 else None, output, time.monotonic() - started,
               published_files(workflow.outputs))


def jobs_of(cluster: SlurmCluster, workflow: Workflow, states: str = "all") -> list[str]:
    """The run's SLURM jobs (found by their working directory, where it started) as
    id|memory|time limit|partition|account."""
    listed = cluster.run("squeue", "--noheader", f"--states={states}", "--format=%Z|%i|%m|%l|%P|%a").stdout
    return [line.split("|", 1)[1] for line in listed.split() if line.split("|")[0] == str(workflow.workdir)]


def cluster_options(cluster: SlurmCluster) -> list[str]:
    """Where a cluster's account and partition go (docs/cluster.md): they must not replace the profile's resources."""
    account = ["slurm_account=root"] if cluster.accounting else []  # the account sacctmgr creates with a cluster
    return ["--default-resources", f"slurm_partition={PARTITION}", *account]


def good_run(cluster, workflow) -> Scenario:
    result = run(cluster, workflow, RAW.read_bytes(), *cluster_options(cluster))
    return Scenario(workflow, [result], sorted(job.split("|", 1)[1] for job in jobs_of(cluster, workflow)))


def refused_runs(cluster, workflow, what) -> Scenario:
    bad = BAD_INPUTS[what]
    return Scenario(workflow, [run(cluster, workflow, bad.raw, **bad.options()) for _ in REFUSED[what]])


def cancelled_run(cluster, workflow) -> Scenario:
    def cancel_its_job_once_running(process):
        deadline = time.monotonic() + 120
        while not (jobs := jobs_of(cluster, workflow, "RUNNING")) or not list(
                workflow.workdir.glob(".snakemake/slurm_logs/**/*.log")):
            if process.poll() is not None or time.monotonic() > deadline:
                return
            time.sleep(0.2)
        cluster.run("scancel", *(job.split("|")[0] for job in jobs))
    return Scenario(workflow, [run(cluster, workflow, RAW.read_bytes(), on_start=cancel_its_job_once_running)])


@pytest.fixture(scope="module")
def scenarios(clusters, published, tmp_path_factory) -> dict:
    """Every run the tests check, keyed by (cluster, what), all started at once. The refused inputs start from a
    copy of a good release (the local one: it is there already) and Snakemake's records of it."""
    print(f"\nclusters started in {', '.join(f'{c.startup_seconds:.1f}' for c in clusters.values())} s")

    def fresh():
        return Workflow(tmp_path_factory.mktemp("slurm"))

    def copy_of_published():
        workflow = fresh()
        workflow.copy_from(published)
        return workflow

    tasks = {}
    for name, cluster in clusters.items():
        tasks[name, "good"] = lambda cluster=cluster: good_run(cluster, fresh())
        tasks[name, "cancelled"] = lambda cluster=cluster: cancelled_run(cluster, fresh())
        for what in REFUSED:
            tasks[name, what] = lambda cluster=cluster, what=what: refused_runs(cluster, copy_of_published(), what)
    started = time.monotonic()
    observed = at_once(tasks)
    print(f"\nSLURM runs, all at once: {time.monotonic() - started:.0f} s")  # pytest -s shows it
    for key, scenario in observed.items():
        print(f"  {', '.join(key)}: " + ", then ".join(f"exit {r.code} after {r.seconds:.0f} s" for r in scenario.runs))
    return observed


def test_a_good_run_publishes_a_release_equal_to_a_local_run(clusters, scenarios, published):
    for name, cluster in clusters.items():
        good = scenarios[name, "good"]
        assert good.runs[0].code == 0, (name, good.runs[0].output[-3000:])
        assert good.workflow.verify_release().returncode == 0, name
        assert_same_datasets(good.workflow.outputs, published.outputs)
        # The profile's memory (MB) and time limit, with the partition (and account) given as docs/cluster.md says.
        account = "root" if cluster.accounting else "(null)"
        assert good.jobs == [f"2000M|20:00|{PARTITION}|{account}", f"4000M|20:00|{PARTITION}|{account}"], name


@pytest.mark.parametrize("what", REFUSED)
def test_a_refused_input_stops_the_run_with_its_reason_and_the_rerun_too(clusters, scenarios, published, what):
    for name in clusters:
        refused = scenarios[name, what]
        for attempt, result in zip(REFUSED[what], refused.runs, strict=True):
            # the reason on the console: the project's own ERROR lines, as locally
            assert result.code == 1 and all(part in result.output for part in BAD_INPUTS[what].message), (
                name, attempt, result.output[-3000:])
            assert result.published == published_files(published.outputs), (name, attempt)  # nothing new
        assert refused.workflow.verify_release().returncode == 0, name


def test_a_cancelled_job_ends_the_run_with_an_error_that_says_so(clusters, scenarios):
    for name, cluster in clusters.items():
        result = scenarios[name, "cancelled"].runs[0]
        # The plugin's reason ("SLURM status is: 'CANCELLED'"), or SLURM's own line in the job's log that the
        # profile shows ("... ON node CANCELLED AT ..."), where the plugin's reason is lost ("message: None")
        said = "SLURM status is: 'CANCELLED'" in result.output or f"ON {cluster.node} CANCELLED AT" in result.output
        assert result.code == 1 and said, (name, result.output[-3000:])
        assert result.seconds < 120, name
