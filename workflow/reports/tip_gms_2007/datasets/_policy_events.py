"""What the two parts of country_policy_events share: which items are events, their status, their partners."""

import re

from tip_gms import countries
from tip_gms.document import Document, Line
from tip_gms.items import names

ITEM_KINDS = {"bullet", "numbered", "paragraph"}
# An item names an instrument, a body or a government act.
EVENT_WORDS = re.compile(
    r"\b(?:laws?|acts?|codes?|constitution|plans?|programs?|programmes?|polic(?:y|ies)|decrees?|decisions?|"
    r"directives?|ordinances?|regulations?|guidelines?|mou|memorandum|agreements?|treat(?:y|ies)|conventions?|"
    r"protocols?|committees?|units?|offices?|bureaus?|task force|body|established|formed|adopted|signed|"
    r"ratified|issued|suspended|approving|launched)\b",
    re.IGNORECASE,
)
_AGREEMENT = re.compile(r"\b(?:mou|memorandum|agreements?|treat(?:y|ies))\b", re.IGNORECASE)
_PARTNERS_IN_TEXT = re.compile(r"\b(?:with|between)\s+(?P<names>[A-Z][^.;:()]*)")
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


def status(text: str) -> str | None:
    return next((status for status, words in _STATUS_WORDS if words.search(text)), None)


def partners_in_text(text: str, iso3: str, *, line: int) -> tuple[str | None, str | None]:
    """For an agreement, the countries named after 'with' or 'between', the acting country left out."""
    match = _PARTNERS_IN_TEXT.search(text) if _AGREEMENT.search(text) else None
    if match is None:
        return None, None
    named = [(name, countries.iso3(name, column="partner_iso3", line=line)) for name in names(match["names"])]
    partners = [(name, code) for name, code in named if code != iso3]
    if not partners:
        return None, None
    return ", ".join(name for name, _ in partners), ";".join(code for _, code in partners)


def row(document: Document, line: Line, *, partner: tuple[str | None, str | None], **values) -> dict:
    return {**values, "partner": partner[0], "partner_iso3": partner[1], "doc_id": document.doc_id,
            "source_line": line.number}
