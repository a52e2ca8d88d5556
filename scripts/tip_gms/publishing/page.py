"""The pages of a release, from the templates in publishing/templates/: index.html, the page a reader opens
first (what the data say and where the source disagrees with itself, then the downloads, figures, datasets,
indicators and checks; every link relative to outputs/), and the codebook and quality report as HTML."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from tip_gms.publishing import docs
from tip_gms.publishing.templating import render
from tip_gms.reports import CHECKED
from tip_gms.shapes import Shape


def document(markdown: str, title: str, version: str, markdown_file: str) -> str:
    """A Markdown document (the codebook, the quality report) as a page of its own."""
    heading = next((line.removeprefix("# ") for line in markdown.splitlines() if line.startswith("# ")), title)
    return render("document.html.j2", text=markdown, heading=heading, title=title, version=version,
                  markdown_file=markdown_file)


def line_ranges(lines: str) -> str:
    """'477;478;479;481' as 'lines 477-479, 481': a list of lines that reads, and wraps."""
    numbers = sorted({int(n) for n in re.findall(r"\d+", lines)})
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def index(tables: Sequence[tuple[Shape, pa.Table]], figures: Mapping[Path, str], sources: Sequence[Mapping],
          title: str, version: str, archive: Path, cited: Sequence[Mapping], rights: str) -> str:
    """The index page. `figures`: each figure's path (without suffix) and title; `cited`: the rows of the view
    key_figures_cited (the figures as the source qualifies them, with their citations); `archive`: the release's
    archive; `rights`: who holds the rights to what."""
    rows = {table_shape.name: table.to_pylist() for table_shape, table in tables
            if table_shape.name in ("documents", "countries", "indicators", "key_figures", CHECKED)}
    cite_as = {d["doc_id"]: d["cite_as"] for d in rows.get("documents", [])}
    names = {c["iso3"]: c["name"] for c in rows.get("countries", [])}
    curated = {(f["doc_id"], f["figure_id"]): i for i, f in enumerate(rows.get("key_figures", []))}  # registry order
    said: dict[str, list] = {}
    for figure in sorted(cited, key=lambda f: (f["iso3"] is not None, names.get(f["iso3"], f["iso3"] or ""),
                                                curated.get((f["doc_id"], f["figure_id"]), 0))):
        group = names.get(figure["iso3"], figure["iso3"]) or "Region and world"
        said.setdefault(group, []).append({**figure, "cite_as": cite_as.get(figure["doc_id"], figure["doc_id"])})
    checks = [{**check, "cite_as": cite_as.get(check["doc_id"], check["doc_id"]),
               "lines": line_ranges(check["source_lines"])}
              for check in sorted(rows.get(CHECKED, []), key=lambda c: (c["status"] != "fail", c["doc_id"],
                                                                         c["check_id"]))]
    indicators: dict[str, dict] = {}
    for row in rows.get("indicators", []):
        indicator = indicators.setdefault(row["indicator_id"], {"id": row["indicator_id"], "unit": row["unit"],
                                                                "definition": row["definition"], "rows": []})
        indicator["rows"].append({**row, "cite_as": cite_as.get(row["doc_id"], row["doc_id"])})
    return render(
        "index.html.j2", title=title, version=version, sources=sources,
        said=[{"name": name, "figures": figures} for name, figures in said.items()],
        disagreements=[check for check in checks if check["status"] == "fail"], checks=checks,
        archive={"name": archive.name, "size": f"{archive.stat().st_size / 1e6:.1f} MB"},
        figures=[{"stem": path.stem, "caption": f"{caption} ({cite_as.get(path.stem.split('-', 1)[1], '')})"}
                 for path, caption in figures.items()],
        datasets=[{"name": table_shape.name, "rows": table.num_rows, "description": table_shape.description}
                  for table_shape, table in tables],
        indicators=list(indicators.values()),
        rights=rights, citation=docs.attribution(title, version),
    )
