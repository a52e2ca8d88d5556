import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset, iso3_field

UNITS = ["persons", "count", "percent", "fraction", "times", "usd", "vnd", "km", "years", "months", "weeks", "days"]
QUALIFIERS = ["about", "over", "more_than", "under", "up_to", "at_least"]


class NumericMentions(Dataset):
    """Every quantity stated in the prose (bullets, paragraphs, list items) of the three documents, one row
    per quantity, with the sentence it stands in. Table cells are in the table datasets instead. Years,
    dates, list and section numbers, ordinals, tier codes, law/article/meeting numbers and numbers inside
    names ('Five Year Plan') are not quantities and are left out."""

    mention_id: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9_]+:\d+:\d+$",
        description="Stable identifier: '<doc_id>:<source_line>:<n>', n counting the quantities of the line.",
    )
    section: Series[str] = pa.Field(
        nullable=True, description="Path of the headings above the line, joined by ' > '."
    )
    iso3: Series[str] = iso3_field(
        "The country of the report's region the part of the document is about (from its headings); null where "
        "the part is regional or global.", nullable=True,
    )
    text: Series[str] = pa.Field(description="The line's text: bullet marker and markup removed.")
    as_printed: Series[str] = pa.Field(
        description="The quantity exactly as printed in `text`, e.g. '600,000~800,000', 'US$. 5 to 7 billion', "
        "'one (1)'. Qualifying words ('about') and the counted noun are not part of it."
    )
    position: Series[int] = pa.Field(ge=1, description="1-based character position of as_printed in text.")
    value: Series[float] = pa.Field(
        ge=0, description="The quantity (the lower bound of a range), scaled: '1 million' is 1000000, "
        "'One third' is 0.333..., 'half a year' is 0.5.", metadata={"unit": "see unit"},
    )
    value_max: Series[float] = pa.Field(
        nullable=True, ge=0, description="Upper bound of a range ('50,000 to 55,000', '15-24'); null otherwise.",
        metadata={"unit": "see unit"},
    )
    unit: Series[str] = pa.Field(
        isin=UNITS, description="persons; count (of things: cases, countries, shelters...); percent; fraction "
        "(of 1); times (a factor: 'double'); usd; vnd (Vietnamese dong); km; years, months, weeks, days "
        "(durations and ages). Where the sentence names no unit ('21 of whom'), the unit of the quantity "
        "before it in the same section.",
    )
    qualifier: Series[str] = pa.Field(
        nullable=True, isin=QUALIFIERS,
        description="Printed qualifier: about ('about', 'around'), over, more_than, under, up_to ('up to', "
        "'the maximum of'), at_least ('or more', 'between 3 years and life'); null if none.",
    )
    written_in_words: Series[bool] = pa.Field(description="True where the number is written in words ('Nine').")

    class Config:
        unique = ["doc_id", "mention_id"]

    @pa.dataframe_check(description="as_printed is found in text at position.")
    def span_in_text(cls, df):
        return pd.Series(
            [t[p - 1 : p - 1 + len(s)] == s for t, p, s in zip(df["text"], df["position"], df["as_printed"],
                                                                  strict=True)],
            index=df.index,
        )

    @pa.dataframe_check(description="A range runs forward.")
    def range_in_order(cls, df):
        return df["value_max"].isna() | (df["value"] <= df["value_max"])


NORMALISATIONS = [
    "Scales are applied ('1 million' = 1000000) and words read as numbers ('Nine' = 9, 'One third' = 1/3).",
    "A number repeated in brackets ('one (1) year') is one mention.",
    "The bullet marker '- ' is removed from text.",
]

SCHEMA = NumericMentions
