"""What the workflow checks and settles before Snakemake plans a single job (run from workflow/rules/common.smk).

- The config: each config file read again strictly (tip_gms.yamlfile: Snakemake's reader keeps the last of
  two equal keys and expands aliases), every key the schema asks for, every source file present inside the
  working folder and reached without a symbolic link, every dataset name known. A bad config stops the run
  with one line that names the config file and the key, not a schema dump.
- One run at a time per working folder: an OS lock, taken before Snakemake's own lock. Holding it proves
  that no other run of this workflow is alive here, so Snakemake locks left by a killed run are stale and
  are cleared (no `--unlock` for the user).
- What is staged and published still comes from the current sources and code: a file edited by hand, a
  release damaged or built from other inputs, datasets that a failed build removed, make the build and
  `publish` run again (their outputs' records are removed; see `settle`).

Kept free of pandas, so that it costs nothing at start-up.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import jsonschema

from tip_gms import paths, yamlfile
from tip_gms.errors import ConfigError, Refusal
from tip_gms.publishing import release
from tip_gms.reports import CHECKED

log = logging.getLogger("tip_gms")

# The code each stage runs: building reads, builds and checks; publishing writes. A change to a builder
# rebuilds its sources; the publish that follows is skipped when the staged data come out the same.
BUILD_CODE = {"include": ("scripts/tip_gms", "schemas", "workflow/reports"), "exclude": ("scripts/tip_gms/publishing",
                                                                      "scripts/tip_gms/derived")}
PUBLISH_CODE = {"include": ("scripts/tip_gms", "schemas", "workflow/reports"), "exclude": ("scripts/tip_gms/datasets",
                                                                        "scripts/tip_gms/checks")}
_CODE_SUFFIXES = (".py", ".yaml", ".j2", ".ttf")  # code, settings, templates and the figures' font


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
    def stems(folder: str) -> set[str]:  # the engine's modules, and each report's own (workflow/reports/<id>/<kind>/)
        own = basedir.glob(f"workflow/reports/*/{Path(folder).name}/*.py")
        return {path.stem for path in [*(basedir / folder).glob("*.py"), *own] if not path.stem.startswith("_")}

    schemas, builders, derived = stems("schemas") - {"base"}, stems("scripts/tip_gms/datasets"), stems(
        "scripts/tip_gms/derived")
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


def code_digest(basedir: Path, code: Mapping[str, Sequence[str]]) -> str:
    """One sha256 over the files of `code` (folders to include, and to leave out): a change to any of them
    reruns the stage, a `touch` does not."""
    digest = hashlib.sha256()
    for folder in code["include"]:
        for path in sorted((basedir / folder).rglob("*")):
            name = path.relative_to(basedir).as_posix()
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and not name.startswith(
                    tuple(f"{excluded}/" for excluded in code["exclude"])):
                digest.update(f"{name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


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


def settle(outputs: str | Path, published_record: str | Path, sources: Sequence[Mapping], build_code: str,
           publish_code: str) -> list[str]:
    """Make Snakemake's view match what is on disk: a source whose staged datasets are missing or were not
    built from its pinned sha256 by this code is built again (its stamp removed), and when the published
    release does not stand (damaged, edited, made from other sources or code, or some source must be built
    again) `publish`'s record is removed so that it runs again. Snakemake alone would not: it reruns a job
    for an input that changed, not for one that is missing, and a failed build removes what it staged.
    Return the reasons for publishing again that the user did not cause: a new sha256 or an edit to the code
    is the usual course, and is rebuilt without a word."""
    rebuild = [source for source in sources if not paths.built_from_pinned(outputs, source, build_code)]
    missing = [source for source in rebuild if not paths.staged(outputs, source["id"]).exists()]
    for source in rebuild:
        paths.staged(outputs, source["id"]).unlink(missing_ok=True)
    if not Path(published_record).exists():
        return []  # publish runs anyway
    if release.current_id(outputs) is None:
        problems = [f"nothing is published in {outputs}/"]
    else:
        problems = [f"{outputs}/{problem} since it was published"
                    for problem in release.verify(Path(outputs) / release.CURRENT)]
    record = release.run_record(outputs)
    # Staged data are missing only where the release was built from them: a source new to the config (a new
    # id, a PDF in place of the text) has none yet, and building it is the usual course.
    published_from = {s["id"]: s["sha256"] for s in record.get("sources", [])}
    problems += [f"the datasets staged from {source['path']} are missing" for source in missing
                 if published_from.get(source["id"]) == source["sha256"]]
    edited = record.get("code") != publish_code or (
        {s["id"]: s["sha256"] for s in record.get("sources", [])} != {s["id"]: s["sha256"] for s in sources})
    if problems or edited or rebuild:
        Path(published_record).unlink()
    return problems
