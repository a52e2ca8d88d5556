"""Figures from a scan are published only when sure or confirmed by a person (tip_gms.doubts,
tip_gms.confirmations, tip_gms.stop_list), on a fake scan: a typeset rendition whose words carry what OCR gives
(tests/fake_scan.py), with figures misread at low and at high confidence."""

from __future__ import annotations

import copy
import hashlib
import json
import re

import pandas as pd
import pikepdf
import pytest
import yaml
from PIL import Image

from tip_gms import built_from, confirmations, doubts, pipeline, stop_list
from tip_gms.errors import ConfigError, SourceErrors

from . import fake_scan
from .conftest import REPO, REPORT, SOURCE_CONFIG
from .fake_scan import Misread
from .renditions.check import comparable

RENDITION = REPO / "tests" / "fixtures" / "renditions" / "writer_letter.pdf"
MISREADS = [
    Misread("Australia", "13", "ils}", 41.0),  # a "1" read as letters in a ruled table
    Misread("Malaysia", "32", "82", 91.0),  # one digit for another, with fair confidence
    Misread("38 (10.0)", "28", "23", 93.0),  # a cell of a table with printed totals, above THRESHOLD_CHECKED
    Misread("rescued in more than", "30", "80", 94.0),  # a figure in prose
    Misread("National Action Plan", "No.130", "No.180", 92.0),  # a figure no check compares, just below THRESHOLD
]


@pytest.fixture
def scan(monkeypatch, tmp_path):
    """Run the build of the fake scan: `scan(entries)` with the confirmations to pin (None: no file)."""
    fake_scan.install(monkeypatch, MISREADS)
    fake_scan.register(RENDITION)
    spec = copy.deepcopy(SOURCE_CONFIG) | {"path": str(RENDITION), "format": "pdf",
                                           "sha256": hashlib.sha256(RENDITION.read_bytes()).hexdigest()}

    def run(entries: list[dict] | None = None, spec=spec):
        if entries is not None:
            spec = spec | {"confirmations": pin(tmp_path / "scan.confirmed.yaml", entries)}
        pipeline.build_sources([spec], str(REPO), str(tmp_path / "outputs"), "code")
        return tmp_path / "outputs"
    return run


