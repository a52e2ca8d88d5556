# Names and paths derived from the config, once, for every rule.

OUT = config["outputs"]
# One environment for every rule, with the same pins as requirements.lock (for --use-conda).
ENV = "../../environment.yml"
SOURCES = {source["id"]: source for source in config["sources"]}
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
