"""Documents generated from the schemas and the data: the codebook, the quality report and the Frictionless
data package descriptor. Nothing here is written by hand twice: words come from the schemas, the check
docstrings and the indicator definitions."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from schemas.base import NORMALISATIONS
from tip_gms import datasets, pdf
from tip_gms.checks.base import CHECKS
from tip_gms.publishing.sources import Citations, line_ranges
from tip_gms.reports import Report
from tip_gms.shapes import Shape

FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
                      "date": "date"}


def rights(reports: Sequence[Report]) -> str:
    """Who holds the rights to what the data are read from, and what that means for reuse (README, "Licence")."""
    cited = " ".join(document.citation for report in reports for document in report.documents)
    return (f"The source documents remain the property of their authors and publishers: {cited} No open licence "
            "is known for them, and none is granted here: the source is not ours to license. The release carries "
            "the source file (source/) only so that every value can be checked against the line that prints it. "
            "The datasets are facts read from those documents "
            "(figures, names, dates, tiers), short quotations of them (sentences, definitions, titles), and the "
            "structure tip-gms adds (keys, ISO codes, units, consistency checks). Reuse the quotations as the "
            "quotation or fair-use rules of your jurisdiction allow; for more, ask the rights holders. The tip-gms "
            "code that builds the data is under the MIT licence.")


def attribution(title: str, version: str) -> str:
    """How to cite the data: the source of every value, and the data themselves."""
    return ("Cite the source document of every value you use: each row names it (doc_id; its citation is in the "
            "documents dataset) and its line (source_line); the view key_figures_cited gives each key figure with "
            f"a citation to copy. Cite the data as: tip-gms, {title}, data version {version}.")


def readme(title: str, version: str, sources: Sequence[Mapping], reports: Sequence[Report]) -> str:
    """The release's README: what it is, what it holds, how to cite it, the rights, and how to verify it."""
    files = "; ".join(f"`source/{Path(spec['path']).name}` (sha256 `{spec['sha256']}`)" for spec in sources)
    return "\n".join([
        f"# {title}", "", f"Data version `{version}`, built by tip-gms. Open `index.html` in a browser: it needs no "
        "network. Every value names the document and line of the source that prints it, and links to that line.",
        "", "## Contents", "",
        "- `index.html`: what the data say, with a citation to every line; the downloads, figures and checks.",
        "- `codebook.html` (`codebook.md`, `codebook.csv`): every dataset and column, type, unit and allowed values.",
        "- `quality_report.html` (`.md`): every consistency check run on the source, and its result.",
        f"- `source/`: the source as it was read, {files}, and its view (`.html`): every line under its number "
        "(and page, for a PDF).",
        "- `tip_gms.duckdb`: every dataset as a table, with keys, comments and views (DuckDB 1.x and 2.x).",
        "- `csv/`, `parquet/`: one file per dataset; `datapackage.json` describes the CSV files.",
        "- `figures/`: the figures as SVG and PNG.", "",
        "## How to cite", "", attribution(title, version), "",
        "## Rights", "", rights(reports) + " (also in `LICENSE`)", "",
        "The whole source is included, not only the lines the data cite: its sha256 can then be checked against "
        "the one it was pinned by (above, and in `datapackage.json`), and each cited line read in its context.", "",
        "## How to verify", "",
        "- `sha256sum -c SHA256SUMS`: every file of this folder is the one published.",
        "- `frictionless validate datapackage.json`: the CSV files match their schemas.",
        *(f"- `sha256sum source/{Path(spec['path']).name}`: the source is the pinned one, `{spec['sha256']}`."
          for spec in sources), ""])


def normalisations(name: str) -> list[str]:
    """What the pipeline does to the source's text on the way into a dataset (schema module NORMALISATIONS)."""
    return [*NORMALISATIONS, *getattr(datasets.module("schemas", name), "NORMALISATIONS", [])]


