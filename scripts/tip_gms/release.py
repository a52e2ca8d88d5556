"""Publishing every output at once, so that a reader never sees half a run or a mix of two runs.

    outputs/tip_gms.duckdb -> current/tip_gms.duckdb    one link per published entry (csv, parquet, ...)
    outputs/current        -> releases/<id>             the one pointer a publish switches, by rename(2)
    outputs/releases/<id>/                              complete releases; <id> is derived from the content
    outputs/releases/.staging/                          where the next release is built

A publish builds the whole release in `.staging`, moves it to `releases/<id>` and then replaces the
`current` link in one rename. Users keep opening the same paths; each open resolves through `current`, so it
finds the old release or the new one, never part of one. A failed or killed publish leaves `current` as it
was. A process holding a file open (a DuckDB session) keeps reading the release it opened: the previous
release is kept, older ones are deleted (an open file stays readable after its deletion on Linux and macOS).

Only one run publishes at a time: the workflow holds a lock for the whole run (workflow/rules/common.smk).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

CURRENT = "current"
RELEASES = "releases"
_STAGING = ".staging"


@contextlib.contextmanager
def building(outputs: str | Path) -> Iterator[Path]:
    """Yield an empty folder to write the release into; if the block succeeds, publish it."""
    staging = Path(outputs) / RELEASES / _STAGING
    shutil.rmtree(staging, ignore_errors=True)  # left by a killed run
    staging.mkdir(parents=True)
    try:
        yield staging
        publish(outputs, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def content_id(folder: Path) -> str:
    """A name for a release, from the names and bytes of its files: the same content gets the same name."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\0{sha256_of(path)}\n".encode())
    return digest.hexdigest()[:16]


def sha256_of(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def publish(outputs: str | Path, staging: Path) -> str:
    """Make the complete release in `staging` the current one; return its id."""
    outputs, release_id = Path(outputs), content_id(staging)
    release = outputs / RELEASES / release_id
    if release.exists():  # the same content is already published (a rerun)
        shutil.rmtree(staging)
    else:
        os.rename(staging, release)
    previous = current_id(outputs)
    for entry in sorted(path.name for path in release.iterdir()):
        _link(outputs / entry, Path(CURRENT) / entry)
    _link(outputs / CURRENT, Path(RELEASES) / release_id)  # the switch
    for old in (outputs / RELEASES).iterdir():
        if old.is_dir() and old.name not in (release_id, previous, _STAGING):
            shutil.rmtree(old)
    return release_id


def current_id(outputs: str | Path) -> str | None:
    link = Path(outputs) / CURRENT
    return Path(os.readlink(link)).name if link.is_symlink() else None


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

