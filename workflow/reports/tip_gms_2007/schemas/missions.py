import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field


class Missions(Dataset):
    """The missions behind the report, as listed under 'Country Missions': the numbered fact-finding missions
    and the project formulation mission listed after them, done or planned when the report was written."""

    mission_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Number of the fact-finding mission as printed; null for the project "
        "formulation mission, which the list does not number.",
    )
    mission_type: Series[str] = pa.Field(
        isin=["fact_finding", "project_formulation"], description="fact_finding for the numbered list; a "
        "mission named in its item ('Project Formulation Mission in Thailand') gets that name.",
    )
    country_or_area: Series[str] = pa.Field(description="Country or area visited as printed ('Northern "
                                            "Thailand', 'Lao PDR').")
    iso3: Series[str] = iso3_field(
        description="ISO 3166-1 alpha-3 code of the country visited; an area named as "
        "part of a country ('Northern Thailand') gets that country's code.", printed_in="country_or_area",
    )
    start_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1990, le=2100, description="Year the mission started or is to start; null where the "
        "date is printed as '?' (China).", metadata={"unit": "year"},
    )
    start_month: Series[pa.Date] = pa.Field(
        nullable=True, description="Month the mission started or is to start, as its first day ('Jan.2006' -> "
        "2006-01-01; 'May-June 2007' -> 2007-05-01); null where only a year ('in 2006') or '?' is printed.",
    )
    end_month: Series[pa.Date] = pa.Field(
        nullable=True, description="Last month, as its first day, where a range of months is printed "
        "('May-June 2007' -> 2007-06-01); null otherwise.",
    )
    date_as_printed: Series[str] = pa.Field(description="The date as printed ('Jan.2006', '2006', '?').")
    status: Series[str] = pa.Field(
        isin=["done", "planned"], description="planned where the item says so ('(to be planned)', 'field visit "
        "to be planned') or its date is '?'; done otherwise (the report is dated March 2007).",
    )
    partner: Series[str] = pa.Field(
        nullable=True, description="Organisation the mission was made with, as printed in brackets after the "
        "place ('(with NVEC)' -> 'NVEC', 'ASEAN/SOMSVD'); null where none is printed.",
    )
    note: Series[str] = pa.Field(
        nullable=True, description="The rest of the item as printed: a bracketed remark ('field visit to be "
        "planned') or what follows the date ('and government centers/shelters in 2006 -2007'); null if none.",
    )

    class Config:
        unique = ["doc_id", "source_line"]

    @pa.dataframe_check(description="A month range runs forward.")
    def months_in_order(cls, df):
        return df["end_month"].isna() | (df["start_month"].notna() & (df["start_month"] < df["end_month"]))


SCHEMA = Missions
