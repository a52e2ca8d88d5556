"""What every dataset shares: provenance columns and strict validation."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

TIERS = ["1", "2", "2WL", "3"]
MEASURE_AREAS = ["legal_framework", "national_policy", "focal_point_mechanism", "social_delivery"]


class Dataset(pa.DataFrameModel):
    """Provenance: the document and the 1-based line of the raw file that a row's values were read from, and
    for a PDF source its page."""

    doc_id: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9_]+$",
        description="Document the row was read from; its identifier in `documents` (set in workflow/config.yaml).",
    )
    source_line: Series[int] = pa.Field(
        ge=1, description="1-based line number in the raw source file holding the row's values; for a PDF "
        "source, among the lines read from the PDF (`python -m tip_gms.pdf FILE` lists them).",
    )
    source_page: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Page of the PDF source holding the row's values; null for a text source."
    )

    class Config:
        strict = True
        coerce = True
