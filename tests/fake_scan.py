"""A scan without a scanner or Tesseract: a typeset rendition whose words are given what OCR gives them.

The reader reads the rendition as it reads any PDF; then every word of every line gets a confidence, its box
in pixels of the page rendered at DPI (from where pdfplumber finds it) and that rendering's sha256, as
`document.Printed.words` carries them for a scan. A few words are read wrong on purpose (Misread), at the
confidence given. `install(monkeypatch, misreads)` puts the fake in the reader's place (`tip_gms.pdf.read`),
and the renderings in the place of the scan's page images (`tip_gms.stop_list.page_image`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
import pypdfium2

from tip_gms import pdf, stop_list
from tip_gms.document import Printed

_READ = pdf.read  # the real reader, whatever is put in its place
DPI = 100
CONF = 97.0  # the confidence of every word read right


@dataclass(frozen=True)
class Misread:
    """The first word `printed` of the line that contains `near`, read by OCR as `ocr` with confidence `conf`."""

    near: str
    printed: str
    ocr: str
    conf: float


@cache
def _typeset(path: str) -> tuple[tuple[str, ...], tuple[Printed, ...]]:
    raw, printed = _READ(path)
    return tuple(raw), tuple(printed)


@cache
def rendering(path: str, page: int):
    """The page rendered at DPI, in grey: the fake scan's page image."""
    return pypdfium2.PdfDocument(path)[page - 1].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")


@cache
def _page_words(path: str) -> dict[int, list[dict]]:
    with pdfplumber.open(path) as document:
        return {page.page_number: page.extract_words(x_tolerance_ratio=0.15) for page in document.pages}


@cache
def digest(path: str, page: int) -> str:
    return hashlib.sha256(rendering(path, page).tobytes()).hexdigest()


def read(path: str | Path, misreads: Sequence[Misread], wordless: Sequence[str] = (), ocr=None) -> tuple[
        list[str], list[Printed]]:
    """The rendition's lines as an OCR'd scan of it gives them, with the misreads; a line that contains a phrase
    of `wordless` gets no words (a reader that lost them). `ocr(page, box, printed)`, if given, says what an
    OCR engine read at a word's box, and with what confidence (tests/tesseract_scan.py)."""
    path = str(path)
    raw, printed = _typeset(path)
    unused = {page: list(words) for page, words in _page_words(path).items()}
    pending = list(misreads)
    out_raw, out_printed, synthetic = [], [], 0
    for line, where in zip(raw, printed, strict=True):
        words, tokens = [], line.split()
        for token in tokens:
            found = next((w for w in unused.get(where.page, []) if w["text"] == token), None)
            if found is not None:
                unused[where.page].remove(found)
                scale = DPI / 72
                box = tuple(round(found[k] * scale) for k in ("x0", "top", "x1", "bottom"))
            else:  # a word the reader joined or marked: somewhere off the text, but its own place
                synthetic += 1
                box = (1, synthetic, 2, synthetic + 1)
            text, conf = ocr(where.page, box, token) if ocr and found is not None else (token, CONF)
            words.append([text, conf, where.page, box, digest(path, where.page)])
        if ocr:
            for k in range(len(words)):
                line = _replaced(line, [w[0] for w in words[:k]] + tokens[k:], k, words[k][0])
        for misread in list(pending):
            hit = next((w for w in words if w[0] == misread.printed), None) if misread.near in line else None
            if hit is not None:
                line = _replaced(line, [w[0] for w in words], words.index(hit), misread.ocr)
                hit[0], hit[1] = misread.ocr, misread.conf
                pending.remove(misread)
        out_raw.append(line)
        lost = any(phrase in line for phrase in wordless)
        out_printed.append(dataclasses.replace(where, words=() if lost else tuple(tuple(w) for w in words)))
    assert not pending, f"misreads that found no word: {pending}"
    return out_raw, out_printed


def _replaced(line: str, texts: list[str], k: int, text: str) -> str:
    at = 0
    for i, word in enumerate(texts):
        at = line.index(word, at)
        if i == k:
            return line[:at] + text + line[at + len(word):]
        at += len(word)
    raise AssertionError("unreachable")


def install(monkeypatch, misreads: Sequence[Misread], wordless: Sequence[str] = ()) -> None:
    monkeypatch.setattr(pdf, "read", lambda path, dropped=None, **_: read(path, misreads, wordless))
    monkeypatch.setattr(stop_list, "page_image", lambda data, page, digest_: _image_of(page, digest_))


_rendered: dict[str, tuple[str, int]] = {}


def _image_of(page: int, wanted: str):
    for path, number in _rendered.values():
        if number == page and digest(path, number) == wanted:
            return rendering(path, number)
    raise AssertionError(f"no rendering of page {page} with sha256 {wanted}")


def register(path: str | Path) -> None:
    """Make the renderings of `path`'s pages findable by their sha256 (for the crops)."""
    path = str(path)
    for page in _page_words(path):
        _rendered[digest(path, page)] = (path, page)
