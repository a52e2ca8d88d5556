"""What the pipeline promises beyond correct data (docs/guarantees.md): nothing lost when a run fails or is
killed, readers never see a mix of two runs, byte-identical reruns, and one run at a time."""

import fcntl
import os
import re
import signal
import subprocess
import time
import zipfile

import duckdb
import pytest

from .conftest import (
    BAD_INPUTS,
    RAW,
    REPO,
    assert_complete_and_consistent,
    assert_same_datasets,
    database_contents,
    published_files,
)

pytestmark = pytest.mark.workflow

# A real edit of the source (rescued Thai victims in Japan, 2003: 57 -> 58), so that a rebuild publishes new data.
OLD_ROW, NEW_ROW = b"Japan\t13\t57\t", b"Japan\t13\t58\t"
EDITED = RAW.read_bytes().replace(OLD_ROW, NEW_ROW)
JAPAN_2003 = "SELECT persons FROM thai_victims_rescued WHERE destination = 'Japan' AND year = 2003"


def output_of(process: subprocess.Popen) -> str:
    stdout, stderr = process.communicate(timeout=300)
    return stdout + stderr


def start(workflow, raw: bytes, **options) -> subprocess.Popen:
    return subprocess.Popen(workflow.prepare(raw, **options), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def test_two_clean_runs_give_identical_outputs(published, workflow):
    result = workflow.run(RAW.read_bytes(), cores=2)
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = published_files(published.outputs), published_files(workflow.outputs)
    assert {"csv", "parquet"} <= {name.split("/")[0] for name in first}
    # Every file byte for byte (CSV, Parquet and whatever else is published), except the DuckDB file: its
    # contents are compared table by table, since DuckDB does not promise the same bytes (and so the lists of
    # sums differ in its line only), and the archive that holds it, compared entry by entry. The release id,
    # the hash of the content, is the same.
    def content(files: dict[str, str], outputs) -> dict:
        def same(sums: str) -> list[str]:
            return [line for line in sums.splitlines() if not line.endswith((".duckdb", ".zip"))]

        (packed,) = outputs.glob("tip_gms-*.zip")
        with zipfile.ZipFile(packed) as archive:
            entries = {name: same(archive.read(name).decode()) if name.endswith("SHA256SUMS") else archive.read(name)
                       for name in archive.namelist() if not name.endswith(".duckdb")}
        return {k: v for k, v in files.items() if not k.endswith((".duckdb", ".zip")) and k != "SHA256SUMS"} | {
            "sums": same((outputs / "SHA256SUMS").read_text()), "archive": entries}

    assert content(first, published.outputs) == content(second, workflow.outputs)
    assert os.readlink(published.outputs / "current") == os.readlink(workflow.outputs / "current")
    assert database_contents(published.outputs / "tip_gms.duckdb") == database_contents(
        workflow.outputs / "tip_gms.duckdb")
    for name in second:  # no absolute path of the run's folder inside any file
        assert str(workflow.workdir).encode() not in (workflow.outputs / name).read_bytes(), name


def test_a_reader_keeps_its_data_during_a_rebuild_and_the_next_open_sees_the_new_data(published, workflow):
    workflow.copy_outputs_from(published)
    database = workflow.outputs / "tip_gms.duckdb"
    entries = {re.sub(r"^tip_gms-\w+\.zip$", "tip_gms-<version>.zip", name)
               for name in published_files(published.outputs)}
    with duckdb.connect(str(database), read_only=True) as held:
        before = database_contents(database)
        assert held.execute(JAPAN_2003).fetchone() == (57,)
        rebuild = start(workflow, EDITED)
        polls = 0
        while rebuild.poll() is None:
            # At every moment the published paths lead to one complete release, and the open session reads
            # the data it opened.
            release = workflow.outputs / os.readlink(workflow.outputs / "current")
            assert {re.sub(r"^tip_gms-\w+\.zip$", "tip_gms-<version>.zip", p.relative_to(release).as_posix())
                    for p in release.rglob("*") if p.is_file()} == entries  # the archive is named by the version
            assert held.execute(JAPAN_2003).fetchone() == (57,)
            polls += 1
            time.sleep(0.02)
        output = output_of(rebuild)
        assert rebuild.returncode == 0, output[-3000:]
        assert polls > 10
        assert held.execute(JAPAN_2003).fetchone() == (57,)
        assert held.execute("SELECT count(*) FROM thai_victims_rescued").fetchone()[0] == len(
            before["thai_victims_rescued"][2])
    with duckdb.connect(str(database), read_only=True) as fresh:
        assert fresh.execute(JAPAN_2003).fetchone() == (58,)
    assert ",58," in (workflow.outputs / "csv" / "thai_victims_rescued.csv").read_text()
    assert_complete_and_consistent(workflow.outputs)


def test_a_run_killed_while_publishing_leaves_the_last_outputs_whole(published, workflow):
    workflow.copy_outputs_from(published)
    staging = workflow.outputs / "releases" / ".staging"
    run = start(workflow, EDITED)
    while run.poll() is None and not staging.exists():
        time.sleep(0.001)
    assert run.poll() is None, "the run ended before it started publishing: " + output_of(run)[-3000:]
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert published_files(workflow.outputs) == published_files(published.outputs)
    assert_complete_and_consistent(workflow.outputs)
    # The next `make run` recovers by itself: no --unlock, no --rerun-incomplete typed by the user.
    result = workflow.make_run(EDITED)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not staging.exists()
    # The console says what happened, in a few lines: the version, the datasets, the findings and what changed.
    console = result.stderr
    assert len(console.splitlines()) <= 25, console
    assert "published data version" in console and "18 datasets" in console and "8 findings" not in console
    assert "findings since data version" in console and "new: thai_victims_rescued." in console
    assert "input:" not in console and "output:" not in console  # no lists of files
    assert_complete_and_consistent(workflow.outputs)
    with duckdb.connect(str(workflow.outputs / "tip_gms.duckdb"), read_only=True) as db:
        assert db.execute(JAPAN_2003).fetchone() == (58,)


def test_a_run_refuses_to_start_while_another_run_holds_the_outputs(published, workflow):
    workflow.copy_outputs_from(published)
    with (workflow.outputs / "work" / "run.lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.truncate(0)
        lock.write("4242\n")
        lock.flush()
        result = workflow.run(EDITED)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "another run (process 4242) is writing outputs/" in output and "Traceback" not in output
    assert published_files(workflow.outputs) == published_files(published.outputs)
    assert workflow.run(EDITED).returncode == 0  # once the other run has ended


# The run lock is taken before Snakemake's own: the run refused gets the project's message, never Snakemake's
# advice to unlock (dangerous while the other run still writes).
REFUSAL = "another run (process"


def test_two_runs_started_together_never_corrupt_the_outputs(published, workflow):
    command = workflow.prepare(RAW.read_bytes(), cores=1)
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [output_of(run) for run in runs]
    assert any(run.returncode == 0 for run in runs), outputs[0][-3000:]
    for run, output in zip(runs, outputs, strict=True):
        assert "Traceback" not in output
        if run.returncode != 0:
            assert REFUSAL in output and "unlock" not in output, output[-3000:]
    assert_complete_and_consistent(workflow.outputs)
    assert_same_datasets(workflow.outputs, published.outputs)


@pytest.mark.parametrize("bad", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_after_a_refused_input_the_next_run_refuses_it_too(published, workflow, bad):
    # Never a false success: a run does not report "Nothing to be done" while the published data do not come from
    # the current sources (docs/guarantees.md; the same on SLURM: tests/test_slurm.py).
    workflow.copy_from(published)
    before = published_files(workflow.outputs)
    for attempt in ("run", "rerun"):
        result = workflow.run(bad.raw, args=["--profile", str(REPO / "workflow" / "profiles" / "default")],
                              **bad.options())
        output = result.stdout + result.stderr
        assert result.returncode == 1 and all(part in output for part in bad.message), (attempt, output[-3000:])
        assert published_files(workflow.outputs) == before, attempt
    assert workflow.verify_release().returncode == 0
