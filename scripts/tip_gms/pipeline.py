"""The pipeline's stages as plain functions; the Snakemake rules call them through thin scripts.

verify_source (in tip_gms.source, which starts faster) -> build_source (parse, build every dataset,
validate, stage as Parquet) -> publish (CSV, Parquet, DuckDB). A stage that meets a bad source stops with
one line per problem, before anything is published, so the last good outputs stay as they were. Rules run
them through tip_gms.stage.run.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import database, document, files, registry, source
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.findings import Findings
from tip_gms.tables import shape, to_arrow
from tip_gms.validation import validate

log = logging.getLogger("tip_gms")


def read_source(source_id: str, path: str, source_format: str, documents: Sequence[Mapping]) -> document.Source:
    """A text or PDF source parsed into the document model."""
    if source_format == "pdf":
        from tip_gms import pdf  # here, not above: pdfplumber adds half a second to every job that loads it

        raw_lines, printed = pdf.read(path)
    else:
        raw_lines, printed = source.read_lines(path), None
    return document.parse(source_id, raw_lines, documents, printed)


def build_dataset(name: str, parsed: document.Source, findings: Findings) -> pd.DataFrame:
    """One dataset built from the document model, with the page of each row's line (PDF sources), validated."""
    spec = registry.dataset(name)
    frame = spec.build(parsed, findings)
    frame["source_page"] = [parsed.page_of(line) for line in frame["source_line"]]
    return validate(name, spec.schema, frame)


def build_source(
    source_id: str, path: str, source_format: str, documents: Sequence[Mapping], datasets: Sequence[str],
    staged_dir: str,
) -> None:
    """Build every dataset of one source and stage it as `<staged_dir>/<dataset>.parquet`; report all
    problems at once."""
    parsed = read_source(source_id, path, source_format, documents)
    findings, errors, built = Findings(), [], {}
    for name in registry.in_build_order(list(datasets)):
        try:
            built[name] = build_dataset(name, parsed, findings)
        except SourceError as error:
            errors.append(error if error.dataset else error.for_dataset(name))
        except SourceErrors as many:
            errors.extend(many.errors)
    if errors:
        raise SourceErrors([error.on_page(parsed.page_of(error.line)) if error.line else error for error in errors])
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
