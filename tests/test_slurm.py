"""The SLURM profile on a real single-node SLURM cluster (tests/slurm_cluster.py), with and without accounting
storage: a good run, bad inputs, a cancelled job. Every test runs on both clusters at once (a SLURM run mostly
waits for the next status check), and every run has a time limit: a run that does not end is a failure here,
never a hang of the test suite. Skipped, saying why, where no cluster can run (not root; packages missing)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

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
# A good run takes about 50 s here, a failed one about 45 s (README, "Running on a cluster"); past this, it hangs.
RUN_TIMEOUT = 240


@pytest.fixture(scope="session")
def clusters():
    for accounting in CLUSTERS.values():
        if reason := SlurmCluster.unavailable(accounting=accounting):
            pytest.skip(f"no SLURM cluster on this machine: {reason}")
    started = {name: SlurmCluster(accounting=accounting) for name, accounting in CLUSTERS.items()}
    try:
        on_each(started, lambda name: started[name].__enter__())
        yield started
    finally:
        for cluster in started.values():
            cluster.stop()


def on_each(clusters: dict, scenario) -> dict:
    """`scenario(name)` for every cluster at once."""
    return at_once({name: lambda name=name: scenario(name) for name in clusters})


def at_once(scenarios: dict) -> dict:
    """Every scenario at once (a SLURM run mostly waits); their results, or every failure, each named."""
    with ThreadPoolExecutor(len(scenarios)) as pool:
        futures = {name: pool.submit(scenario) for name, scenario in scenarios.items()}
    results, failures = {}, []
    for name, future in futures.items():
        try:
            results[name] = future.result()
        except AssertionError as failure:
            failures.append(f"{name}: {failure}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
    return results


def run(cluster: SlurmCluster, workflow: Workflow, raw: bytes, *args: str, on_start=None,
        **options) -> tuple[int, str]:
    """The workflow through the SLURM profile on `cluster`; its exit code and console output. `on_start(process)`
    is called once the run has started."""
    command = workflow.prepare(raw, args=["--profile", PROFILE, *args], **options)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=cluster.env, start_new_session=True)
    if on_start:
        on_start(process)
    try:
        output, _ = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        cluster.run("scancel", f"--partition={PARTITION}")
        raise AssertionError(f"no end after {RUN_TIMEOUT} s: the run hangs\n{output[-3000:]}") from None
    return process.returncode, output


def cluster_options(cluster: SlurmCluster) -> list[str]:
    """Where the cluster's account and partition go (README): they must not replace the profile's resources."""
    account = ["slurm_account=root"] if cluster.accounting else []  # the account sacctmgr creates with a cluster
    return ["--default-resources", f"slurm_partition={PARTITION}", *account]


@pytest.fixture(scope="module")
def released(clusters, tmp_path_factory) -> dict:
    """A good run on each cluster: its workflow, exit code, output, time and the SLURM jobs' requests."""
    def good_run(name):
        cluster, workflow = clusters[name], Workflow(tmp_path_factory.mktemp("slurm-release"))
        started = time.monotonic()
        code, output = run(cluster, workflow, RAW.read_bytes(), *cluster_options(cluster))
        jobs = cluster.run("squeue", "--states=all", "--noheader", "--format=%m|%l|%P|%a").stdout.split()
        return workflow, code, output, time.monotonic() - started, sorted(jobs)
    return on_each(clusters, good_run)


def test_a_good_run_publishes_a_release_equal_to_a_local_run(clusters, released, published):
    def check(name):
        workflow, code, output, seconds, jobs = released[name]
        assert code == 0, output[-3000:]
        assert workflow.verify_release().returncode == 0
        assert_same_datasets(workflow.outputs, published.outputs)
        # The profile's memory (MB) and time limit, with the partition (and account) given as the README says.
        account = "root" if clusters[name].accounting else "(null)"
        assert jobs == [f"2000M|40:00|{PARTITION}|{account}", f"4000M|20:00|{PARTITION}|{account}"], jobs
        print(f"{name}: good run {seconds:.1f} s")  # shown with pytest -s; README, "Running on a cluster"
    on_each(dict.fromkeys(released), check)


def test_a_refused_input_stops_the_run_with_its_reason_and_the_rerun_too(clusters, released, tmp_path_factory):
    def refused(name, what):
        cluster, workflow, bad = clusters[name], Workflow(tmp_path_factory.mktemp("slurm-refused")), BAD_INPUTS[what]
        workflow.copy_from(released[name][0])
        before = published_files(workflow.outputs)
        for attempt in REFUSED[what]:
            code, output = run(cluster, workflow, bad.raw, **bad.options())
            assert code == 1 and all(part in output for part in bad.message), (attempt, output[-3000:])
            assert published_files(workflow.outputs) == before, attempt
        assert workflow.verify_release().returncode == 0
    at_once({f"{name}, {what}": lambda name=name, what=what: refused(name, what)
             for name in clusters for what in REFUSED})


def test_a_cancelled_job_ends_the_run_with_an_error_that_says_so(clusters, tmp_path_factory):
    def cancelled(name):
        cluster, workflow = clusters[name], Workflow(tmp_path_factory.mktemp("slurm-cancelled"))

        def cancel_its_job_once_running(process):
            deadline = time.monotonic() + 60
            while not ((jobs := cluster.run("squeue", "--noheader", "--states=RUNNING", "--format=%i").stdout.split())
                       and list(workflow.workdir.glob(".snakemake/slurm_logs/**/*.log"))):
                assert process.poll() is None and time.monotonic() < deadline, "no job started"
                time.sleep(0.2)
            cluster.run("scancel", *jobs)
        started = time.monotonic()
        code, output = run(cluster, workflow, RAW.read_bytes(), on_start=cancel_its_job_once_running)
        # SLURM's own line, in the job's log that the profile shows (the plugin's reason is lost in "message: None")
        assert code == 1 and f"ON {cluster.node} CANCELLED AT" in output, output[-3000:]
        assert time.monotonic() - started < 90
    on_each(clusters, cancelled)
