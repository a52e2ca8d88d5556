"""Validating a dataset against its schema, with one readable line per problem.

pandera reports failures by DataFrame index; users need the source file and line, so every failure is mapped
back to the row's source and `source_line`. Several sources' rows of a dataset are validated in one pass:
a schema's checks cost the same for three rows as for three thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from tip_gms.errors import SourceError, SourceErrors
from tip_gms.shapes import column_order


def validate(name: str, schema: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """The frame, coerced to the schema's dtypes and columns in the published order; or SourceErrors."""
    return validate_each(name, schema, {None: frame})[None]


def validate_each(name: str, schema: type[pa.DataFrameModel], frames: Mapping[str | None, pd.DataFrame],
                  label: Callable[[str, SourceError], SourceError] = lambda key, error: error
                  ) -> dict[str | None, pd.DataFrame]:
    """Each source's rows of dataset `name` (source -> frame), validated at once; each problem in a source's rows
    labelled by `label(source, problem)` with where they come from (its file and page)."""
    keys = list(frames)
    combined = pd.concat([frames[key] for key in keys], ignore_index=True)
    owner = [key for key in keys for _ in range(len(frames[key]))]
    try:
        valid = schema.validate(combined, lazy=True)[column_order(schema)]
    except SchemaErrors as failed:
        raise SourceErrors([error if key is None else label(key, error) for key, error in
                            _explain(name, schema, combined, owner, failed.failure_cases)]) from None
    out, start = {}, 0
    for key in keys:
        out[key] = valid.iloc[start : start + len(frames[key])].reset_index(drop=True)
        start += len(frames[key])
    return out


def _row(frame: pd.DataFrame, owner: list, index: object) -> tuple[int | None, str | None]:
    if pd.isna(index) or index not in frame.index:
        return None, None
    line = int(frame.at[index, "source_line"]) if "source_line" in frame else None
    return line, owner[index]


def _explain(name: str, schema, frame: pd.DataFrame, owner: list,
             cases: pd.DataFrame) -> list[tuple[str | None, SourceError]]:
    """Each failure as (the source of its row, the problem)."""
    errors, duplicates = [], cases[cases["check"] == "multiple_fields_uniqueness"]
    for _, case in cases.drop(duplicates.index).iterrows():
        column = case["column"] if isinstance(case["column"], str) else None
        line, key = _row(frame, owner, case["index"])
        errors.append((key, SourceError(f"fails schema check {case['check']}", dataset=name, column=column,
                                        value=case["failure_case"], line=line)))
    key = list(schema.to_schema().unique or [])
    if not duplicates.empty and set(key) <= set(frame.columns):  # else the missing key column is the error
        rows = frame.loc[sorted(set(duplicates["index"]))]
        for values, group in rows.groupby(key, sort=True, dropna=False):
            lines = sorted(set(group["source_line"]))
            errors.append((owner[group.index[0]], SourceError(
                f"duplicate key ({', '.join(key)}); the same row appears at source lines "
                f"{', '.join(map(str, lines))}", dataset=name, column=", ".join(key),
                value=values if len(key) > 1 else values[0], line=lines[-1],
            )))
    return errors
