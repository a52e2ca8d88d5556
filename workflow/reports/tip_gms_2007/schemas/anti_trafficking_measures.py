import pandera.pandas as pa
from pandera.typing import Series

from reports.tip_gms_2007.schemas import MEASURE_AREAS
from schemas.base import Dataset, iso3_field


class AntiTraffickingMeasures(Dataset):
    """The 'Main Measures taken to Combat Trafficking of Women and Children in GMS' table: one cell per row."""

    iso3: Series[str] = iso3_field("ISO 3166-1 alpha-3 code of the country.")
    country: Series[str] = pa.Field(description="Country name as printed.")
    measure_area: Series[str] = pa.Field(
        isin=MEASURE_AREAS, description="Table column: legal_framework ('Legal Framework'), national_policy "
        "('National Policy and AP'), focal_point_mechanism ('National FP and Mechanism') or social_delivery "
        "('Social Delivery Measures').",
    )
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The cell's text, underline markup removed.")

    class Config:
        unique = ["doc_id", "iso3", "measure_area"]


SCHEMA = AntiTraffickingMeasures
