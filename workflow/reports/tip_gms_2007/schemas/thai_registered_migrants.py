import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field


class ThaiRegisteredMigrants(Dataset):
    """Migrants who registered with the Thai Government under its decision to let undocumented migrants
    register, by country of origin (Thailand section of the report). The printed total of all registered
    migrants is not a row: it is checked against the sum of the countries (see `quality_findings`)."""

    nationality: Series[str] = pa.Field(description="Country of origin as printed ('from Myanmar' -> 'Myanmar').")
    iso3: Series[str] = iso3_field("ISO 3166-1 alpha-3 code of that country.", printed_in="nationality")
    as_of: Series[pa.Date] = pa.Field(
        description="Date of the count, as the first day of the printed month ('As of March 2002' -> "
        "2002-03-01); the breakdown sentence ('Among those registered') refers to that count."
    )
    registered: Series[int] = pa.Field(ge=0, description="Migrants registered from that country.",
                                       metadata={"unit": "persons"})

    class Config:
        unique = ["doc_id", "iso3", "as_of"]


SCHEMA = ThaiRegisteredMigrants
