"""Reading a scanned page by OCR (Tesseract) into the words the reader reads from a typeset page.

A page is a scan when an image covers most of it and it shows no text: none at all, or only invisible text
(render mode 3, a library's OCR layer). Such a layer is not trusted by default (the page is OCR'd again); a
source whose entry says `text_layer: trust` has its layer read as the text of a typeset page.

Each scanned page's image is taken as the PDF stores it (pikepdf), at its own resolution, upsampled to
SETTINGS.dpi where lower, deskewed (the tilt measured by a projection profile over small angles), its long
table rules removed (rules glued to cells are read as letters), and read by Tesseract's hOCR output: words
with their boxes and confidences, lines with their size. A word comes back as the reader's words do (text,
x0, x1, top, bottom in points from the page's top left, as on the deskewed page; size, an estimate of the
font size from the line's; fontname "OCR", for OCR knows no bold) with `conf` (Tesseract's, 0-100), `box`
(x0, top, x1, bottom in pixels of the image as the PDF stores it) and `image` (the sha256 of its pixels).

OCR is the slow part: results are cached by the image's digest, the engine (Tesseract's version, the language
data's sha256) and SETTINGS, so a rerun, or a change to any other code, runs no OCR; pages are OCR'd in
parallel, one Tesseract process a core, each with one thread (OMP_THREAD_LIMIT=1), which is what makes the
result the same on any machine.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from tip_gms.errors import SourceError
from tip_gms.pdf.words import Word

FONTNAME, BOLD = "OCR", "OCR-Bold"  # an OCR'd word's fontname: no family; bold where its strokes are thick
TRUST = "trust"  # a source's `text_layer` that reads a scan's own text layer instead of OCR'ing it


@dataclass(frozen=True)
class Settings:
    """Every setting of the OCR pass; those that change what Tesseract sees or reads are part of the cache key
    (changing one OCRs again), those read from its result (_AFTER) are not."""

    dpi: int = 300  # pages stored at a lower resolution are upsampled to this before OCR
    language: str = "eng"
    psm: int = 4  # Tesseract's page segmentation: one column of text of any sizes (3, automatic, lost the
    # digits of numbered items on pages whose table rules were removed; the reader finds columns and tables)
    cover: float = 0.8  # share of the page an image must cover for the page to be a scan
    max_skew: float = 2.0  # degrees either way the tilt is looked for
    skew_step: float = 0.05  # degrees between two tilts tried
    rule: float = 0.3  # inches: a straight dark run across this long is a rule, not a letter, and is removed
    cell_rule: float = 0.1  # inches: a run down this long is a rule where both its ends meet rules across
    rule_halo: float = 0.01  # inches either side of a rule painted white with it
    rule_gap: float = 0.04  # inches: how near a rule down ends to a rule across
    size_step: float = 0.5  # points: estimated font sizes are rounded to this, so that body text has one size
    row_height: float = 0.9  # Tesseract's row height (hOCR x_size, descender to ascender) in font sizes
    bold: float = 1.25  # a word whose strokes, for its size, are this much thicker than the document's is bold
    same_size: float = 0.08  # estimated sizes this close (a share) are one size
    mark: tuple[float, float] = (3.0, 9.0)  # points: the sides of a solid dot or square that is a list bullet
    version: int = 10  # of the preprocessing (upsample, deskew, rules): raised when it changes what Tesseract sees


SETTINGS = Settings()


@dataclass(frozen=True)
class Options:
    """How one source's scans are read: where OCR results are cached (None: not cached), on how many threads,
    and whether a scan's own text layer is trusted (`text_layer: trust` in the source's entry)."""

    cache: Path | None = None
    threads: int | None = None  # None: every core this process may use
    text_layer: str = "ocr"


DEFAULT = Options()


@dataclass(frozen=True)
class Read:
    """A scanned page as OCR read it: its words, as the reader's, and the shapes that are no letters (list
    bullets: x0, top, x1, bottom in points)."""

    words: list[Word]
    shapes: list[tuple[float, float, float, float]]
    rules: list[dict]  # the table rules seen in the image, as pdfplumber's line objects

    def draw_rules(self, page) -> list[Word]:
        """Put the rules seen in the image on the (pdfplumber) page, as if drawn there: the reader then finds
        a scan's ruled tables as a typeset page's; the page's words."""
        page.objects.setdefault("line", []).extend(self.rules)
        return self.words


@dataclass(frozen=True)
class _Scan:
    """A scanned page: its image as stored, and where the image lies on the page (points from the top left)."""

    page: int
    image: object  # a PIL image, grey
    bbox: tuple[float, float, float, float]
    height: float  # the page's, in points