def _lines(table: pa.Table) -> str:
    lines = table.column("source_line").to_pylist()
    return f"{min(lines)}-{max(lines)}" if lines else "none"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def codebook(tables: Sequence[tuple[Shape, pa.Table]], sources: Sequence[Mapping], version: str,
             cite: Citations | None = None) -> str:
    """The codebook: per dataset its description, key, rows, source lines, an example row linked to its line in
    the view of the source (`cite`) and normalisations; per column its type, unit, description and allowed
    values."""
    out = ["# tip-gms codebook", "",
           f"Data version `{version}`. Generated from the pandera schemas in `schemas/` by the pipeline; do not "
           "edit by hand.", "",
           "Sources: " + "; ".join(f"`{s['path']}` (sha256 `{s['sha256']}`)" for s in sources) + ".", "",
           "| dataset | rows | key |", "|---|---|---|"]
    out += [f"| [{shape.name}](#{shape.name}) | {table.num_rows} | {', '.join(shape.key)} |" for shape, table in tables]
    for shape, table in tables:
        out += ["", f"## {shape.name}", "", shape.description, "",
                f"- Key: {', '.join(f'`{k}`' for k in shape.key)}",
                f"- Rows: {table.num_rows}; source lines covered: {_lines(table)}",
                f"- Files: `csv/{shape.name}.csv`, `parquet/{shape.name}.parquet`, table `{shape.name}` in "
                "`tip_gms.duckdb`", *_example(shape, table, cite), "", "Normalisations:", ""]
        out += [f"- {rule}" for rule in normalisations(shape.name)]
        out += ["", "| column | type | unit | null | description | allowed values |", "|---|---|---|---|---|---|"]
        for c in shape.columns:
            allowed = ", ".join(f"`{v}`" for v in c.allowed_values) if c.allowed_values else ""
            if c.references:
                allowed = (allowed + " " if allowed else "") + f"keys of `{c.references}`"
            out.append(f"| `{c.name}` | {c.kind} | {c.unit or ''} | {'yes' if c.nullable else 'no'} | "
                       f"{_cell(c.description)} | {allowed} |")
        if shape.name == "indicators":
            out += ["", "Indicator definitions:", "", "| indicator_id | unit | inputs | definition |",
                    "|---|---|---|---|"]
            defined = {row["indicator_id"]: row for row in table.select(["indicator_id", "unit", "inputs",
                                                                            "definition"]).to_pylist()}
            out += [f"| `{d['indicator_id']}` | {d['unit']} | {d['inputs'].replace(';', ', ')} | "
                    f"{_cell(d['definition'])} |" for d in defined.values()]
    return "\n".join([*out, *_reading_pdf_sources()]) + "\n"


def _example(shape: Shape, table: pa.Table, cite: Citations | None) -> list[str]:
    """The dataset's first row, by its key, with a link to the line that prints it."""
    if cite is None or not table.num_rows or "source_line" not in table.column_names:
        return []
    row = table.slice(0, 1).to_pylist()[0]
    named = [column for column in shape.key if column != "doc_id"] or list(shape.key)  # doc_id: in the link
    key = ", ".join(f"`{column}` = `{row[column]}`" for column in named)
    where = cite.text(row["doc_id"], row["source_line"], row.get("source_page"))
    return [f"- Example, the first row: {key}; read from [{where}]({cite.href(row['doc_id'], row['source_line'])})"]


CODEBOOK_COLUMNS = ("dataset", "column", "type", "unit", "nullable", "description", "allowed_values")


