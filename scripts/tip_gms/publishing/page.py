"""outputs/index.html: the page a person opens first. Figures, every dataset with its row count, description
and files, the indicators, and the quality findings; every link is relative to outputs/."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

import pyarrow as pa

from tip_gms.publishing.figures import FIGURES
from tip_gms.shapes import Shape

_STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.fail{background:#fff1e6}img{max-width:100%;
border:1px solid #eee;margin:.5rem 0}figure{margin:1rem 0}code{font-size:.85rem}"""


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], row_class=None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        f"<tr{' class=' + repr(row_class(row)) if row_class and row_class(row) else ''}>"
        + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page(tables: Sequence[tuple[Shape, pa.Table]], figures: Sequence[Path], sources: Sequence[Mapping],
         title: str) -> str:
    by_name = {shape.name: table for shape, table in tables}
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>tip-gms</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        "<p>Every value below was read from the report by the tip-gms pipeline and carries the document and line "
        "it came from. Source: " + ", ".join(f"<code>{escape(s['path'])}</code> (sha256 <code>"
                                             f"{escape(s['sha256'][:12])}…</code>)" for s in sources) + ".</p>",
        "<p><a href='codebook.md'>Codebook</a> · <a href='quality_report.md'>Quality report</a> · "
        "<a href='datapackage.json'>Data package</a> · <a href='tip_gms.duckdb'>DuckDB file</a></p>",
        "<h2>Figures</h2>",
    ]
    for drawn in figures:
        name, doc_id = drawn.stem.split("-", 1)
        caption = escape(f"{FIGURES[name][0]} ({doc_id})")
        parts.append(f"<figure><img src='figures/{drawn.stem}.svg' alt='{caption}'><figcaption>{caption} "
                     f"(<a href='figures/{drawn.stem}.png'>PNG</a>)</figcaption></figure>")
    parts.append("<h2>Datasets</h2>")
    parts.append(_table(
        ["dataset", "rows", "description", "files"],
        [[f"<code>{shape.name}</code>", str(table.num_rows), escape(shape.description),
          f"<a href='csv/{shape.name}.csv'>CSV</a> · <a href='parquet/{shape.name}.parquet'>Parquet</a>"]
         for shape, table in tables],
    ))
    if "indicators" in by_name:
        rows = by_name["indicators"].to_pylist()
        parts.append("<h2>Indicators</h2>")
        parts.append(_table(
            ["indicator", "group", "period", "value", "unit", "definition"],
            [[f"<code>{r['indicator_id']}</code>", escape(r["breakdown"]), escape(r["period"]),
              escape(f"{r['value']:.4g}" + (f" ({r['value_text']})" if r["value_text"] else "")), r["unit"],
              escape(r["definition"])] for r in rows],
        ))
    if "quality_findings" in by_name:
        rows = sorted(by_name["quality_findings"].to_pylist(), key=lambda r: (r["status"] != "fail", r["check_id"]))
        failed = sum(r["status"] == "fail" for r in rows)
        parts.append(f"<h2>Quality findings</h2><p>{len(rows)} checks; {failed} found the source disagreeing "
                     "with itself (reported, never corrected). Details in the "
                     "<a href='quality_report.md'>quality report</a>.</p>")
        parts.append(_table(
            ["status", "check", "lines", "message"],
            [[r["status"], f"<code>{escape(r['check_id'])}</code>", escape(r["source_lines"]),
              escape(r["message"])] for r in rows],
            row_class=lambda row: "fail" if row[0] == "fail" else "",
        ))
    parts.append("</body></html>\n")
    return "\n".join(parts)
