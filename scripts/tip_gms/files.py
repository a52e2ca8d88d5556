"""Writing files so that a reader never sees half of one: write beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq


@contextlib.contextmanager
def replacing(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; move it onto `target` only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_parquet(table: pa.Table, target: str | Path) -> None:
    with replacing(target) as path:
        pq.write_table(table, path, compression="zstd")


def write_csv(table: pa.Table, target: str | Path) -> None:
    """CSV with a header, quotes only where needed, empty for null, ISO dates, true/false."""
    with replacing(target) as path:
        pa_csv.write_csv(table, path, pa_csv.WriteOptions(quoting_style="needed"))


def write_text(text: str, target: str | Path) -> None:
    with replacing(target) as path:
        path.write_text(text, encoding="utf-8")
