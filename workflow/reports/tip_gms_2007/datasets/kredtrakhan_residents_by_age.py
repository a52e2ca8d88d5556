"""Residents of a center by age group, from the note '(As of Oct.2005: 144 persons under 15 ...)' that the
report prints under the residents table's caption (settings: `caption`)."""

import re

import pandas as pd

from tip_gms import parsing
from tip_gms.datasets import Context
from tip_gms.document import section
from tip_gms.errors import SourceError

_AS_OF = re.compile(r"As of (?P<month>[A-Za-z]+\.?\s*\d{4})\s*:", re.IGNORECASE)
_GROUP = re.compile(
    r"(?P<persons>\d[\d,]*)\s+persons\s+(?P<group>(?P<kind>under|over|between)\s+"
    r"(?P<low>\d+)(?:\s*-\s*(?P<high>\d+))?)\s*years?-?\s*old",
    re.IGNORECASE,
)


def build(context: Context) -> pd.DataFrame:
    caption = context.setting("caption")
    document, lines = section(context.source, caption)
    note = next((line for line in lines if _AS_OF.search(line.text)), None)
    if note is None:
        raise SourceError(f"no '(As of <month>: ... persons ...)' note under '{caption}'")
    as_of = parsing.month(_AS_OF.search(note.text)["month"], column="as_of", line=note.number)
    rows = []
    for match in _GROUP.finditer(note.text):
        kind, low, high = match["kind"].casefold(), int(match["low"]), match["high"]
        if kind == "between" and high is None:
            raise SourceError("'between' without a range", column="age_group", value=match[0], line=note.number)
        age_min, age_max = {"under": (0, low - 1), "over": (low, None)}.get(kind, (low, int(high or low)))
        rows.append({
            "as_of": as_of, "age_group": match["group"].removeprefix("between ").strip(),
            "age_min": age_min, "age_max": age_max,
            "persons": parsing.count(match["persons"], column="persons", line=note.number)[0],
            "doc_id": document.doc_id, "source_line": note.number,
        })
    if not rows:
        raise SourceError("no '<n> persons <age group> years-old' in the note", line=note.number)
    return pd.DataFrame(rows).astype({"age_max": "Int64"})
