"""The pipeline's stages as plain functions; the Snakemake rules call them through thin scripts (tip_gms.runner).

source.verify_source -> build_source (parse, build every dataset, validate, stage as Parquet) -> publish (CSV,
Parquet, DuckDB). A stage that meets a bad source stops with one line per problem, before anything is
published, so the last good outputs stay as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import database, document, files, registry, source
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.findings import Findings
from tip_gms.tables import shape, to_arrow
from tip_gms.validation import validate

log = logging.getLogger("tip_gms")


def build_source(
    source_id: str, path: str, documents: Sequence[Mapping], datasets: Sequence[str], staged_dir: str
) -> None:
    """Build every dataset of one source and stage it as `<staged_dir>/<dataset>.parquet`; report all
    problems at once."""
    parsed = document.parse(source_id, source.read_lines(path), documents)
    findings, errors, built = Findings(), [], {}
    for name in registry.in_build_order(list(datasets)):
        spec = registry.dataset(name)
        try:
            frame = spec.build(parsed, findings)
            if frame.empty and name != registry.LAST:  # quality_findings: a source may have no totals to check
                raise SourceError("no rows: the source no longer has what this dataset is built from")
            built[name] = validate(name, spec.schema, frame)
        except SourceError as error:
            errors.append(error if error.dataset else error.for_dataset(name))
        except SourceErrors as many:
            errors.extend(many.errors)
    if errors:
        raise SourceErrors(errors)
    for name, frame in built.items():
        files.write_parquet(to_arrow(frame, shape(name, registry.dataset(name).schema)),
                            Path(staged_dir) / f"{name}.parquet")
        log.info("%s: %d rows", name, len(frame))
    for finding in findings.items:
        if finding.status == "fail":
            log.warning("finding %s: %s", finding.check_id, finding.message)


def publish(staged: Mapping[str, Sequence[str]], csv: Mapping[str, str], parquet: Mapping[str, str],
            database_path: str) -> None:
    """Combine the staged tables of every source and write CSV, Parquet and the DuckDB file."""
    tables = []
    for name, paths in staged.items():
        table_shape = shape(name, registry.dataset(name).schema)
        table = pa.concat_tables([pq.read_table(p, schema=table_shape.arrow_schema()) for p in paths])
        tables.append((table_shape, table))
    database.write(database_path, tables)  # first: its keys catch duplicates across sources
    for table_shape, table in tables:
        files.write_parquet(table, parquet[table_shape.name])
        files.write_csv(table, csv[table_shape.name])
        log.info("%s: %d rows published", table_shape.name, table.num_rows)
