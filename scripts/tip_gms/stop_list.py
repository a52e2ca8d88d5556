"""The stop a scan's unsure figures make: one block that lists them (page, the word as OCR read it, its
confidence, what it feeds, its crop), says what to do, and gives the confirmations file to fill in; and the
crops, one PNG per word, cut from the page image by the word's box (tip_gms.doubts decides what is unsure)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from tip_gms.doubts import Doubt
from tip_gms.errors import SourceError

MARGIN = 0.6  # of the word's height, around the word
CONTEXT = 6.0  # word heights to the left and right: the cells beside it, to see which row and column it is


def folder(outputs: str | Path, source_id: str) -> Path:
    """Where a source's crops go: `<outputs>/work/confirm/<source>/`."""
    return Path(outputs) / "work" / "confirm" / source_id


def crop_name(doubt: Doubt) -> str:
    return f"p{doubt.page:03d}-{doubt.box[0]:05d}-{doubt.box[1]:05d}.png"


class Unconfirmed(SourceError):
    """Figures read by OCR that a person must confirm before the source's datasets are published."""

    def __init__(self, doubts: Sequence[Doubt], *, source_id: str, file: str, confirmations: str) -> None:
        self.doubts, self.source_id, self.confirmations = list(doubts), source_id, confirmations
        super().__init__(self._block(), file=file)

    def _block(self) -> str:
        shown = [f"  page {d.page:>3}  {d.ocr!r:<12} confidence {d.conf:>5.1f}  line {d.line:>4}  "
                 f"{d.feeds or 'a line a dataset reads'}: {d.why}  [{crop_name(d)}]" for d in self.doubts]
        return "\n".join([
            f"{len(self.doubts)} figure(s) read by OCR are not sure, so nothing of this source is staged or "
            "published. Look at each word's crop (in outputs/work/confirm/"
            f"{self.source_id}/, named in brackets) or on its page, write what the page shows as its `value` in "
            f"{self.confirmations} (the entries below, each value as printed, in quotes), pin the file (its sha256 "
            f"as `confirmations: {{path: {self.confirmations}, sha256: ...}}` in this source's entry of "
            "workflow/config.yaml), and run again:", *shown,
            f"The file to fill in ({self.confirmations}):", skeleton(self.doubts)])


def skeleton(doubts: Sequence[Doubt]) -> str:
    """A confirmations file with one entry per doubt, each value left empty for a person to fill in."""
    entries = [f"  - {{page: {d.page}, ocr: {json.dumps(d.ocr)}, box: {list(d.box)}, image: \"{d.image}\", "
               f"value: \"\"}}  # {d.feeds or f'line {d.line}'}" for d in doubts]
    return "\n".join(["confirmations:", *entries])


def write_crops(doubts: Sequence[Doubt], data: bytes, target: Path) -> None:
    """One PNG per doubt in `target` (emptied first: crops of an earlier run are not this run's), the word
    framed in red with the cells around it."""
    from PIL import ImageDraw

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    images: dict[tuple[int, str], object] = {}
    for doubt in doubts:
        key = (doubt.page, doubt.image)
        if key not in images:
            images[key] = page_image(data, doubt.page, doubt.image).convert("RGB")
        image = images[key]
        x0, top, x1, bottom = doubt.box
        height = max(bottom - top, 8)
        area = (max(0, int(x0 - CONTEXT * height)), max(0, int(top - MARGIN * height)),
                min(image.width, int(x1 + CONTEXT * height)), min(image.height, int(bottom + MARGIN * height)))
        crop = image.crop(area)
        ImageDraw.Draw(crop).rectangle((x0 - area[0] - 2, top - area[1] - 2, x1 - area[0] + 2, bottom - area[1] + 2),
                                       outline=(220, 0, 0), width=2)
        crop.save(target / crop_name(doubt), optimize=False)


def page_image(data: bytes, page: int, digest: str):
    """The page's image as the scan stores it (the one whose pixels, in grey, have sha256 `digest`, else the
    largest), as a Pillow image: what the OCR read, in the pixels its boxes count."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(io.BytesIO(data))
    found = [obj.get_bitmap(render=False).to_pil()
             for obj in document[page - 1].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]
    if not found:
        raise SourceError("the page holds no image to cut the crops from", page=page)
    same = [image for image in found if hashlib.sha256(image.convert("L").tobytes()).hexdigest() == digest]
    return (same or sorted(found, key=lambda image: -image.width * image.height))[0]
