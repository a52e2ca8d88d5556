"""The report's missions, from the list under a heading (settings: `heading`): the numbered fact-finding missions
('2. Cambodia (with NVEC), Jan.2006', '7. China, ?') and the mission that follows them as a bullet
('- Project Formulation Mission in Thailand, May-June 2007(to be planned)')."""

import re
from datetime import date

import pandas as pd

from tip_gms import countries
from tip_gms.datasets import Context
from tip_gms.document import section
from tip_gms.errors import SourceError
from tip_gms.items import item_text, month_number

FACT_FINDING = "fact_finding"  # the numbered list: the missions the report is on ('Fact Finding Missions')
_ITEM_KINDS = {"bullet", "numbered"}
_NUMBER = re.compile(r"^(?P<number>\d+)\.\s")
_NAMED_MISSION = re.compile(r"^(?P<name>.+?)\s+Mission\s+in\s+", re.IGNORECASE)  # 'Project Formulation Mission in'
_MISSION = re.compile(
    r"^(?P<place>[^,(]+?)(?:\s*\((?:with\s+)?(?P<partner>[^)]+)\))?(?:\s*,\s*|\s+in\s+)"
    r"(?P<date>\?|(?:(?P<first_month>[A-Za-z]+)\.?(?:\s*-\s*(?P<last_month>[A-Za-z]+)\.?)?\s*)?(?P<year>\d{4}))"
    r"\s*(?:\((?P<bracketed_note>[^)]*)\)|,\s*(?P<note>.+))?$"
)
_REGION_OF_COUNTRY = re.compile(r"^(?:Northern|Southern|Eastern|Western|Central)\s+")  # 'Northern Thailand'
_PLANNED = re.compile(r"\bplanned\b", re.IGNORECASE)
_UNKNOWN_DATE = "?"


def build(context: Context) -> pd.DataFrame:
    heading = context.setting("heading")
    document, lines = section(context.source, heading)
    rows = []
    for line in (line for line in lines if line.kind in _ITEM_KINDS):
        number, text = _NUMBER.match(line.text), item_text(line)
        named = _NAMED_MISSION.match(text)
        mission = _MISSION.match(text[named.end():] if named else text)
        if mission is None:
            raise SourceError("not '<country or area>[ (partner)], <month year or ?>[ (note)]'", column="mission",
                              value=text, line=line.number)
        place, note = mission["place"].strip(), mission["bracketed_note"] or mission["note"]
        start_month, end_month = _months(mission, line=line.number)
        rows.append({
            "mission_no": int(number["number"]) if number else None,
            "mission_type": _snake_case(named["name"]) if named else FACT_FINDING,
            "country_or_area": place,
            "iso3": countries.iso3(_REGION_OF_COUNTRY.sub("", place), column="country_or_area", line=line.number),
            "start_year": None if mission["date"] == _UNKNOWN_DATE else int(mission["year"]),
            "start_month": start_month, "end_month": end_month, "date_as_printed": mission["date"],
            "status": "planned" if mission["date"] == _UNKNOWN_DATE or _PLANNED.search(note or "") else "done",
            "partner": mission["partner"], "note": note,
            "doc_id": document.doc_id, "source_line": line.number,
        })
    if not rows:
        raise SourceError(f"no missions listed under the heading '{heading}'")
    return pd.DataFrame(rows).astype({"mission_no": "Int64", "start_year": "Int64"})


def _months(mission: re.Match, *, line: int) -> tuple[date | None, date | None]:
    """First and last month ('May-June 2007'), as first days; None where only a year or '?' is printed."""
    if not mission["first_month"]:
        return None, None
    year, printed = int(mission["year"]), mission["date"]
    start = month_number(mission["first_month"], printed=printed, column="start_month", line=line)
    end = month_number(mission["last_month"], printed=printed, column="end_month", line=line) \
        if mission["last_month"] else None
    return date(year, start, 1), date(year, end, 1) if end else None


def _snake_case(name: str) -> str:
    return re.sub(r"\W+", "_", name.strip()).casefold()
