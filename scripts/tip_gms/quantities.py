"""Finding the quantities stated in a sentence: counts, shares, money, distances, durations and ages.

`find(text)` returns every quantity in a line of prose with its exact span, value (and upper bound for a
range), unit, qualifier and whether it was written in words. What looks like a number but is not a
quantity is left out on purpose: years and dates, list and section numbering, ordinals, tier codes, law,
article and meeting numbers, and numbers that are part of a name ("Five Year Plan", "130 office").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tip_gms.parsing import MONTHS

_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_HALF = {"half": 0.5}
_TIMES = {"twice": 2, "double": 2, "triple": 3}  # "the real figure would be double": a factor, unit "times"
_FRACTIONS = {"half": 2, "third": 3, "quarter": 4}  # "One third" = 1/3
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORDS = "|".join(sorted([*_CARDINALS, *_HALF, *_TIMES], key=len, reverse=True))

_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?!\w)|\b(?:{_WORDS})\b"
_PATTERN = re.compile(
    rf"""
    (?P<qualifier>\b(?:about|around(?:\ the\ age\ of)?|approximately|over|more\ than|under|up\ to|at\ least
                       |(?:at\ )?the\ maximum\ of)\s+)?
    (?P<span>
      (?P<currency>US\$\.?\s*)?
      (?P<between>\bbetween\s+)?
      (?<![\w.+/$-])(?P<low>{_NUMBER})
      (?P<repeat>\s*\(\d+\))?                                   # "one (1) year": the same number twice
      (?P<fraction>\s+(?:half|third|quarter)s?\b)?
      (?:\s*(?P<separator>~|-|\bto\b|(?(between)\band\b|(?!)))\s*(?P<high>{_NUMBER}))?
      (?P<scale>\s+(?:thousand|million|billion)\b)?
      (?P<suffix>\s*%|-kilomet(?:er|re)s?\b|\s+dong\b)?
    )
    (?P<or_more>\s+or\ more\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Words that may follow a number and say what it counts; the last one before a stop word decides.
_PERSONS = {
    "victims", "women", "men", "girls", "boys", "children", "persons", "people", "workers", "migrants",
    "refugees", "tourists", "brokers", "traffickers", "members", "residents", "returnees", "out-migration",
}
_COUNTED = {
    "cases", "factories", "countries", "province", "provinces", "townships", "states", "groups", "shelters",
    "centers", "centres", "gates", "gate", "ministries", "ngos", "programs", "programmes",
}
_DURATIONS = {"year": "years", "years": "years", "years-old": "years", "day": "days", "days": "days",
              "week": "weeks", "weeks": "weeks", "month": "months", "months": "months"}
_STOP = {"of", "in", "at", "to", "from", "for", "with", "by", "and", "or", "the", "a", "an", "is", "are", "was",
         "were", "has", "have", "had", "can", "will", "every", "out", "only", "each", "as"}
_NOUN_WINDOW = 6
# How much text around a number its context is read from: enough for the longest cue ("around the age of",
# six nouns), and bounded so that a line takes time linear in its length.
_CONTEXT_CHARS = 80

# Context that makes a number something other than a quantity.
_NOT_A_QUANTITY_BEFORE = re.compile(
    r"(?:\btier|\bno\.|\barticle|\bsection|\bchapter|\bb\.e\.|\")\s*$", re.IGNORECASE
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH_NAMES})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:{_MONTH_NAMES})\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:age of|aged)\s+(?:between\s+)?$", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*(?:-\s*)?(?:\d+(?:-\d+)*[.)]|\d+\s+-)\s+")
_SENTENCE_START = re.compile(r"(?:^|[.:;!?]\s+|\(\s*)$")
_QUALIFIERS = {"about": "about", "around": "about", "around the age of": "about", "approximately": "about",
               "over": "over", "more than": "more_than", "under": "under", "up to": "up_to", "at least": "at_least",
               "the maximum of": "up_to", "at the maximum of": "up_to"}


@dataclass(frozen=True)
class Quantity:
    start: int  # offset of as_printed in the text
    as_printed: str
    value: float
    value_max: float | None
    unit: str | None  # None: the sentence does not say; the caller may carry the unit of the mention before
    qualifier: str | None
    written_in_words: bool


