"""Every quantity stated in the prose of every document: one row per quantity, with its sentence and place."""

import re

import pandas as pd

from tip_gms import quantities, sections
from tip_gms.datasets import Context
from tip_gms.document import BULLET, NUMBERED, PARAGRAPH
from tip_gms.errors import SourceError

PROSE = (BULLET, NUMBERED, PARAGRAPH)
_BULLET_MARKER = re.compile(r"^-\s*")
_DEFAULT_UNIT = "count"
# Every mention repeats its line's text: a line of thousands of numbers would make the dataset grow with the
# square of its length. No sentence of prose states this many quantities.
MAX_PER_LINE = 100


def build(context: Context) -> pd.DataFrame:
    rows = []
    for document in context.source.documents:
        places = sections.places(document, context.report.region, context.report.section_codes)
        unit_before, heading_before = None, None
        for line in document.lines:
            if line.kind not in PROSE:
                continue
            place = places[line.number]
            if place.heading_line != heading_before:  # a unit is only carried within a section
                unit_before, heading_before = None, place.heading_line
            text = _BULLET_MARKER.sub("", line.text)
            found_in_line = quantities.find(text)
            if len(found_in_line) > MAX_PER_LINE:
                raise SourceError(f"{len(found_in_line)} quantities in one line, more than any prose states "
                                  f"({MAX_PER_LINE}); is it a table whose cells lost their tabs?",
                                  column="text", value=text, line=line.number)
            for n, found in enumerate(found_in_line, start=1):
                unit = found.unit or unit_before or _DEFAULT_UNIT
                unit_before = unit
                rows.append({
                    "mention_id": f"{document.doc_id}:{line.number}:{n}", "section": place.section or None,
                    "iso3": place.iso3, "text": text, "as_printed": found.as_printed,
                    "position": found.start + 1, "value": found.value, "value_max": found.value_max,
                    "unit": unit, "qualifier": found.qualifier, "written_in_words": found.written_in_words,
                    "doc_id": document.doc_id, "source_line": line.number,
                })
    return pd.DataFrame(rows)
