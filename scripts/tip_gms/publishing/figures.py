"""Which figure draws which dataset, and writing them: the registered figures (tip_gms.publishing.charts, each
report's own charts.py), then one per dataset whose builder has a chart of its shape (the config's `builder`),
each for every document that has its first dataset, as SVG and PNG."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from tip_gms.datasets import report_packages
from tip_gms.files import replacing
from tip_gms.publishing import charts
from tip_gms.publishing.drawing import FIGURES, Figure, Rows, png, svg
from tip_gms.reports import Report

_ACROSS_DOCUMENTS = {"countries"}  # derived from every document: one row per country, not per document

for _package in report_packages():  # each report's own charts, registered by importing them
    if importlib.util.find_spec(f"{_package}.charts"):
        importlib.import_module(f"{_package}.charts")


def _reads(reports: Sequence[Report], dataset: str) -> list[str]:
    return list(dict.fromkeys(name for report in reports for name in report.settings(dataset).get("figure_reads", [])))


def drawn_from(tables: Mapping[str, pa.Table], reports: Sequence[Report]) -> dict[str, tuple[str, tuple[str, ...],
                                                                                           Figure]]:
    """The figures these tables give, in the order of the page: one per dataset whose builder has a chart of
    its shape (named after the dataset; its datasets: it, then those its settings add, `figure_reads`), then
    the registered ones."""
    by_shape = {}
    for report in reports:
        for name, settings in report.datasets.items():
            if name in tables and settings.get("builder") in charts.BY_SHAPE and name not in by_shape:
                title, draw = charts.BY_SHAPE[settings["builder"]]
                by_shape[name] = (title(name), (name, *_reads(reports, name)), draw)
    return by_shape | FIGURES


def write(tables: Mapping[str, pa.Table], cite_as: Mapping[str, str], folder: Path,
          reports: Sequence[Report]) -> dict[Path, str]:
    """Draw every figure for every document that has its first dataset (`cite_as`: doc_id -> short citation);
    write `<name>-<doc_id>.png` and `.svg` atomically; return each figure's path (without suffix), in the
    order of the page, with its title. A figure's other datasets are optional."""
    drawn = drawn_from(tables, reports)
    needed = {d for _, datasets, _ in drawn.values() for d in datasets if d in tables}
    rows = {name: tables[name].to_pylist() for name in needed}
    by_document: dict[str, dict[str, Rows]] = {name: {} for name in needed}
    for name in needed - _ACROSS_DOCUMENTS:
        for row in rows[name]:
            by_document[name].setdefault(row["doc_id"], []).append(row)
    written = {}
    for name, (title, datasets, draw) in drawn.items():
        for doc_id in by_document.get(datasets[0], {}):
            inputs = {d: rows[d] if d in _ACROSS_DOCUMENTS else by_document[d].get(doc_id) for d in datasets
                      if d in needed}
            inputs = {d: frame for d, frame in inputs.items() if frame}
            canvas = draw(inputs, cite_as.get(doc_id, doc_id))
            for suffix, content in ((".svg", svg(canvas, title).encode()), (".png", png(canvas))):
                with replacing(folder / f"{name}-{doc_id}{suffix}") as path:
                    path.write_bytes(content)
            written[folder / f"{name}-{doc_id}"] = title
    return written


