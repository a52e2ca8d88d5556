"""What every dataset shares: provenance columns and strict validation."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

TIERS = ["1", "2", "2WL", "3"]
ISO3 = r"^[A-Z]{3}$"

# Normalisations applied to every dataset (each schema module may add its own in NORMALISATIONS).
NORMALISATIONS = [
    "Presentation markup is removed from text: bold (`**`), underline (`<u>`, `</u>`) and the escaped `\\$`.",
    "Runs of spaces are collapsed and text is trimmed; nothing else in a text is changed.",
    "Country names as printed are mapped to ISO 3166-1 alpha-3 codes (pycountry plus the reviewed aliases in "
    "scripts/tip_gms/country_aliases.yaml); the printed name is kept beside the code where the table prints one.",
    "Rows are found by the caption or heading of their table or section, never by line number.",
]


def references(dataset: str) -> dict:
    """Field metadata saying that a column holds keys of another dataset (DuckDB FOREIGN KEY, data package)."""
    return {"references": dataset}


def iso3_field(description: str, *, nullable: bool = False, printed_in: str | None = None):
    """A country code column: ISO 3166-1 alpha-3, referring to the `countries` dataset; `printed_in`: the column
    holding the name it was read from, where that is not `country` (for `<x>_iso3`, `<x>`)."""
    return pa.Field(nullable=nullable, str_matches=ISO3, description=description,
                    metadata={**references("countries"), **({"printed_in": printed_in} if printed_in else {})})


def iso3_list_field(description: str, *, nullable: bool = True):
    """A column of country codes joined by ';' in printed order (e.g. 'LAO;MMR'), each in `countries`."""
    return pa.Field(
        nullable=nullable, str_matches=r"^[A-Z]{3}(;[A-Z]{3})*$", description=description,
        metadata={**references("countries"), "separator": ";"},
    )


class Dataset(pa.DataFrameModel):
    """Provenance: the document and the 1-based line of the raw file that a row's values were read from, and
    for a PDF source its page."""

    doc_id: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9_]+$",
        description="Document the row was read from; its identifier in `documents` (set in workflow/config.yaml).",
        metadata=references("documents"),
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
