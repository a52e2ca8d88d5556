"""Scans of the PDF renditions, as a library or an office would make them: each page rasterised (pdfium), damaged
as a scanner or a copier damages it, and stored as an image-only PDF (pikepdf), so that the reader must OCR it.

The kinds (KINDS): `clean`, a flatbed scan at 300 dpi, grey, lossless; `office`, an office scanner at 200 dpi,
each page tilted 0.3-1.2 degrees either way, with noise, specks and JPEG; `library`, slides at 150 dpi, blurred,
JPEG, with a text layer of Tesseract's own (its `pdf` output at that resolution: there, invisible, and wrong in
places); `twoup`, a photocopy of two pages side by side on one landscape sheet, at 200 dpi.

Every draw is seeded from the kind and the page: the same call makes the same bytes. The scans are not
committed (a 300 dpi lossless scan is megabytes a page): tests make the pages they read, `make fixtures`
writes whole scans to tests/fixtures/scans/.

    python -m tests.scans.make_scans KIND RENDITION.pdf OUT.pdf [--pages 1-4]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2
from PIL import Image, ImageFilter


@dataclass(frozen=True)
class Kind:
    dpi: int
    tilt: tuple[float, float] = (0.0, 0.0)  # degrees, drawn in this range, either way
    noise: float = 0.0  # standard deviation of grey noise, in grey levels
    specks: int = 0  # dark specks a page
    blur: float = 0.0  # Gaussian radius, pixels
    jpeg: int | None = None  # JPEG quality; None: lossless
    layer: bool = False  # a text layer of Tesseract's own
    sheet: int = 1  # pages side by side on one sheet


KINDS = {
    "clean": Kind(300),
    "office": Kind(200, tilt=(0.3, 1.2), noise=12, specks=60, jpeg=70),
    "library": Kind(150, blur=0.8, jpeg=60, layer=True),
    "twoup": Kind(200, tilt=(0.1, 0.5), noise=8, specks=30, jpeg=80, sheet=2),
}

# Which rendition each kind is made from in `make fixtures` (three typesetters, and the slides for the library).
CORPUS = {"clean": "chromium_a4", "office": "writer_letter", "library": "impress_16x9", "twoup": "wkhtmltopdf_letter"}


def _rng(kind: str, page: int) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(f"{kind}:{page}".encode()).digest()[:8], "big"))


def raster(pdf: pypdfium2.PdfDocument, index: int, dpi: int) -> Image.Image:
    """One page of a typeset PDF as a grey image at `dpi`."""
    return pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def damaged(image: Image.Image, kind: Kind, rng: np.random.Generator) -> Image.Image:
    """A page as the scanner left it: tilted, blurred, noisy, specked."""
    if kind.tilt[1]:
        angle = rng.uniform(*kind.tilt) * rng.choice([-1, 1])
        image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if kind.blur:
        image = image.filter(ImageFilter.GaussianBlur(kind.blur))
    pixels = np.asarray(image, dtype=np.float32)
    if kind.noise:
        pixels = pixels + rng.normal(0, kind.noise, pixels.shape)
    for _ in range(kind.specks):
        y, x = rng.integers(0, pixels.shape[0] - 4), rng.integers(0, pixels.shape[1] - 4)
        size = int(rng.integers(1, 4))
        pixels[y:y + size, x:x + size] = rng.uniform(0, 90)
    return Image.fromarray(np.clip(pixels, 0, 255).round().astype(np.uint8), "L")


def sheets(images: list[Image.Image], per_sheet: int) -> list[Image.Image]:
    """Pages side by side on landscape sheets, in order, the last sheet half empty where the count is odd."""
    if per_sheet == 1:
        return images
    out = []
    width, height = images[0].size
    for k in range(0, len(images), per_sheet):
        sheet = Image.new("L", (width * per_sheet, height), 255)
        for j, image in enumerate(images[k:k + per_sheet]):
            sheet.paste(image, (j * width, 0))
        out.append(sheet)
    return out


def _image_page(pdf: pikepdf.Pdf, image: Image.Image, dpi: int, jpeg: int | None) -> None:
    width, height = image.size
    if jpeg is None:
        stream = pikepdf.Stream(pdf, zlib.compress(image.tobytes(), 9))
        stream.Filter = pikepdf.Name.FlateDecode
    else:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=jpeg, optimize=False)
        stream = pikepdf.Stream(pdf, buffer.getvalue())
        stream.Filter = pikepdf.Name.DCTDecode
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width, stream.Height, stream.BitsPerComponent = width, height, 8
    stream.ColorSpace = pikepdf.Name.DeviceGray
    w, h = width * 72 / dpi, height * 72 / dpi
    content = pikepdf.Stream(pdf, f"q {w:.4f} 0 0 {h:.4f} 0 0 cm /Im0 Do Q".encode())
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, round(w, 4), round(h, 4)], Contents=content,
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=stream)))
    pdf.pages.append(pikepdf.Page(page))


def _with_layer(images: list[Image.Image], dpi: int, jpeg: int) -> pikepdf.Pdf:
    """Pages with Tesseract's own text layer (its `pdf` output), invisible over the JPEG it embeds as it is."""
    out = pikepdf.new()
    with tempfile.TemporaryDirectory() as folder:
        for k, image in enumerate(images):
            jpg = Path(folder, f"{k}.jpg")
            image.save(jpg, "JPEG", quality=jpeg, optimize=False, dpi=(dpi, dpi))
            subprocess.run(["tesseract", str(jpg), str(jpg.with_suffix("")), "--dpi", str(dpi), "-l", "eng", "pdf"],
                           check=True, capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
            with pikepdf.open(jpg.with_suffix(".pdf")) as one:
                out.pages.extend(one.pages)
    return out


def make(kind_name: str, rendition: str | Path, pages: range | None = None) -> bytes:
    """The scan of `rendition` (its `pages`, 1-based; all by default) as `kind_name` makes it, as PDF bytes."""
    kind = KINDS[kind_name]
    source = pypdfium2.PdfDocument(str(rendition))
    numbers = pages or range(1, len(source) + 1)
    images = [damaged(raster(source, n - 1, kind.dpi), kind, _rng(kind_name, n)) for n in numbers]
    source.close()
    images = sheets(images, kind.sheet)
    if kind.layer:
        pdf = _with_layer(images, kind.dpi, kind.jpeg or 75)
    else:
        pdf = pikepdf.new()
        for image in images:
            _image_page(pdf, image, kind.dpi, kind.jpeg)
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True)
    return buffer.getvalue()


def pages(rendition: str | Path, numbers: range) -> bytes:
    """Some pages of a typeset PDF, as they are (to compare a scan of them with)."""
    with pikepdf.open(rendition) as source:
        out = pikepdf.new()
        out.pages.extend(source.pages[n - 1] for n in numbers)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def _page_range(text: str) -> range:
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.scans.make_scans", description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("rendition", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=_page_range)
    arguments = parser.parse_args(argv)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_bytes(make(arguments.kind, arguments.rendition, arguments.pages))


if __name__ == "__main__":
    main()