# The engine --------------------------------------------------------------------------------------------


@functools.cache
def engine(language: str = SETTINGS.language) -> dict[str, str]:
    """What the OCR engine is, for the cache key and the release record: Tesseract's version (the first line
    of `tesseract --version`) and the sha256 of its language data."""
    try:
        version = _tesseract("--version").splitlines()[0].strip()
        listed = _tesseract("--list-langs")
    except (OSError, subprocess.CalledProcessError) as error:
        raise SourceError("OCR needs Tesseract: install the Debian packages tesseract-ocr and tesseract-ocr-eng "
                          f"({error})") from None
    folder = re.search(r'"(.+?)"', listed)
    data = Path(folder.group(1) if folder else "/usr/share/tesseract-ocr/5/tessdata") / f"{language}.traineddata"
    if not data.is_file():
        raise SourceError(f"OCR needs Tesseract's language data {data.name} (Debian: tesseract-ocr-{language})")
    return {"tesseract": version, "language": language,
            "traineddata_sha256": hashlib.sha256(data.read_bytes()).hexdigest()}


def _tesseract(*arguments: str, stdin: bytes | None = None) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMP_THREAD_LIMIT": "1", "LC_ALL": "C"}
    done = subprocess.run(["tesseract", *arguments], input=stdin, capture_output=True, check=True, env=env)
    return (done.stdout or done.stderr).decode("utf-8", "replace")


# Which pages are scans -----------------------------------------------------------------------------------


def scans(pdf, data: bytes, options: Options) -> list[_Scan]:
    """The pages of `pdf` (a pdfplumber document of `data`) that are read by OCR, with their images."""
    import pikepdf

    covered = {page.page_number: image for page in pdf.pages if (image := _covering(page)) is not None}
    if not covered:  # a typeset PDF: no need to open it again
        return []
    out = []
    with pikepdf.open(io.BytesIO(data)) as document:
        for page, stored in zip(pdf.pages, document.pages, strict=True):
            image = covered.get(page.page_number)
            if image is None or _shows_text(stored) or (page.chars and options.text_layer == TRUST):
                continue
            out.append(_Scan(page.page_number, _pixels(stored, image, page.page_number),
                             (image["x0"], image["top"], image["x1"], image["bottom"]), float(page.height)))
    return out


def _covering(page) -> dict | None:
    """The image that covers most of the page, if one does."""
    area = float(page.width * page.height)
    images = [image for image in page.images
              if (image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) >= SETTINGS.cover * area]
    return max(images, key=lambda image: image["width"] * image["height"], default=None)


_SHOW = {"Tj", "TJ", "'", '"'}


