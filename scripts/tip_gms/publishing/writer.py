"""Writing a release: the CSV, DuckDB file and Parquet of every dataset, and the codebook, quality report, data
package, figures, index page and archive generated from them, into a new release folder that
tip_gms.publishing.release switches in at once; then a few lines on what was published and what changed.

The data version is the hash of the CSV files, so the CSV files are written first and everything that states
the version (the DuckDB file, the data package, the page, the archive's name) after them."""

from __future__ import annotations

import hashlib
import json
import logging
import textwrap
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import files
from tip_gms.datasets import schema
from tip_gms.publishing import archive, changes, database, docs, figures, page, release, views
from tip_gms.publishing import sources as sources_view
from tip_gms.reports import CHECKED, Report
from tip_gms.shapes import Shape, shape

log = logging.getLogger("tip_gms")
summary = logging.getLogger("tip_gms.summary")  # the run's outcome, for the console
DATABASE = "tip_gms.duckdb"


def data_version(csv_folder: Path) -> str:
    """The version of the data: the first 12 hex digits of the sha256 of every CSV file's name and bytes, in
    name order. Identical data, identical version; the documents that state it are not part of it."""
    digest = hashlib.sha256()
    for path in sorted(csv_folder.glob("*.csv")):
        digest.update(f"{path.name}\0{release.sha256_of(path)}\n".encode())
    return digest.hexdigest()[:12]


def write_release(combined: Mapping[str, pa.Table], reports: Sequence[Report], sources: Sequence[Mapping],
                  outputs: str, record: str, *, made_from: Mapping, release_settings: Mapping) -> None:
    """Publish the tables (dataset -> every source's rows) as CSV, the DuckDB file and Parquet (paths relative
    to `outputs`: csv/<dataset>.csv, DATABASE, parquet/<dataset>.parquet) and the documents generated from
    them, as one release; copy the release's list of sums to `record`; say what changed since the last one.
    The release keeps the record of what it was `made_from` (tip_gms.built_from) beside it."""
    tables = [(shape(name, schema(name)), table) for name, table in combined.items()]
    before = _published(outputs)
    previous = changes.previous(Path(outputs) / release.CURRENT)
    run = {"published_at": datetime.now(UTC).isoformat(timespec="seconds"), **made_from}
    title = release_settings["title"]
    with release.building(outputs, run) as root:
        for table_shape, table in tables:
            files.write_csv(table, root / "csv" / f"{table_shape.name}.csv")
        version = data_version(root / "csv")
        changed = changes.write(changes.compare(previous, tables, before["version"], version), root,
                                Path(outputs) / release.CURRENT, same_data=before["version"] == version)
        database.write(root / DATABASE, tables, {"version": version, "title": title, "sources": sources},
                       views.declared(reports))
        for table_shape, table in tables:
            files.write_parquet(table, root / "parquet" / f"{table_shape.name}.parquet")
            log.info("%s: %d rows published", table_shape.name, table.num_rows)
        _documentation(tables, reports, sources, root, title, version, outputs, changed)
    with files.replacing(record) as path:  # the release's own list; its paths resolve from `outputs` too
        path.write_bytes((Path(outputs) / release.CURRENT / release.CHECKSUMS).read_bytes())
    log.info("published release %s", release.current_id(outputs))
    for line in outcome(tables, version, before, outputs, changed):
        for part in textwrap.wrap(line, 110, subsequent_indent="  ", break_on_hyphens=False):
            summary.info("%s", part)


