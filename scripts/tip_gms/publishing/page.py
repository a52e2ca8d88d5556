"""The pages of a release, from the templates in publishing/templates/: index.html, the page a reader opens
first (what the data say and where the source disagrees with itself, then the downloads, figures, datasets,
indicators and checks; every link relative to outputs/), and the codebook and quality report as HTML."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from tip_gms.publishing import changes, docs
from tip_gms.publishing.sources import Citations, line_ranges, view_of
from tip_gms.publishing.templating import render
from tip_gms.reports import CHECKED
from tip_gms.shapes import Shape


def document(markdown: str, title: str, version: str, markdown_file: str) -> str:
    """A Markdown document (the codebook, the quality report) as a page of its own."""
    heading = next((line.removeprefix("# ") for line in markdown.splitlines() if line.startswith("# ")), title)
    return render("document.html.j2", text=markdown, heading=heading, title=title, version=version,
                  markdown_file=markdown_file)


def index(tables: Sequence[tuple[Shape, pa.Table]], figures: Mapping[Path, str], sources: Sequence[Mapping],
          title: str, version: str, archive: Path | None, cited: Sequence[Mapping], rights: str,
          cite: Citations, changed: Mapping) -> str:
    """The index page. `figures`: each figure's path (without suffix) and title; `cited`: the rows of the view
    key_figures_cited (the figures as the source qualifies them, with their citations); `archive`: the release's
    archive (None: the page inside it); `rights`: who holds the rights to what; `cite`: the citation of a line,
    and the link to it in the view of the source; `changed`: what changed since the release before
    (tip_gms.publishing.changes)."""
    rows = {table_shape.name: table.to_pylist() for table_shape, table in tables
            if table_shape.name in ("countries", "indicators", "key_figures", CHECKED)}
    names = {c["iso3"]: c["name"] for c in rows.get("countries", [])}
    curated = {(f["doc_id"], f["figure_id"]): i for i, f in enumerate(rows.get("key_figures", []))}  # registry order
    by_country: dict[str, list] = {}
    for figure in sorted(cited, key=lambda f: (f["iso3"] is not None, names.get(f["iso3"], f["iso3"] or ""),
                                                curated.get((f["doc_id"], f["figure_id"]), 0))):
        group = names.get(figure["iso3"], figure["iso3"]) or "Region and world"
        by_country.setdefault(group, []).append(_cited(figure, cite))
    checks = [{**_cited(check, cite), "lines": line_ranges(check["source_lines"])}
              for check in sorted(rows.get(CHECKED, []), key=lambda c: (c["status"] != "fail", c["doc_id"],
                                                                         c["check_id"]))]
    indicators: dict[str, dict] = {}
    for row in rows.get("indicators", []):
        indicator = indicators.setdefault(row["indicator_id"], {"id": row["indicator_id"], "unit": row["unit"],
                                                                "definition": row["definition"], "rows": []})
        indicator["rows"].append(_cited(row, cite))
    return render(
        "index.html.j2", title=title, version=version, sources=sources,
        views=[{"name": Path(spec["path"]).name, "view": view_of(spec), "sha256": spec["sha256"]} for spec in sources],
        key_figures=[{"name": name, "figures": figures} for name, figures in by_country.items()],
        disagreements=[check for check in checks if check["status"] == "fail"], checks=checks,
        archive=archive and {"name": archive.name, "size": f"{_unpacked(archive) / 1e6:.1f} MB unpacked"},
        figures=[{"stem": path.stem, "caption": f"{caption} ({cite.cite_as.get(path.stem.split('-', 1)[1], '')})"}
                 for path, caption in figures.items()],
        datasets=[{"name": table_shape.name, "rows": table.num_rows, "description": table_shape.description}
                  for table_shape, table in tables],
        indicators=list(indicators.values()),
        rights=rights, citation=docs.attribution(title, version), changes=_changes(changed),
    )


def _changes(changed: Mapping, shown: int = 5) -> dict:
    """What changed, for the page: a sentence, and per dataset its counts and its first changes in words."""
    listed = dict(zip(changes.touched(changed), changes.counts(changed), strict=True))
    return {"summary": changes.summary(changed),
            "datasets": [{"name": name, "counts": counts.split(": ", 1)[1],
                          "rows": [changes.describe(row) for row in changed["datasets"][name]["changed"][:shown]]}
                         for name, counts in listed.items()]}


def _cited(row: Mapping, cite: Citations) -> dict:
    """A row with its document's short citation (`cite_as`), where it is printed (`cited`: page and line) and
    the link to that line (`href`)."""
    return {**row, "cite_as": cite.cite_as.get(row["doc_id"], row["doc_id"]),
            "cited": cite.text(row["doc_id"], row["source_line"], row.get("source_page")),
            "href": cite.href(row["doc_id"], row["source_line"])}


def _unpacked(archive: Path) -> int:
    """The bytes an archive holds, unpacked: what the page says of its size. Its packed size is not stable from run
    to run, since the DuckDB file's bytes are not, and the page must be (its release id is the hash of it)."""
    with zipfile.ZipFile(archive) as packed:
        return sum(entry.file_size for entry in packed.infolist())
