"""Validating a dataset against its schema, with one readable line per problem.

pandera reports failures by DataFrame index; users need the source line, so every failure is mapped back
to the row's `source_line`.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from tip_gms.errors import SourceError, SourceErrors
from tip_gms.tables import column_order


def validate(name: str, schema: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """The frame, coerced to the schema's dtypes and columns in the published order; or SourceErrors."""
    frame = frame.reset_index(drop=True)
    try:
        valid = schema.validate(frame, lazy=True)
    except SchemaErrors as failed:
        raise SourceErrors(_explain(name, schema, frame, failed.failure_cases)) from None
    return valid[column_order(schema)]


def _line(frame: pd.DataFrame, index: object) -> int | None:
    if "source_line" not in frame or pd.isna(index) or index not in frame.index:
        return None
    return int(frame.at[index, "source_line"])


def _explain(name: str, schema, frame: pd.DataFrame, cases: pd.DataFrame) -> list[SourceError]:
    errors, duplicates = [], cases[cases["check"] == "multiple_fields_uniqueness"]
    for _, case in cases.drop(duplicates.index).iterrows():
        column = case["column"] if isinstance(case["column"], str) else None
        errors.append(SourceError(
            f"fails schema check {case['check']}", dataset=name, column=column,
            value=case["failure_case"], line=_line(frame, case["index"]),
        ))
    key = list(schema.to_schema().unique or [])
    if not duplicates.empty and set(key) <= set(frame.columns):  # else the missing key column is the error
        rows = frame.loc[sorted(set(duplicates["index"]))]
        for values, group in rows.groupby(key, sort=True, dropna=False):
            lines = sorted(set(group["source_line"]))
            errors.append(SourceError(
                f"duplicate key ({', '.join(key)}); the same row appears at source lines "
                f"{', '.join(map(str, lines))}", dataset=name, column=", ".join(key),
                value=values if len(key) > 1 else values[0], line=lines[-1],
            ))
    return errors
