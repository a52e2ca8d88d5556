"""The release's archive, `tip_gms-<version>.zip`: the whole release in one folder `tip_gms-<version>/`, to read
offline with nothing else: the page, the codebook, the quality report, the source and its view, the DuckDB file,
CSV and Parquet, the data package (ready for `frictionless validate`), the figures, a README, the rights
(LICENSE) and its own SHA256SUMS (`sha256sum -c SHA256SUMS` inside the folder). Its page is the release's,
without the link to the archive itself. Entries in name order, fixed timestamps and permissions: the same files
give the same bytes, the DuckDB file aside (DuckDB never writes the same bytes twice)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from tip_gms.files import replacing

PAGE = "index.html"
CHECKSUMS = "SHA256SUMS"
_STORED = (".png", ".parquet")  # compressed already
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say


def name(version: str) -> str:
    return f"tip_gms-{version}.zip"


def write(root: Path, version: str, page: str) -> Path:
    """Write the archive of the release being built in `root`, with `page` as its index.html; return its path."""
    contents = {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*")
                if path.is_file() and path.suffix != ".zip" and path.name not in (PAGE, CHECKSUMS)}
    contents[PAGE] = page.encode()
    contents[CHECKSUMS] = "".join(f"{hashlib.sha256(data).hexdigest()}  {entry}\n"
                                  for entry, data in sorted(contents.items())).encode()
    target = root / name(version)
    with replacing(target) as temporary, zipfile.ZipFile(temporary, "w") as archive:
        for entry in sorted(contents):
            info = zipfile.ZipInfo(f"tip_gms-{version}/{entry}", date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if entry.endswith(_STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(info, contents[entry])
    return target