def _shows_text(page) -> bool:
    """Whether the page draws visible text: any text shown in a render mode other than 3 (invisible) and 7
    (clipping only). Forms drawn on the page count as visible where they hold text at all."""
    import pikepdf

    modes, mode = [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "q":
            modes.append(mode)
        elif name == "Q" and modes:
            mode = modes.pop()
        elif name == "Tr":
            mode = int(operands[0])
        elif name in _SHOW and mode not in (3, 7):
            return True
    return False


def _pixels(stored, image: dict, number: int):
    """The page's image as stored, decoded, in grey."""
    import pikepdf

    name = image["name"] if str(image["name"]).startswith("/") else f"/{image['name']}"
    try:
        return pikepdf.PdfImage(stored.get_images(recursive=False)[name]).as_pil_image().convert("L")
    except (KeyError, pikepdf.PdfError, NotImplementedError, ValueError) as error:
        raise SourceError(f"page {number} is a scan whose image cannot be decoded ({type(error).__name__}: "
                          f"{error}); save the PDF again with its images as JPEG or PNG", page=number) from None


def digest(image) -> str:
    """The sha256 of an image's pixels, as stored (grey, row by row): what a word's `image` says."""
    return hashlib.sha256(image.tobytes()).hexdigest()


# OCR of one page ---------------------------------------------------------------------------------------


def read(found: list[_Scan], options: Options) -> dict[int, Read]:
    """The words of every scanned page (page number -> words), OCR'd in parallel, from the cache where it
    holds them."""
    threads = options.threads or len(os.sched_getaffinity(0))
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        pages = dict(zip((scan.page for scan in found), pool.map(lambda scan: _words(scan, options), found),
                         strict=True))
    every = [word for page in pages.values() for word in page.words]
    _snap_sizes(every)
    thick = SETTINGS.bold * float(np.median([w["stroke"] for w in every])) if every else 0.0
    return {number: Read([_word(w, i, w["stroke"] > thick) for i, w in enumerate(page.words)], page.shapes,
                         page.rules) for number, page in pages.items()}


def _word(word: dict, index: int, bold: bool) -> Word:
    return Word(word["text"], word["x0"], word["x1"], word["top"], word["bottom"], word["size"],
                BOLD if bold else FONTNAME, index, word["conf"], word["box"], word["image"])


def _snap_sizes(words: list[dict]) -> None:
    """One size for the lines of one font size: each estimate goes to the most printed size within
    SETTINGS.same_size of it (an estimate varies from line to line by a point or so)."""
    printed: dict[float, int] = {}
    for word in words:
        printed[word["size"]] = printed.get(word["size"], 0) + len(word["text"])
    sizes: list[float] = []
    snapped = {}
    for size in sorted(printed, key=lambda size: (-printed[size], size)):
        snapped[size] = next((s for s in sizes if abs(size - s) <= SETTINGS.same_size * s), size)
        if snapped[size] == size:
            sizes.append(size)
    for word in words:
        word["size"] = snapped[word["size"]]


def _words(scan: _Scan, options: Options) -> Read:
    pixels = digest(scan.image)
    return page(_cached(scan, pixels, options.cache), scan, pixels)


# Settings read after OCR, from its cached result: changing them OCRs nothing again.
_AFTER = {"cover", "row_height", "size_step", "same_size", "bold"}


def _key(pixels: str) -> str:
    settings = {name: value for name, value in asdict(SETTINGS).items() if name not in _AFTER}
    facts = {"image": pixels, "engine": engine(SETTINGS.language), "settings": settings}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def _cached(scan: _Scan, pixels: str, cache: Path | None) -> dict:
    """Tesseract's reading of the page and the transform from the stored image to what it read, from the
    cache where it holds them; written there atomically otherwise."""
    path = cache / f"{_key(pixels)}.json" if cache else None
    if path is not None and path.is_file():
        with open(path) as file:
            return json.load(file)
    result = ocr(scan.image, _dpi(scan))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.{id(result)}.tmp")
        temporary.write_text(json.dumps(result))
        os.replace(temporary, path)
    return result


def _dpi(scan: _Scan) -> float:
    return scan.image.size[0] / ((scan.bbox[2] - scan.bbox[0]) / 72)


def ocr(image, dpi: float) -> dict:
    """The page OCR'd: Tesseract's hOCR of the prepared image, the transform (2x3, stored pixels to prepared
    pixels) and the prepared image's resolution."""
    import cv2

    grey = np.asarray(image, dtype=np.uint8)
    scale = max(1.0, SETTINGS.dpi / dpi)
    if scale > 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    angle = skew(grey)
    height, width = grey.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    if angle:
        grey = cv2.warpAffine(grey, turn, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)
    grey, rules = without_rules(grey, dpi * scale)
    found = marks(grey, dpi * scale)
    png = cv2.imencode(".png", grey, [cv2.IMWRITE_PNG_COMPRESSION, 1])[1].tobytes()
    # No --dpi: told 300, Tesseract 5.3 dropped the digits of numbered items ('1.' read '.') on pages it reads
    # whole when it estimates the resolution itself.
    hocr = _tesseract("stdin", "stdout", "-l", SETTINGS.language, "--psm", str(SETTINGS.psm), "hocr", stdin=png)
    transform = (turn @ np.diag([scale, scale, 1.0])).tolist()
    return {"hocr": hocr, "transform": transform, "dpi": dpi * scale, "angle": angle, "marks": found,
            "rules": rules, "strokes": strokes(grey, hocr)}


def strokes(grey: np.ndarray, hocr: str) -> dict[str, float]:
    """How thick each word's strokes are (pixels: twice the mean distance of its ink from the paper), by the
    word's hOCR id: bold type is a third thicker than the body's, which OCR does not say; 0 where its box
    holds no ink at all."""
    import cv2

    out = {}
    for word in ET.fromstring(hocr).iter():
        if word.get("class") != "ocrx_word":
            continue
        x0, y0, x1, y1 = (int(v) for v in _BBOX.search(word.get("title")).groups())
        ink = np.pad((grey[y0:y1, x0:x1] < 128).astype(np.uint8), 1)
        distance = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
        out[word.get("id")] = round(2 * float(distance[ink > 0].mean()), 3) if ink.any() else 0.0
    return out


def skew(grey: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise as cv2 turns) that sets the page's lines level: the one whose
    rows of ink, the page sheared by it, differ most from row to row (a projection profile)."""
    step = max(1, grey.shape[1] // 1000)
    ink = grey[::step, ::step] < 128
    ys, xs = np.nonzero(ink)
    if len(ys) < 100:
        return 0.0
    angles = np.arange(-SETTINGS.max_skew, SETTINGS.max_skew + SETTINGS.skew_step / 2, SETTINGS.skew_step)
    scores = []
    for angle in angles:
        rows = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
        profile = np.bincount(rows - rows.min())
        scores.append(float(np.square(np.diff(profile.astype(np.float64))).sum()))
    best = -float(angles[int(np.argmax(scores))])  # the shear that levels the rows, undone by a turn the other way
    return 0.0 if abs(best) < SETTINGS.skew_step / 2 else round(best, 4)


def without_rules(grey: np.ndarray, dpi: float) -> tuple[np.ndarray, list[list[int]]]:
    """The page with its table rules painted white, for Tesseract reads a rule next to a cell as part of it
    ('|143'); and the rules, as boxes in pixels, for the reader's table finder. A rule across is a long dark
    run (SETTINGS.rule); a rule down may be as short as a row (SETTINGS.cell_rule) where both its ends meet
    rules across, as the rules between two cells do (a letter's stem meets none, or one)."""
    import cv2

    ink = (grey < 160).astype(np.uint8)
    across = _runs(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(10, round(SETTINGS.rule * dpi))), np.uint8)))
    near = round(SETTINGS.rule_gap * dpi)
    def meets(y: int, x: int) -> bool:  # a rule across passes by (x, y)
        return any(h[0] - near <= x <= h[2] + near and h[1] - near <= y <= h[3] + near for h in across)

    short = max(5, round(SETTINGS.cell_rule * dpi))
    down = [box for box in _runs(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((short, 1), np.uint8)))
            if box[3] - box[1] >= SETTINGS.rule * dpi
            or (meets(box[1], box[0]) and meets(box[3], box[0]))]
    if not across and not down:
        return grey, []
    out, halo = grey.copy(), max(2, round(SETTINGS.rule_halo * dpi))  # a rule's grey edges are ink to Tesseract
    for x0, y0, x1, y1 in across + down:
        out[max(0, y0 - halo):y1 + halo, max(0, x0 - halo):x1 + halo] = 255
    return out, across + down


