"""Dataset builders: one module per dataset, named after it (a source's config may name another with
`builder:`), each with

- `build(context) -> DataFrame`: the dataset's rows from one source, with `doc_id` and `source_line` on
  every row. It finds its table or list by the caption or heading its settings give, never by line number;
- optionally `INPUTS`: the datasets it reads. They are built first, validated, and passed in
  `context.inputs`, so a builder never calls another builder.

A builder does not validate, write files or know about Snakemake: tip_gms.pipeline does that. Printed totals
it meets are not rows: it states them in `context.totals`, and the checks (tip_gms.checks) compare them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa

from tip_gms.document import Source
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

    source: Source  # the source parsed into the document model
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


@cache
def builder(dataset: str, module: str | None = None) -> Builder:
    """The builder of `dataset` (in `tip_gms.datasets.<module or dataset>`) with the dataset's schema."""
    code = importlib.import_module(f"tip_gms.datasets.{module or dataset}")
    schema = importlib.import_module(f"schemas.{dataset}").SCHEMA
    return Builder(dataset, schema, code.build, tuple(getattr(code, "INPUTS", ())))


def schema(dataset: str) -> type[pa.DataFrameModel]:
    return importlib.import_module(f"schemas.{dataset}").SCHEMA


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
