"""country_policy_events, part 2: a presentation's slides on its country's instruments (settings:
`presentation`: its `doc_id`, the pattern that finds the country in its title, and its `slides`: heading ->
area, the status the heading gives its items, and whether every item is a row). Slides that are inventories
of instruments ('Current ... Laws', 'RATIFIED:', '... Treaties with:') give a row for every item, dated or
not; on other slides only dated items are rows. On a '... with:' slide each item names the partner.
"""

import re

from reports.tip_gms_2007.datasets._policy_events import ITEM_KINDS, row, status
from tip_gms import countries
from tip_gms.datasets import Context
from tip_gms.errors import SourceError
from tip_gms.items import item_text, year_and_month

_PARTNER_ITEM = re.compile(r"^(?P<partner>[^:]+?)\s+-\s+(?P<rest>.+)$")  # 'Thailand - signed on May 2003'
_NAMES_AN_INSTRUMENT = re.compile(r"^(?:mou|memorandum|agreement|treaty)\b", re.IGNORECASE)
_GROUP_OF_COUNTRIES = re.compile(r"\(\d+ countries\)", re.IGNORECASE)  # 'GMS (6 countries)': no single code


def slide_events(context: Context) -> list[dict]:
    presentation = context.setting("presentation")
    document = context.source.document(presentation["doc_id"])
    title = document.title
    text = " ".join(line.text for line in title)
    named = re.search(presentation["country_in_title"], text, re.IGNORECASE)
    if named is None:
        raise SourceError("the presentation's title names no country", column="iso3", value=text,
                          line=title[0].number)
    country = named["country"]
    iso3 = countries.iso3(country, column="iso3", line=title[0].number)
    rows = []
    for heading, (area, heading_status, every_item) in presentation["slides"].items():
        heading_text = " ".join(line.text for line in document.span(heading))  # as printed, over its lines
        for line in document.section(heading):
            if line.kind not in ITEM_KINDS:
                continue
            text = item_text(line)
            year, month = year_and_month(text, line=line.number)
            if year is None and not every_item:
                continue
            partner = _partner_of_list_item(text, line=line.number) if heading.endswith(" with") else (None, None)
            rows.append(row(document, line, iso3=iso3, country=country, year=year, month=month, area=area,
                            status=heading_status or status(text), partner=partner, text=text,
                            section=heading_text))
    return rows


def _partner_of_list_item(text: str, *, line: int) -> tuple[str | None, str | None]:
    """An item of a '... with:' list names its partner: 'Thailand - signed', 'Australia'; an item that names an
    instrument instead ('MOU between GO's and NGOs ...') has none."""
    if _NAMES_AN_INSTRUMENT.match(text):
        return None, None
    match = _PARTNER_ITEM.match(text)
    partner = match["partner"] if match else text
    if _GROUP_OF_COUNTRIES.search(partner):
        return partner, None
    return partner, countries.iso3(partner, column="partner_iso3", line=line)
