import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import ISO3, Dataset


class Countries(Dataset):
    """Every country any dataset refers to, with the names the report prints for it. All `iso3` columns
    of the other datasets refer to this table. doc_id and source_line give the first place the country
    is named."""

    iso3: Series[str] = pa.Field(str_matches=ISO3, description="ISO 3166-1 alpha-3 code.")
    name: Series[str] = pa.Field(description="ISO 3166-1 short name (pycountry).")
    names_as_printed: Series[str] = pa.Field(
        nullable=True, description="Names the report prints for the country, in first-seen order, separated by ';'."
    )
    region: Series[str] = pa.Field(description="UN geoscheme region (countryinfo), e.g. 'Asia'.")
    subregion: Series[str] = pa.Field(description="UN geoscheme sub-region (countryinfo), e.g. 'South-eastern Asia'.")
    regions: Series[str] = pa.Field(
        nullable=True,
        description="The regions of the reports (as their config names them) that count the country as "
        "one of the countries they are organised by, separated by ';'; empty if none.",
    )

    class Config:
        unique = ["iso3"]


SCHEMA = Countries
