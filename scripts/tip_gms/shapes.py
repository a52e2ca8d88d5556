"""The published shape of a dataset, derived from its pandera model: columns, types, key, words.

This is the one bridge from a schema to every output format (Arrow/Parquet, CSV, DuckDB), so a column's
type or description is never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

PROVENANCE = ("doc_id", "source_line", "source_page", "ocr_confidence_min", "confirmed_by_person")

# pandera dtype (as str) -> portable kind
_KINDS = {
    "str": "string", "string": "string", "string[pyarrow]": "string", "string[python]": "string",
    "int64": "integer", "Int64": "integer", "float64": "number", "bool": "boolean", "boolean": "boolean",
    "date": "date",
}
ARROW_TYPES = {
    "string": pa_arrow.string(), "integer": pa_arrow.int64(), "number": pa_arrow.float64(),
    "boolean": pa_arrow.bool_(), "date": pa_arrow.date32(),
}
DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    nullable: bool
    description: str
    unit: str | None
    allowed_values: tuple | None
    references: str | None  # the dataset whose key this column holds (a foreign key)
    separator: str | None  # set where the column holds a list of such keys, e.g. "LAO;MMR"


@dataclass(frozen=True)
class Shape:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def arrow_schema(self) -> pa_arrow.Schema:
        return pa_arrow.schema(
            [pa_arrow.field(c.name, ARROW_TYPES[c.kind], nullable=c.nullable) for c in self.columns]
        )


def column_order(model: type[pa.DataFrameModel]) -> list[str]:
    """Data columns first, in the order the model declares them; provenance last."""
    names = list(model.to_schema().columns)
    return [n for n in names if n not in PROVENANCE] + [n for n in PROVENANCE if n in names]


@cache
def shape(name: str, model: type[pa.DataFrameModel]) -> Shape:
    schema = model.to_schema()
    columns = []
    for column_name in column_order(model):
        column = schema.columns[column_name]
        dtype = str(column.dtype)
        if dtype not in _KINDS:
            raise TypeError(f"{name}.{column_name}: no output type for pandera dtype {dtype}")
        allowed = next((c.statistics["allowed_values"] for c in column.checks if c.name == "isin"), None)
        columns.append(Column(
            column_name, _KINDS[dtype], bool(column.nullable), column.description or "",
            (column.metadata or {}).get("unit"), tuple(allowed) if allowed is not None else None,
            (column.metadata or {}).get("references"), (column.metadata or {}).get("separator"),
        ))
    description = " ".join((model.__doc__ or "").split())
    return Shape(name, description, tuple(columns), tuple(schema.unique or ()))


def to_arrow(frame: pd.DataFrame, table_shape: Shape) -> pa_arrow.Table:
    """An Arrow table with exactly the shape's columns and types, and no library metadata."""
    table = pa_arrow.Table.from_pandas(frame, schema=table_shape.arrow_schema(), preserve_index=False)
    return table.replace_schema_metadata(None)
