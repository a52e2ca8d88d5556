"""A table of counts by row and year (persons by destination and year): its columns and checks; the words
that say what is counted are the report's."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field


class CountsByYear(Dataset):
    destination: Series[str]
    destination_iso3: Series[str]
    year: Series[int]
    persons: Series[int]
    reported_as_dash: Series[bool] = pa.Field(description="True where the table prints '-' instead of a number.")

    class Config:
        unique = ["doc_id", "destination", "year"]

    @pa.dataframe_check(description="A dash is stored as 0.")
    def dash_is_zero(cls, df):
        return ~df["reported_as_dash"] | (df["persons"] == 0)


NORMALISATIONS = [
    "A printed '-' is read as 0 persons and flagged reported_as_dash = true.",
    "The printed Total row and Total column are not rows; they are compared with the sums (quality_findings).",
]


def counts_by_year(name: str, description: str, *, row: str, row_iso3: str, year: str,
                   counted: str) -> type[CountsByYear]:
    """The shape as the dataset `name`, described in a report's words: what a row is (`row`, `row_iso3`), what
    the year is and what is `counted` (the sentence before "Where the table prints '-' ...")."""
    fields = {
        "destination": pa.Field(description=row),
        "destination_iso3": iso3_field(row_iso3, nullable=True),
        "year": pa.Field(ge=1990, le=2100, description=year, metadata={"unit": "year"}),
        "persons": pa.Field(ge=0, description=f"{counted} Where the table prints '-', this is 0 and "
                            "reported_as_dash is true.", metadata={"unit": "persons"}),
    }
    return type(name, (CountsByYear,), {"__doc__": description, "__module__": CountsByYear.__module__, **fields,
                                        "__annotations__": {column: CountsByYear.__annotations__[column]
                                                            for column in fields}})
