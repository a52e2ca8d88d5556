import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset


class KredtrakhanResidentsByAge(Dataset):
    """Persons staying at Baan Kredtrakhan by age group, from the note under the residents table's caption."""

    as_of: Series[pa.Date] = pa.Field(description="Month of the count, as its first day.")
    age_group: Series[str] = pa.Field(description="Age group as printed, e.g. 'under 15', '15-18'.")
    age_min: Series[int] = pa.Field(
        ge=0, description="Youngest age in the group, in completed years: 0 for 'under N'; N for 'over N' "
        "(read as 'N and over', since the band before it ends at N - 1).", metadata={"unit": "years"},
    )
    age_max: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Oldest age in the group, in completed years: N - 1 for 'under N'; "
        "null for 'over N'.", metadata={"unit": "years"},
    )
    persons: Series[int] = pa.Field(ge=0, description="Residents in the age group.", metadata={"unit": "persons"})

    class Config:
        unique = ["doc_id", "as_of", "age_group"]

    @pa.dataframe_check(description="An age group's bounds run forward.")
    def bounds_in_order(cls, df):
        return df["age_max"].isna() | (df["age_min"] <= df["age_max"])


NORMALISATIONS = [
    "'under N' becomes ages 0 to N - 1; 'over N' becomes N and older; the label '9-24' is kept as printed.",
]

SCHEMA = KredtrakhanResidentsByAge
