"""A rendition read by Tesseract, end to end: the figures a plain OCR pass gets wrong, at the confidence it
gives them, through the whole pipeline, without the reader's OCR (which another module provides).

`python -m tests.tesseract_scan [RENDITION.pdf] [--dpi 200] [--jpeg 60]` renders each page (pypdfium2),
degrades it as a scan (tests/scans_confidence.py), reads it with `tesseract --psm 3`, and gives each word of
the rendition's lines (tests/fake_scan.py) what Tesseract read at its place, with its confidence (words of
letters keep their printed text: the figures are what it measures). It then
builds the datasets as a person would after each stop (confirming each listed word with what the page prints)
and prints: how many stops and listed words it took, and whether every figure of every dataset then equals
the text's: a figure that differs was published wrong without being listed.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import re
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pypdfium2

from tests import fake_scan, scans_confidence
from tests.renditions.check import comparable, text_datasets
from tip_gms import confirmations, pdf, pipeline, stop_list
from tip_gms.errors import SourceErrors
from tip_gms.shapes import PROVENANCE


@cache
def ocr_words(path: str, page: int, dpi: int, jpeg: int | None) -> list[dict]:
    image = pypdfium2.PdfDocument(path)[page - 1].render(scale=dpi / 72, grayscale=True).to_pil()
    words = scans_confidence.ocr(scans_confidence.degraded(image, 0, 0.02 if jpeg else 0, jpeg, seed=page))
    scale = fake_scan.DPI / dpi  # to the fake's pixels
    return [w | {"box": tuple(round(v * scale) for v in w["box"])} for w in words]


def reader(path: str, dpi: int, jpeg: int | None):
    def read_at(page: int, box: tuple, printed: str) -> tuple[str, float]:
        x0, top, x1, bottom = box
        inside = [w for w in ocr_words(path, page, dpi, jpeg)
                  if x0 - 1 <= (w["box"][0] + w["box"][2]) / 2 <= x1 + 1
                  and top - 1 <= (w["box"][1] + w["box"][3]) / 2 <= bottom + 1]
        text = "".join(w["text"] for w in inside) or "~"  # "~": Tesseract read nothing there
        conf = min((w["conf"] for w in inside), default=0.0)
        # Figures as Tesseract read them; words of letters as printed, with Tesseract's confidence: how the reader
        # copes with letters misread (a caption, a country's name) is not what this measures.
        return (text, conf) if re.search(r"\d", printed + text) else (printed, conf)
    return read_at


def numbers(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    frame = comparable(frame, name)
    return frame[[c for c in frame.columns if c not in PROVENANCE and pd.api.types.is_numeric_dtype(frame[c])]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rendition", nargs="?", default="tests/fixtures/renditions/writer_letter.pdf")
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--jpeg", type=int, default=None)
    parser.add_argument("--outputs", default="/tmp/tesseract_scan")
    arguments = parser.parse_args(argv)
    path = str(Path(arguments.rendition).resolve())
    read_at = reader(path, arguments.dpi, arguments.jpeg)
    pdf.read = lambda p, dropped=None, **_: fake_scan.read(p, [], ocr=read_at)
    fake_scan.register(path)
    stop_list.page_image = lambda data, page, wanted: fake_scan._image_of(page, wanted)
    from tests.conftest import REPO, REPORT, SOURCE_CONFIG

    spec = copy.deepcopy(SOURCE_CONFIG) | {"path": path, "format": "pdf",
                                           "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest()}
    typeset = fake_scan.read(path, [])  # the words as printed, at the same boxes
    truth = {(w[2], tuple(w[3])): w[0] for p in typeset[1] for w in p.words}
    entries, listed = [], []
    folder = Path(arguments.outputs)
    folder.mkdir(parents=True, exist_ok=True)
    for stop in range(1, 6):
        run = spec
        if entries:
            file = folder / "confirmed.yaml"
            file.write_text("confirmations:\n" + "".join(
                f"  - {{page: {e.page}, ocr: {json_str(e.ocr)}, box: {list(e.box)}, image: \"{e.image}\", "
                f"value: {json_str(truth[e.key])}}}\n" for e in entries))
            run = spec | {"confirmations": {"path": str(file), "sha256": hashlib.sha256(file.read_bytes()).hexdigest()}}
        try:
            pipeline.build_sources([run], str(REPO), str(folder / "outputs"), "code")
            break
        except stop_list.Unconfirmed as unsure:
            listed.append(len(unsure.doubts))
            entries += unsure.doubts
        except SourceErrors as many:  # a list, and what follows from its words (a key figure's mention lost)
            unsure = [e for e in many.errors if isinstance(e, stop_list.Unconfirmed)]
            if not unsure:
                print(f"stop {stop}: the build failed otherwise: {str(many)[:2000]}")
                return 1
            print(f"stop {stop}, besides the list: " + "; ".join(
                str(e)[:300] for e in many.errors if not isinstance(e, stop_list.Unconfirmed)))
            listed.append(len(unsure[0].doubts))
            entries += unsure[0].doubts
        except Exception as error:
            print(f"stop {stop}: the build failed otherwise: {str(error)[:2000]}")
            print(f"listed before: {listed}")
            return 1
    print(f"stops: {len(listed)}, listed per stop: {listed}, confirmed in all: {len(entries)}")
    pinned = run.get("confirmations")
    parsed = pipeline.read_source(REPORT, path, "pdf", None, confirmations.read_pinned(pinned),
                                  pinned["path"] if pinned else "")
    frames = pipeline.build({"r": parsed}, {"r": REPORT}, {"r": path})["r"]
    wrong = 0
    for name, text in text_datasets().items():
        expected, actual = numbers(text, name), numbers(frames[name], name)
        if len(expected) != len(actual):
            print(f"{name}: {len(actual)} rows, the text {len(expected)}")
            wrong += 1
            continue
        differ = (expected.astype(str) != actual.astype(str)).any(axis=1)
        wrong += int(differ.sum())
        for k in differ[differ].index[:5]:
            print(f"{name}: published {actual.loc[k].to_dict()}, the text {expected.loc[k].to_dict()}")
    print(f"rows with a figure that differs from the text's: {wrong}")
    return 0


def json_str(text: str) -> str:
    import json

    return json.dumps(text)


if __name__ == "__main__":
    sys.exit(main())
