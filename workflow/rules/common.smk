# Names and paths derived from the config, once, for every rule.
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
# Every dataset any source provides, in the order first declared.
DATASETS = list(dict.fromkeys(name for source in SOURCES.values() for name in source["datasets"]))


def staged_dir(source_id):
    return f"{OUT}/work/{source_id}/datasets"


def staged_files():
    """dataset -> staged Parquet files, one per source that provides it."""
    return {
        name: [f"{staged_dir(s)}/{name}.parquet" for s, spec in SOURCES.items() if name in spec["datasets"]]
        for name in DATASETS
    }


# Staging folders are named by source id, and datasets tell documents apart by doc_id: both must be unique.
for what, ids in [
    ("source id", [source["id"] for source in config["sources"]]),
    ("doc_id", [doc["doc_id"] for source in config["sources"] for doc in source["documents"]]),
]:
    if repeated := sorted({i for i in ids if ids.count(i) > 1}):
        raise WorkflowError(f"workflow config: every {what} must be unique, but {', '.join(repeated)} is repeated")