def _documentation(tables: Sequence[tuple[Shape, pa.Table]], reports: Sequence[Report], sources: Sequence[Mapping],
                   root: Path, title: str, version: str, outputs: str, changed: Mapping) -> None:
    """The source and its view, the codebook, quality report, data package, figures, README, rights, archive and
    index page, generated from the schemas and data (the page reads the figures' citations from the DuckDB
    file's view, as users do)."""
    by_name = {table_shape.name: table for table_shape, table in tables}
    cite_as = {document.doc_id: document.cite_as for report in reports for document in report.documents}
    cite = sources_view.Citations(cite_as, sources_view.write(sources, reports, outputs, root, title, version))
    documents = {"codebook": docs.codebook(tables, sources, version, cite)}
    if CHECKED in by_name:
        documents["quality_report"] = docs.quality_report(by_name[CHECKED], cite)
    for name, text in documents.items():
        files.write_text(text, root / f"{name}.md")
        files.write_text(page.document(text, title, version, f"{name}.md"), root / f"{name}.html")
    files.write_text(docs.codebook_csv(tables), root / "codebook.csv")
    package = json.dumps(docs.datapackage(tables, sources, reports, title, version), indent=2, ensure_ascii=False)
    files.write_text(package + "\n", root / "datapackage.json")
    files.write_text(docs.readme(title, version, sources, reports), root / "README.md")
    files.write_text(docs.rights(reports) + "\n", root / "LICENSE")
    cited = database.rows(root / DATABASE, "key_figures_cited")
    worded = pa.Table.from_pylist([{key: row[key] for key in ("doc_id", "figure_id", "figure")} for row in cited])
    drawn = figures.write({**by_name, "key_figures_cited": worded} if cited else by_name, cite_as, root / "figures",
                          reports)

    def index(packed: Path | None) -> str:
        return page.index(tables, drawn, sources, title, version, packed, cited, docs.rights(reports), cite,
                          changed)

    packed = archive.write(root, version, index(None))
    files.write_text(index(packed), root / "index.html")
    log.info("source view, codebook, quality report, data package, %d figures, archive and index.html written",
             len(drawn))


def _published(outputs: str) -> dict:
    """What the release being replaced published: its data version and failing checks (empty if none)."""
    current = Path(outputs) / release.CURRENT
    try:
        failing = pq.read_table(current / "parquet" / f"{CHECKED}.parquet",
                                columns=["doc_id", "check_id", "status"]).to_pylist()
    except (OSError, pa.ArrowInvalid):
        failing = None
    archives = sorted(current.glob(archive.name("*")))
    version = archives[0].name.removeprefix("tip_gms-").removesuffix(".zip") if archives else None
    return {"version": version,
            "findings": None if failing is None else {(r["doc_id"], r["check_id"]) for r in failing
                                                      if r["status"] == "fail"}}


def outcome(tables: Sequence[tuple[Shape, pa.Table]], version: str, before: Mapping, outputs: str,
            changed: Mapping | None = None) -> list[str]:
    """A few lines for the console: the version, the datasets and rows, the findings, which findings are new
    or gone since the release before, and which datasets changed (tip_gms.publishing.changes)."""
    rows = sum(table.num_rows for _, table in tables)
    counts = ", ".join(f"{table_shape.name} {table.num_rows}" for table_shape, table in tables)
    lines = [f"published data version {version}: open {outputs}/index.html; archive {outputs}/{archive.name(version)}",
             f"{len(tables)} datasets, {rows} rows: {counts}"]
    findings = next((table for table_shape, table in tables if table_shape.name == CHECKED), None)
    if findings is not None:
        failing = {(r["doc_id"], r["check_id"]) for r in findings.to_pylist() if r["status"] == "fail"}
        lines.append(f"{findings.num_rows} checks, {len(failing)} findings: the source disagrees with itself "
                     f"({outputs}/quality_report.html)")
        if before["version"] == version:
            lines.append("the same data as the release before")
        elif before["findings"] is not None:
            new, gone = sorted(failing - before["findings"]), sorted(before["findings"] - failing)
            news = [f"{len(found)} {what}: {_listed(found)}" for what, found in (("new", new), ("gone", gone))
                    if found]
            lines.append(f"findings since data version {before['version']}: " + ("; ".join(news) or "the same"))
    if changed is not None and changed["since"] is not None and before["version"] != version:
        lines.append(f"changes {changes.summary(changed)} ({outputs}/{changes.MARKDOWN})")
    return lines


def _listed(findings: Sequence[tuple[str, str]], at_most: int = 4) -> str:
    names = [check_id for _, check_id in findings]
    return ", ".join(names[:at_most]) + (f" and {len(names) - at_most} more" if len(names) > at_most else "")