def pin(path, entries: list[dict]) -> dict:
    path.write_text("confirmations:\n" + "".join(
        f"  - {{page: {e['page']}, ocr: {e['ocr']!r}, box: {list(e['box'])}, image: '{e['image']}', "
        f"value: {e['value']!r}}}\n" for e in entries))
    return {"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def misread_words() -> dict[tuple, str]:
    """(page, box) of every misread word -> what the page prints there."""
    _, printed = fake_scan.read(RENDITION, MISREADS)
    found = {}
    for misread in MISREADS:
        [word] = {(w[2], tuple(w[3])): w for p in printed for w in p.words
                  if (w[0], w[1]) == (misread.ocr, misread.conf)}.values()
        found[word[2], tuple(word[3])] = misread.printed
    return found


def stop_of(scan, entries=None) -> stop_list.Unconfirmed:
    with pytest.raises(stop_list.Unconfirmed) as stopped:
        scan(entries)
    return stopped.value


def read_right(stop: stop_list.Unconfirmed) -> list[dict]:
    """The confirmations a person writes from the list: the skeleton the stop prints, each value filled in with
    what the page prints at that word."""
    truth = misread_words()
    skeleton = str(stop).split(f"The file to fill in ({confirmations.path_for('tip_gms_2007')}):\n")[1]
    values = iter([truth.get(d.key, d.ocr) for d in stop.doubts])
    filled = yaml.safe_load(re.sub(r'value: ""', lambda _: f"value: {json.dumps(next(values))}", skeleton))
    return filled["confirmations"]


def test_without_confirmations_the_run_stops_listing_every_misread_figure(scan):
    stop = stop_of(scan)
    assert set(misread_words()) <= {d.key for d in stop.doubts}
    listed = {d.ocr: d for d in stop.doubts}
    assert listed["ils}"].why == "a column of figures holds no figure here"
    assert listed["82"].why == "a check fails on it" and "thai_victims_rescued.persons" in listed["82"].feeds
    assert listed["No.180"].why == f"confidence below {doubts.THRESHOLD:g}"
    message = str(stop)
    assert "ils}" in message and "confidence  41.0" in message and "workflow/reports/tip_gms_2007.confirmed.yaml" \
        in message and "\nconfirmations:\n  - {page: " in message


def test_the_stop_stages_nothing_and_leaves_a_crop_of_every_word(scan, tmp_path):
    stop = stop_of(scan)
    outputs = tmp_path / "outputs"
    assert not (outputs / "work" / "tip_gms_2007" / "built.json").exists()
    crops = stop_list.folder(outputs, "tip_gms_2007")
    assert sorted(p.name for p in crops.iterdir()) == sorted({stop_list.crop_name(d) for d in stop.doubts})
    with Image.open(crops / stop_list.crop_name(next(d for d in stop.doubts if d.ocr == "82"))) as crop:
        assert crop.width > 3 * crop.height > 0 and crop.getpixel((2, 2)) != (220, 0, 0)


def confirmed_until_it_builds(scan) -> tuple[list[dict], int, object]:
    """The confirmations a person writes, stop after stop, until the scan builds; how many stops it took; and
    the outputs."""
    entries, stops = [], 0
    while True:
        try:
            return entries, stops, scan(entries or None)
        except stop_list.Unconfirmed as stop:
            stops += 1
            assert stops <= 2
            entries += read_right(stop)


def test_the_skeleton_filled_in_gives_the_datasets_of_the_text(scan, tmp_path, built, monkeypatch):
    entries, stops, outputs = confirmed_until_it_builds(scan)
    assert stops == 1  # the first list is all it takes
    assert (outputs / "work" / "tip_gms_2007" / "built.json").exists()
    spec = pin(tmp_path / "again.yaml", entries)
    parsed = pipeline.read_source(REPORT, str(RENDITION), "pdf", None, confirmations.read_pinned(spec), spec["path"])
    frames = pipeline.build({"r": parsed}, {"r": REPORT}, {"r": str(RENDITION)})["r"]
    for name, text in built[0].items():
        pd.testing.assert_frame_equal(comparable(frames[name], name), comparable(text, name), obj=name)


def test_a_figure_that_is_read_wrong_is_never_published_without_a_stop(scan):
    """Confirming only part of the list stops again, listing the rest."""
    entries = read_right(stop_of(scan))
    kept = [e for e in entries if e["ocr"] != "82"]
    again = stop_of(scan, kept)
    assert [d.ocr for d in again.doubts] == ["82"]


@pytest.mark.parametrize("change", [{"ocr": "83"}, {"box": (1, 2, 3, 4)}, {"image": "0" * 64}])
def test_a_confirmation_that_no_longer_matches_the_scan_stops_the_run(scan, change):
    entries = read_right(stop_of(scan))
    k = next(i for i, e in enumerate(entries) if e["ocr"] == "82")
    entries[k] = entries[k] | change
    with pytest.raises(SourceErrors) as stopped:
        scan(entries)
    [error] = stopped.value.errors
    assert re.search(rf"confirmation {k + 1} \(page 16, '8[23]' at box .*\) no longer matches the scan", str(error))


def test_a_confirmations_file_is_pinned_and_read_strictly(scan, tmp_path):
    entries = read_right(stop_of(scan))
    spec = pin(tmp_path / "c.yaml", entries)
    (tmp_path / "c.yaml").write_text((tmp_path / "c.yaml").read_text().replace("'13'", "'18'"))
    with pytest.raises(ConfigError, match=r"has sha256 .* but workflow/config.yaml pins"):
        confirmations.read_pinned(spec)
    good = "{page: 16, ocr: '82', box: [1, 2, 3, 4], image: " + "a" * 64 + ", value: '32'}"
    for bad, said in [("value: '32'", "value must be one word"), ("box: [1, 2", "box must be four whole numbers"),
                      ("page: 16", "expected the keys")]:
        wrong = {"value: '32'": "value: ''", "box: [1, 2": "box: [1.5, 2", "page: 16": "page: 16, note: x"}[bad]
        (tmp_path / "d.yaml").write_text(f"confirmations:\n  - {good.replace(bad, wrong)}\n")
        with pytest.raises(ConfigError, match=f"d.yaml: confirmation 1: {said}"):
            confirmations.load(tmp_path / "d.yaml")


def test_rows_and_the_release_say_what_a_person_confirmed(scan, tmp_path):
    from .conftest import CONFIG

    entries, _, outputs = confirmed_until_it_builds(scan)
    spec = copy.deepcopy(SOURCE_CONFIG) | {"path": str(RENDITION), "format": "pdf",
                                           "sha256": hashlib.sha256(RENDITION.read_bytes()).hexdigest(),
                                           "confirmations": pin(tmp_path / "scan.confirmed.yaml", entries)}
    pipeline.publish([spec], CONFIG["derived"], str(REPO), str(outputs), str(tmp_path / "published.sha256"),
                     "code", "publish code", CONFIG["release"], str(REPO / "workflow" / "indicators.yaml"))
    rescued = pd.read_csv(outputs / "csv" / "thai_victims_rescued.csv")
    australia = rescued[rescued["destination"] == "Australia"]
    [said] = set(australia["confirmed_by_person"])
    assert said.startswith("confirmed by a person: ") and 'page 16, OCR read "ils}", the page prints "13"' in said
    assert rescued["ocr_confidence_min"].eq(fake_scan.CONF).sum() > 0 and rescued["ocr_confidence_min"].notna().all()
    tiers = pd.read_csv(outputs / "csv" / "tier_placements.csv")
    assert tiers["confirmed_by_person"].isna().all() and set(tiers["ocr_confidence_min"]) == {fake_scan.CONF}
    from tip_gms.publishing import release

    [recorded] = release.run_record(outputs)["sources"]
    assert recorded["confirmations"]["sha256"] == spec["confirmations"]["sha256"]
    values = {(v["page"], tuple(v["box"])): v["value"] for v in recorded["confirmations"]["values"]}
    assert {key: values[key] for key in misread_words()} == misread_words()
    assert len(values) == len(entries)
    # and the OCR engine that read the words: Tesseract's version and the sha256 of its language data
    assert recorded["ocr"]["tesseract"].startswith("tesseract 5") and len(recorded["ocr"]["traineddata_sha256"]) == 64


def test_a_line_of_a_scan_without_words_is_not_published(scan, monkeypatch):
    fake_scan.install(monkeypatch, MISREADS, wordless=["Japan\t"])
    with pytest.raises(SourceErrors) as stopped:
        scan()
    *lost, unsure = stopped.value.errors  # the Japan rows of the tier table and of the rescued-victims table
    assert [re.search(r"value 'Japan\\t.*source line (\d+) \(page (\d+)\): a line of a scan that holds figures "
                      "but no OCR words", str(error)).groups() for error in lost] == [("89", "4"), ("476", "16")]
    assert isinstance(unsure, stop_list.Unconfirmed) and "ils}" in {d.ocr for d in unsure.doubts}


def test_another_confirmations_file_builds_the_source_again(tmp_path):
    from tip_gms import paths

    stamp = paths.staged(tmp_path, "s")
    stamp.parent.mkdir(parents=True)
    stamp.write_text(json.dumps({"source": "s", "sha256": "ab", "code": "c", "confirmations": "c1"}))
    source = {"id": "s", "sha256": "ab", "confirmations": {"path": "x.yaml", "sha256": "c1"}}
    assert built_from.stamped(tmp_path, source, "c")
    assert not built_from.stamped(tmp_path, source | {"confirmations": {"path": "x.yaml", "sha256": "c2"}}, "c")
    assert not built_from.stamped(tmp_path, {"id": "s", "sha256": "ab"}, "c")


def test_the_crops_come_from_the_image_the_scan_stores(tmp_path):
    """A PDF of page images (as a scanner writes it): the crop is cut from the stored image, by its pixels."""
    page = Image.new("L", (400, 200), 255)
    page.paste(0, (100, 80, 140, 100))  # the "word"
    page.save(tmp_path / "scan.pdf", resolution=72)
    with pikepdf.open(tmp_path / "scan.pdf") as pdf:  # the pixels as stored, decoded as the OCR decodes them
        [image] = pdf.pages[0].get_images().values()
        digest = hashlib.sha256(pikepdf.PdfImage(image).as_pil_image().convert("L").tobytes()).hexdigest()
    stored = stop_list.page_image((tmp_path / "scan.pdf").read_bytes(), 1, digest)
    assert stored.size == page.size and hashlib.sha256(stored.convert("L").tobytes()).hexdigest() == digest
    word = doubts.Doubt(1, "82", 91.0, (100, 80, 140, 100), digest, 7, "a check fails on it")
    stop_list.write_crops([word], (tmp_path / "scan.pdf").read_bytes(), tmp_path / "crops")
    with Image.open(tmp_path / "crops" / stop_list.crop_name(word)) as crop:
        assert crop.size == (140 + 120, 20 + 2 * 12)  # 6 word heights either side, cut at the left edge
        assert max(crop.getpixel((crop.width // 2, crop.height // 2))) < 20  # the word, black


def test_a_figure_a_builder_cannot_read_is_listed_not_only_refused(scan, monkeypatch):
    """Read with confidence, '4S' for 45 passes as no placeholder; the builder cannot read it, and it is listed."""
    fake_scan.install(monkeypatch, [*MISREADS, Misread("Japan\t13", "45", "4S", 95.0)])
    stop = stop_of(scan)
    [listed] = [d for d in stop.doubts if d.ocr == "4S"]
    assert (listed.why, listed.page, listed.conf) == ("a builder cannot read it as a figure", 16, 95.0)
