"""Fuzzing the PDF reader: every committed rendition, damaged by seeded mutations (tests/pdf_mutations.py: byte
flips, zeroed blocks, truncations, duplicated and deleted objects, edited lengths and offsets).

Each damaged copy is either refused with a SourceError, or read to exactly the lines of the intact file, or
it is a valid PDF with other content (qpdf's own full check, independent of the gate, finds nothing wrong
with it): that is the pin's business, which refuses it unless its sha256 is pinned. Never a traceback, never
longer than a bound. A fast subset runs in `make test`; `make fuzz` runs the whole suite (`-m fuzz`).
"""

from __future__ import annotations

import io
import signal
from functools import cache

import pytest

from tip_gms import pdf
from tip_gms.errors import SourceError

from .conftest import sha256_of
from .pdf_mutations import mutate
from .test_renditions import FIXTURES

RENDITIONS = sorted(path.stem for path in FIXTURES.glob("*.pdf"))
FAST, SLOW = range(12), range(12, 112)  # seeds: 48 mutations in make test, 400 more apart
SECONDS = 60  # the longest a damaged copy may take (an intact rendition reads in about 3 s)


@cache
def intact(name: str) -> tuple[bytes, list[str]]:
    data = (FIXTURES / f"{name}.pdf").read_bytes()
    return data, pdf.read(f"{name}.pdf", data=data)[0]


def valid_to_qpdf(data: bytes) -> bool:
    """Whether qpdf's full check (what `qpdf --check` does, linearisation hints aside) finds no damage."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            problems = [p for p in document.check_pdf_syntax() if "hint" not in p and "lineariz" not in p.lower()]
            return not problems and not document.get_warnings()
    except pikepdf.PdfError:
        return False


def _timeout(signum, frame):
    raise TimeoutError(f"reading a damaged copy took more than {SECONDS} s")


def check_mutation(name: str, seed: int) -> str:
    data, lines = intact(name)
    what, damaged = mutate(data, seed)
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(SECONDS)
    try:
        read = pdf.read(f"{name}-{seed}.pdf", data=damaged)[0]
    except SourceError as error:
        assert f"{name}-{seed}.pdf" in str(error), f"{what}: the refusal names no file: {error}"
        return "refused"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if read == lines:
        return "read the same"
    assert valid_to_qpdf(damaged), f"{name}, seed {seed} ({what}): read with {len(read)} lines instead of " \
        f"{len(lines)}, and qpdf finds damage the gate let through (sha256 {sha256_of_bytes(damaged)})"
    return "valid PDF, other content"


def sha256_of_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("seed", FAST)
@pytest.mark.parametrize("name", RENDITIONS)
def test_a_damaged_rendition_is_refused_or_read_the_same(name, seed):
    assert check_mutation(name, seed) in {"refused", "read the same", "valid PDF, other content"}


@pytest.mark.fuzz
@pytest.mark.parametrize("seed", SLOW)
@pytest.mark.parametrize("name", RENDITIONS)
def test_many_damaged_renditions_are_refused_or_read_the_same(name, seed):
    assert check_mutation(name, seed) in {"refused", "read the same", "valid PDF, other content"}


def test_the_mutations_are_seeded_and_damage_the_file():
    data, _ = intact(RENDITIONS[0])
    assert mutate(data, 7) == mutate(data, 7)
    assert all(mutate(data, seed)[1] != data for seed in range(21))
    assert {mutate(data, seed)[0].split(":")[0] for seed in range(7)} == {
        "flip", "zero", "truncate", "duplicate objects", "delete objects", "edit length", "edit offset"}


def test_a_check_that_lets_damage_through_is_caught(monkeypatch):
    """The suite can fail: with the gate switched off, some damaged copy is read with other lines while qpdf
    finds the damage."""
    monkeypatch.setattr(pdf.integrity, "check", lambda data, path, limits=None: None)
    with pytest.raises(AssertionError, match="qpdf finds damage the gate let through"):
        for seed in range(40):
            check_mutation("writer_letter", seed)


@pytest.mark.workflow
@pytest.mark.parametrize("seed", [1, 11, 55])  # a truncation, a cross-reference entry, a font program
def test_no_release_is_published_from_a_damaged_file(workflow, seed):
    """The last good release stays, and `sha256sum -c` still passes on it."""
    from .conftest import published_files

    data, _ = intact("writer_letter")
    result = workflow.run(data, edit=lambda source: source.update(format="pdf"))
    assert result.returncode == 0, result.stderr[-3000:]
    good = published_files(workflow.outputs)
    _, damaged = mutate(data, seed)
    result = workflow.run(damaged, edit=lambda source: source.update(format="pdf"))
    assert result.returncode != 0
    assert "is damaged" in result.stderr and "download it again or repair it" in result.stderr
    assert published_files(workflow.outputs) == good
    assert workflow.verify_release().returncode == 0
    assert sha256_of(workflow.outputs / "csv" / "numeric_mentions.csv") == good["csv/numeric_mentions.csv"]