def _runs(mask: np.ndarray) -> list[list[int]]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [[x, y, x + width, y + height] for x, y, width, height, _ in stats[1:count].tolist()]


def marks(grey: np.ndarray, dpi: float) -> list[list[int]]:
    """Solid dots and squares a few points wide, and rings (list bullets, as a browser draws them; an 'o'
    too, which a word processor uses as one): boxes in pixels. OCR reads them as letters ('e', '°o'); the
    reader reads them as the shapes they are on a typeset page, where they stand before a line's words."""
    import cv2

    ink = grey < 128
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    low, high = SETTINGS.mark[0] * dpi / 72, SETTINGS.mark[1] * dpi / 72
    out = []
    for x, y, width, height, area in stats[1:count].tolist():
        if not (low <= width <= high and low <= height <= high and abs(width - height) <= 0.25 * max(width, height)):
            continue
        ring = area >= 0.25 * width * height and not ink[y + height // 2, x + width // 2]  # a circle, or an 'o'
        if area >= 0.65 * width * height or ring:
            out.append([x, y, x + width, y + height])
    return out


# From hOCR to the reader's words -------------------------------------------------------------------------


_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_LINES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}


def page(result: dict, scan: _Scan, pixels: str) -> Read:
    """The page's words and marks in points; a word that is mostly a mark (a bullet read as a letter) is none."""
    pt = 72 / result["dpi"]
    left, above = scan.bbox[:2]
    shapes = [(left + x0 * pt, above + y0 * pt, left + x1 * pt, above + y1 * pt) for x0, y0, x1, y1 in result["marks"]]
    kept = [word for word in words(result, scan, pixels) if not any(_mostly(word, s) for s in shapes)]
    return Read(kept, shapes, [_line(box, pt, scan) for box in result["rules"]])


def _line(box: list[int], pt: float, scan: _Scan) -> dict:
    """A rule seen in the image as pdfplumber's line object: along its middle, in points."""
    x0, y0, x1, y1 = (v * pt for v in box)
    if x1 - x0 >= y1 - y0:
        y0 = y1 = (y0 + y1) / 2
    else:
        x0 = x1 = (x0 + x1) / 2
    x0, x1, top, bottom = scan.bbox[0] + x0, scan.bbox[0] + x1, scan.bbox[1] + y0, scan.bbox[1] + y1
    return {"object_type": "line", "page_number": scan.page, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "y0": scan.height - bottom, "y1": scan.height - top, "width": x1 - x0,
            "height": bottom - top, "linewidth": 1, "stroke": True, "pts": [(x0, top), (x1, bottom)]}


