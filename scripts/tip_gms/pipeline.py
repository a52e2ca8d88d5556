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

import importlib
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import built_from, checks, datasets, document, files, source
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.paths import lines, ocr_cache, staged
from tip_gms.pdf import ocr
from tip_gms.reports import Report
from tip_gms.shapes import shape, to_arrow
from tip_gms.validation import validate, validate_each

log = logging.getLogger("tip_gms")
def read_source(report: Report, path: str, source_format: str, data: bytes | None = None, *,
                scan: ocr.Options = ocr.DEFAULT) -> document.ParsedSource:
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
        built_from.stamp(outputs, spec, code)
        log.info("%s: %s", spec["id"], ", ".join(f"{name} {len(frame)}" for name, frame in built[spec["id"]].items()))


def _lines(model: document.ParsedSource) -> pa.Table:
    """The source's lines as read: number, page (PDF sources) and text as printed."""
    return pa.table({"line": pa.array([line.number for line in model.lines], pa.int64()),
                     "page": pa.array([line.page for line in model.lines], pa.int64()),
                     "text": pa.array([line.raw for line in model.lines], pa.string())})


def build(parsed: Mapping[str, document.ParsedSource], reports: Mapping[str, Report],
          files_of: Mapping[str, str]) -> dict[str, dict[str, pd.DataFrame]]:
    """Every dataset of every parsed source (source id -> dataset -> rows), each dataset validated once for all
    of them, and the checks' findings; or every problem found, as SourceErrors naming file, dataset and line."""
    built: dict[str, dict[str, pd.DataFrame]] = {source_id: {} for source_id in parsed}
    totals: dict[str, list] = {source_id: [] for source_id in parsed}
    errors: list[SourceError] = []

    def problems(source_id: str, error: SourceError, dataset: str | None = None) -> SourceError:
        return error.where(dataset=dataset, file=files_of[source_id],
                           page=parsed[source_id].page_of(error.line) if error.line else None)

    def validated(name: str, frames: dict[str, pd.DataFrame]) -> None:
        try:
            valid = validate_each(name, datasets.schema(name), frames, problems)
        except SourceErrors as many:
            errors.extend(many.errors)
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
                errors.extend(problems(source_id, error, name) for error in many.errors)
            except SourceError as error:
                errors.append(problems(source_id, error, name))
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


def _with_pages(frame: pd.DataFrame, model: document.ParsedSource) -> pd.DataFrame:
    """The frame with the page of each row's line (PDF sources; empty for text)."""
    return frame.assign(source_page=[model.page_of(line) for line in frame["source_line"]])


def _combined(name: str, paths: Sequence[str]) -> pa.Table:
    """One dataset's staged tables from every source, as one table."""
    arrow_schema = shape(name, datasets.schema(name)).arrow_schema()
    return pa.concat_tables([pq.read_table(path, schema=arrow_schema) for path in paths])


def derive(name: str, tables: Mapping[str, pa.Table], reports: Sequence[Report], inputs: Mapping[str, str]) -> pa.Table:
    """A derived dataset (indicators, countries), computed from the datasets of every source (and the files of
    `inputs` that it reads, by name) and validated."""
    schema = datasets.schema(name)
    frame = validate(name, schema, importlib.import_module(f"tip_gms.derived.{name}").derive(tables, reports, inputs))
    log.info("%s: %d rows derived", name, len(frame))
    return to_arrow(frame, shape(name, schema))


def publish(sources: Sequence[Mapping], derived: Sequence[str], basedir: str, outputs: str, record: str,
            build_code: str, code: str, release: Mapping, indicators: str) -> None:
    """Combine the staged datasets of every source, derive the datasets computed from them, and publish all as
    one release (tip_gms.publishing.publish), unless the current one was made from the same (tip_gms.built_from);
    list what was published in `record` (sha256sum format, paths relative to `outputs`). `indicators`: the
    indicators' definitions (workflow/indicators.yaml). A failure leaves the current release as it was."""
    reports = [Report.from_config(spec, basedir) for spec in sources]
    names = list(dict.fromkeys(name for report in reports for name in report.datasets))
    paths = {name: [staged(outputs, r.source_id, name) for r in reports if name in r.datasets] for name in names}
    staged_files = [path for group in paths.values() for path in group] + [lines(outputs, r.source_id) for r in reports]
    settings = {"derived": derived, "release": release, "indicators": Path(indicators).read_text(encoding="utf-8")}
    made = built_from.made_from(outputs, sources, staged_files, config=settings,
                                code=code, build_code=build_code)
    if built_from.reused(outputs, record, made):
        return
    from tip_gms.publishing.writer import write_release  # here: neither the build nor the above needs DuckDB

    combined = {name: _combined(name, [str(path) for path in group]) for name, group in paths.items()}
    combined |= {name: derive(name, combined, reports, {"indicators": indicators}) for name in derived}
    write_release(combined, reports, sources, outputs, record, made_from=made, release_settings=release)
