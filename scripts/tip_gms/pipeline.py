"""The pipeline's two stages, as plain functions that the Snakemake rules call (through tip_gms.runner).

build_sources, one job per batch of sources: check each source's pinned sha256, read it (text or PDF) into
the document model, build its datasets in the order their inputs need (tip_gms.datasets), validate each
dataset once for the whole batch, run the checks (tip_gms.checks, whose output is quality_findings), and
stage every dataset of every source as Parquet, with a stamp of what it was built from.

publish, one job: combine the staged datasets of every source, derive the datasets computed from them
(tip_gms.derived), and publish all as one release (tip_gms.publishing).

A stage that meets a bad source stops with one line per problem, every source's problems at once, before
anything is staged or published, so the last good outputs stay as they were.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import checks, datasets, document, files, source
from tip_gms.errors import Refusal, SourceError, SourceErrors
from tip_gms.paths import built_from_pinned, lines, ocr_cache, staged
from tip_gms.pdf import ocr
from tip_gms.reports import Report
from tip_gms.shapes import shape, to_arrow
from tip_gms.validation import validate, validate_each

log = logging.getLogger("tip_gms")
def read_source(report: Report, path: str, source_format: str, data: bytes | None = None, *,
                scan: ocr.Options = ocr.DEFAULT) -> document.Source:
    """A text or PDF source parsed into the document model; from `data`, its bytes, where they were read (and
    checked) already; its scanned pages as `scan` says."""
    if source_format == "pdf":
        from tip_gms import pdf

        raw_lines, printed = pdf.read(path, data=data, scan=scan)
    else:
        raw_lines, printed = source.read_lines(path, data), None
    try:
        source.check_text(raw_lines, path)
        return document.parse(report, raw_lines, printed)
    except SourceError as error:
        if printed is None:
            raise
        page = printed[error.line - 1].page if error.line else None
        raise pdf.located(error, page, path) from None  # its page, and how to see what was read there


def build_sources(sources: Sequence[Mapping], basedir: str, outputs: str, code: str) -> None:
    """Check, read, build, validate and check every dataset of every source in `sources` (config entries);
    stage them, each source with a stamp of the sha256 and code it was built from."""
    reports = {spec["id"]: Report.from_config(spec, basedir) for spec in sources}
    files_of = {spec["id"]: spec["path"] for spec in sources}
    parsed, errors = {}, []
    for spec in sources:
        try:
            data = source.read_pinned(spec["path"], spec["sha256"])
            scan = ocr.Options(cache=ocr_cache(outputs), text_layer=spec.get("text_layer", "ocr"))
            parsed[spec["id"]] = read_source(reports[spec["id"]], spec["path"], spec["format"], data, scan=scan)
            source.check_unchanged(spec["path"], data)
        except SourceError as error:
            errors.append(error.where(file=spec["path"]))
    try:
        built = build(parsed, reports, files_of)
    except SourceErrors as many:
        pdfs = {spec["path"] for spec in sources if spec["format"] == "pdf"}
        errors += [_on_pdf(error) if error.file in pdfs else error for error in many.errors]
    if errors:
        raise SourceErrors(errors)
    for spec in sources:
        for name, frame in built[spec["id"]].items():
            files.write_parquet(to_arrow(frame, shape(name, datasets.schema(name))), staged(outputs, spec["id"], name))
        files.write_parquet(_lines(parsed[spec["id"]]), lines(outputs, spec["id"]))
        files.write_text(json.dumps({"source": spec["id"], "sha256": spec["sha256"], "code": code}) + "\n",
                         staged(outputs, spec["id"]))
        log.info("%s: %s", spec["id"], ", ".join(f"{name} {len(frame)}" for name, frame in built[spec["id"]].items()))


def _lines(model: document.Source) -> pa.Table:
    """The source's lines as read: number, page (PDF sources) and text as printed."""
    return pa.table({"line": pa.array([line.number for line in model.lines], pa.int64()),
                     "page": pa.array([line.page for line in model.lines], pa.int64()),
                     "text": pa.array([line.raw for line in model.lines], pa.string())})