def _mostly(word: dict, shape: tuple[float, float, float, float]) -> bool:
    width = min(word["x1"], shape[2]) - max(word["x0"], shape[0])
    return width > 0.8 * (word["x1"] - word["x0"]) and shape[1] < (word["top"] + word["bottom"]) / 2 < shape[3] + 2


def words(result: dict, scan: _Scan, pixels: str) -> list[dict]:
    """The reader's words from Tesseract's hOCR: each in points on the page (as deskewed) and in pixels of the
    stored image, with its confidence."""
    inverse = np.linalg.inv(np.vstack([np.array(result["transform"]), [0, 0, 1]]))[:2]
    pt, step = 72 / result["dpi"], SETTINGS.size_step  # a pixel of the prepared image, in points
    left, above = scan.bbox[:2]
    out = []
    for line, height in _lines_sized(ET.fromstring(result["hocr"])):
        top, bottom, size = _row(line.get("title", ""), height)
        height = size * SETTINGS.row_height
        top, bottom, size = above + top * pt, above + bottom * pt, round(size * pt / step) * step
        for word in line:
            text = "".join(word.itertext()).strip()
            if word.get("class") != "ocrx_word" or not text or not result["strokes"].get(word.get("id")):
                continue  # no word, or one read where the image holds no ink (what a rule removed leaves)
            box = tuple(float(v) for v in _BBOX.search(word.get("title")).groups())
            out.append({"text": text, "x0": left + box[0] * pt, "x1": left + box[2] * pt, "top": top,
                        "bottom": bottom, "size": size, "fontname": FONTNAME,
                        "conf": float(re.search(r"x_wconf (\d+)", word.get("title")).group(1)),
                        "box": _stored_box(inverse, box, scan), "image": pixels,
                        "stroke": result["strokes"][word.get("id")] / max(height, 1.0)})
    return out


def _lines_sized(root: ET.Element):
    """Every line with its paragraph's row height (the median of its lines'): a paragraph is printed in one
    size, which a single line's estimate misses by a point or so."""
    for paragraph in root.iter():
        if paragraph.get("class") != "ocr_par":
            continue
        lines = [line for line in paragraph.iter() if line.get("class") in _LINES]
        heights = [_row(line.get("title", ""))[2] * SETTINGS.row_height for line in lines]
        for line in lines:
            yield line, float(np.median(heights))


def _row(title: str, height: float | None = None) -> tuple[float, float, float]:
    """A line's font size, in pixels, from Tesseract's row height (SETTINGS.row_height), and its top and bottom
    a font size apart about the row's middle, as a typeset word's are: from the row's metrics, not from its
    letters (a line without descenders stands as low as one with them). `height`, where given, is the row
    height (its paragraph's); where Tesseract gives no row metrics, the line's box."""
    x0, y0, x1, y1 = (float(v) for v in _BBOX.search(title).groups())
    slope, offset = _numbers(title, "baseline") or (0.0, 0.0)
    height = height or (_numbers(title, "x_size") or (y1 - y0,))[0]
    descenders = (_numbers(title, "x_descenders") or (0.0,))[0]
    baseline = y1 + offset + slope * (x1 - x0) / 2
    size = height / SETTINGS.row_height
    middle = baseline + descenders - height / 2
    return middle - size / 2, middle + size / 2, size


def _numbers(title: str, name: str) -> tuple[float, ...]:
    found = re.search(rf"{name} ([-\d. ]+)", title)
    return tuple(float(v) for v in found.group(1).split()) if found else ()


def _stored_box(inverse: np.ndarray, box: tuple[float, ...], scan: _Scan) -> tuple[int, int, int, int]:
    """A box in the prepared image mapped back to pixels of the stored image (the corners' bounding box)."""
    x0, y0, x1, y1 = box
    corners = inverse @ np.array([[x0, x1, x0, x1], [y0, y0, y1, y1], [1, 1, 1, 1]])
    width, height = scan.image.size
    return (max(0, int(np.floor(corners[0].min()))), max(0, int(np.floor(corners[1].min()))),
            min(width, int(np.ceil(corners[0].max()))), min(height, int(np.ceil(corners[1].max()))))
