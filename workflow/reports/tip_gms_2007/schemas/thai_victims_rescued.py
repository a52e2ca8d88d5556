from schemas.shapes.counts_by_year import NORMALISATIONS as COUNTS
from schemas.shapes.counts_by_year import counts_by_year

SCHEMA = counts_by_year(
    "ThaiVictimsRescued",
    """Thai women and children rescued abroad, by destination country and year (MoSDHS table).

    The table's printed Total row and Total column are not rows here: they are checked against the sum of
    their parts (see `quality_findings`).
    """,
    row="Destination country or group as printed.",
    row_iso3="ISO 3166-1 alpha-3 code of the destination; null for the 'Other' group of countries.",
    year="Year of rescue, from the table header.",
    counted="Women and children rescued.",
)

NORMALISATIONS = [*COUNTS, "The row 'Other(22 c.)' groups 22 countries: destination_iso3 is null."]
