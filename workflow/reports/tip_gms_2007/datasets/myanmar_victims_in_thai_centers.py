"""Victims of one nationality staying in government centers, from the bullets under a heading (settings:
`heading`):
'Usually about 40 to 50 Myanmar girls, ... out of total 380 girls and young women stay at Kredtrakhan Center',
'5 Myanmar girls at Nakorn Rachasima center in January 2007', 'A few in Pisanuloke center as of Feb. 2007'."""

import re

import pandas as pd

from tip_gms import parsing
from tip_gms.datasets import Context
from tip_gms.document import section
from tip_gms.errors import SourceError
from tip_gms.items import item_text

_QUANTITY = re.compile(
    r"^(?:(?P<usually>usually)\s+)?(?P<as_printed>(?P<few>a few)|(?:(?P<about>about)\s+)?(?P<min>\S+)"
    r"(?:\s+to\s+(?P<max>\S+))?)\s",
    re.IGNORECASE,
)
_CENTER = re.compile(r"(?P<center>(?:[A-Z][a-z]+\s+)+[Cc]ent(?:er|re))\b")
_AS_OF = re.compile(r"\b(?:in|as of)\s+(?P<month>[A-Za-z]+\.?\s*\d{4})")
_RESIDENTS_TOTAL = re.compile(r"\bout of (?:a )?total (?:of )?(?P<total>\S+)", re.IGNORECASE)


def build(context: Context) -> pd.DataFrame:
    heading = context.setting("heading")
    document, lines = section(context.source, heading)
    rows = []
    for line in (line for line in lines if line.kind == "bullet"):
        text = item_text(line)
        quantity, center = _QUANTITY.match(text), _CENTER.search(text)
        if quantity is None or center is None:
            raise SourceError("not '<number of persons> ... at <Name> center'", column="center", value=text,
                              line=line.number)
        as_of, total = _AS_OF.search(text), _RESIDENTS_TOTAL.search(text)
        persons_min = persons_max = None
        if not quantity["few"]:
            persons_min = parsing.count(quantity["min"], column="persons_min", line=line.number)[0]
            persons_max = parsing.count(quantity["max"], column="persons_max", line=line.number)[0] \
                if quantity["max"] else persons_min
        rows.append({
            "center": center["center"],
            "as_of": parsing.month(as_of["month"], column="as_of", line=line.number) if as_of else None,
            "usual_level": bool(quantity["usually"]),
            "persons_min": persons_min, "persons_max": persons_max, "as_printed": quantity["as_printed"],
            "qualifier": "a_few" if quantity["few"] else "about" if quantity["about"] else None,
            "residents_total": parsing.count(total["total"], column="residents_total", line=line.number)[0]
            if total else None,
            "doc_id": document.doc_id, "source_line": line.number,
        })
    if not rows:
        raise SourceError(f"no bullets under the heading '{heading}'")
    return pd.DataFrame(rows).astype({"persons_min": "Int64", "persons_max": "Int64", "residents_total": "Int64"})
