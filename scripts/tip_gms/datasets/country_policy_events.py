"""Dated policy events of each country: laws, plans, decrees, MOUs and bodies established.

Two places in the source list them:

- the report's Measures sections ('C2-1. Legal Framework', 'L2-3. National Focal Point and National
  Mechanism', ... and their '(Cont.)' slides). There an item is an event when it prints a year and names an
  instrument, a body or a government act (law, plan, decree, MOU, committee, unit, established, signed, ...):
  enforcement results, incidents, the US tier rating and statements about the situation are not events even
  when dated. The area is the section's; the country is the one whose 'X1.' heading has the same letter.
- the Cambodia presentation's slides on its instruments ('Current Cambodian Laws', 'RATIFIED:',
  'Memorandum of Understanding/Agreement on Human Trafficking with:', 'Extradition Treaties with:', ...).
  These slides are inventories of instruments, so every item is a row, dated or not; on its other slides
  ('Legal Context and Response', 'Good Practices') only dated items are.
"""

import re

import pandas as pd

from tip_gms import countries
from tip_gms.datasets._policy import item_text, names, year_and_month
from tip_gms.document import HEADING, Document, Line, Source, after
from tip_gms.errors import SourceError
from tip_gms.findings import Findings

PRESENTATION_TITLE = "Perspectives on Human Trafficking"
_ITEM_KINDS = {"bullet", "numbered", "paragraph"}

_MEASURES = re.compile(r"^(?P<letter>[CLMVT])2-[1-4]\.\s*(?P<name>.+)$")
_COUNTRY_HEADING = re.compile(r"^(?P<country>.*?)\s*:?\s*\b(?P<letter>[CLMVT])1\.\s")
_AREAS = {  # words of a Measures heading -> area
    "legal framework": "legal_framework", "national polic": "national_policy",
    "focal point": "focal_point_mechanism", "social delivery": "social_delivery",
}
_EVENT_WORDS = re.compile(
    r"\b(?:laws?|acts?|codes?|constitution|plans?|programs?|programmes?|polic(?:y|ies)|decrees?|decisions?|"
    r"directives?|ordinances?|regulations?|guidelines?|mou|memorandum|agreements?|treat(?:y|ies)|conventions?|"
    r"protocols?|committees?|units?|offices?|bureaus?|task force|body|established|formed|adopted|signed|"
    r"ratified|issued|suspended|approving|launched)\b",
    re.IGNORECASE,
)
_AGREEMENT = re.compile(r"\b(?:mou|memorandum|agreements?|treat(?:y|ies))\b", re.IGNORECASE)
_PARTNERS_IN_TEXT = re.compile(r"\b(?:with|between)\s+(?P<names>[A-Z][^.;:()]*)")

# The presentation's slides, found by their headings: area, the status the heading gives its items (None: read
# from the item) and whether every item is a row (an inventory of instruments) or only dated ones.
_PRESENTATION_SLIDES = {
    "Legal Context and Response": ("legal_framework", None, False),
    "Current Cambodian Laws": ("legal_framework", "in_force", True),
    "Draft Cambodian Laws": ("legal_framework", "draft", True),
    "RATIFIED": ("international_agreement", "ratified", True),
    "Memorandum of Understanding/Agreement on Human Trafficking with": ("international_agreement", None, True),
    "Extradition Treaties with": ("international_agreement", None, True),
    "Special extradition arrangements also made with": ("international_agreement", "concluded", True),
    "Good Practices": ("focal_point_mechanism", "established", False),
}
_PRESENTATION_COUNTRY = re.compile(r"(?P<country>\S+)'s Experiences", re.IGNORECASE)
_PARTNER_ITEM = re.compile(r"^(?P<partner>[^:]+?)\s+-\s+(?P<rest>.+)$")  # 'Thailand - signed on May 2003'
_NAMES_AN_INSTRUMENT = re.compile(r"^(?:mou|memorandum|agreement|treaty)\b", re.IGNORECASE)
_GROUP_OF_COUNTRIES = re.compile(r"\(\d+ countries\)", re.IGNORECASE)  # 'GMS (6 countries)': no single code

# First match wins; checked on the item's text where the heading gives no status.
_STATUS_WORDS = [
    ("draft", re.compile(r"\bdraft|\bunder finali[sz]ation\b", re.IGNORECASE)),
    ("under_discussion", re.compile(r"\bunder discussion\b|\bbeing discussed\b", re.IGNORECASE)),
    ("ratified", re.compile(r"\bratified\b", re.IGNORECASE)),
    ("signed", re.compile(r"\bsigned\b", re.IGNORECASE)),
    ("planned", re.compile(r"\bplann(?:ed|ing)\b|\bshall\b", re.IGNORECASE)),
    ("established", re.compile(r"\b(?:established|establishing|formed|inception)\b", re.IGNORECASE)),
    ("adopted", re.compile(r"\b(?:adopted|(?:was|were) made|issued|approving|promulgating|launched)\b",
                           re.IGNORECASE)),
    ("concluded", re.compile(r"\bconcluded\b", re.IGNORECASE)),
]