def _number(token: str) -> float:
    word = token.casefold()
    for table in (_CARDINALS, _HALF, _TIMES):
        if word in table:
            return float(table[word])
    return float(token.replace(",", ""))


def _is_year(token: str | None) -> bool:
    return token is not None and re.fullmatch(r"(?:19|20)\d\d", token) is not None


def _counted_noun(after: str) -> str | None:
    """persons or count, from the words that follow a number ('5 Myanmar girls', '6 reception centers')."""
    found = None
    for word in re.findall(r"[\w'-]+|[^\w\s]", after[:_CONTEXT_CHARS])[:_NOUN_WINDOW]:
        word = word.casefold()
        if not word[0].isalnum() or word in _STOP:  # punctuation or a stop word ends the noun phrase
            break
        if word in _PERSONS:
            found = "persons"
        elif word in _COUNTED:
            found = "count"
    return found


def _unit(match: re.Match, text: str) -> str | None:
    low = match["low"].casefold()
    if low in _TIMES:
        return "times"
    if match["suffix"]:
        suffix = match["suffix"].strip().casefold()
        return {"%": "percent", "dong": "vnd"}.get(suffix, "km")
    if match["currency"]:
        return "usd"
    if match["fraction"]:
        return "fraction"
    after = _after(match, text)
    following = re.match(r"\s*(?:a\s+)?([\w-]+)", after)
    if following and following[1].casefold() in _DURATIONS:
        return _DURATIONS[following[1].casefold()]
    if _AGE_BEFORE.search(_before(text, match.start("span"))):
        return "years"
    return _counted_noun(after)


def _before(text: str, end: int) -> str:
    """The text just before `end`; "" stands for the start of the line, so that `^` still finds it."""
    return text[max(0, end - _CONTEXT_CHARS) : end] if end > _CONTEXT_CHARS else text[:end]


def _after(match: re.Match, text: str) -> str:
    return text[match.end("span") : match.end("span") + _CONTEXT_CHARS]


def _excluded(match: re.Match, text: str, unit: str | None) -> bool:
    before, after = _before(text, match.start("low")), _after(match, text)
    low, high = match["low"], match["high"]
    if _is_year(low) and (high is None or _is_year(high)) and not (match["suffix"] or match["scale"]):
        return True  # a year or a span of years
    if _NOT_A_QUANTITY_BEFORE.search(before) or _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True  # a tier, law, article or section number, a name in quotes, a day of a month
    if before.endswith("(") and after.startswith(")"):
        return True  # a bracketed number such as a meeting's "(4)"
    in_words = not low[0].isdigit()
    if in_words and low[0].isupper() and not _SENTENCE_START.search(before):
        return True  # a capitalised number inside a name: "National Five Year Plan"
    # A number word with nothing to count ("one of the main borders") is not a quantity.
    return in_words and unit is None and not match["scale"]


def find(text: str) -> list[Quantity]:
    """Every quantity in a line of prose, in order of appearance."""
    marker = _LIST_MARKER.match(text)
    scan = " " * marker.end() + text[marker.end():] if marker else text  # list numbering is not a quantity
    found = []
    for match in _PATTERN.finditer(scan):
        unit = _unit(match, scan)
        if _excluded(match, scan, unit):
            continue
        scale = _SCALES[match["scale"].strip().casefold()] if match["scale"] else 1.0
        value = _number(match["low"]) * scale
        if match["fraction"]:
            value /= _FRACTIONS[match["fraction"].strip().casefold().rstrip("s")]
        value_max = _number(match["high"]) * scale if match["high"] else None
        qualifier = _QUALIFIERS.get(" ".join(match["qualifier"].split()).casefold()) if match["qualifier"] else None
        if match["or_more"] or (match["between"] and value_max is None):
            qualifier = "at_least"  # "triple or more", "between 3 years and life"
        # "between 3 years and life": without a second number, "between" is a qualifier, not part of the span
        start = match.start("low") if match["between"] and value_max is None else match.start("span")
        found.append(Quantity(
            start=start, as_printed=scan[start : match.end("span")].strip(), value=value, value_max=value_max,
            unit=unit, qualifier=qualifier, written_in_words=not match["low"][0].isdigit(),
        ))
    return found
