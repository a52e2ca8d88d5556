# Names and paths derived from the config, once, for every rule.

OUT = config["outputs"]
# One environment for every rule, with the same pins as requirements.lock (for --use-conda).
ENV = "../../environment.yml"
SOURCES = {source["id"]: source for source in config["sources"]}
# Every dataset any source provides, in the order first declared; then the derived ones.
SOURCE_DATASETS = list(dict.fromkeys(name for source in SOURCES.values() for name in source["datasets"]))
DERIVED = config.get("derived", [])
DATASETS = SOURCE_DATASETS + DERIVED
DERIVED_DIR = f"{OUT}/work/derived/datasets"


def staged_dir(source_id):
    return f"{OUT}/work/{source_id}/datasets"


def staged_files(derived=True):
    """dataset -> staged Parquet files: one per source that provides it, or the derived one."""
    files = {
        name: [f"{staged_dir(s)}/{name}.parquet" for s, spec in SOURCES.items() if name in spec["datasets"]]
        for name in SOURCE_DATASETS
    }
    if derived:
        files |= {name: [f"{DERIVED_DIR}/{name}.parquet"] for name in DERIVED}
    return files
