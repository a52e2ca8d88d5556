"""Publishing every output at once, so that a reader never sees half a run or a mix of two runs.

    outputs/tip_gms.duckdb -> current/tip_gms.duckdb    one link per published entry (csv, parquet, ...)
    outputs/current        -> releases/<id>             the one pointer a publish switches, by rename(2)
    outputs/releases/<id>/                              complete releases, each with its SHA256SUMS
    outputs/releases/<id>.run.json                      the record of the run that last published <id>
    outputs/releases/.staging/                          where the next release is built
    outputs/releases/.trash-*                           old releases on their way out

A publish builds the whole release in `.staging`, lists every file with its sha256 in `SHA256SUMS`, moves
the folder to `releases/<id>` and then replaces the `current` link in one rename. `<id>` is the content's
own hash (see `content_id`): identical data get the identical id, on any machine. Users keep opening the
same paths; each open resolves through `current`, so it finds the old release or the new one, never part of
one. A failed or killed publish leaves `current` as it was.

Nothing on disk is trusted without a check: a release folder that already has the new id is reused only
if its files match its SHA256SUMS (a killed clean-up may have left it half deleted), and `verify` tells
whether `current` is still what was published (a file edited by hand is not). Old releases are renamed to
`.trash-*` (one rename) before they are deleted, so a half-deleted folder never looks like a release; a
delete that fails after the switch is a warning, and whatever is left is deleted by the next publish. The
previous release is kept for processes that still read it (an open file stays readable after its deletion
on Linux and macOS).

Only one run publishes at a time: the workflow holds a lock for the whole run (tip_gms.preflight).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

log = logging.getLogger("tip_gms")

CURRENT = "current"
RELEASES = "releases"
CHECKSUMS = "SHA256SUMS"
_STAGING = ".staging"
_TRASH = ".trash-"
# DuckDB does not write the same bytes twice for the same tables, so its file cannot be part of a content
# hash, nor can the archive that holds it; their contents come from the tables, schemas and documents whose
# files are hashed.
_NOT_CONTENT = (".duckdb", ".zip")


@contextlib.contextmanager
def building(outputs: str | Path, run: Mapping | None = None) -> Iterator[Path]:
    """Yield an empty folder to write the release into; if the block succeeds, publish it, with `run` (what
    the run was built from) recorded beside it."""
    staging = Path(outputs) / RELEASES / _STAGING
    _remove(staging)  # left by a killed run
    staging.mkdir(parents=True)
    try:
        yield staging
        make_current(outputs, staging, run or {})
    finally:
        _remove(staging)


def sha256_of(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def write_checksums(folder: Path) -> None:
    """`SHA256SUMS` in `folder`: every other file under it, in `sha256sum` format, sorted by path."""
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    lines = [f"{sha256_of(folder / name)}  {name}\n" for name in names if name != CHECKSUMS]
    (folder / CHECKSUMS).write_text("".join(lines), encoding="utf-8")


def _listed(folder: Path) -> dict[str, str]:
    """path -> sha256, as SHA256SUMS lists them; empty if it is missing or unreadable."""
    try:
        text = (folder / CHECKSUMS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {name: digest for digest, _, name in (line.partition("  ") for line in text.splitlines())}


def content_id(folder: Path) -> str:
    """The release's name: the sha256 of its file list and contents (the DuckDB file aside), 16 digits."""
    listed = _listed(folder)
    content = "".join(f"{listed[name]}  {name}\n" for name in sorted(listed) if not name.endswith(_NOT_CONTENT))
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def verify(folder: Path) -> list[str]:
    """What in `folder` no longer matches its SHA256SUMS: missing, changed or unlisted files; empty if all
    match."""
    folder = folder.resolve()  # `current` names its release through a link
    listed = _listed(folder)
    if not listed:
        return [f"{CHECKSUMS} is missing"]
    if content_id(folder) != folder.name:
        return [f"{CHECKSUMS} does not list the content release {folder.name} was published with"]
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {CHECKSUMS}
    problems = [f"{name} is missing" for name in sorted(set(listed) - present)]
    problems += [f"{name} was changed" for name in sorted(set(listed) & present)
                 if sha256_of(folder / name) != listed[name]]
    problems += [f"{name} is not part of the release" for name in sorted(present - set(listed))]
    return problems


