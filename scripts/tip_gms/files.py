"""Writing files so that a reader never sees half of one: write beside the target, then rename."""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tip_gms.errors import OutputError


@contextlib.contextmanager
def replacing(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; move it onto `target` only if the block succeeds. A full disk
    stops the run naming the file (libraries such as pyarrow and DuckDB do not)."""
    target = Path(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        yield temporary
        os.replace(temporary, target)
    except Exception as error:
        if getattr(error, "errno", None) == errno.ENOSPC or "No space left on device" in str(error):
            raise disk_full(target) from None
        raise
    finally:
        temporary.unlink(missing_ok=True)


def disk_full(path: Path) -> OutputError:
    try:
        free = f"{shutil.disk_usage(path.parent).free / 1e6:.1f} MB free"
    except OSError:
        free = "free space unknown"
    return OutputError(f"disk full while writing {path} ({free}): free some space on that disk, then run again; "
                       "the last published outputs are unchanged")


def write_parquet(table: pa.Table, target: str | Path) -> None:
    with replacing(target) as path:
        pq.write_table(table, path, compression="zstd")


def write_csv(table: pa.Table, target: str | Path) -> None:
    """CSV with a header, UTF-8, quotes only where needed (a comma, quote or line break in the value), empty for
    null, ISO dates, true/false. Arrow formats the values (pyarrow's own CSV writer quotes every string)."""
    columns = [pc.cast(column, pa.string()).to_pylist() for column in table.columns]
    with replacing(target) as path, path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows(zip(*columns, strict=True))


def write_text(text: str, target: str | Path) -> None:
    with replacing(target) as path:
        path.write_text(text, encoding="utf-8")
