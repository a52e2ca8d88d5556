import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field
from schemas.numeric_mentions import QUALIFIERS, UNITS


class KeyFigures(Dataset):
    """Headline figures of the report, curated in a reviewed registry beside the workflow config
    (workflow/reports/<source>.key_figures.yaml). Each is one row of numeric_mentions picked by a reviewed phrase
    (its locator); the value is read from the source, never typed."""

    figure_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+$", description="Stable identifier of the figure.")
    label: Series[str] = pa.Field(description="What the figure is, in words.")
    iso3: Series[str] = iso3_field(
        "Country the figure is about (ISO 3166-1 alpha-3); null for regional or global figures.", nullable=True
    )
    period: Series[str] = pa.Field(
        nullable=True, description="Time the figure refers to, in words that read one way, as the report states it "
        "('2004', 'March 2002', '2002 to 2005', 'since January 2006', 'per year'); null where the report gives none."
    )
    period_iso: Series[str] = pa.Field(
        nullable=True, description="The period in ISO 8601: '2004', '2002-03' (a month), '2002/2005' (a span), "
        "'2006-01/..' (since, open-ended); null where the period is none or recurring ('per year')."
    )
    value: Series[float] = pa.Field(ge=0, description="The figure (lower bound of a range), from numeric_mentions.",
                                    metadata={"unit": "see unit"})
    value_max: Series[float] = pa.Field(nullable=True, ge=0, description="Upper bound of a range; null otherwise.",
                                        metadata={"unit": "see unit"})
    unit: Series[str] = pa.Field(isin=UNITS, description="Unit, as in numeric_mentions.")
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS, description="Printed qualifier ('about').")
    as_printed: Series[str] = pa.Field(description="The quantity as printed.")
    worded: Series[str] = pa.Field(description="The figure in the source's words: the locator with the quantity "
                                   "as printed, a phrase of the sentence word for word ('Over one million children').")
    citation: Series[str] = pa.Field(description="The figure as worded with its document, page (PDF sources) and "
                                     "line, ready to quote: '\"Over one million children\" (Author 2007, line 60)'.")
    locator: Series[str] = pa.Field(description="The reviewed phrase that picks the mention; {} marks the quantity.")
    mention_id: Series[str] = pa.Field(description="The numeric_mentions row the figure was taken from.")

    class Config:
        unique = ["doc_id", "figure_id"]


SCHEMA = KeyFigures
