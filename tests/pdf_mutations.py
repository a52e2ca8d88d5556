"""Seeded damage to a PDF, as a bad download, a failing disk or a careless edit does it (the fuzzing suite,
tests/test_fuzz.py). Each mutation is drawn from its seed alone, so a failing seed is a reproducible file:
`python -m tests.pdf_mutations FILE.pdf SEED OUT.pdf` writes it.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

_OBJECT = re.compile(rb"\d+ \d+ obj\b.*?endobj", re.DOTALL)
_LENGTH = re.compile(rb"/Length (\d+)")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")


def _flip(data: bytearray, rng: random.Random) -> str:
    count = rng.randint(1, 10)
    for _ in range(count):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return f"{count} byte(s) overwritten"


def _zero(data: bytearray, rng: random.Random) -> str:
    size = rng.randint(10, 500)
    start = rng.randrange(len(data) - size)
    data[start:start + size] = bytes(size)
    return f"{size} bytes zeroed at {start}"


def _truncate(data: bytearray, rng: random.Random) -> str:
    keep = rng.randint(len(data) // 2, len(data) - 1)
    del data[keep:]
    return f"truncated to {keep} bytes"


def _objects(data: bytearray) -> list[re.Match]:
    return list(_OBJECT.finditer(data))


def _duplicate_object(data: bytearray, rng: random.Random) -> str:
    found = _objects(data)
    first = rng.randrange(len(found))
    last = min(len(found) - 1, first + rng.randint(0, 3))
    start, end = found[first].start(), found[last].end()
    data[end:end] = b"\n" + data[start:end]
    return f"objects {first}-{last} duplicated"


def _delete_object(data: bytearray, rng: random.Random) -> str:
    found = _objects(data)
    first = rng.randrange(len(found))
    last = min(len(found) - 1, first + rng.randint(0, 3))
    del data[found[first].start():found[last].end()]
    return f"objects {first}-{last} deleted"


def _edit_length(data: bytearray, rng: random.Random) -> str:
    match = rng.choice(list(_LENGTH.finditer(data)))
    old = int(match[1])
    new = max(0, rng.choice([old + rng.randint(1, 50), old - rng.randint(1, 50), old * 2, old // 2]))
    data[match.start(1):match.end(1)] = str(new).encode()
    return f"/Length {old} -> {new}"


def _edit_offset(data: bytearray, rng: random.Random) -> str:
    entries = list(_XREF_ENTRY.finditer(data))
    if rng.random() < 0.25 or not entries:
        match = _STARTXREF.search(data)
        old = int(match[1])
        new = max(0, old + rng.randint(-200, 200))
        data[match.start(1):match.end(1)] = str(new).encode()
        return f"startxref {old} -> {new}"
    match = rng.choice(entries)
    old = int(match[1])
    new = max(0, old + rng.randint(-300, 300))
    data[match.start(1):match.end(1)] = f"{new:010d}".encode()
    return f"xref offset {old} -> {new}"


KINDS = {"flip": _flip, "zero": _zero, "truncate": _truncate, "duplicate objects": _duplicate_object,
         "delete objects": _delete_object, "edit length": _edit_length, "edit offset": _edit_offset}


def mutate(data: bytes, seed: int) -> tuple[str, bytes]:
    """The damaged copy of `data` that `seed` draws, and what was done to it."""
    rng = random.Random(seed)
    kind = sorted(KINDS)[seed % len(KINDS)]  # every kind equally often, whatever the number of seeds
    damaged = bytearray(data)
    what = KINDS[kind](damaged, rng)
    return f"{kind}: {what}", bytes(damaged)


if __name__ == "__main__":
    source, seed, target = sys.argv[1:4]
    description, damaged = mutate(Path(source).read_bytes(), int(seed))
    Path(target).write_bytes(damaged)
    print(description)
