"""The source in the release: each pinned source file as it was read (`source/<file>`), and a view of it
(`source/<file>.html`) in which every line has an anchor (`#L56`) and, for a PDF source, each page's lines stand
under the page's number (`#p3`). Every citation the release prints links to its line there, so that any value
can be checked offline against the source that prints it.

The whole source is carried, not only the lines the data cite: a reader can then check the file against the
sha256 it was pinned by, and read each cited line in its context (the sentence before, the table around it).
The source remains its authors' (see tip_gms.publishing.docs.rights)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pyarrow.parquet as pq

from tip_gms import files, paths, source
from tip_gms.errors import ConfigError
from tip_gms.publishing.templating import render
from tip_gms.reports import Report, citation

FOLDER = "source"


def view_of(spec: Mapping) -> str:
    """The view of a source (a config entry), relative to the release."""
    return f"{FOLDER}/{Path(spec['path']).name}.html"


def link(view: str, line: int) -> str:
    return f"{view}#L{line}"


def write(sources: Sequence[Mapping], reports: Sequence[Report], outputs: str, root: Path, title: str,
          version: str) -> dict[str, str]:
    """Copy every source into `root`/source/ with its view; return each document's view (doc_id -> path)."""
    views: dict[str, str] = {}
    for spec, report in zip(sources, reports, strict=True):
        name = Path(spec["path"]).name
        target = root / FOLDER / name
        if target.exists():
            raise ConfigError(f"sources: two sources are named {name} ({spec['path']} is the second), and the release "
                              "carries each source under its own name: rename one of the files")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_pinned(spec["path"], spec["sha256"]))
        lines = pq.read_table(paths.lines(outputs, spec["id"])).to_pylist()
        pages = [{"page": page, "lines": list(group)} for page, group in groupby(lines, key=lambda r: r["page"])]
        citations = [document.citation for document in report.documents]
        files.write_text(render("source.html.j2", title=title, version=version, name=name, spec=spec,
                                citations=citations, pages=pages), root / view_of(spec))
        views |= {document.doc_id: view_of(spec) for document in report.documents}
    return views


@dataclass(frozen=True)
class Citations:
    """How the release cites a row: its document's short citation with page and line, and the link to that line
    in the view of its source."""

    cite_as: Mapping[str, str]  # doc_id -> its short citation, 'Author 2007'
    views: Mapping[str, str]  # doc_id -> the view of its source

    def text(self, doc_id: str, line: int, page: int | None = None) -> str:
        return citation(self.cite_as.get(doc_id, doc_id), line, page)

    def href(self, doc_id: str, line: int) -> str:
        return link(self.views[doc_id], line)


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
