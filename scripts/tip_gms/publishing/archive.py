"""The release's archive, `tip_gms-<version>.zip`: the data (CSV, Parquet), the data package that describes
them, the codebook, the quality report and the figures, in one folder `tip_gms-<version>/`, ready for
`frictionless validate`. The same files give the same bytes: entries in name order, fixed timestamps and
permissions."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tip_gms.files import replacing

CONTENTS = ("datapackage.json", "csv", "parquet", "codebook.md", "codebook.html", "quality_report.md",
            "quality_report.html", "figures")
_STORED = (".png", ".parquet")  # compressed already
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say


def name(version: str) -> str:
    return f"tip_gms-{version}.zip"


def write(root: Path, version: str) -> Path:
    """Write the archive of the release being built in `root`; return its path."""
    entries = [root / entry for entry in CONTENTS if (root / entry).exists()]
    paths = sorted(path for entry in entries for path in ([entry] if entry.is_file() else entry.rglob("*"))
                   if path.is_file())
    target = root / name(version)
    with replacing(target) as temporary, zipfile.ZipFile(temporary, "w") as archive:
        for path in paths:
            info = zipfile.ZipInfo(f"tip_gms-{version}/{path.relative_to(root).as_posix()}", date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if path.suffix in _STORED else zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target
