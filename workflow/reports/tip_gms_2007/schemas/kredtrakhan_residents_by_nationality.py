import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field

CATEGORIES = ["trafficked_victims", "others", "total"]


class KredtrakhanResidentsByNationality(Dataset):
    """Persons staying at the Baan Kredtrakhan Protection and Vocational Development Center, by nationality.

    Oct 2005 is split into trafficked victims and others; Feb 2007 gives the total only. The printed
    Total row is not a row here: it is checked against the sum of the nationalities.
    """

    nationality: Series[str] = pa.Field(description="Nationality as printed (e.g. 'Thai', 'Laos').")
    iso3: Series[str] = iso3_field("ISO 3166-1 alpha-3 code of the nationality.", printed_in="nationality")
    as_of: Series[pa.Date] = pa.Field(
        description="Month of the count, as its first day (header 'Oct.2005' -> 2005-10-01)."
    )
    category: Series[str] = pa.Field(
        isin=CATEGORIES, description="trafficked_victims, others (residents who are not trafficking victims) or "
        "total (all residents of that nationality).",
    )
    persons: Series[int] = pa.Field(
        ge=0, description="Residents. Where the table prints '-', this is 0 and reported_as_dash is true.",
        metadata={"unit": "persons"},
    )
    reported_as_dash: Series[bool] = pa.Field(description="True where the table prints '-' instead of a number.")
    share_pct_reported: Series[float] = pa.Field(
        nullable=True, ge=0, le=100,
        description="Share of all residents at that date as printed in brackets; null where none is printed.",
        metadata={"unit": "percent"},
    )

    class Config:
        unique = ["doc_id", "iso3", "as_of", "category"]


NORMALISATIONS = [
    "A printed '-' is read as 0 persons and flagged reported_as_dash = true.",
    "A cell '189 (49.7)' gives persons = 189 and share_pct_reported = 49.7.",
    "Month headers ('Oct.2005') become the first day of the month; the printed Total row is a check, not a row.",
]

SCHEMA = KredtrakhanResidentsByNationality
