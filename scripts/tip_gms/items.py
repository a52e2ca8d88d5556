"""Reading list items: the marker an item starts with, the year and month it is dated by, and the country
names it lists. For the builders that read bullets and numbered items."""

from __future__ import annotations

import re

from tip_gms import countries, parsing
from tip_gms.document import Line
from tip_gms.errors import SourceError

_MARKER = re.compile(r"^(?:-|\d+\.)\s+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A month name directly before a year, optionally with a day: 'May 2003', 'Oct. 2004', '6 Feb 2007', 'June15,2006'.
_MONTH_YEAR = re.compile(r"\b(?P<month>[A-Za-z]+)\.?\s*(?:\d{1,2}\s*,\s*)?(?P<year>(?:19|20)\d\d)(?!\d)")
# After 'in', 'on', 'of' or 'since', a capitalised word right before a year can only be a month ('in July 2002'),
# so a word there that is not a month is a misprinted date, not prose.
_DATE_PHRASE = re.compile(
    r"\b(?:in|on|of|since)\s+(?:\d{1,2}\s+)?(?P<month>[A-Z][a-z]+)\.?\s*(?:\d{1,2}\s*,\s*)?(?P<year>(?:19|20)\d\d)(?!\d)"
)
_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def item_text(line: Line) -> str:
    """The text of a list item without its marker ('- ', '3. ')."""
    return _MARKER.sub("", line.text, count=1)


def year_and_month(text: str, *, line: int) -> tuple[int | None, int | None]:
    """The year an item is dated by (the first year printed in it) and the month printed with that year."""
    for phrase in _DATE_PHRASE.finditer(text):
        month_number(phrase["month"], printed=phrase[0].split(None, 1)[1], column="month", line=line)
    first = _YEAR.search(text)
    if first is None:
        return None, None
    year = int(first[0])
    months = (parsing.MONTHS.get(m["month"].casefold()) for m in _MONTH_YEAR.finditer(text) if int(m["year"]) == year)
    return year, next((m for m in months if m is not None), None)


def month_number(word: str, *, printed: str, column: str, line: int) -> int:
    """1-12 for a month name or its abbreviation ('Oct', 'June'); anything else stops the run, naming the date
    as printed."""
    number = parsing.MONTHS.get(word.casefold())
    if number is None:
        raise SourceError("not a month such as 'Oct.' or 'June'", column=column, value=printed, line=line)
    return number


def names(text: str) -> list[str]:
    """'Kenya, Uganda and Tanzania' -> the names, in printed order."""
    return [name for name in _NAME_SEPARATOR.split(text.strip()) if name]


def iso3_list(printed_names: list[str], *, column: str, line: int) -> str:
    """ISO3 codes joined by ';' in printed order; an unknown name stops the run."""
    return ";".join(countries.iso3(name, column=column, line=line) for name in printed_names)
