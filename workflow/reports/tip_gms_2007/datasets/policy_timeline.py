"""Regional and international milestones listed under a heading (settings: `heading`).

Each item starts with its date ('1998', 'Oct. 2004', '1996~2000', '1996~', '2002, 2003') and goes on with the
event; a closing bracketed list of names ('(Cambodia, China, Laos, Burma, Thailand and Vietnam)') names the
participating countries. An item without a leading date is kept with null years.
"""

import re

import pandas as pd

from tip_gms import parsing
from tip_gms.datasets import Context
from tip_gms.document import section
from tip_gms.errors import SourceError
from tip_gms.items import iso3_list, item_text, month_number, names

_ITEM_KINDS = {"bullet", "numbered"}
# '[Month[.]] YYYY' then '~' with an optional end year (an open end when absent) or ', YYYY', then the event.
_DATED = re.compile(
    r"^(?P<date>(?:(?P<month>[A-Za-z]+)\.?\s+)?(?P<start>\d{4})(?:~(?P<until>\S*)|\s*,\s*(?P<also>\d\S*))?)"
    r"\s+(?P<event>.+)$"
)
_STARTS_LIKE_A_DATE = re.compile(r"^(?:\d|[A-Za-z]+\.?\s+\d{4}\b)")
# Three or more names in closing brackets, 'A, B and C': the countries taking part (a venue is not).
_PARTICIPANTS = re.compile(r"\((?P<names>[^()]*,[^()]*\band\b[^()]*)\)\s*$")


def build(context: Context) -> pd.DataFrame:
    heading = context.setting("heading")
    document, lines = section(context.source, heading)
    rows = []
    for line in (line for line in lines if line.kind in _ITEM_KINDS):
        text = item_text(line)
        start, end, month, date_as_printed, event = _read_date(text, line=line.number)
        participants = _PARTICIPANTS.search(event)
        rows.append({
            "start_year": start, "end_year": end, "month": month, "date_as_printed": date_as_printed,
            "event": event,
            "participants_iso3": iso3_list(names(participants["names"]), column="participants_iso3",
                                           line=line.number) if participants else None,
            "doc_id": document.doc_id, "source_line": line.number,
        })
    if not rows:
        raise SourceError(f"no items under the heading '{heading}'")
    return pd.DataFrame(rows).astype({"start_year": "Int64", "end_year": "Int64", "month": "Int64"})


def _read_date(text: str, *, line: int) -> tuple:
    """(start_year, end_year, month, date_as_printed, event); all dates None for an undated item."""
    match = _DATED.match(text)
    if match is None:
        if _STARTS_LIKE_A_DATE.match(text):
            raise SourceError("not a date such as '1998', 'Oct. 2004', '1996~2000' or '2002, 2003'",
                              column="date", value=text.split(" ")[0], line=line)
        return None, None, None, None, text
    start = parsing.year(match["start"], column="start_year", line=line)
    month = month_number(match["month"], printed=match["date"], column="month", line=line) if match["month"] else None
    if match["until"] is not None:  # '1996~2000', or '1996~' left open
        end = parsing.year(match["until"], column="end_year", line=line) if match["until"] else None
    elif match["also"] is not None:  # '2002, 2003': the span from the first year to the last
        end = parsing.year(match["also"], column="end_year", line=line)
    else:
        end = start
    if end is not None and end < start:
        raise SourceError("the end year is before the start year", column="date", value=match["date"], line=line)
    return start, end, month, match["date"], match["event"]
