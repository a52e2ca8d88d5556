"""What the outputs were built from, and the one place that decides whether they still are: what to build again,
whether to publish, when the current release is reused. Its two records, a source's stamp
(`<outputs>/work/<source>/built.json`) and a release's record (`<outputs>/releases/<id>.run.json`), are written
and read only here (docs/architecture.md, "Is this stale?"). Kept free of pandas: it runs at start-up.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from tip_gms import confirmations, files, paths
from tip_gms.errors import Refusal
from tip_gms.publishing import release

# The code each stage runs: building reads, builds and checks; publishing writes. A change to a builder
# rebuilds its sources; the publish that follows reuses the release when the staged data come out the same.
BUILD_CODE = {"include": ("scripts/tip_gms", "schemas", "workflow/reports"), "exclude": ("scripts/tip_gms/publishing",
                                                                                 "scripts/tip_gms/derived")}
PUBLISH_CODE = {"include": ("scripts/tip_gms", "schemas", "workflow/reports"), "exclude": ("scripts/tip_gms/datasets",
                                                                                   "scripts/tip_gms/checks")}
_CODE_SUFFIXES = (".py", ".yaml", ".j2", ".ttf")  # code, settings, templates and the figures' font


def code_digest(basedir: Path, code: Mapping[str, Sequence[str]]) -> str:
    """One sha256 over the files of `code` (folders to include, and to leave out): a change to any of them
    reruns the stage, a `touch` does not."""
    digest = hashlib.sha256()
    for folder in code["include"]:
        for path in sorted((basedir / folder).rglob("*")):
            name = path.relative_to(basedir).as_posix()
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and not name.startswith(
                    tuple(f"{excluded}/" for excluded in code["exclude"])):
                digest.update(f"{name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def stamp(outputs: str | Path, source: Mapping, code: str, ocr: Mapping | None = None) -> None:
    """Record that the source's staged datasets were built from its pinned sha256 (and its pinned confirmations,
    for a scan) by `code`, and, for a scan, by which OCR engine (`ocr`: its version and language data)."""
    record = {"source": source["id"], "sha256": source["sha256"], "code": code,
              "confirmations": _confirmations_pin(source)} | ({"ocr": dict(ocr)} if ocr else {})
    files.write_text(json.dumps(record) + "\n", paths.staged(outputs, source["id"]))


def stamped(outputs: str | Path, source: Mapping, code: str) -> bool:
    """Whether the source's staged datasets were built from what it pins, by `code` (their stamp says)."""
    try:
        stamp = json.loads(paths.staged(outputs, source["id"]).read_text())
    except (OSError, ValueError):
        return False
    return (stamp.get("sha256"), stamp.get("code"), stamp.get("confirmations")) == (
        source["sha256"], code, _confirmations_pin(source))


def _confirmations_pin(source: Mapping) -> str | None:
    return (source.get("confirmations") or {}).get("sha256")


def _stale(outputs: str | Path, sources: Sequence[Mapping], code: str) -> list[Mapping]:
    """The sources whose staged datasets were not built from what they pin by `code`."""
    return [source for source in sources if not stamped(outputs, source, code)]


def _recorded(outputs: str | Path, source: Mapping) -> dict:
    """A source as a release's record names it; a scan's with the OCR engine its words were read by, its pinned
    confirmations and every value a person read."""
    recorded = {key: source[key] for key in ("id", "path", "sha256")}
    if ocr := json.loads(paths.staged(outputs, source["id"]).read_text()).get("ocr"):
        recorded["ocr"] = ocr
    if source.get("confirmations"):
        recorded["confirmations"] = {**source["confirmations"], "values": [
            {"page": c.page, "ocr": c.ocr, "box": list(c.box), "image": c.image, "value": c.value}
            for c in confirmations.read_pinned(source["confirmations"])]}
    return recorded


def made_from(outputs: str | Path, sources: Sequence[Mapping], staged: Sequence[Path], *, config: Mapping,
              code: str, build_code: str) -> dict:
    """The record of a release made now from the `staged` files of `sources`, the rest of the `config` that shapes
    it and the publish `code`. Staged datasets that were not built from the pinned sources by `build_code` (a
    stale stage that a failed job left) are refused, and their stamp removed so that the next run builds them."""
    for source in _stale(outputs, sources, build_code):
        paths.staged(outputs, source["id"]).unlink(missing_ok=True)
        raise Refusal(f"the staged datasets of source {source['path']} were not built from the pinned sha256 "
                      "and the current code (a job that failed left them); run again to build them")
    settings = json.dumps({"sources": sources, **config}, sort_keys=True, default=str).encode()
    return {"sources": [_recorded(outputs, spec) for spec in sources],
            "config": hashlib.sha256(settings).hexdigest(), "code": code,
            "staged": {Path(path).relative_to(outputs).as_posix(): release.sha256_of(Path(path)) for path in staged}}


def settle(outputs: str | Path, published_record: str | Path, sources: Sequence[Mapping], build_code: str,
           publish_code: str) -> list[str]:
    """Before Snakemake plans: a source whose staged datasets are missing or were not built from its pinned sha256
    by this code is built again (its stamp removed), and a published release that does not stand (damaged, made
    from other sources or code, or a source is built again) is published again (`publish`'s record removed).
    Return the reasons that the user did not cause (a new pin or an edit to the code is the usual course)."""
    rebuild = _stale(outputs, sources, build_code)
    missing = [source for source in rebuild if not paths.staged(outputs, source["id"]).exists()]
    for source in rebuild:
        paths.staged(outputs, source["id"]).unlink(missing_ok=True)
    if not Path(published_record).exists():
        return []  # publish runs anyway
    if release.current_id(outputs) is None:
        problems = [f"nothing is published in {outputs}/"]
    else:
        problems = [f"{outputs}/{problem} since it was published"
                    for problem in release.verify(Path(outputs) / release.CURRENT)]
    record = release.run_record(outputs)
    published_from = {s["id"]: s["sha256"] for s in record.get("sources", [])}
    # Staged data are missing only where the release was built from them: a source new to the config (a new
    # id, a PDF in place of the text) has none yet, and building it is the usual course.
    problems += [f"the datasets staged from {source['path']} are missing" for source in missing
                 if published_from.get(source["id"]) == source["sha256"]]
    edited = record.get("code") != publish_code or published_from != {s["id"]: s["sha256"] for s in sources}
    if problems or edited or rebuild:
        Path(published_record).unlink()
    return problems


def reused(outputs: str | Path, published_record: str | Path, made: Mapping) -> bool:
    """If the current release was made from exactly `made` and still stands, reuse it: list it as this publish's
    `published_record`, say so and return True."""
    record, current = release.run_record(outputs), Path(outputs) / release.CURRENT
    if {key: record.get(key) for key in made} != made or release.verify(current):
        return False
    with files.replacing(published_record) as path:
        path.write_bytes((current / release.CHECKSUMS).read_bytes())
    logging.getLogger("tip_gms.summary").info("nothing new to publish: the data came out the same, and release %s "
                                              "stays published", release.current_id(outputs))
    return True
