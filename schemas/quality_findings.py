import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Dataset


class QualityFindings(Dataset):
    """Every consistency check run on the source, passing ones included: a printed total against the sum
    of its parts, a printed share against count / total. A failing check is a finding about the source,
    reported here and never corrected."""

    check_id: Series[str] = pa.Field(description="Stable identifier of the check.")
    datasets: Series[str] = pa.Field(description="Datasets the check reads, separated by ';'.")
    severity: Series[str] = pa.Field(isin=["error", "warning", "info"], description="How much a failure matters.")
    status: Series[str] = pa.Field(isin=["pass", "fail"], description="Result of the check.")
    expected: Series[str] = pa.Field(description="The value as printed in the source.")
    observed: Series[str] = pa.Field(description="The value computed from the parts.")
    message: Series[str] = pa.Field(description="What was checked and, if it failed, how.")
    source_lines: Series[str] = pa.Field(description="Lines of the raw file involved, separated by ';'.")

    class Config:
        unique = ["doc_id", "check_id"]


SCHEMA = QualityFindings