def make_current(outputs: str | Path, staging: Path, run: Mapping) -> str:
    """Make the complete release in `staging` the current one; return its id."""
    outputs = Path(outputs)
    write_checksums(staging)
    release_id = content_id(staging)
    release = outputs / RELEASES / release_id
    previous = current_id(outputs)
    if release.exists() and verify(release):
        if release_id == previous:  # users read it now: mend it file by file, never leave `current` dangling
            _restore(release, staging, outputs)
        else:  # half deleted by a killed clean-up, say
            _retire(release)
    if release.exists():  # the same content, already published and intact (a rerun)
        _retire(staging)
    else:
        os.rename(staging, release)
    record = outputs / RELEASES / f"{release_id}.run.json"
    record.with_suffix(".tmp").write_text(json.dumps({"release": release_id, **run}, indent=2, sort_keys=True))
    os.replace(record.with_suffix(".tmp"), record)
    for entry in sorted(path.name for path in release.iterdir()):
        _link(outputs / entry, Path(CURRENT) / entry)
    _link(outputs / CURRENT, Path(RELEASES) / release_id)  # the switch
    for link in outputs.iterdir():  # entries the new release no longer has
        if link.is_symlink() and Path(os.readlink(link)).parts[0] == CURRENT and not link.exists():
            link.unlink()
    _clean_up(outputs / RELEASES, keep={release_id, previous})
    return release_id


def _restore(release: Path, staging: Path, outputs: Path) -> None:
    """Mend `release` from `staging` (the same content, built again) one file at a time: replace what differs,
    remove what does not belong, and list the files anew."""
    trusted = _listed(release) if content_id(release) == release.name else {}
    wanted = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {CHECKSUMS}
    for name in sorted(wanted):
        target = release / name
        # the DuckDB file is never written twice the same: it is sound if it matches its own listed sum
        expected = trusted.get(name) if name.endswith(_NOT_CONTENT) else sha256_of(staging / name)
        if not target.is_file() or sha256_of(target) != expected:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target)
            log.warning("restored %s: it differed from the published release", outputs / name)
    for path in sorted(release.rglob("*"), reverse=True):
        name = path.relative_to(release).as_posix()
        if path.is_file() and name not in wanted | {CHECKSUMS}:
            path.unlink()
            log.warning("removed %s: it is not part of the published release", outputs / name)
    write_checksums(release)


def current_id(outputs: str | Path) -> str | None:
    link = Path(outputs) / CURRENT
    return Path(os.readlink(link)).name if link.is_symlink() else None


def run_record(outputs: str | Path) -> dict:
    """The record of the run that published the current release; empty if there is none."""
    release_id = current_id(outputs)
    try:
        return json.loads((Path(outputs) / RELEASES / f"{release_id}.run.json").read_text())
    except (OSError, ValueError, TypeError):
        return {}


def _clean_up(releases: Path, keep: set[str | None]) -> None:
    """Retire every release but those in `keep`, then delete everything retired (by this run or a killed
    one). A failure here comes after the switch: it is a warning, and the next publish tries again."""
    for entry in sorted(releases.iterdir()):
        name = entry.name.removesuffix(".run.json")
        if name in keep or entry.name == _STAGING or name.startswith(_TRASH):
            continue
        try:
            if entry.is_dir():
                _retire(entry)
            else:
                entry.unlink()
        except OSError as error:
            log.warning("could not remove the old release %s (%s); the next run tries again", entry, error)
    for trash in sorted(releases.glob(f"{_TRASH}*")):
        try:
            _remove(trash, strict=True)
        except OSError as error:
            log.warning("could not delete %s (%s); the next run tries again", trash, error)


def _retire(folder: Path) -> None:
    """Move `folder` out of the way in one rename, then delete it (failures left for the next clean-up)."""
    trash = folder.with_name(f"{_TRASH}{folder.name}.{os.getpid()}")
    os.rename(folder, trash)
    _remove(trash)


def _remove(folder: Path, *, strict: bool = False) -> None:
    if strict:
        shutil.rmtree(folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def _link(path: Path, target: Path) -> None:
    """Point `path` at `target` (relative, so that the folder can be moved) in one rename."""
    if path.is_symlink() and Path(os.readlink(path)) == target:
        return
    temporary = path.with_name(f".{path.name}.link")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    if path.is_dir() and not path.is_symlink():  # a real folder from before releases existed
        shutil.rmtree(path)
    os.replace(temporary, path)
