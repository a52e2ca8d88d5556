"""The pipeline's stages as plain functions; the Snakemake rules call them through thin scripts (tip_gms.runner).

source.verify_source -> build_source (read the text or PDF, parse, build every dataset, validate, stage
as Parquet) -> publish (derive the datasets computed from the others, such as the indicators; write CSV,
Parquet, DuckDB and the documents generated from them, as one release: see tip_gms.release). A stage
that meets a bad source stops with one line per problem, before anything is published, so the last good
outputs stay as they were.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import checks, database, docs, document, figures, files, registry, release, report, source
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.findings import Findings
from tip_gms.tables import shape, to_arrow
from tip_gms.validation import validate

log = logging.getLogger("tip_gms")
DATABASE = "tip_gms.duckdb"


def read_source(source_id: str, path: str, source_format: str, documents: Sequence[Mapping]) -> document.Source:
    """A text or PDF source parsed into the document model."""
    if source_format == "pdf":
        from tip_gms import pdf

        raw_lines, printed = pdf.read(path)
    else:
        raw_lines, printed = source.read_lines(path), None
    try:
        source.check_text(raw_lines, path)
        return document.parse(source_id, raw_lines, documents, printed)
    except SourceError as error:
        if printed is None:
            raise
        page = printed[error.line - 1].page if error.line else None
        raise pdf.located(error, page, path) from None  # its page, and how to see what was read there


def build_dataset(name: str, parsed: document.Source, findings: Findings) -> pd.DataFrame:
    """One dataset built from the document model, with the page of each row's line (PDF sources), validated."""
    spec = registry.dataset(name)
    frame = spec.build(parsed, findings)
    if frame.empty and name != registry.LAST:  # quality_findings: a source may have no totals to check
        raise SourceError("no rows: the source no longer has what this dataset is built from")
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
        if name == registry.LAST:
            checks.run(parsed, built, findings)  # cross-dataset checks, once every other dataset is built
        try:
            built[name] = build_dataset(name, parsed, findings)
        except SourceError as error:
            errors.append(error if error.dataset else error.for_dataset(name))
        except SourceErrors as many:
            errors.extend(many.errors)
    if errors:
        if source_format == "pdf":  # which reading step most likely failed, and how to see what was read
            from tip_gms import pdf

            raise SourceErrors([pdf.located(error, parsed.page_of(error.line) if error.line else None, path)
                                for error in errors])
        raise SourceErrors([error.on_page(parsed.page_of(error.line)) if error.line else error for error in errors])
    for name, frame in built.items():
        files.write_parquet(to_arrow(frame, shape(name, registry.dataset(name).schema)),
                            Path(staged_dir) / f"{name}.parquet")
        log.info("%s: %d rows", name, len(frame))
    for finding in findings.items:
        if finding.status == "fail":
            log.warning("finding %s: %s", finding.check_id, finding.message)


def _combined(name: str, paths: Sequence[str]) -> pa.Table:
    """One dataset's staged tables from every source, as one table."""
    table_shape = shape(name, registry.dataset(name).schema)
    return pa.concat_tables([pq.read_table(p, schema=table_shape.arrow_schema()) for p in paths])


def derive(name: str, tables: Mapping[str, pa.Table]) -> pa.Table:
    """A derived dataset (indicators, countries), computed from the datasets of every source and validated."""
    spec = registry.dataset(name)
    frame = validate(name, spec.schema, spec.derive(tables))
    log.info("%s: %d rows derived", name, len(frame))
    return to_arrow(frame, shape(name, spec.schema))


def publish(staged: Mapping[str, Sequence[str]], derived: Sequence[str], outputs: str, record: str,
            sources: Sequence[Mapping], code: str) -> None:
    """Combine the staged tables of every source, derive the datasets computed from them, and publish all, at
    once, as the DuckDB file, CSV and Parquet (paths relative to `outputs`: DATABASE, csv/<dataset>.csv,
    parquet/<dataset>.parquet) and the documents generated from them; list what was published in `record`
    (sha256sum format, paths relative to `outputs`). A failure leaves the current release as it was."""
    combined = {name: _combined(name, paths) for name, paths in staged.items()}
    combined |= {name: derive(name, combined) for name in derived}
    tables = [(shape(name, registry.dataset(name).schema), table) for name, table in combined.items()]
    run = {"published_at": datetime.now(UTC).isoformat(timespec="seconds"), "sources": list(sources), "code": code}
    with release.building(outputs, run) as root:
        database.write(root / DATABASE, tables)  # first: its keys catch duplicates across sources
        for table_shape, table in tables:
            files.write_parquet(table, root / "parquet" / f"{table_shape.name}.parquet")
            files.write_csv(table, root / "csv" / f"{table_shape.name}.csv")
            log.info("%s: %d rows published", table_shape.name, table.num_rows)
        write_documentation(tables, root, sources)
    current = Path(outputs) / release.CURRENT
    with files.replacing(record) as path:  # the release's own list; its paths resolve from `outputs` too
        path.write_bytes((current / release.CHECKSUMS).read_bytes())
    log.info("published release %s", release.current_id(outputs))


def write_documentation(tables: Sequence[tuple], root: Path, sources: Sequence[Mapping]) -> None:
    """The codebook, quality report, data package, figures and index page, generated from the schemas and data."""
    by_name = {table_shape.name: table for table_shape, table in tables}
    files.write_text(docs.codebook(tables, sources), root / "codebook.md")
    files.write_text(docs.quality_report(by_name["quality_findings"]), root / "quality_report.md")
    package = json.dumps(docs.datapackage(tables, sources), indent=2, ensure_ascii=False)
    files.write_text(package + "\n", root / "datapackage.json")
    drawn = figures.write(by_name, root / "figures")
    names = sorted({p.stem for p in drawn}, key=list(figures.FIGURES).index)
    files.write_text(report.page(tables, names, sources), root / "index.html")
    log.info("codebook, quality report, data package, %d figures and index.html written", len(drawn))
