# Before any job: the config checked, the run lock taken, the published release checked (tip_gms.preflight);
# then the names and paths derived from the config, once, for every rule.

import sys
from pathlib import Path

from snakemake_interface_executor_plugins.settings import ExecMode

from tip_gms import preflight
from tip_gms.errors import Refusal

try:
    preflight.check_config(config, Path(workflow.basedir, "workflow", "config.schema.yaml"), workflow.configfiles,
                           Path(workflow.basedir))
except Refusal as refusal:
    sys.exit(f"ERROR tip-gms: {refusal}")
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


CODE_DIGEST = preflight.code_digest(Path(workflow.basedir))
PUBLISHED = f"{OUT}/work/published.sha256"

# The main process only: jobs that Snakemake starts elsewhere (a cluster node) run under its lock.
if workflow.exec_mode == ExecMode.DEFAULT:
    try:
        preflight.hold_run_lock(OUT)
    except Refusal as refusal:
        sys.exit(f"ERROR tip-gms: {refusal}")
    for reason in preflight.republish_if_stale(OUT, PUBLISHED, config["sources"], CODE_DIGEST):
        logger.warning(f"tip-gms: {reason}; publishing again")
