"""Where a dataset's parts live: its schema in `schemas/<name>.py`, its builder in `tip_gms/datasets/<name>.py`.

Which datasets exist is declared once, per source, in workflow/config.yaml.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from tip_gms.document import Source
from tip_gms.findings import Findings

# Built after every other dataset, because it reports the checks the others ran.
LAST = "quality_findings"


@dataclass(frozen=True)
class Dataset:
    name: str
    schema: type[pa.DataFrameModel]
    build: Callable[[Source, Findings], pd.DataFrame]


def dataset(name: str) -> Dataset:
    schema = importlib.import_module(f"schemas.{name}").SCHEMA
    builder = importlib.import_module(f"tip_gms.datasets.{name}")
    return Dataset(name, schema, builder.build)


def in_build_order(names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: name == LAST)