def build(parsed: Mapping[str, document.Source], reports: Mapping[str, Report],
          files_of: Mapping[str, str]) -> dict[str, dict[str, pd.DataFrame]]:
    """Every dataset of every parsed source (source id -> dataset -> rows), each dataset validated once for all
    of them, and the checks' findings; or every problem found, as SourceErrors naming file, dataset and line."""
    built: dict[str, dict[str, pd.DataFrame]] = {source_id: {} for source_id in parsed}
    totals: dict[str, list] = {source_id: [] for source_id in parsed}
    errors: list[SourceError] = []

    def problems(error: SourceError, source_id: str, dataset: str | None = None) -> SourceError:
        return error.where(dataset=dataset, file=files_of[source_id],
                           page=parsed[source_id].page_of(error.line) if error.line else None)

    def validated(name: str, frames: dict[str, pd.DataFrame]) -> None:
        try:
            valid = validate_each(name, datasets.schema(name), frames)
        except SourceErrors as many:  # each names its source by id: say which file, and page, instead
            errors.extend(error.placed(file=files_of[error.file], page=parsed[error.file].page_of(error.line)
                                       if error.line else None) for error in many.errors)
            return
        for source_id in frames:
            built[source_id][name] = valid[source_id]

    for name in datasets.in_build_order(reports[s] for s in parsed):
        frames = {}
        for source_id, model in parsed.items():
            report = reports[source_id]
            if name not in report.datasets:
                continue
            builder = datasets.builder_for(report, name)
            if any(needed not in built[source_id] for needed in builder.inputs):
                continue  # an input failed: its problems are reported already
            context = datasets.Context(model, report, name, {n: built[source_id][n] for n in builder.inputs},
                                       totals[source_id])
            try:
                frames[source_id] = _with_pages(_rows(builder, context), model)
            except SourceErrors as many:
                errors.extend(problems(error, source_id, name) for error in many.errors)
            except SourceError as error:
                errors.append(problems(error, source_id, name))
        if frames:
            validated(name, frames)
    if errors:  # the checks compare whole datasets: they wait for a source that builds
        raise SourceErrors(errors)
    checked = {source_id: _with_pages(checks.run(model, reports[source_id], built[source_id], totals[source_id]),
                                      model)
               for source_id, model in parsed.items() if checks.OUTPUT in reports[source_id].datasets}
    if checked:
        validated(checks.OUTPUT, checked)
    if errors:
        raise SourceErrors(errors)
    return built


def _on_pdf(error: SourceError) -> SourceError:
    """A builder's error on a PDF source, with the reading step that most likely failed and the command that
    shows what was read on its page."""
    from tip_gms import pdf

    return pdf.located(error, error.page, error.file)


def _rows(builder: datasets.Builder, context: datasets.Context) -> pd.DataFrame:
    frame = builder.build(context)
    if frame.empty:
        raise SourceError("no rows: the source no longer has what this dataset is built from")
    return frame


def _with_pages(frame: pd.DataFrame, model: document.Source) -> pd.DataFrame:
    """The frame with the page of each row's line (PDF sources; empty for text)."""
    return frame.assign(source_page=[model.page_of(line) for line in frame["source_line"]])


def check_stamps(sources: Sequence[Mapping], outputs: str, code: str) -> None:
    """Refuse to publish staged datasets that were not built from the pinned sources by this code (a stale
    stage left by a failed job); removing the stamp makes the next run build them again."""
    for spec in sources:
        if not built_from_pinned(outputs, spec, code):
            staged(outputs, spec["id"]).unlink(missing_ok=True)
            raise Refusal(f"the staged datasets of source {spec['path']} were not built from the pinned sha256 and "
                          "the current code (a job that failed left them); run again to build them")


def _combined(name: str, paths: Sequence[str]) -> pa.Table:
    """One dataset's staged tables from every source, as one table."""
    arrow_schema = shape(name, datasets.schema(name)).arrow_schema()
    return pa.concat_tables([pq.read_table(path, schema=arrow_schema) for path in paths])


def derive(name: str, tables: Mapping[str, pa.Table], reports: Sequence[Report]) -> pa.Table:
    """A derived dataset (indicators, countries), computed from the datasets of every source and validated."""
    schema = datasets.schema(name)
    frame = validate(name, schema, importlib.import_module(f"tip_gms.derived.{name}").derive(tables, reports))
    log.info("%s: %d rows derived", name, len(frame))
    return to_arrow(frame, shape(name, schema))


def publish(sources: Sequence[Mapping], derived: Sequence[str], basedir: str, outputs: str, record: str,
            build_code: str, code: str, release: Mapping) -> None:
    """Combine the staged datasets of every source, derive the datasets computed from them, and publish all as
    one release (tip_gms.publishing.publish); list what was published in `record` (sha256sum format, paths
    relative to `outputs`). A failure leaves the current release as it was."""
    from tip_gms.publishing import release as releases

    check_stamps(sources, outputs, build_code)
    reports = [Report.from_config(spec, basedir) for spec in sources]
    names = list(dict.fromkeys(name for report in reports for name in report.datasets))
    paths = {name: [staged(outputs, r.source_id, name) for r in reports if name in r.datasets] for name in names}
    inputs = _digest([path for group in paths.values() for path in group], sources, derived, release, code)
    current = Path(outputs) / releases.CURRENT
    if releases.run_record(outputs).get("inputs") == inputs and not releases.verify(current):
        # Rebuilt, but the staged data came out the same: the published release already holds them.
        with files.replacing(record) as path:
            path.write_bytes((current / releases.CHECKSUMS).read_bytes())
        logging.getLogger("tip_gms.summary").info("nothing new to publish: the data came out the same, and release "
                                                  "%s stays published", releases.current_id(outputs))
        return
    from tip_gms.publishing.writer import write_release  # here: neither the build nor the above needs DuckDB

    combined = {name: _combined(name, [str(path) for path in group]) for name, group in paths.items()}
    combined |= {name: derive(name, combined, reports) for name in derived}
    write_release(combined, reports, sources, outputs, record, code=code, release_settings=release, inputs=inputs)


def _digest(staged_files: Sequence[Path], *settings) -> str:
    """One sha256 over everything a release is made from: the staged data, the config that shapes the documents
    and the code."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for path in staged_files:
        digest.update(path.read_bytes())
    return digest.hexdigest()
