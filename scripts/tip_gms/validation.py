"""Validating a dataset against its schema, with one readable line per problem.

pandera reports failures by DataFrame index; users need the source file and line, so every failure is mapped
back to the row's source and `source_line`. Several sources' rows of a dataset are validated in one pass:
a schema's checks cost the same for three rows as for three thousand.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from tip_gms.errors import SourceError, SourceErrors
from tip_gms.shapes import column_order


def validate(name: str, schema: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """The frame, coerced to the schema's dtypes and columns in the published order; or SourceErrors."""
    return validate_each(name, schema, {None: frame})[None]


def validate_each(name: str, schema: type[pa.DataFrameModel],
                  frames: Mapping[str | None, pd.DataFrame]) -> dict[str | None, pd.DataFrame]:
    """Each source's rows of dataset `name` (source -> frame), validated at once; each problem names its source
    in `file`."""
    files = list(frames)
    combined = pd.concat([frames[file] for file in files], ignore_index=True)
    owner = [file for file in files for _ in range(len(frames[file]))]
    try:
        valid = schema.validate(combined, lazy=True)[column_order(schema)]
    except SchemaErrors as failed:
        raise SourceErrors(_explain(name, schema, combined, owner, failed.failure_cases)) from None
    out, start = {}, 0
    for file in files:
        out[file] = valid.iloc[start : start + len(frames[file])].reset_index(drop=True)
        start += len(frames[file])
    return out


def _row(frame: pd.DataFrame, owner: list, index: object) -> tuple[int | None, str | None]:
    if pd.isna(index) or index not in frame.index:
        return None, None
    line = int(frame.at[index, "source_line"]) if "source_line" in frame else None
    return line, owner[index]


def _explain(name: str, schema, frame: pd.DataFrame, owner: list, cases: pd.DataFrame) -> list[SourceError]:
    errors, duplicates = [], cases[cases["check"] == "multiple_fields_uniqueness"]
    for _, case in cases.drop(duplicates.index).iterrows():
        column = case["column"] if isinstance(case["column"], str) else None
        line, file = _row(frame, owner, case["index"])
        errors.append(SourceError(f"fails schema check {case['check']}", dataset=name, column=column,
                                  value=case["failure_case"], line=line, file=file))
    key = list(schema.to_schema().unique or [])
    if not duplicates.empty and set(key) <= set(frame.columns):  # else the missing key column is the error
        rows = frame.loc[sorted(set(duplicates["index"]))]
        for values, group in rows.groupby(key, sort=True, dropna=False):
            lines = sorted(set(group["source_line"]))
            errors.append(SourceError(
                f"duplicate key ({', '.join(key)}); the same row appears at source lines "
                f"{', '.join(map(str, lines))}", dataset=name, column=", ".join(key),
                value=values if len(key) > 1 else values[0], line=lines[-1], file=owner[group.index[0]],
            ))
    return errors
