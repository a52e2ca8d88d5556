import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_list_field


class ThaiProtectionCenters(Dataset):
    """Protection centers and shelters of Thailand's Ministry of Social Development and Human Security,
    one row per center and group of residents."""

    location: Series[str] = pa.Field(description="Location as printed.")
    center_name: Series[str] = pa.Field(description="Name of the center or shelter as printed.")
    residents: Series[str] = pa.Field(
        isin=["girls_and_young_women", "boys"], description="Who stays there, from 'Persons Staying'."
    )
    non_thai_pct_min: Series[float] = pa.Field(
        nullable=True, ge=0, le=100, description="Lower bound of the printed share of non-Thai residents; "
        "null where none is printed.", metadata={"unit": "percent"},
    )
    non_thai_pct_max: Series[float] = pa.Field(
        nullable=True, ge=0, le=100, description="Upper bound of the printed share of non-Thai residents.",
        metadata={"unit": "percent"},
    )
    majority_origin_iso3: Series[str] = iso3_list_field(
        "Countries the majority of non-Thai residents come from, ISO3 codes joined by ';' in printed order "
        "(e.g. 'LAO;MMR')."
    )
    persons_staying_as_printed: Series[str] = pa.Field(description="The 'Persons Staying' cell as printed.")

    class Config:
        unique = ["doc_id", "location", "center_name", "residents"]

    @pa.dataframe_check(description="The share range runs forward.")
    def range_in_order(cls, df):
        return df["non_thai_pct_min"].isna() | (df["non_thai_pct_min"] <= df["non_thai_pct_max"])


NORMALISATIONS = [
    "The 'Persons Staying' cell is split into residents, the non-Thai share range and the majority origins.",
]

SCHEMA = ThaiProtectionCenters
