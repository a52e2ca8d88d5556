from schemas.shapes.counts_by_year import NORMALISATIONS, counts_by_year  # noqa: F401 (the codebook reads them)

SCHEMA = counts_by_year(
    "VictimsRepatriated",
    """Victims repatriated to their country, by the country of destination they returned from and year.

    The table's printed Total row and Total column are not rows here: they are checked against the sum of
    their parts (see `quality_findings`).
    """,
    row="Country the victims returned from, as printed.",
    row_iso3="ISO 3166-1 alpha-3 code of that country; null for a group of countries.",
    year="Year of return, from the table header.",
    counted="Victims repatriated.",
)
