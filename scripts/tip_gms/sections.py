"""Where a line sits in its document: the path of headings above it and the country that part is about.

A report is organised by the countries of its region (workflow/config.yaml, `region`): a heading that names
one of them ("Kenya:", "Kenya K1. Present Situations", "Shelters in Kenya") starts or
continues that country's part; a heading that names the region as a whole starts a regional part; any
other heading stays in the part it is in. A report without a region has no country parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tip_gms import countries
from tip_gms.document import HEADING, Document, numbered_headings
from tip_gms.reports import Region

PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class Place:
    section: str  # heading path, e.g. "Kenya: > K2-1. Legal Framework"
    iso3: str | None  # the country this part of the document is about; None for regional parts
    heading_line: int  # line of the nearest heading above (the document's first line if none)


def countries_named_in(text: str, region: Region | None) -> list[str]:
    """ISO3 codes of the region's countries that `text` names, in order of first mention."""
    return countries.named_in(text, region.countries) if region else []


def places(document: Document, region: Region | None, section_codes: re.Pattern | None = None) -> dict[int, Place]:
    """The place of every line of a document, by line number; a heading line that holds two numbered headings
    (`section_codes`) is both."""
    part, part_iso3, under, heading_line = None, None, [], document.first_line
    out: dict[int, Place] = {}
    group: list[str] = []
    title = document.title  # one heading, over however many lines or paragraphs it is printed
    for line in document.lines:
        if line in title[1:]:
            group[-1] += f" {line.text}"
        elif line.kind == HEADING:
            if not group:
                heading_line = line.number
            group += numbered_headings(line.text, section_codes)
        elif group and line.number > title[-1].number:
            part, part_iso3, under = _enter(" ".join(group), group, part, part_iso3, region)
            group = []
        path = PATH_SEPARATOR.join(dict.fromkeys(p for p in [part, *under] if p))
        out[line.number] = Place(path, part_iso3, heading_line)
    return out


def _enter(text: str, lines: list[str], part: str | None, iso3: str | None, region: Region | None):
    """The new (part heading, part country, headings under it) after a group of heading lines."""
    if region and region.named_in(text):
        return None, None, lines
    named = countries_named_in(text, region)
    if len(named) == 1 and named[0] != iso3:
        return lines[0], named[0], lines[1:]
    return part, iso3, lines
