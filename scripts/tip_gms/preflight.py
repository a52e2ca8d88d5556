"""What the workflow checks before Snakemake plans a single job (run from workflow/rules/common.smk).

- The config: each config file read again strictly (tip_gms.yamlfile: Snakemake's reader keeps the last of
  two equal keys and expands aliases), every key the schema asks for, every source file present inside the
  working folder and reached without a symbolic link, every dataset name known. A bad config stops the run
  with one line that names the config file and the key, not a schema dump.
- One run at a time per working folder: the run lock (what it is for: docs/architecture.md).

Kept free of pandas, so that it costs nothing at start-up.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import jsonschema

from tip_gms import yamlfile
from tip_gms.errors import ConfigError, Refusal
from tip_gms.reports import CHECKED

log = logging.getLogger("tip_gms")


def check_config(config: dict, schema_path: Path, configfiles: Sequence[str], basedir: Path) -> None:
    """Stop with one line per problem unless `config` is valid, names only known datasets and existing
    sources; fill in the schema's defaults."""
    for file in configfiles:
        yamlfile.load(file)
    where = ", ".join(map(str, configfiles)) or "the workflow config"
    schema = yamlfile.load(schema_path)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(config), key=lambda e: list(e.path))
    problems = [f"{'.'.join(map(str, error.absolute_path)) or 'top level'}: {error.message}" for error in errors]
    if not problems:
        for key, spec in schema["properties"].items():
            if "default" in spec:
                config.setdefault(key, spec["default"])
        problems += _repeated_ids(config) + _unknown_datasets(config, basedir) + _sources_in_reach(config, basedir)
    if problems:
        raise ConfigError(f"{where}: " + ("\n  - ".join(["", *problems]) if len(problems) > 1 else problems[0]))


def _repeated_ids(config: dict) -> list[str]:
    """Staging folders are named by source id, and datasets tell documents apart by doc_id: both are unique."""
    problems = []
    for what, key, ids in [
        ("source id", "sources.id", [source["id"] for source in config["sources"]]),
        ("doc_id", "sources.documents.doc_id", [d["doc_id"] for s in config["sources"] for d in s["documents"]]),
    ]:
        if repeated := sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{key}: every {what} must be unique, but {', '.join(repeated)} is repeated")
    return problems


def _unknown_datasets(config: dict, basedir: Path) -> list[str]:
    """Every dataset has a schema and a builder (a source's settings may name another), or is derived, or is
    the checks' output."""
    def defining(folder: str, name: str) -> set[str]:
        """The modules that define `name` (SCHEMA, build, derive), read but not imported: the engine's, in
        `folder`, and each report's own (workflow/reports/<id>/<kind>/)."""
        defines = re.compile(rf"^(def {name}\(|{name} = )", re.MULTILINE)
        own = basedir.glob(f"workflow/reports/*/{Path(folder).name}/*.py")
        return {path.stem for path in [*(basedir / folder).glob("*.py"), *own]
                if defines.search(path.read_text("utf-8"))}

    schemas, builders, derived = (defining("schemas", "SCHEMA"), defining("scripts/tip_gms/datasets", "build"),
                                  defining("scripts/tip_gms/derived", "derive"))
    problems = []
    for i, source in enumerate(config["sources"]):
        for name, settings in source["datasets"].items():
            builder = (settings or {}).get("builder", name)
            if name not in schemas or (builder not in builders and name != CHECKED):
                problems.append(f"sources.{i}.datasets: unknown dataset '{name}' (it needs a schema, {name}.py in "
                                f"schemas/ or workflow/reports/{source['id']}/schemas/, and a builder, {builder}.py in "
                                f"scripts/tip_gms/datasets/ or workflow/reports/{source['id']}/datasets/); known: "
                                f"{', '.join(sorted(schemas - derived))}; builders: {', '.join(sorted(builders))}")
    problems += [f"derived: unknown dataset '{name}' (it needs schemas/{name}.py and scripts/tip_gms/derived/"
                 f"{name}.py); known: {', '.join(sorted(schemas & derived))}"
                 for name in config.get("derived", []) if name not in schemas & derived]
    return problems


def _sources_in_reach(config: dict, basedir: Path) -> list[str]:
    """Every source file is in the working folder (source paths are relative to it) and every file a source's
    settings name is in the workflow's folder (they are relative to it), each reached without a symbolic link:
    what the run reads is what is in the folder, not whatever a link points to today. Every source exists."""
    problems = []
    for i, source in enumerate(config["sources"]):
        if why := _out_of_reach(source["path"], Path.cwd()):
            problems.append(f"sources.{i}.path: source {source['path']} {why}; copy the file into raw/ and pin it "
                            "(README, \"Updating the source\")")
        elif not Path(source["path"]).is_file():
            problems.append(f"sources.{i}.path: source {source['path']} does not exist (relative to {Path.cwd()}); "
                            "restore the file, or remove the source from the config")
        for name, settings in source["datasets"].items():
            if settings and "registry" in settings and (why := _out_of_reach(settings["registry"], basedir)):
                problems.append(f"sources.{i}.datasets.{name}.registry: {settings['registry']} {why}; copy the "
                                "file into the workflow's folder, beside the config")
    return problems


def _out_of_reach(path: str, base: Path) -> str | None:
    """Why `path` (relative to `base`, or absolute) may not be read: it is outside `base`, or it goes through a
    symbolic link below `base` (the file or a folder on the way). None if it may. `base` itself may be
    reached through a link: where a user keeps the repository is theirs to choose."""
    base = base.resolve()
    full = Path(os.path.normpath(base / path))
    if not full.is_relative_to(base):
        return f"is outside {base}"
    step = base  # a relative path is walked as given: a link before a `..` counts
    for part in full.relative_to(base).parts if Path(path).is_absolute() else Path(path).parts:
        step = step / part
        if step.is_symlink():
            return f"goes through a symbolic link ({step.relative_to(base)} -> {os.readlink(step)})"
    if not (base / path).resolve().is_relative_to(base):  # nothing should lead out after the checks above
        return f"is outside {base}"
    return None


def batches(sources: Sequence[Mapping], size: int) -> dict[str, list[str]]:
    """Source ids in runs of `size`, in config order, each named after its first source."""
    ids = [source["id"] for source in sources]
    return {ids[i]: ids[i : i + size] for i in range(0, len(ids), size)}


def files_named(source: Mapping, basedir: Path) -> list[str]:
    """Files the source's dataset settings name (a key-figures `registry`), as paths from the workflow's folder."""
    return [str(basedir / settings["registry"]) for settings in source["datasets"].values()
            if settings and "registry" in settings]


_HELD: list = []  # the open lock file: the lock lasts as long as this process


def hold_run_lock(outputs: str | Path, snakemake_folder: Path = Path(".snakemake")) -> None:
    """Take the run lock for the rest of this process, or stop saying which process holds it; then clear
    the Snakemake locks that a killed run left behind."""
    path = Path(outputs) / "work" / "run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        other = handle.read().strip() or "?"
        handle.close()
        raise Refusal(f"another run (process {other}) is writing {outputs}/. This run stops without changing "
                          "anything; wait for the other run to end, then run again.") from None
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    _HELD.append(handle)
    stale = sorted((snakemake_folder / "locks").glob("*.lock"))
    for lock in stale:
        lock.unlink(missing_ok=True)
    if stale:
        log.info("cleared %d Snakemake lock(s) left by a run that was killed", len(stale))
