"""What a person read on a scan where OCR was not sure: the source's confirmations file, pinned like the source.

`workflow/reports/<source>.confirmed.yaml` lists, for each word a person looked at, where it is (page, its box
in pixels of the page image, the image's sha256), what OCR read there and what the person read:

    confirmations:
      - {page: 5, ocr: "ils}", box: [412, 1180, 470, 1214], image: "3f2a…", value: "13"}

The config pins it beside the source (`confirmations: {path, sha256}` in the source's entry). Confirmations are
applied to the words as read, before any dataset is built: the word's text becomes the value the person read.
One that no longer matches the scan (no word on that page, at that box, with that OCR text, in that image)
stops the run, naming it: the scan or its OCR changed, and what the person saw may no longer be there.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tip_gms import yamlfile
from tip_gms.document import Printed
from tip_gms.errors import ConfigError, SourceError, SourceErrors

KEYS = ("page", "ocr", "box", "image", "value")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
PIN_HINT = ("review the file, then record its sha256 as `confirmations: {{path: {path}, sha256: {sha256}}}` in "
            "this source's entry of workflow/config.yaml")


@dataclass(frozen=True)
class Confirmation:
    page: int
    ocr: str  # the word as OCR read it
    box: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the page image as stored
    image: str  # sha256 of the page image's pixels
    value: str  # what the person read there
    entry: int = 0  # 1-based position in the file, to name it

    @property
    def key(self) -> tuple[int, tuple[int, int, int, int]]:
        return self.page, self.box

    def __str__(self) -> str:
        return f"confirmation {self.entry} (page {self.page}, {self.ocr!r} at box {list(self.box)})"


@dataclass(frozen=True)
class Applied:
    """A confirmation applied: the line (of the lines read) whose word it replaced, and the word's confidence."""

    confirmation: Confirmation
    line: int
    conf: float


def path_for(source_id: str) -> str:
    """Where a source's confirmations are kept: beside its config, in workflow/reports/."""
    return f"workflow/reports/{source_id}.confirmed.yaml"


def read_pinned(spec: Mapping | None) -> list[Confirmation]:
    """The confirmations a source's config entry pins (`{path, sha256}`; none without one), read strictly; a file
    whose sha256 differs stops the run."""
    if not spec:
        return []
    path = Path(spec["path"])
    if not path.is_file():
        raise ConfigError(f"{path}: the confirmations file the config pins does not exist; restore it, or remove "
                          "`confirmations` from the source's entry in workflow/config.yaml")
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != spec["sha256"]:
        raise ConfigError(f"{path} has sha256 {actual}, but workflow/config.yaml pins {spec['sha256']}; "
                          + PIN_HINT.format(path=path, sha256=actual))
    return load(path)


def load(path: str | Path) -> list[Confirmation]:
    """Every entry of a confirmations file, each with exactly the keys KEYS; or a ConfigError naming the entry."""
    data = yamlfile.load(path)
    if not isinstance(data, dict) or set(data) != {"confirmations"} or not isinstance(data["confirmations"], list):
        raise ConfigError(f"{path}: expected one key, `confirmations`, holding a list of entries with "
                          f"{', '.join(KEYS)}")
    return [_entry(item, k, path) for k, item in enumerate(data["confirmations"], start=1)]


def _entry(item: object, k: int, path: str | Path) -> Confirmation:
    def bad(why: str) -> ConfigError:
        return ConfigError(f"{path}: confirmation {k}: {why}")

    if not isinstance(item, dict) or set(item) != set(KEYS):
        keys = sorted(item) if isinstance(item, dict) else type(item).__name__
        raise bad(f"expected the keys {', '.join(KEYS)}, found {keys}")
    page, box, image, ocr, value = item["page"], item["box"], item["image"], item["ocr"], item["value"]
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise bad(f"page must be a page number, not {page!r}")
    if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, int) and not isinstance(v, bool)
                                                            for v in box)):
        raise bad(f"box must be four whole numbers [x0, top, x1, bottom] in pixels, not {box!r}")
    if not isinstance(image, str) or not _DIGEST.match(image):
        raise bad(f"image must be the page image's sha256 (64 hex digits, in quotes), not {image!r}")
    for key, text in (("ocr", ocr), ("value", value)):
        if not isinstance(text, str) or not text.strip() or text != text.strip() or re.search(r"\s", text):
            raise bad(f"{key} must be one word in quotes, as read (e.g. \"13\"), not {text!r}")
    return Confirmation(page, ocr, tuple(box), image, value, k)


def apply(raw_lines: Sequence[str], printed: Sequence[Printed], confirmations: Sequence[Confirmation],
          file: str) -> tuple[list[str], list[Printed], list[Applied]]:
    """The lines with each confirmed word's text replaced by the value the person read; every confirmation that
    matches no word of the scan stops the run (SourceErrors, one per confirmation)."""
    raw, out = list(raw_lines), list(printed)
    where = {(word[2], tuple(word[3])): (i, k) for i, line in enumerate(printed) for k, word in enumerate(line.words)}
    applied, stale = [], []
    for confirmation in confirmations:
        i, k = where.get(confirmation.key, (None, None))
        word = printed[i].words[k] if i is not None else None
        if word is None or (word[0], word[4]) != (confirmation.ocr, confirmation.image):
            found = f"OCR read {word[0]!r} there" if word and word[4] == confirmation.image else (
                "the page image differs" if word else "no word at that box")
            stale.append(SourceError(
                f"{confirmation} no longer matches the scan ({found}): the scan or its OCR changed since it was "
                "confirmed. Look at the page again, then correct or remove the entry (and pin the file again)",
                value=confirmation.ocr, page=confirmation.page, file=file))
            continue
        raw[i] = _replace_word(raw[i], [w[0] for w in out[i].words], k, confirmation.value)
        words = list(out[i].words)
        words[k] = (confirmation.value, *word[1:])
        out[i] = replace(out[i], words=tuple(words))
        applied.append(Applied(confirmation, i + 1, word[1]))
    if stale:
        raise SourceErrors(stale)
    return raw, out, applied


def _replace_word(raw: str, texts: Sequence[str], k: int, value: str) -> str:
    """The line with its k-th word (texts: its words in order, as they stand in it) replaced by `value`."""
    at = 0
    for i, text in enumerate(texts):
        found = raw.find(text, at)
        if found < 0:
            break
        if i == k:
            return raw[:found] + value + raw[found + len(text):]
        at = found + len(text)
    raise SourceError(f"the confirmed word {texts[k]!r} is not where its line holds it", value=raw)
