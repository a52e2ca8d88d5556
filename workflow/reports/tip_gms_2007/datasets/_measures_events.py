"""country_policy_events, part 1: the report's Measures sections ('C2-1. Legal Framework', 'L2-3. National
Focal Point and National Mechanism', ... and their '(Cont.)' slides; settings: `measures_sections`, a pattern
with the section's `letter` and `name`). There an item is an event when it prints a year and names an
instrument, a body or a government act: enforcement results, incidents, the US tier rating and statements
about the situation are not events even when dated. The area is the one the section's name gives; the country
is the one the section with the same letter and number 1 names ('Lao PDR L1. ...'; settings: `country_sections`).
"""

import re

from reports.tip_gms_2007.datasets._policy_events import EVENT_WORDS, ITEM_KINDS, partners_in_text, row, status
from tip_gms import countries
from tip_gms.datasets import Context
from tip_gms.document import HEADING, Document, numbered_headings
from tip_gms.errors import SourceError
from tip_gms.items import item_text, year_and_month


def measures_events(context: Context, document: Document) -> list[dict]:
    measures_section = re.compile(context.setting("measures_sections"))
    rows, heading, country_of = [], None, None
    for line in document.lines:
        held = numbered_headings(line.text, context.report.section_codes) if line.kind == HEADING else [line.text]
        if measures := next(filter(None, map(measures_section.match, held)), None):
            heading = measures
            continue
        if line.kind == HEADING:
            heading = None
        if heading is None or line.kind not in ITEM_KINDS:
            continue
        text = item_text(line)
        year, month = year_and_month(text, line=line.number)
        if year is None or not EVENT_WORDS.search(text):
            continue
        country_of = country_of or _countries_by_letter(context, document)  # only where Measures sections exist
        if heading["letter"] not in country_of:
            raise SourceError(f"no '{heading['letter']}1.' heading names the country of this Measures section",
                              column="iso3", value=heading[0], line=line.number)
        country, iso3 = country_of[heading["letter"]]
        area = context.report.measure_area(heading["name"])
        if area is None:
            raise SourceError(f"a Measures heading that names none of {sorted(context.report.measure_areas)} "
                              "in the words the config's `measure_areas` lists", column="area", value=heading[0],
                              line=line.number)
        rows.append(row(document, line, iso3=iso3, country=country, year=year, month=month, area=area,
                        status=status(text), partner=partners_in_text(text, iso3, line=line.number), text=text,
                        section=heading[0]))
    return rows


def _countries_by_letter(context: Context, document: Document) -> dict[str, tuple[str, str]]:
    """Section letter -> (country as printed, ISO3), from 'Lao PDR L1. ...', or from the heading above a bare
    'C1. Present Situations' ('Cambodia:')."""
    country_section = re.compile(context.setting("country_sections"))
    found, previous = {}, None
    for line in document.headings:
        match = country_section.match(line.text)
        if match and match["letter"] not in found:
            name = (match["country"] or (previous.text if previous else "")).rstrip(" :")
            found[match["letter"]] = (name, countries.iso3(name, column="iso3", line=line.number))
        previous = line
    return found
