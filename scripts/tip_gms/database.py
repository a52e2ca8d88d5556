"""The DuckDB file: one table per dataset, with PRIMARY KEY, NOT NULL, FOREIGN KEY to `documents` and
COMMENT ON TABLE/COLUMN, all generated from the schemas.

The file is written in the v1.0.0 storage format so that DuckDB 1.x clients (the `duckdb` CLI 1.5.6, older
Python and R packages) open it as well as 2.x. It is built beside the target and renamed into place only
when complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from tip_gms.files import replacing
from tip_gms.tables import DUCKDB_TYPES, Shape

STORAGE_VERSION = "v1.0.0"
SCHEMA = "out.main"  # the attached file's default schema
_DOCUMENTS = "documents"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(shape: Shape, *, with_documents: bool) -> str:
    """CREATE TABLE from a dataset's shape; `doc_id` refers to `documents` where that table exists."""
    definitions = []
    for column in shape.columns:
        definition = f"{_identifier(column.name)} {DUCKDB_TYPES[column.kind]}"
        if not column.nullable:
            definition += " NOT NULL"
        if column.name == "doc_id" and with_documents and shape.name != _DOCUMENTS:
            definition += f" REFERENCES {SCHEMA}.{_DOCUMENTS} (doc_id)"
        definitions.append(definition)
    if shape.key:
        definitions.append(f"PRIMARY KEY ({', '.join(map(_identifier, shape.key))})")
    return f"CREATE TABLE {SCHEMA}.{_identifier(shape.name)} (\n  " + ",\n  ".join(definitions) + "\n)"


def comment_sql(shape: Shape) -> list[str]:
    table = f"{SCHEMA}.{_identifier(shape.name)}"
    statements = [f"COMMENT ON TABLE {table} IS {_literal(shape.description)}"]
    for column in shape.columns:
        words = column.description + (f" Unit: {column.unit}." if column.unit else "")
        statements.append(f"COMMENT ON COLUMN {table}.{_identifier(column.name)} IS {_literal(words)}")
    return statements


def write(target: str | Path, tables: Sequence[tuple[Shape, pa.Table]]) -> None:
    """Write every table into a new DuckDB file and move it onto `target`."""
    ordered = sorted(tables, key=lambda item: item[0].name != _DOCUMENTS)  # referenced table first
    with_documents = any(shape.name == _DOCUMENTS for shape, _ in ordered)
    with replacing(target) as path:
        connection = duckdb.connect()
        try:
            connection.execute(
                f"ATTACH {_literal(str(path))} AS out (STORAGE_VERSION {_literal(STORAGE_VERSION)})"
            )
            for shape, table in ordered:
                connection.execute(create_table_sql(shape, with_documents=with_documents))
                connection.register("incoming", table)
                columns = ", ".join(_identifier(c.name) for c in shape.columns)
                connection.execute(
                    f"INSERT INTO {SCHEMA}.{_identifier(shape.name)} ({columns}) SELECT {columns} FROM incoming"
                )
                connection.unregister("incoming")
                for statement in comment_sql(shape):
                    connection.execute(statement)
            connection.execute("DETACH out")
        finally:
            connection.close()
            path.with_name(path.name + ".wal").unlink(missing_ok=True)