def build(source: Source, findings: Findings) -> pd.DataFrame:
    rows = []
    for document in source.documents:
        rows += _measures_events(document)
    rows += _presentation_events(source)
    return pd.DataFrame(rows).astype({"year": "Int64", "month": "Int64"})


def _measures_events(document: Document) -> list[dict]:
    rows, heading, country_of = [], None, None
    for line in document.lines:
        measures = _MEASURES.match(line.text)
        if measures:
            heading = measures
            continue
        if line.kind == HEADING:
            heading = None
        if heading is None or line.kind not in _ITEM_KINDS:
            continue
        text = item_text(line)
        year, month = year_and_month(text, line=line.number)
        if year is None or not _EVENT_WORDS.search(text):
            continue
        letter = heading["letter"]
        country_of = country_of or _countries_by_letter(document)  # read once, and only where Measures exist
        if letter not in country_of:
            raise SourceError(f"no '{letter}1.' heading names the country of this Measures section",
                              column="iso3", value=heading[0], line=line.number)
        country, iso3 = country_of[letter]
        partner = _partners_in_text(text, iso3, line=line.number)
        rows.append(_row(document, line, iso3=iso3, country=country, year=year, month=month,
                         area=_area(heading, line=line.number), status=_status(text), partner=partner,
                         text=text, section=heading[0]))
    return rows


def _countries_by_letter(document: Document) -> dict[str, tuple[str, str]]:
    """Section letter -> (country as printed, ISO3), from 'Lao PDR L1. ...', or from the heading above a bare
    'C1. Present Situations' ('Cambodia:')."""
    found, previous = {}, None
    for line in document.headings:
        match = _COUNTRY_HEADING.match(line.text)
        if match and match["letter"] not in found:
            name = (match["country"] or (previous.text if previous else "")).rstrip(" :")
            found[match["letter"]] = (name, countries.iso3(name, column="iso3", line=line.number))
        previous = line
    return found


def _area(heading: re.Match, *, line: int) -> str:
    name = heading["name"].casefold()
    area = next((area for words, area in _AREAS.items() if words in name), None)
    if area is None:
        raise SourceError(f"a Measures heading that names none of {sorted(_AREAS)}", column="area",
                          value=heading[0], line=line)
    return area


def _partners_in_text(text: str, iso3: str, *, line: int) -> tuple[str | None, str | None]:
    """For an agreement, the countries named after 'with' or 'between', the acting country left out."""
    match = _PARTNERS_IN_TEXT.search(text) if _AGREEMENT.search(text) else None
    if match is None:
        return None, None
    named = [(name, countries.iso3(name, column="partner_iso3", line=line)) for name in names(match["names"])]
    partners = [(name, code) for name, code in named if code != iso3]
    if not partners:
        return None, None
    return ", ".join(name for name, _ in partners), ";".join(code for _, code in partners)


def _presentation_events(source: Source) -> list[dict]:
    document, _ = after(source, PRESENTATION_TITLE)
    title = document.find(PRESENTATION_TITLE)
    country_match = _PRESENTATION_COUNTRY.search(title.text)
    if country_match is None:
        raise SourceError("the presentation's title names no country ('<Country>'s Experiences')",
                          column="iso3", value=title.text, line=title.number)
    country = country_match["country"]
    iso3 = countries.iso3(country, column="iso3", line=title.number)
    rows = []
    for heading, (area, heading_status, every_item) in _PRESENTATION_SLIDES.items():
        heading_line = document.find(heading)
        for line in document.section(heading):
            if line.kind not in _ITEM_KINDS:
                continue
            text = item_text(line)
            year, month = year_and_month(text, line=line.number)
            if year is None and not every_item:
                continue
            lists_partners = heading.endswith(" with")  # '... Treaties with:' slides list the other parties
            partner = _partner_of_list_item(text, line=line.number) if lists_partners else (None, None)
            rows.append(_row(document, line, iso3=iso3, country=country, year=year, month=month, area=area,
                             status=heading_status or _status(text), partner=partner, text=text,
                             section=heading_line.text))
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


def _status(text: str) -> str | None:
    return next((status for status, words in _STATUS_WORDS if words.search(text)), None)


def _row(document: Document, line: Line, *, partner: tuple[str | None, str | None], **values) -> dict:
    return {**values, "partner": partner[0], "partner_iso3": partner[1], "doc_id": document.doc_id,
            "source_line": line.number}
