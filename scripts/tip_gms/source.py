"""Reading a pinned source: check its sha256, then decode it into numbered lines.

Kept free of pandas so that the verification step starts in a blink.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Sequence
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
            f"source file {path} is not valid UTF-8 (byte {data[error.start]:#04x} at offset {error.start}): "
            "save it as UTF-8",
            line=line,
        ) from None
    if not text.strip():
        raise SourceError(f"source file {path} is empty")
    return [line.removesuffix("\r") for line in text.split("\n")]


# Longer than any line of prose or table row; a line past it is not text a person wrote (and every step that
# reads a line is linear in its length, so this bounds the time a line can take).
MAX_LINE_CHARS = 10_000
# Control characters (tab aside) and the bidirectional overrides that make text display other than it reads.
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_text(lines: Sequence[str], path: str | Path) -> None:
    """Refuse text that no report prints: control characters, and lines too long to be a line of text."""
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SourceError(f"source file {path}: the line has {len(line):,} characters, more than the "
                              f"{MAX_LINE_CHARS:,} any line of a report has; is it a binary or corrupted file?",
                              line=number)
        if hidden := _HIDDEN.search(line):
            char = hidden[0]
            name = unicodedata.name(char, "a control character")
            raise SourceError(f"source file {path}: character U+{ord(char):04X} ({name}) at column "
                              f"{hidden.start() + 1}, which no printed text has; remove it (a damaged copy or "
                              "a bad conversion?)", line=number)
