"""What the config says about a source: the one place report knowledge is read from.

A source's entry in workflow/config.yaml names its documents (how each title starts, how to cite it), its
region, how its sections are numbered, the words its headings use for areas of measures, and, per dataset,
where the builder finds its table or list. Shared code takes these from a `Report` and names no report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from tip_gms.errors import SourceError

# The dataset the consistency checks produce (tip_gms.checks): a source that lists it gets its checks run.
CHECKED = "quality_findings"


@dataclass(frozen=True)
class DocumentSpec:
    doc_id: str
    title_starts_with: str
    citation: str = ""
    cite_as: str = ""


def citation(cite_as: str, line: int, page: int | None = None) -> str:
    """Where a value is printed, to quote after it: 'Author 2007, line 56', or 'Author 2007, p. 3, line 56' in a
    PDF source (whose line numbers count the lines read from it, so the page is what a reader turns to)."""
    return f"{cite_as}, {f'p. {page}, ' if page is not None else ''}line {line}"


@dataclass(frozen=True)
class Region:
    """The countries a report is organised by, and the words that name them as a whole."""

    name: str
    named_as: tuple[str, ...]
    countries: tuple[str, ...]

    @cached_property
    def _named(self) -> re.Pattern | None:
        words = "|".join(map(re.escape, self.named_as))
        return re.compile(rf"\b(?:{words})\b") if words else None

    def named_in(self, text: str) -> bool:
        """Whether `text` names the region as a whole."""
        return bool(self._named and self._named.search(text))


@dataclass(frozen=True)
class Report:
    source_id: str
    documents: tuple[DocumentSpec, ...]
    datasets: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    region: Region | None = None
    section_codes: re.Pattern | None = None
    measure_areas: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    basedir: Path = Path()  # paths in the settings (a key-figures registry) are relative to it

    @classmethod
    def from_config(cls, spec: Mapping, basedir: str | Path = ".") -> Report:
        """The report of one `sources` entry of the config; `basedir` is the workflow's folder."""
        region = spec.get("region")
        return cls(
            source_id=spec["id"],
            basedir=Path(basedir),
            documents=tuple(DocumentSpec(**document) for document in spec["documents"]),
            datasets={name: dict(settings or {}) for name, settings in spec.get("datasets", {}).items()},
            region=Region(region["name"], tuple(region["named_as"]), tuple(region["countries"])) if region else None,
            section_codes=re.compile(spec["section_codes"]) if spec.get("section_codes") else None,
            measure_areas={area: tuple(words) for area, words in spec.get("measure_areas", {}).items()},
        )

    def path(self, relative: str) -> Path:
        """A file named in the settings, beside the workflow's config."""
        return self.basedir / relative

    def settings(self, dataset: str) -> Mapping[str, Any]:
        return self.datasets.get(dataset, {})

    def setting(self, dataset: str, key: str) -> Any:
        """One setting of a dataset; a missing one stops the run naming where it belongs."""
        try:
            return self.settings(dataset)[key]
        except KeyError:
            raise SourceError(f"the config gives no `{key}` for dataset {dataset} of source {self.source_id} "
                              f"(workflow/config.yaml, sources > {self.source_id} > datasets > {dataset})",
                              dataset=dataset) from None

    def measure_area(self, words: str) -> str | None:
        """The area of measures a heading or column header names, if exactly one."""
        text = words.casefold()
        found = {area for area, phrases in self.measure_areas.items() if any(p in text for p in phrases)}
        return found.pop() if len(found) == 1 else None
