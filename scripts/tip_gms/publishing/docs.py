"""Documents generated from the schemas and the data: the codebook, the quality report and the Frictionless
data package descriptor. Nothing here is written by hand twice: words come from the schemas, the check
docstrings and the indicator definitions."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence

import pyarrow as pa

from schemas.base import NORMALISATIONS
from tip_gms import pdf
from tip_gms.checks.base import CHECKS
from tip_gms.derived.indicators import definitions
from tip_gms.reports import Report
from tip_gms.shapes import Shape

FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
                      "date": "date"}


def rights(reports: Sequence[Report]) -> str:
    """Who holds the rights to what the data are read from, and what that means for reuse (README, "Licence")."""
    cited = " ".join(document.citation for report in reports for document in report.documents)
    return (f"The source documents remain the property of their authors and publishers: {cited} No open licence "
            "is known for them, and none is granted here. The datasets are facts read from those documents "
            "(figures, names, dates, tiers), short quotations of them (sentences, definitions, titles), and the "
            "structure tip-gms adds (keys, ISO codes, units, consistency checks). Reuse the quotations as the "
            "quotation or fair-use rules of your jurisdiction allow; for more, ask the rights holders. The tip-gms "
            "code that builds the data is under the MIT licence.")


def attribution(title: str, version: str) -> str:
    """How to cite the data: the source of every value, and the data themselves."""
    return ("Cite the source document of every value you use: each row names it (doc_id; its citation is in the "
            "documents dataset) and its line (source_line); the view key_figures_cited gives each key figure with "
            f"a citation to copy. Cite the data as: tip-gms, {title}, data version {version}.")


def normalisations(name: str) -> list[str]:
    """What the pipeline does to the source's text on the way into a dataset (schema module NORMALISATIONS)."""
    return [*NORMALISATIONS, *getattr(importlib.import_module(f"schemas.{name}"), "NORMALISATIONS", [])]


def _lines(table: pa.Table) -> str:
    lines = table.column("source_line").to_pylist()
    return f"{min(lines)}-{max(lines)}" if lines else "none"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def codebook(tables: Sequence[tuple[Shape, pa.Table]], sources: Sequence[Mapping], version: str) -> str:
    """The codebook: per dataset its description, key, rows, source lines and normalisations; per column
    its type, unit, description and allowed values."""
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
                "`tip_gms.duckdb`", "", "Normalisations:", ""]
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
            out += [f"| `{d['id']}` | {d['unit']} | {', '.join(d['inputs'])} | {_cell(d['definition'])} |"
                    for d in definitions()]
    return "\n".join([*out, *_reading_pdf_sources()]) + "\n"


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


def quality_report(findings: pa.Table) -> str:
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
            f"{_cell(r['observed'])} | {r['source_lines'].replace(';', '; ')} | {_cell(r['message'])} |" for r in rows]
    return "\n".join(out) + "\n"


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
