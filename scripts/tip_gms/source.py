"""Reading a pinned source: check its sha256, then decode it into numbered lines.

Kept free of pandas so that the verification step starts in a blink.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from tip_gms.errors import SourceError

ACCEPT_HINT = (
    "If you changed or replaced the source on purpose, review the change, then record the new hash "
    "as `sha256` of this source in workflow/config.yaml (see README, 'Updating the source')."
)


# Larger than any report, text or PDF (the scans of a long one included): a larger file is refused before it
# is read, so that memory stays bounded.
MAX_SOURCE_BYTES = 256 * 2**20


def read_pinned(path: str | Path, expected_sha256: str) -> bytes:
    """The file's bytes, read once, if they are the pinned ones; else stop. Everything read from the source is
    read from these bytes, so what is read is what was checked."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"source file {path} does not exist")
    if (size := path.stat().st_size) > MAX_SOURCE_BYTES:
        raise SourceError(f"source file {path} has {size:,} bytes, more than the limit of {MAX_SOURCE_BYTES:,} "
                          "(tip_gms.source.MAX_SOURCE_BYTES); is it the report?")
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise SourceError(
            f"source file {path} has sha256 {actual}, but workflow/config.yaml expects {expected_sha256}. "
            + ACCEPT_HINT
        )
    return data


def check_unchanged(path: str | Path, data: bytes) -> None:
    """Stop if the file no longer holds `data`, the bytes read from it: something wrote to it during the run."""
    path = Path(path)
    now = path.read_bytes() if path.is_file() else None
    if now is None or len(now) != len(data) or hashlib.sha256(now).digest() != hashlib.sha256(data).digest():
        raise SourceError(f"source file {path} changed while it was being read (its size or sha256 at the end "
                          "differs from the start): let whatever writes to it finish, check it, then run again")


def read_lines(path: str | Path, data: bytes | None = None) -> list[str]:
    """The file's lines (decoded from `data`, its bytes, where they were read already), without line endings;
    index i holds source line i + 1.

    A UTF-8 byte-order mark and CRLF line endings carry no meaning and are dropped. Only "\\n" ends a
    line, so that numbers match `sed -n Np` and every text editor.
    """
    data = Path(path).read_bytes() if data is None else data
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
MAX_LINES = 1_000_000  # the report has 914; a million lines of text is no report
# Control characters (tab aside) and the bidirectional overrides that make text display other than it reads.
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_text(lines: Sequence[str], path: str | Path) -> None:
    """Refuse text that no report prints: control characters, lines too long to be a line of text, and more
    lines than any report has."""
    if len(lines) > MAX_LINES:
        raise SourceError(f"source file {path} has {len(lines):,} lines, more than the limit of {MAX_LINES:,} "
                          "(tip_gms.source.MAX_LINES); is it the report?")
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
