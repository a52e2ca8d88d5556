"""Reading printed values: counts, shares, months, dates and tier codes.

Each function either returns a typed value or raises a SourceError naming the column, the value as
printed and its line, so that builders stay short and every bad cell gets the same kind of message.
"""

from __future__ import annotations

import re
from datetime import date

from tip_gms.errors import SourceError

DASH = "-"  # printed where a table has no cases; read as 0 and flagged (reported_as_dash)

_COUNT = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_COUNT_WITH_SHARE = re.compile(r"^(?P<count>[\d,]+)\s*\((?P<share>\d+(\.\d+)?)\)$")
MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
# 'Oct.2005', 'March 2002', 'Nov-2010', 'November, 2010'; or ISO 8601's '2010-11'.
_MONTH_YEAR = re.compile(
    r"^(?:(?P<month>[A-Za-z]+)\.?[\s,-]*(?P<year>\d{4})|(?P<iso_year>\d{4})-(?P<number>0[1-9]|1[0-2]))$")
_TIER = re.compile(r"^(?:tier\s*)?(?P<level>[123])(?:\s*-?\s*(?P<wl>wl|watch\s*list))?$", re.IGNORECASE)


def count(cell: str, *, column: str, line: int) -> tuple[int, bool]:
    """A printed count: `(value, reported_as_dash)`; "-" reads as `(0, True)`."""
    cell = cell.strip()
    if cell == DASH:
        return 0, True
    if not _COUNT.match(cell):
        raise SourceError("not a whole number (or '-' for none)", column=column, value=cell, line=line)
    return int(cell.replace(",", "")), False


def count_with_share(cell: str, *, column: str, line: int) -> tuple[int, bool, float | None]:
    """A count optionally followed by its printed share in brackets: `189 (49.7)`."""
    match = _COUNT_WITH_SHARE.match(cell.strip())
    if match is None:
        return (*count(cell, column=column, line=line), None)
    value, dash = count(match["count"], column=column, line=line)
    return value, dash, float(match["share"])


def month(text: str, *, column: str, line: int) -> date:
    """A printed month such as `Oct.2005`, `March 2002` or `2010-11`, as the first day of that month."""
    match = _MONTH_YEAR.match(text.strip())
    if match and match["number"]:
        return date(int(match["iso_year"]), int(match["number"]), 1)
    number = MONTHS.get(match["month"].casefold()) if match else None
    if number is None:
        raise SourceError("not a month and year such as 'Oct.2005' or '2005-10'", column=column, value=text,
                          line=line)
    return date(int(match["year"]), number, 1)


def year(text: str, *, column: str, line: int) -> int:
    if not re.fullmatch(r"(19|20)\d\d", text.strip()):
        raise SourceError("not a four-digit year", column=column, value=text, line=line)
    return int(text)


def tier(text: str, *, column: str = "tier", line: int) -> str:
    """A US TIP Report tier as printed (`2`, `2-WL`, `Tier 2 Watch List`) -> `1`, `2`, `2WL` or `3`."""
    match = _TIER.match(text.strip())
    if match is None or (match["wl"] and match["level"] != "2"):
        raise SourceError(
            "not a tier: expected 1, 2, 2-WL (Tier 2 Watch List) or 3", column=column, value=text, line=line
        )
    return match["level"] + ("WL" if match["wl"] else "")


_DAY_MONTH = r"(?P<month>[A-Z][a-z]+)"
_DAYS = [  # a day (the first of a range), its month and year
    re.compile(rf"(?P<day>\d{{1,2}})\s*-\s*\d{{1,2}}\s+{_DAY_MONTH}\s+(?P<year>\d{{4}})"),  # 7-9 March 2007
    re.compile(rf"{_DAY_MONTH}\s+(?P<day>\d{{1,2}})\s*-\s*\d{{1,2}},\s*(?P<year>\d{{4}})"),  # March 07-09, 2007
    re.compile(rf"(?P<day>\d{{1,2}})\s+{_DAY_MONTH}\s+(?P<year>\d{{4}})"),  # 12 May 2009
]
_MONTH_LINE = re.compile(r"^(?:[^,]*,\s*)?(?P<month>[A-Za-z]+\.?\s+\d{4}|\d{4}-\d\d)$")  # March 2007; Almaty, 2010-11


def date_in(text: str, *, line: int) -> tuple[date, str] | None:
    """The date a line of a title slide gives, and as printed: a day, or a line that is a month; None if it
    gives none."""
    for pattern in _DAYS:
        if (match := pattern.search(text)) and match["month"].casefold() in MONTHS:
            return date(int(match["year"]), MONTHS[match["month"].casefold()], int(match["day"])), match[0]
    if match := _MONTH_LINE.match(text):
        try:
            return month(match["month"], column="date", line=line), match["month"]
        except SourceError:
            return None
    return None
