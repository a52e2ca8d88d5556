"""The DuckDB file: one table per dataset, with PRIMARY KEY, NOT NULL, FOREIGN KEY (to `documents`,
`countries`) and COMMENT ON TABLE/COLUMN, all generated from the schemas; the views of tip_gms.publishing.views,
every column commented; and the table `release`: the data version and the sources it was built from.

The file is written in the v1.0.0 storage format so that DuckDB 1.x clients (the `duckdb` CLI 1.5.6, older
Python and R packages) open it as well as 2.x. It is built beside the target and renamed into place only
when complete.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from tip_gms.files import replacing
from tip_gms.publishing.views import MACROS, VIEWS, View
from tip_gms.shapes import DUCKDB_TYPES, Shape

STORAGE_VERSION = "v1.0.0"
# DuckDB's blocks are 256 KiB by default, and every table, column and key index takes at least one: some
# 600 rows would fill 17 MB. Blocks of 16 KiB give a file sized to its data.
BLOCK_SIZE = 16384
SCHEMA = "out.main"  # the attached file's default schema


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(shape: Shape, keys: Mapping[str, tuple[str, ...]]) -> str:
    """CREATE TABLE from a dataset's shape. `keys` gives the key of every table in the file: a column that
    references one of them (and is not a list of codes) gets a FOREIGN KEY."""
    definitions = []
    for column in shape.columns:
        definition = f"{_identifier(column.name)} {DUCKDB_TYPES[column.kind]}"
        if not column.nullable:
            definition += " NOT NULL"
        target = column.references
        if target in keys and target != shape.name and len(keys[target]) == 1 and not column.separator:
            definition += f" REFERENCES {SCHEMA}.{_identifier(target)} ({_identifier(keys[target][0])})"
        definitions.append(definition)
    if shape.key:
        definitions.append(f"PRIMARY KEY ({', '.join(map(_identifier, shape.key))})")
    return f"CREATE TABLE {SCHEMA}.{_identifier(shape.name)} (\n  " + ",\n  ".join(definitions) + "\n)"


def _referenced_first(shapes: Sequence[Shape]) -> list[Shape]:
    """The tables in an order where every referenced table comes before the tables that reference it."""
    names = {shape.name for shape in shapes}
    done: list[Shape] = []
    pending = list(shapes)
    while pending:
        ready = [s for s in pending if {c.references for c in s.columns} & names <= {d.name for d in done} | {s.name}]
        if not ready:
            raise ValueError(f"circular references between {[s.name for s in pending]}")
        done += ready
        pending = [s for s in pending if s not in ready]
    return done


def _described(column) -> str:
    return column.description + (f" Unit: {column.unit}." if column.unit else "")


def comment_sql(shape: Shape) -> list[str]:
    table = f"{SCHEMA}.{_identifier(shape.name)}"
    statements = [f"COMMENT ON TABLE {table} IS {_literal(shape.description)}"]
    for column in shape.columns:
        statements.append(f"COMMENT ON COLUMN {table}.{_identifier(column.name)} IS {_literal(_described(column))}")
    return statements


def _create_views(connection: duckdb.DuckDBPyConnection, tables: Mapping[str, pa.Table],
                  shapes: Sequence[Shape], views: Mapping[str, View]) -> None:
    """The views whose tables are all in the file, with a comment on the view and on each of its columns; their
    SQL names tables unqualified, so it resolves in whatever catalog a user opens the file as."""
    descriptions = {shape.name: {column.name: _described(column) for column in shape.columns} for shape in shapes}
    connection.execute("USE out")
    for name, (parameters, sql, comment) in MACROS.items():
        connection.execute(f"CREATE MACRO {_identifier(name)}({', '.join(parameters)}) AS {sql}")
        connection.execute(f"COMMENT ON MACRO {_identifier(name)} IS {_literal(comment)}")
    for name, view in views.items():
        if set(view.inputs) <= set(tables):
            connection.execute(f"CREATE VIEW {_identifier(name)} AS {view.sql(tables)}")
            connection.execute(f"COMMENT ON VIEW {_identifier(name)} IS {_literal(view.comment)}")
            for (column,) in connection.execute(f"SELECT column_name FROM (DESCRIBE {_identifier(name)})").fetchall():
                comment = view.column_comment(column, descriptions)
                if comment is None:
                    raise ValueError(f"view {name}: column {column} has no description (tip_gms.publishing.views)")
                column_sql = f"{_identifier(name)}.{_identifier(column)}"
                connection.execute(f"COMMENT ON COLUMN {column_sql} IS {_literal(comment)}")
    connection.execute("USE memory")


RELEASE_TABLE = "release"
_RELEASE_COLUMNS = {
    "version": "Version of the data: the first 12 hex digits of the sha256 of the CSV files, so identical data have "
    "the identical version (README, 'Versions').",
    "title": "Title of the published data.",
    "source_id": "A source the data were built from (its id in the workflow config).",
    "source_path": "The source file, relative to the workflow's folder.",
    "source_sha256": "sha256 of the source file.",
}


def _create_release_table(connection: duckdb.DuckDBPyConnection, about: Mapping) -> None:
    """The table `release`: one row per source, each with the data version and the title."""
    table = f"{SCHEMA}.{_identifier(RELEASE_TABLE)}"
    connection.execute(f"CREATE TABLE {table} ({', '.join(f'{c} VARCHAR NOT NULL' for c in _RELEASE_COLUMNS)})")
    for source in about["sources"]:
        connection.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)",
                           [about["version"], about["title"], source["id"], source["path"], source["sha256"]])
    connection.execute(f"COMMENT ON TABLE {table} IS {_literal('What this file is: its data version and sources.')}")
    for column, comment in _RELEASE_COLUMNS.items():
        connection.execute(f"COMMENT ON COLUMN {table}.{_identifier(column)} IS {_literal(comment)}")


def write(target: str | Path, tables: Sequence[tuple[Shape, pa.Table]], about: Mapping | None = None,
          views: Mapping[str, View] = VIEWS) -> None:
    """Write every table into a new DuckDB file and move it onto `target`; `about` (version, title, sources:
    the config's entries) gives the table `release`; `views`: the views over them (tip_gms.publishing.views)."""
    by_name = {shape.name: (shape, table) for shape, table in tables}
    ordered = [by_name[shape.name] for shape in _referenced_first([shape for shape, _ in tables])]
    keys = {shape.name: shape.key for shape, _ in tables}
    with replacing(target) as path:
        connection = duckdb.connect()
        try:
            connection.execute(
                f"ATTACH {_literal(str(path))} AS out (STORAGE_VERSION {_literal(STORAGE_VERSION)}, "
                f"BLOCK_SIZE {BLOCK_SIZE})"
            )
            for shape, table in ordered:
                connection.execute(create_table_sql(shape, keys))
                connection.register("incoming", table)
                columns = ", ".join(_identifier(c.name) for c in shape.columns)
                connection.execute(
                    f"INSERT INTO {SCHEMA}.{_identifier(shape.name)} ({columns}) SELECT {columns} FROM incoming"
                )
                connection.unregister("incoming")
                for statement in comment_sql(shape):
                    connection.execute(statement)
            _create_views(connection, {shape.name: table for shape, table in tables}, [shape for shape, _ in tables],
                          views)
            if about:
                _create_release_table(connection, about)
            connection.execute("DETACH out")
        finally:
            connection.close()
            path.with_name(path.name + ".wal").unlink(missing_ok=True)


def rows(path: Path, view: str) -> list[dict]:
    """The rows of a table or view of a DuckDB file (none if the file has no such view)."""
    with duckdb.connect(str(path), read_only=True) as connection:
        if not connection.execute("SELECT 1 FROM duckdb_views() WHERE view_name = ? UNION ALL "
                                  "SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [view, view]).fetchall():
            return []
        cursor = connection.execute(f"SELECT * FROM {_identifier(view)}")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
