import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset


class MyanmarVictimsInThaiCenters(Dataset):
    """Myanmar girls (mostly trafficking victims) staying in Thai government protection centers, one row per
    center, from the bullets under 'Myanmar victims in Thailand'."""

    center: Series[str] = pa.Field(description="Center as printed ('Kredtrakhan Center', 'Nakorn Rachasima "
                                   "center'); the names differ from the full names in `thai_protection_centers`.")
    as_of: Series[pa.Date] = pa.Field(
        nullable=True, description="Date of the count, as the first day of the printed month ('in January "
        "2007', 'as of Feb. 2007'). Null where the source gives a usual level instead of a dated count "
        "('Usually about 40 to 50 ...'; see usual_level).",
    )
    usual_level: Series[bool] = pa.Field(description="True where the source states what is usual ('Usually ...') "
                                         "rather than a count at a date.")
    persons_min: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Lower bound of the printed number ('about 40 to 50' -> 40; '5' -> 5); "
        "null where no number is printed ('A few').", metadata={"unit": "persons"},
    )
    persons_max: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Upper bound of the printed number ('about 40 to 50' -> 50; '5' -> 5); "
        "null where no number is printed.", metadata={"unit": "persons"},
    )
    as_printed: Series[str] = pa.Field(description="The number exactly as printed ('about 40 to 50', '5', 'A few').")
    qualifier: Series[str] = pa.Field(
        nullable=True, isin=["about", "a_few"], description="about: the printed number is approximate; a_few: "
        "no number is printed, only 'a few'; null for an exact count.",
    )
    residents_total: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="All girls and young women staying at the center, where printed with "
        "the count ('out of total 380 girls and young women' -> 380); null otherwise.",
        metadata={"unit": "persons"},
    )

    class Config:
        unique = ["doc_id", "center"]

    @pa.dataframe_check(description="A range runs forward, and both bounds are given or neither.")
    def range_in_order(cls, df):
        both = df["persons_min"].notna() & df["persons_max"].notna()
        neither = df["persons_min"].isna() & df["persons_max"].isna()
        return neither | (both & (df["persons_min"] <= df["persons_max"]))

    @pa.dataframe_check(description="Only 'a few' comes without a number.")
    def only_a_few_has_no_number(cls, df):
        return df["persons_min"].notna() | (df["qualifier"] == "a_few")


SCHEMA = MyanmarVictimsInThaiCenters
