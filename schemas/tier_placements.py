import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import TIERS, Dataset, iso3_field

TIER_RANKS = {"1": 1, "2": 2, "2WL": 3, "3": 4}


class TierPlacements(Dataset):
    """US State Department TIP Report tier of each country, by report year, from the report's tier table."""

    iso3: Series[str] = iso3_field("ISO 3166-1 alpha-3 code of the country.")
    country: Series[str] = pa.Field(description="Country name as printed in the table.")
    year: Series[int] = pa.Field(
        ge=2001, le=2100, description="Year of the TIP Report, as printed in the table header.",
        metadata={"unit": "year"},
    )
    tier: Series[str] = pa.Field(
        isin=TIERS, description="Tier: 1, 2, 2WL (Tier 2 Watch List, printed '2-WL') or 3."
    )
    tier_rank: Series[int] = pa.Field(
        isin=sorted(set(TIER_RANKS.values())),
        description="Tier as an ordinal from best to worst: 1 = Tier 1, 2 = Tier 2, 3 = Watch List, 4 = Tier 3.",
    )
    tier_as_printed: Series[str] = pa.Field(description="The table cell exactly as printed.")

    class Config:
        unique = ["doc_id", "iso3", "year"]

    @pa.dataframe_check(description="tier_rank is the rank of tier.")
    def rank_matches_tier(cls, df):
        return df["tier"].map(TIER_RANKS) == df["tier_rank"]


NORMALISATIONS = ["The printed tier '2-WL' is stored as '2WL'; the cell as printed is kept in tier_as_printed."]

SCHEMA = TierPlacements