def codebook_csv(tables: Sequence[tuple[Shape, pa.Table]]) -> str:
    """The data dictionary as CSV: one row per dataset and column, its type (as the codebook and the data
    package name it), unit, whether it may be null, description and allowed values (separated by '; ')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CODEBOOK_COLUMNS)
    for shape, _ in tables:
        for c in shape.columns:
            allowed = list(c.allowed_values or ()) + ([f"keys of {c.references}"] if c.references else [])
            writer.writerow([shape.name, c.name, c.kind, c.unit or "", "yes" if c.nullable else "no",
                             c.description, "; ".join(map(str, allowed))])
    return out.getvalue()


def _reading_pdf_sources() -> list[str]:
    """How a PDF source is read into lines (tip_gms.pdf): what `source_line` counts there, and which words
    are dropped."""
    out = ["", "## Reading PDF sources", "",
           "A PDF source is read into the lines a text source has; `source_line` counts those lines and "
           "`source_page` is the page. Every word on every page reaches a line or is dropped by one of the "
           "rules below; any other word stops the run. The lines are rebuilt by these rules:", ""]
    out += [f"- **{name}**: {rule}" for name, rule in pdf.READING.items()]
    out += ["", "Words dropped:", ""]
    out += [f"- **{name}**: {rule}" for name, rule in pdf.DROPPED.items()]
    return out


def quality_report(findings: pa.Table, cite: Citations | None = None) -> str:
    """Every check that was run with its result; failing ones first."""
    rows = sorted(findings.to_pylist(), key=lambda r: (r["status"] != "fail", r["check_id"]))
    failed = sum(r["status"] == "fail" for r in rows)
    out = ["# Quality report", "",
           f"{len(rows)} checks were run on the source; {failed} found the source disagreeing with itself. "
           "A failing check is a finding about the source: it is reported here and in the `quality_findings` "
           "dataset, never corrected in the data.", "",
           "## What is checked", ""]
    out += [f"- {' '.join((function.__doc__ or name).split())}" for name, (_, _, function) in CHECKS.items()]
    out += ["", "## Results", "", "| status | severity | check | expected | observed | lines | message |",
            "|---|---|---|---|---|---|---|"]
    out += [f"| {r['status']} | {r['severity']} | `{r['check_id']}` | {_cell(r['expected'])} | "
            f"{_cell(r['observed'])} | {_lines_cited(r, cite)} | {_cell(r['message'])} |" for r in rows]
    return "\n".join(out) + "\n"


def _lines_cited(row: Mapping, cite: Citations | None) -> str:
    """A check's lines, linked to the first of them in the view of the source."""
    lines = line_ranges(row["source_lines"])
    if cite is None:
        return lines
    where = cite.text(row["doc_id"], row["source_line"], row.get("source_page")).rpartition(", line ")[0]
    return f"[{where}, lines {lines}]({cite.href(row['doc_id'], row['source_line'])})"


def datapackage(tables: Sequence[tuple[Shape, pa.Table]], sources: Sequence[Mapping], reports: Sequence[Report],
                title: str, version: str) -> dict:
    """A Frictionless data package describing the CSV files, generated from the schemas. No `licenses`: no
    standard licence applies to the source's content (see `rights`)."""
    keys = {shape.name: shape.key for shape, _ in tables}
    resources = []
    for shape, _ in tables:
        fields = []
        for c in shape.columns:
            constraints: dict = {"required": not c.nullable}
            if c.allowed_values:
                constraints["enum"] = list(c.allowed_values)
            fields.append({"name": c.name, "type": FRICTIONLESS_TYPES[c.kind],
                           "description": c.description + (f" Unit: {c.unit}." if c.unit else ""),
                           "constraints": constraints})
        foreign_keys = [
            {"fields": c.name, "reference": {"resource": c.references, "fields": keys[c.references][0]}}
            for c in shape.columns
            if c.references in keys and c.references != shape.name and not c.separator
        ]
        resource = {"name": shape.name, "path": f"csv/{shape.name}.csv", "profile": "tabular-data-resource",
                    "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "description": shape.description,
                    "schema": {"fields": fields, "primaryKey": list(shape.key), "missingValues": [""]}}
        if foreign_keys:
            resource["schema"]["foreignKeys"] = foreign_keys
        resources.append(resource)
    names = ", ".join(shape.name for shape, _ in tables)
    return {
        "name": "tip-gms",
        "title": title,
        "version": version,
        "profile": "tabular-data-package",
        "description": f"{title}. Datasets: {names}; each is described below and in codebook.md, and every row "
                       "names the document and line its values were read from. " + rights(reports) + " "
                       + attribution(title, version),
        "rights": rights(reports),
        "citation": attribution(title, version),
        "sources": [{"title": " ".join(document.citation for document in report.documents), "path": spec["path"],
                     "sha256": spec["sha256"]} for spec, report in zip(sources, reports, strict=True)],
        "resources": resources,
    }
