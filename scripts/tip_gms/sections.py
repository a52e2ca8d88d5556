"""Where a line sits in its document: the path of headings above it and the country that part is about.

The report is organised by country: a heading that names one GMS country ("Cambodia:", "Lao PDR L1.
Present Situations", "NGO Shelters/Centers in Laos") starts or continues that country's part; a heading
that names the GMS as a whole ("What has been done at the policy level in GMS ?") starts a regional
part; any other heading stays in the part it is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tip_gms.countries import gms_countries_named_in
from tip_gms.document import HEADING, Document

_REGIONAL = re.compile(r"\bGMS\b")
PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class Place:
    section: str  # heading path, e.g. "Cambodia: > C2-1. Legal Framework"
    iso3: str | None  # the country this part of the document is about; None for regional parts
    heading_line: int  # line of the nearest heading above (the document's first line if none)


def places(document: Document) -> dict[int, Place]:
    """The place of every line of a document, by line number."""
    part, part_iso3, under, heading_line = None, None, [], document.first_line
    out: dict[int, Place] = {}
    group: list[str] = []
    for line in document.lines:
        if line.kind == HEADING:
            if not group:
                heading_line = line.number
            group.append(line.text)
        elif group and line.kind != HEADING:
            part, part_iso3, under = _enter(" ".join(group), group, part, part_iso3)
            group = []
        path = PATH_SEPARATOR.join(dict.fromkeys(p for p in [part, *under] if p))
        out[line.number] = Place(path, part_iso3, heading_line)
    return out


def _enter(text: str, lines: list[str], part: str | None, iso3: str | None):
    """The new (part heading, part country, headings under it) after a group of heading lines."""
    if _REGIONAL.search(text):
        return None, None, lines
    named = gms_countries_named_in(text)
    if len(named) == 1 and named[0] != iso3:
        return lines[0], named[0], lines[1:]
    return part, iso3, lines
