"""Where a dataset's parts live: its schema in `schemas/<name>.py`, its builder in `tip_gms/datasets/<name>.py`.

Which datasets exist is declared once in workflow/config.yaml: per source (built from that source by
`build(source, findings)`) or as derived (computed from the other datasets by `derive(tables)`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
import pyarrow

from tip_gms.document import Source
from tip_gms.findings import Findings

# Built after every other dataset, because it reports the checks the others ran.
LAST = "quality_findings"


@dataclass(frozen=True)
class Dataset:
    name: str
    schema: type[pa.DataFrameModel]
    build: Callable[[Source, Findings], pd.DataFrame] | None = None
    derive: Callable[[Mapping[str, pyarrow.Table]], pd.DataFrame] | None = None


def dataset(name: str) -> Dataset:
    schema = importlib.import_module(f"schemas.{name}").SCHEMA
    builder = importlib.import_module(f"tip_gms.datasets.{name}")
    return Dataset(name, schema, getattr(builder, "build", None), getattr(builder, "derive", None))


def in_build_order(names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: name == LAST)
