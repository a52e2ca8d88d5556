import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import TIERS, Dataset


class TierDefinitions(Dataset):
    """What each US TIP Report tier means, as the report quotes it from the TVPRA."""

    tier: Series[str] = pa.Field(isin=TIERS, description="Tier code, as in `tier_placements.tier`.")
    label: Series[str] = pa.Field(description="Name of the tier as printed, e.g. 'Tier 2 Watch List'.")
    definition: Series[str] = pa.Field(str_length={"min_value": 1}, description="Definition as printed.")

    class Config:
        unique = ["doc_id", "tier"]


SCHEMA = TierDefinitions
