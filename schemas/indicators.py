import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field


class Indicators(Dataset):
    """Summary indicators computed from the datasets; each is defined once, in words and in SQL, in
    workflow/indicators.yaml. doc_id and source_line point at the first line the value was computed
    from; source_lines lists them all."""

    indicator_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+$", description="Identifier of the indicator.")
    breakdown: Series[str] = pa.Field(
        description="The group the row is about: an ISO3 code, a destination or nationality as printed, or 'all'."
    )
    iso3: Series[str] = iso3_field("Country the row is about, where there is one.", nullable=True)
    period: Series[str] = pa.Field(
        description="Time the value refers to: a year, a span '2001-2006', a month '2005-10'."
    )
    value: Series[float] = pa.Field(description="The indicator's value.", metadata={"unit": "see unit"})
    value_text: Series[str] = pa.Field(
        nullable=True, description="A categorical result beside the value (a tier, a destination); null if none."
    )
    unit: Series[str] = pa.Field(
        isin=["tier_rank", "tier_rank_change", "years", "persons", "percent", "percentage_points"],
        description="Unit of value: tier_rank (1 = Tier 1 ... 4 = Tier 3), tier_rank_change, years, persons, "
        "percent, percentage_points.",
    )
    definition: Series[str] = pa.Field(description="One-sentence definition of the indicator.")
    inputs: Series[str] = pa.Field(description="Datasets the indicator is computed from, separated by ';'.")
    source_lines: Series[str] = pa.Field(description="Every source line the value was computed from, separated by ';'.")

    class Config:
        unique = ["doc_id", "indicator_id", "breakdown", "period"]


SCHEMA = Indicators
