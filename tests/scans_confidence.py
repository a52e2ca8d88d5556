"""How far Tesseract's word confidence can be trusted on numbers: the measurement behind the thresholds in
tip_gms.doubts (docs/scans.md, "The thresholds").

`python -m tests.scans_confidence [RENDITION.pdf ...]` rasterises each rendition's pages (pypdfium2) in three
qualities, degraded with Pillow as scans are (300 dpi grey; 200 dpi with noise and JPEG; 150 dpi blurred, with
JPEG), reads each page with plain `tesseract --psm 3` (TSV: words, boxes, confidences), and pairs every OCR
word with the one typeset word under its box (pdfplumber, whose positions are the truth). For every word whose
truth holds a digit it prints how many were read with other figures than printed (tip_gms.doubts.numbers_in),
and, for each threshold, how many words it lists and how many wrong ones it lets through.
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber
import pypdfium2
from PIL import Image, ImageFilter

from tip_gms.doubts import numbers_in

QUALITIES = {  # name -> (dpi, blur radius, noise share, JPEG quality or None)
    "clean-300": (300, 0, 0.0, None),
    "office-200": (200, 0, 0.02, 60),
    "library-150": (150, 0.8, 0.0, 45),
}
THRESHOLDS = (0, 50, 60, 70, 80, 85, 88, 90, 91, 92, 93, 94, 95, 96, 97, 98)


def degraded(image: Image.Image, blur: float, noise: float, jpeg: int | None, seed: int) -> Image.Image:
    image = image.convert("L")
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        pixels = image.load()
        rng = random.Random(seed)
        for _ in range(int(noise * image.width * image.height / 10)):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = rng.choice((0, 255))
    if jpeg:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=jpeg)
        image = Image.open(io.BytesIO(out.getvalue())).convert("L")
    return image


def ocr(image: Image.Image) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.png"
        image.save(path)
        tsv = subprocess.run(["tesseract", str(path), "-", "--psm", "3", "tsv"], capture_output=True, text=True,
                             check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{"text": r["text"], "conf": float(r["conf"]), "box": (int(r["left"]), int(r["top"]),
             int(r["left"]) + int(r["width"]), int(r["top"]) + int(r["height"]))}
            for r in rows if r["level"] == "5" and r["text"].strip()]


def truth_under(word: dict, truth: list[dict], scale: float) -> str | None:
    """The typeset word whose middle lies inside the OCR word's box; None where there is not exactly one (the
    OCR split or joined words: a pairing that says nothing about its confidence)."""
    x0, top, x1, bottom = word["box"]
    inside = [t for t in truth if x0 <= (t["x0"] + t["x1"]) / 2 * scale <= x1
              and top <= (t["top"] + t["bottom"]) / 2 * scale <= bottom]
    return inside[0]["text"] if len(inside) == 1 else None


def measure(paths: list[Path]) -> list[tuple[str, float, bool, str, str]]:
    """(quality, conf, read right, truth, OCR text) for every OCR word whose truth holds a digit."""
    out = []
    for path in paths:
        document = pypdfium2.PdfDocument(str(path))
        with pdfplumber.open(path) as plumber:
            for number, page in enumerate(plumber.pages):
                truth = page.extract_words(x_tolerance_ratio=0.15)
                for quality, (dpi, blur, noise, jpeg) in QUALITIES.items():
                    image = document[number].render(scale=dpi / 72, grayscale=True).to_pil()
                    for word in ocr(degraded(image, blur, noise, jpeg, seed=number)):
                        expected = truth_under(word, truth, dpi / 72)
                        if expected and re.search(r"\d", expected):  # right: the same figures in it
                            right = numbers_in(word["text"]) == numbers_in(expected)
                            out.append((quality, word["conf"], right, expected, word["text"]))
        print(f"{path.name}: read", file=sys.stderr, flush=True)
    return out


def report(found: list[tuple[str, float, bool, str, str]]) -> None:
    for quality in [*QUALITIES, "all"]:
        words = [f for f in found if quality in (f[0], "all")]
        wrong = [f for f in words if not f[2]]
        print(f"\n{quality}: {len(words)} number words, {len(wrong)} read wrong")
        print("threshold  listed  wrong let through  highest wrong confidences")
        for t in THRESHOLDS:
            passed = [f for f in wrong if f[1] >= t]
            print(f"{t:>9}  {sum(f[1] < t for f in words):>6}  {len(passed):>17}  "
                  + ", ".join(f"{f[4]!r} for {f[3]!r} ({f[1]:.0f})" for f in sorted(passed, key=lambda f: -f[1])[:3]))


if __name__ == "__main__":
    default = sorted((Path(__file__).parent / "fixtures" / "renditions").glob("*.pdf"))
    report(measure([Path(arg) for arg in sys.argv[1:]] or default))
