import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field


class ThaiVictimsRescued(Dataset):
    """Thai women and children rescued abroad, by destination country and year (MoSDHS table).

    The table's printed Total row and Total column are not rows here: they are checked against the sum of
    their parts (see `quality_findings`).
    """

    destination: Series[str] = pa.Field(description="Destination country or group as printed.")
    destination_iso3: Series[str] = iso3_field(
        "ISO 3166-1 alpha-3 code of the destination; null for the 'Other' group of countries.", nullable=True
    )
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Year of rescue, from the table header.",
                                 metadata={"unit": "year"})
    persons: Series[int] = pa.Field(
        ge=0, description="Women and children rescued. Where the table prints '-', this is 0 and "
        "reported_as_dash is true.", metadata={"unit": "persons"},
    )
    reported_as_dash: Series[bool] = pa.Field(description="True where the table prints '-' instead of a number.")

    class Config:
        unique = ["doc_id", "destination", "year"]

    @pa.dataframe_check(description="A dash is stored as 0.")
    def dash_is_zero(cls, df):
        return ~df["reported_as_dash"] | (df["persons"] == 0)


NORMALISATIONS = [
    "A printed '-' is read as 0 persons and flagged reported_as_dash = true.",
    "The printed Total row and Total column are not rows; they are compared with the sums (quality_findings).",
    "The row 'Other(22 c.)' groups 22 countries: destination_iso3 is null.",
]

SCHEMA = ThaiVictimsRescued
