# Names and paths derived from the config, once, for every rule; and the lock a run holds.

import os
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError

OUT = config["outputs"]
# One environment for every rule, with the same pins as requirements.lock (for --use-conda).
ENV = "../../environment.yml"
SOURCES = {source["id"]: source for source in config["sources"]}
# The code that turns a source into datasets: changing it rebuilds them (Snakemake itself only watches a
# rule's own script, not what the script imports).
CODE = sorted(
    str(path)
    for folder in ("scripts/tip_gms", "schemas")
    for path in Path(workflow.basedir, folder).rglob("*")
    if path.suffix in {".py", ".yaml"}
)
# Every dataset any source provides, in the order first declared; then the derived ones.
SOURCE_DATASETS = list(dict.fromkeys(name for source in SOURCES.values() for name in source["datasets"]))
DERIVED = config.get("derived", [])
DATASETS = SOURCE_DATASETS + DERIVED


def staged_dir(source_id):
    return f"{OUT}/work/{source_id}/datasets"


def staged_files():
    """dataset -> staged Parquet files, one per source that provides it."""
    return {
        name: [f"{staged_dir(s)}/{name}.parquet" for s, spec in SOURCES.items() if name in spec["datasets"]]
        for name in SOURCE_DATASETS
    }


# One run at a time per output folder (README, "Guarantees"). Snakemake's own lock is checked, then taken, so
# two runs started at the same instant can both get it; an OS lock cannot, and the OS releases it when the
# run ends, however it ends. Taken when the run starts (onstart, in the Snakefile), held until it exits.
def hold_run_lock():
    import fcntl

    path = Path(OUT) / "work" / "run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        print(
            f"tip-gms: another run (process {handle.read().strip() or '?'}) is writing {OUT}/. This run stops "
            "without changing anything; wait for the other run to end, then run again.",
            file=sys.stderr,
        )
        raise SystemExit(1)
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    RUN_LOCK.append(handle)  # keeps the file, and so the lock, open until the process ends


RUN_LOCK = []


# Staging folders are named by source id, and datasets tell documents apart by doc_id: both must be unique.
for what, ids in [
    ("source id", [source["id"] for source in config["sources"]]),
    ("doc_id", [doc["doc_id"] for source in config["sources"] for doc in source["documents"]]),
]:
    if repeated := sorted({i for i in ids if ids.count(i) > 1}):
        raise WorkflowError(f"workflow config: every {what} must be unique, but {', '.join(repeated)} is repeated")
