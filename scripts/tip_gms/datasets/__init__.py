"""Dataset builders: one module per shape of table or list the engine reads (a table of counts by row and
year, a table of tiers by year), which a source's config binds to its dataset with `builder:`, or one per
dataset of a report's own (workflow/reports/<source id>/datasets/, named after the dataset); each with

- `build(context) -> DataFrame`: the dataset's rows from one source, with `doc_id` and `source_line` on
  every row. It finds its table or list by the caption or heading its settings give, never by line number;
- optionally `INPUTS`: the datasets it reads. They are built first, validated, and passed in
  `context.inputs`, so a builder never calls another builder.

A builder does not validate, write files or know about Snakemake: tip_gms.pipeline does that. Printed totals
it meets are not rows: it states them in `context.totals`, and the checks (tip_gms.checks) compare them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

import pandas as pd
import pandera.pandas as pa

import reports
from tip_gms.document import ParsedSource
from tip_gms.errors import SourceError
from tip_gms.reports import CHECKED, Report


@dataclass(frozen=True)
class PrintedTotal:
    """A total the source prints, with the parts it should be the sum of."""

    check_id: str
    dataset: str
    doc_id: str
    what: str  # what is totalled, with its line: "Total column of row 'Japan' (line 480)"
    printed: int
    parts: list[int]
    lines: list[int]


@dataclass
class Context:
    """What a builder works from."""

    source: ParsedSource  # the source parsed into the document model
    report: Report  # what the config says about the source
    name: str  # the dataset being built
    inputs: Mapping[str, pd.DataFrame] = field(default_factory=dict)  # the datasets in INPUTS, validated
    totals: list[PrintedTotal] = field(default_factory=list)  # printed totals met on the way

    def setting(self, key: str) -> Any:
        """A setting of this dataset for this source (a caption, a heading); missing stops the run."""
        return self.report.setting(self.name, key)


@dataclass(frozen=True)
class Builder:
    dataset: str
    schema: type[pa.DataFrameModel]
    build: Callable[[Context], pd.DataFrame]
    inputs: tuple[str, ...]


def report_packages() -> list[str]:
    """The packages of the reports' own code (workflow/reports/<source id>/), in name order."""
    return [f"reports.{package.name}" for package in sorted(pkgutil.iter_modules(reports.__path__),
                                                           key=lambda p: p.name)]


@cache
def module(kind: str, name: str) -> ModuleType:
    """The module `name` of `kind` ('datasets': builders, 'schemas'): the engine's (tip_gms.datasets, schemas/)
    or a report's own (workflow/reports/<source id>/<kind>/)."""
    engine = {"datasets": "tip_gms.datasets", "schemas": "schemas"}[kind]
    for package in [engine, *(f"{report}.{kind}" for report in report_packages())]:
        try:
            return importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as error:
            if not f"{package}.{name}".startswith(error.name or ""):
                raise  # the module exists but imports one that does not
    raise ModuleNotFoundError(f"no {kind} module {name} in {engine} or in a report's own package", name=name)


@cache
def builder(dataset: str, code: str | None = None) -> Builder:
    """The builder of `dataset` (the module `code`, or the one named after the dataset) with its schema."""
    found = module("datasets", code or dataset)
    return Builder(dataset, schema(dataset), found.build, tuple(getattr(found, "INPUTS", ())))


def schema(dataset: str) -> type[pa.DataFrameModel]:
    return module("schemas", dataset).SCHEMA


def builder_for(report: Report, dataset: str) -> Builder:
    """The builder a source's config chooses for `dataset` (settings: `builder`), or the one named after it."""
    return builder(dataset, report.settings(dataset).get("builder"))


def in_build_order(reports: Iterable[Report]) -> list[str]:
    """Every dataset the sources build with a builder, each after the datasets it reads (the checks' output
    comes after all of them); a dataset that reads one its source does not build stops the run."""
    order: list[str] = []

    def visit(report: Report, name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise SourceError(f"datasets read each other in a circle: {' -> '.join([*path, name])}", dataset=name)
        for needed in builder_for(report, name).inputs:
            if needed not in report.datasets:
                raise SourceError(f"it reads dataset {needed}, which source {report.source_id} does not build; "
                                  "add it to the source's datasets in workflow/config.yaml", dataset=name)
            visit(report, needed, (*path, name))
        if name not in order:
            order.append(name)

    for report in reports:
        for name in report.datasets:
            if name != CHECKED:
                visit(report, name, ())
    return order
