"""Scans of the renditions (tests/scans/make_scans.py) read by OCR into the same lines as the renditions.

A few pages run in `make test` (a page of text with bullets, the tiers table, the protection-centres table);
whole scans are `-m scans` (`make scans`). They need Tesseract (Debian: tesseract-ocr, tesseract-ocr-eng) and
skip, saying so, where it is missing.
"""

from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pdfplumber
import pikepdf
import pytest

from tip_gms import pdf
from tip_gms.pdf import ocr

from .conftest import REPO
from .scans import make_scans
from .scans.measure import cer, numbers_at_place

RENDITIONS = REPO / "tests" / "fixtures" / "renditions"
CHROMIUM = RENDITIONS / "chromium_a4.pdf"
PAGES = range(2, 5)  # lists, bullets, a ruled table

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None,
                                reason="Tesseract is not installed (Debian: tesseract-ocr, tesseract-ocr-eng)")


def _lines(path, pages, **options) -> tuple[list[str], list]:
    lines, printed = pdf.read(path, scan=ocr.Options(**options))
    kept = [(line, at) for line, at in zip(lines, printed, strict=True) if at.page in pages and line]
    return [line for line, _ in kept], [at for _, at in kept]


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """Three pages of the Chromium rendition scanned clean at 300 dpi, and the rendition's own three pages."""
    folder = tmp_path_factory.mktemp("scans")
    scan, typeset = folder / "clean.pdf", folder / "typeset.pdf"
    scan.write_bytes(make_scans.make("clean", CHROMIUM, PAGES))
    typeset.write_bytes(make_scans.pages(CHROMIUM, PAGES))
    cache = folder / "cache"
    return scan, typeset, cache, _lines(scan, range(1, 4), cache=cache)


def test_a_clean_scan_reads_to_the_renditions_lines_but_for_a_few_letters(clean):
    _, typeset, _, (read, _) = clean
    expected, _ = _lines(typeset, range(1, 4))
    assert len(read) == len(expected)  # same lines: bullets, wrapped lines, table rows, blocks
    assert [line.count("\t") for line in read] == [line.count("\t") for line in expected]
    assert [line[:2] for line in read] == [line[:2] for line in expected]  # bullets and numbered items
    assert cer(expected, read) < 0.01


def test_the_table_numbers_of_a_clean_scan_are_read_at_their_place_but_one(clean):
    _, typeset, _, (read, _) = clean
    expected, _ = _lines(typeset, range(1, 4))
    right, wrong, total = numbers_at_place(expected, read)
    # measured: 40 of 41, the year '2006' of a header read '£2006'
    assert total >= 30 and right >= total - 1 and wrong <= 1
    assert len([line for line in read if "\t" in line]) == len([line for line in expected if "\t" in line])


def test_each_line_of_a_scan_carries_its_ocr_words_with_boxes_in_the_stored_image(clean):
    scan, _, _, (read, printed) = clean
    with pikepdf.open(scan) as document:  # the page's image as stored, decoded by pikepdf
        stored = pikepdf.PdfImage(document.pages[0].get_images()["/Im0"]).as_pil_image()
    image = hashlib.sha256(stored.tobytes()).hexdigest()
    for line, at in zip(read, printed, strict=True):
        assert at.words, line
        assert "".join(word[0] for word in at.words) == "".join(line.split()).removeprefix("-")  # spaces aside
        for _, conf, page, box, digest in at.words:
            assert 0 <= conf <= 100 and page == at.page and len(digest) == 64
            assert all(isinstance(v, int) for v in box) and box[0] < box[2] and box[1] < box[3]
    first = printed[0]
    assert first.page == 1 and first.words[0][4] == image
    table = next(at for line, at in zip(read, printed, strict=True) if line.startswith("Cambodia\t"))
    assert [word[0] for word in table.words][:3] == ["Cambodia", "2", "3"]


def test_a_typeset_line_carries_no_ocr_words(clean):
    _, typeset, _, _ = clean
    _, printed = pdf.read(typeset)
    assert all(at.words == () for at in printed)


def test_a_rerun_reads_the_cache_and_runs_no_ocr_and_gives_the_same_lines(clean, monkeypatch):
    scan, _, cache, (read, printed) = clean
    assert len(list(cache.glob("*.json"))) == 3  # one result a page
    monkeypatch.setattr(ocr, "ocr", lambda *_: pytest.fail("OCR ran again"))
    assert _lines(scan, range(1, 4), cache=cache) == (read, printed)


def test_ocr_gives_the_same_words_twice_without_a_cache(clean, tmp_path):
    scan, _, _, (read, printed) = clean
    assert _lines(scan, range(1, 4), threads=2) == (read, printed)


def test_a_tilted_page_is_set_level_again():
    image = make_scans.raster(make_scans.pypdfium2.PdfDocument(str(CHROMIUM)), 2, 150)
    for angle in (-1.0, 0.6):
        tilted = np.asarray(image.rotate(angle, resample=3, fillcolor=255))
        assert ocr.skew(tilted) == pytest.approx(-angle, abs=0.1)


def test_a_library_text_layer_is_not_trusted_unless_the_source_says_so(tmp_path):
    scan = tmp_path / "library.pdf"
    scan.write_bytes(make_scans.make("library", RENDITIONS / "impress_16x9.pdf", range(2, 3)))
    with pdfplumber.open(scan) as document:
        assert document.pages[0].chars  # the layer is there, invisible
        assert len(ocr.scans(document, scan.read_bytes(), ocr.Options())) == 1
        assert ocr.scans(document, scan.read_bytes(), ocr.Options(text_layer=ocr.TRUST)) == []
    ocr_read, ocr_printed = pdf.read(scan)
    layer, layer_printed = pdf.read(scan, scan=ocr.Options(text_layer=ocr.TRUST))
    assert layer != ocr_read  # the layer's own reading, not OCR's
    assert all(at.words for line, at in zip(ocr_read, ocr_printed, strict=True) if line)
    assert all(at.words == () for at in layer_printed)


def test_the_engine_is_named_for_the_release_record():
    facts = ocr.engine()
    assert facts["tesseract"].startswith("tesseract 5")
    assert len(facts["traineddata_sha256"]) == 64 and facts["language"] == "eng"
