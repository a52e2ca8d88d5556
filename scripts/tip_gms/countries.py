"""Country names as printed -> ISO 3166-1 alpha-3, through pycountry plus a reviewed alias list."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pycountry

from tip_gms import yamlfile
from tip_gms.errors import SourceError

ALIASES_FILE = Path(__file__).with_name("country_aliases.yaml")


@cache
def _aliases() -> dict[str, str]:
    return {name.casefold(): iso3 for name, iso3 in yamlfile.load(ALIASES_FILE).items()}


def iso3(name: str, *, line: int | None = None, column: str = "country") -> str:
    """The ISO 3166-1 alpha-3 code of a country name as printed; an unknown name stops the run."""
    key = name.strip().casefold()
    if key in _aliases():
        return _aliases()[key]
    if len(key) > 3:  # shorter strings would be matched as ISO codes, not names
        try:
            return pycountry.countries.lookup(key).alpha_3
        except LookupError:
            pass
    raise SourceError(
        f"unknown country name; if it is a spelling of a real country, add it to {ALIASES_FILE.name}",
        column=column,
        value=name,
        line=line,
    )


@cache
def _names_of(codes: tuple[str, ...]) -> re.Pattern:
    """Every name of these countries: ISO names and the reviewed aliases."""
    names = {alias for alias, code in _aliases().items() if code in codes}
    for code in codes:
        country = pycountry.countries.get(alpha_3=code)
        names |= {getattr(country, field, None) for field in ("name", "common_name", "official_name")}
    names.discard(None)
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b", re.IGNORECASE)


def named_in(text: str, among: tuple[str, ...]) -> list[str]:
    """ISO3 codes of the countries `among` that a text names, in order of first mention, each once."""
    return list(dict.fromkeys(iso3(match[1]) for match in _names_of(among).finditer(text))) if among else []
