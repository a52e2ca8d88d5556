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
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tip_gms import built_from, checks, confirmations, datasets, document, doubts, files, source, stop_list
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.paths import lines, ocr_cache, staged
from tip_gms.pdf import ocr
from tip_gms.reports import Report
from tip_gms.shapes import shape, to_arrow
from tip_gms.validation import validate, validate_each

log = logging.getLogger("tip_gms")


def read_source(report: Report, path: str, source_format: str, data: bytes | None = None,
                confirmed: Sequence[confirmations.Confirmation] = (), confirmed_in: str = "", *,
                scan: ocr.Options = ocr.DEFAULT) -> document.ParsedSource:
    """A text or PDF source parsed into the document model; from `data`, its bytes, where they were read (and
    checked) already; its scanned pages read as `scan` says. A scan's words get the values a person confirmed
    (`confirmed`, from the file `confirmed_in`), and a word where a figure should be that is none is set aside
    (tip_gms.doubts)."""
    applied, unreadable = [], []
    if source_format == "pdf":
        from tip_gms import pdf

        raw_lines, printed = pdf.read(path, data=data, scan=scan)
        if confirmed or any(p.words for p in printed):
            raw_lines, printed, applied = confirmations.apply(raw_lines, printed, confirmed, confirmed_in)
            raw_lines, unreadable = doubts.unreadable(raw_lines, printed, {a.confirmation.key for a in applied})
    else:
        raw_lines, printed = source.read_lines(path, data), None
    try:
        source.check_text(raw_lines, path)
        model = document.parse(report, raw_lines, printed)
        model.confirmed, model.unreadable = applied, unreadable
        return model
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
    parsed, errors, data_of = {}, [], {}
    for spec in sources:
        try:
            data_of[spec["id"]] = data = source.read_pinned(spec["path"], spec["sha256"])
            pinned = spec.get("confirmations")
            scan = ocr.Options(cache=ocr_cache(outputs), text_layer=spec.get("text_layer", "ocr"))
            parsed[spec["id"]] = read_source(reports[spec["id"]], spec["path"], spec["format"], data,
                                             confirmations.read_pinned(pinned), pinned["path"] if pinned else "",
                                             scan=scan)
            source.check_unchanged(spec["path"], data)
        except SourceErrors as many:
            errors += many.errors
        except SourceError as error:
            errors.append(error.where(file=spec["path"]))
    try:
        built = build(parsed, reports, files_of)
    except SourceErrors as many:
        pdfs = {spec["path"] for spec in sources if spec["format"] == "pdf"}
        errors += [_on_pdf(error) if error.file in pdfs and not isinstance(error, stop_list.Unconfirmed) else error
                   for error in many.errors]
    for error in errors:
        if isinstance(error, stop_list.Unconfirmed):
            stop_list.write_crops(error.doubts, data_of[error.source_id], stop_list.folder(outputs, error.source_id))
    if errors:
        raise errors[0] if len(errors) == 1 and isinstance(errors[0], stop_list.Unconfirmed) else SourceErrors(errors)
    for spec in sources:
        for name, frame in built[spec["id"]].items():
            files.write_parquet(to_arrow(frame, shape(name, datasets.schema(name))), staged(outputs, spec["id"], name))
        files.write_parquet(_lines(parsed[spec["id"]]), lines(outputs, spec["id"]))
        built_from.stamp(outputs, spec, code, ocr.engine() if parsed[spec["id"]].scanned else None)
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
                errors.extend(problems(source_id, error, name) for error in many.errors if not _unread(error, model))
            except SourceError as error:
                errors.extend([problems(source_id, error, name)] if not _unread(error, model) else [])
        if frames:
            validated(name, frames)
    if errors:  # the checks compare whole datasets: they wait for a source that builds
        raise SourceErrors(errors + _unsure(parsed, built, files_of, {s: m.unreadable for s, m in parsed.items()}))
    checked = {source_id: _with_pages(checks.run(model, reports[source_id], built[source_id], totals[source_id]),
                                      model)
               for source_id, model in parsed.items() if checks.OUTPUT in reports[source_id].datasets}
    if checked:
        validated(checks.OUTPUT, checked)
    errors += [SourceError("a line of a scan that holds figures but no OCR words (the reader gave it none): they "
                           "cannot be shown to a person, nor published", value=line.raw, line=line.number,
                           page=line.page, file=files_of[source_id])
               for source_id, model in parsed.items() if model.scanned
               for line in doubts.without_words(model, built[source_id])]
    errors += _unsure(parsed, built, files_of, {
        source_id: [*model.unreadable, *doubts.after_checks(model, built[source_id], totals[source_id],
                                                            {a.confirmation.key for a in model.confirmed})]
        for source_id, model in parsed.items() if model.scanned})
    if errors:
        raise SourceErrors(errors)
    return built


def _unread(error: SourceError, model: document.ParsedSource) -> bool:
    """Whether a builder's error is on a line where a scan holds no figure where one should be: that word is
    listed for a person to confirm, and the error would only say it again. A value the builder cannot read
    that holds an OCR word with a digit ('and.12,345' for 'and 12,345') is such a word too."""
    if error.line is None or not model.scanned:
        return False
    model.unreadable += doubts.in_value(model.lines[error.line - 1], error.value, model.confirmed)
    return any(doubt.line == error.line for doubt in model.unreadable)


def _unsure(parsed: Mapping[str, document.ParsedSource], built: Mapping[str, Mapping[str, pd.DataFrame]],
            files_of: Mapping[str, str], found: Mapping[str, list[doubts.Doubt]]) -> list[SourceError]:
    """For each scan with figures that are not sure, the stop that lists them, each with what it feeds."""
    return [stop_list.Unconfirmed(doubts.described(doubts.once(unsure), parsed[source_id], built[source_id]),
                                  source_id=source_id, file=files_of[source_id],
                                  confirmations=confirmations.path_for(source_id))
            for source_id, unsure in found.items() if unsure]


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
    """The frame with the page of each row's line (PDF sources; empty for text) and, for a scan, the lowest OCR
    confidence of that line's words and what a person confirmed on it."""
    lines = [model.lines[int(line) - 1] for line in frame["source_line"]]
    sure = {applied.confirmation.key for applied in model.confirmed}
    confirmed = {}
    for applied in model.confirmed:
        c = applied.confirmation
        confirmed.setdefault(applied.line, []).append(f"page {c.page}, OCR read {json.dumps(c.ocr)}, the page prints "
                                                      f"{json.dumps(c.value)}")
    return frame.assign(
        source_page=[line.page for line in lines],
        ocr_confidence_min=[min((w[1] for w in line.words if (w[2], tuple(w[3])) not in sure), default=100.0)
                            if line.words else None for line in lines],
        confirmed_by_person=[f"confirmed by a person: {'; '.join(confirmed[line.number])}"
                             if line.number in confirmed else None for line in lines])


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
