"""Reading a pinned source: check its sha256, then decode it into numbered lines.

Kept free of pandas so that the verification step starts in a blink.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from tip_gms.errors import SourceError

log = logging.getLogger("tip_gms")

ACCEPT_HINT = (
    "If you changed or replaced the source on purpose, review the change, then record the new hash "
    "as `sha256` of this source in workflow/config.yaml (see README, 'Updating the source')."
)


def sha256_of(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def verify(path: str | Path, expected_sha256: str) -> str:
    """Return the file's sha256, or stop if it is not the pinned one."""
    if not Path(path).is_file():
        raise SourceError(f"source file {path} does not exist")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise SourceError(
            f"source file {path} has sha256 {actual}, but workflow/config.yaml expects {expected_sha256}. "
            + ACCEPT_HINT
        )
    return actual


def verify_source(path: str, sha256: str, stamp: str) -> None:
    """The pipeline's first stage: stop unless the source has the pinned sha256; record it in `stamp`."""
    verify(path, sha256)
    Path(stamp).write_text(sha256 + "\n")
    logging.getLogger("tip_gms").info("%s: sha256 %s verified", path, sha256)


def read_lines(path: str | Path) -> list[str]:
    """The file's lines, without line endings; index i holds source line i + 1.

    A UTF-8 byte-order mark and CRLF line endings carry no meaning and are dropped. Only "\\n" ends a
    line, so that numbers match `sed -n Np` and every text editor.
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            f"the source is not valid UTF-8 (byte {data[error.start]:#04x} at offset {error.start})",
            line=line,
        ) from None
    if not text.strip():
        raise SourceError(f"source file {path} is empty")
    return [line.removesuffix("\r") for line in text.split("\n")]
