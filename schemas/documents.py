import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset


class Documents(Dataset):
    """The documents bundled in each source file, as its config lists them."""

    title: Series[str] = pa.Field(description="Title as printed on the first slide, markup removed.")
    authors_or_presenters: Series[str] = pa.Field(
        nullable=True, description="Authors or presenters as printed, separated by '; '."
    )
    organisation: Series[str] = pa.Field(
        nullable=True, description="Organisation that prepared or presented the document, as printed."
    )
    date: Series[pa.Date] = pa.Field(
        description="Date of the document or of the seminar it was presented at; its first day where a "
        "range of days is printed, the first of the month where only a month is."
    )
    date_as_printed: Series[str] = pa.Field(description="The date exactly as printed.")
    first_line: Series[int] = pa.Field(ge=1, description="First line of the document in the raw file.")
    last_line: Series[int] = pa.Field(ge=1, description="Last non-blank line of the document in the raw file.")
    citation: Series[str] = pa.Field(description="How to cite the document in full (from the workflow config).")
    cite_as: Series[str] = pa.Field(
        description="Short citation of a value, followed by its line: '(<cite_as>, line 60)' (workflow config)."
    )

    class Config:
        unique = ["doc_id"]

    @pa.dataframe_check(description="A document's lines run forward.")
    def lines_in_order(cls, df):
        return df["first_line"] <= df["last_line"]


NORMALISATIONS = ["A range of days ('7-9 March 2007') is stored as its first day; the printed date is kept."]

SCHEMA = Documents
