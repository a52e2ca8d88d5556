"""Migrants registered with a government, by country of origin, from two bullets: 'As of <month>, a total of
<n> migrants had registered ...' (found by the phrase in settings: `anchor`) and 'Among those registered, <n>
were from <country>, <n> from <country> and <n> from <country>.'

The printed total is a check, not a row.
"""

import re

import pandas as pd

from tip_gms import countries, parsing
from tip_gms.datasets import Context, PrintedTotal
from tip_gms.document import after
from tip_gms.errors import SourceError

_TOTAL = re.compile(r"As of (?P<as_of>[A-Za-z]+\.?\s*\d{4}), a total of (?P<total>\S+) migrants had registered",
                    re.IGNORECASE)
_BREAKDOWN = re.compile(r"^-?\s*Among those registered\b", re.IGNORECASE)
# '<n> were from <country>', '<n> from <country>', 'and <n> from <country>'
_PART = re.compile(r"(?P<registered>\S+)\s+(?:were\s+)?from\s+(?P<origin>[A-Z][A-Za-z ]*?)(?=\s*(?:,|\band\b|\.|$))")


def build(context: Context) -> pd.DataFrame:
    anchor = context.setting("anchor")  # in the total's bullet; the breakdown follows it
    document, lines = after(context.source, anchor)
    total_line = document.find(anchor)
    total = _TOTAL.search(total_line.text)
    if total is None:
        raise SourceError("not 'As of <month>, a total of <n> migrants had registered'", column="total",
                          value=total_line.text, line=total_line.number)
    as_of = parsing.month(total["as_of"], column="as_of", line=total_line.number)
    breakdown = next((line for line in lines if line.number > total_line.number and _BREAKDOWN.match(line.text)),
                     None)
    if breakdown is None:
        raise SourceError("no 'Among those registered, <n> were from <country> ...' after the total",
                          line=total_line.number)
    rows = [
        {"nationality": part["origin"], "iso3": countries.iso3(part["origin"], column="nationality",
                                                               line=breakdown.number),
         "as_of": as_of,
         "registered": parsing.count(part["registered"], column="registered", line=breakdown.number)[0],
         "doc_id": document.doc_id, "source_line": breakdown.number}
        for part in _PART.finditer(breakdown.text)
    ]
    if not rows:
        raise SourceError("no '<n> from <country>' in the breakdown", line=breakdown.number)
    printed, _ = parsing.count(total["total"], column="total", line=total_line.number)
    context.totals.append(PrintedTotal(
        f"{context.name}.total.{as_of:%Y-%m}", context.name, document.doc_id,
        f"Registered migrants as of {total['as_of']} (line {total_line.number}) against the countries of "
        f"origin (line {breakdown.number})", printed, [row["registered"] for row in rows],
        [total_line.number, breakdown.number],
    ))
    return pd.DataFrame(rows)
