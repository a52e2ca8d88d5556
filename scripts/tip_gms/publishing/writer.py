"""Writing a release: the DuckDB file, CSV and Parquet of every dataset, and the codebook, quality report, data
package, figures and index page generated from them, into a new release folder that tip_gms.publishing.release
switches in at once."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from tip_gms import files
from tip_gms.datasets import schema
from tip_gms.publishing import database, docs, figures, page, release
from tip_gms.reports import Report
from tip_gms.shapes import Shape, shape

log = logging.getLogger("tip_gms")
DATABASE = "tip_gms.duckdb"


def write_release(combined: Mapping[str, pa.Table], reports: Sequence[Report], sources: Sequence[Mapping],
                  outputs: str, record: str, *, code: str, release_settings: Mapping, inputs: str = "") -> None:
    """Publish the tables (dataset -> every source's rows) as the DuckDB file, CSV and Parquet (paths relative
    to `outputs`: DATABASE, csv/<dataset>.csv, parquet/<dataset>.parquet) and the documents generated from
    them, as one release; copy the release's list of sums to `record`. The release records what it was made
    from (`inputs`, a digest), so that a rebuild that comes out the same publishes nothing new."""
    tables = [(shape(name, schema(name)), table) for name, table in combined.items()]
    run = {"published_at": datetime.now(UTC).isoformat(timespec="seconds"), "code": code, "inputs": inputs,
           "sources": [{key: spec[key] for key in ("id", "path", "sha256")} for spec in sources]}
    with release.building(outputs, run) as root:
        database.write(root / DATABASE, tables)  # first: its keys catch duplicates across sources
        for table_shape, table in tables:
            files.write_parquet(table, root / "parquet" / f"{table_shape.name}.parquet")
            files.write_csv(table, root / "csv" / f"{table_shape.name}.csv")
            log.info("%s: %d rows published", table_shape.name, table.num_rows)
        _documentation(tables, reports, sources, root, release_settings["title"])
    with files.replacing(record) as path:  # the release's own list; its paths resolve from `outputs` too
        path.write_bytes((Path(outputs) / release.CURRENT / release.CHECKSUMS).read_bytes())
    log.info("published release %s", release.current_id(outputs))


def _documentation(tables: Sequence[tuple[Shape, pa.Table]], reports: Sequence[Report], sources: Sequence[Mapping],
                   root: Path, title: str) -> None:
    """The codebook, quality report, data package, figures and index page, generated from the schemas and data."""
    by_name = {table_shape.name: table for table_shape, table in tables}
    files.write_text(docs.codebook(tables, sources), root / "codebook.md")
    if "quality_findings" in by_name:
        files.write_text(docs.quality_report(by_name["quality_findings"]), root / "quality_report.md")
    package = json.dumps(docs.datapackage(tables, sources, reports, title), indent=2, ensure_ascii=False)
    files.write_text(package + "\n", root / "datapackage.json")
    cite_as = {document.doc_id: document.cite_as for report in reports for document in report.documents}
    drawn = figures.write(by_name, cite_as, root / "figures")
    shown = sorted({p.with_suffix("") for p in drawn}, key=lambda p: (list(figures.FIGURES).index(p.stem.split("-")[0]),
                                                                      p.stem))
    files.write_text(page.page(tables, shown, sources, title), root / "index.html")
    log.info("codebook, quality report, data package, %d figures and index.html written", len(drawn))
