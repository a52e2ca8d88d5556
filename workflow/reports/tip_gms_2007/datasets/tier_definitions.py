"""The definitions of the tiers: the run of lines 'Tier 1: ...', 'Tier 2 Watch List: ...' after the heading
(settings: `heading`; a line naming the Act they come from may stand between)."""

import re

import pandas as pd

from tip_gms import parsing
from tip_gms.datasets import Context
from tip_gms.document import after
from tip_gms.errors import SourceError

_DEFINITION = re.compile(r"^(?P<label>Tier\s*[^:]+):\s*(?P<definition>.+)$")


def build(context: Context) -> pd.DataFrame:
    heading = context.setting("heading")
    document, lines = after(context.source, heading)
    rows = []
    for line in lines:
        match = _DEFINITION.match(line.text)
        if match is None:
            if rows:
                break  # the run of definitions has ended
            continue  # e.g. the line naming the Act the definitions come from
        rows.append({
            "tier": parsing.tier(match["label"], column="label", line=line.number),
            "label": match["label"], "definition": match["definition"],
            "doc_id": document.doc_id, "source_line": line.number,
        })
    if not rows:
        raise SourceError(f"no 'Tier N: definition' lines under the heading '{heading}'")
    return pd.DataFrame(rows)
