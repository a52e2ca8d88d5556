import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_list_field


class PolicyTimeline(Dataset):
    """Regional and international milestones against trafficking in the GMS, one row per item listed under
    'What has been done at the policy level in GMS ?'. An item printed without a date ('Bilateral Memorandum
    of Understanding (MOU)') is kept, with null years, so that the list is complete."""

    start_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2100, description="First year of the event as printed ('1996~2000' -> 1996; "
        "'2002, 2003' -> 2002); null for an item printed without a date.", metadata={"unit": "year"},
    )
    end_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2100, description="Last year of the event: the start year for a single year "
        "('1998'), the printed end of a range ('1996~2000' -> 2000), the last year of a list of years ('2002, "
        "2003' -> 2003, read as the span of the meetings). Null where the source leaves the end open ('1996~', "
        "from 1996 onwards) and for an undated item.", metadata={"unit": "year"},
    )
    month: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, le=12, description="Month of the start year where one is printed ('Oct. 2004' -> "
        "10); null otherwise.", metadata={"unit": "month"},
    )
    date_as_printed: Series[str] = pa.Field(
        nullable=True, description="The item's leading date exactly as printed ('1996~', 'Oct. 2004'); null for "
        "an undated item.",
    )
    event: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="The item after its date, as printed with markup removed.",
    )
    participants_iso3: Series[str] = iso3_list_field(
        description="Countries taking part, ISO 3166-1 alpha-3 codes joined by ';' in printed order, read from "
        "a closing bracketed list of three or more names ('(Cambodia, China, Laos, Burma, Thailand and "
        "Vietnam)'). Null where the item names none; a venue ('... Summit in Laos') is not a participant.",
    )

    class Config:
        unique = ["doc_id", "source_line"]

    @pa.dataframe_check(description="An event ends in or after the year it starts.")
    def years_in_order(cls, df):
        return df["end_year"].isna() | df["start_year"].isna() | (df["start_year"] <= df["end_year"])

    @pa.dataframe_check(description="An undated item has no end year or month.")
    def undated_has_no_end_or_month(cls, df):
        return df["start_year"].notna() | (df["end_year"].isna() & df["month"].isna())


SCHEMA = PolicyTimeline
