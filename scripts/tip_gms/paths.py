"""Where the workflow keeps its work files (under `<outputs>/work/`), for the rules and the stages alike."""

from __future__ import annotations

from pathlib import Path

STAMP = "built.json"  # beside a source's staged datasets: what they were built from (tip_gms.built_from)


def staged(outputs: str | Path, source_id: str, dataset: str | None = None) -> Path:
    """A source's staged dataset, `<outputs>/work/<source>/datasets/<dataset>.parquet`, or without a dataset
    the stamp of what they were built from."""
    folder = Path(outputs) / "work" / source_id
    return folder / "datasets" / f"{dataset}.parquet" if dataset else folder / STAMP


def lines(outputs: str | Path, source_id: str) -> Path:
    """A source's lines as read (number, page, text), `<outputs>/work/<source>/lines.parquet`: the release shows
    them in its view of the source, every line under its number and page, without reading a PDF again."""
    return Path(outputs) / "work" / source_id / "lines.parquet"


def ocr_cache(outputs: str | Path) -> Path:
    """Where OCR results are cached, `<outputs>/work/ocr/`, one file a page image, engine and settings."""
    return Path(outputs) / "work" / "ocr"


def published(outputs: str | Path) -> Path:
    """The list of what the last publish published (sha256sum format, paths relative to `outputs`)."""
    return Path(outputs) / "work" / "published.sha256"
