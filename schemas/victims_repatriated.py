from schemas.thai_victims_rescued import ThaiVictimsRescued


class VictimsRepatriated(ThaiVictimsRescued):
    """Victims repatriated to their country, by the country of destination they returned from and year.

    The table's printed Total row and Total column are not rows here: they are checked against the sum of
    their parts (see `quality_findings`). Read by the builder of thai_victims_rescued, which the config names.
    """

    class Config:
        unique = ["doc_id", "destination", "year"]


NORMALISATIONS = [
    "A printed '-' is read as 0 persons and flagged reported_as_dash = true.",
    "The printed Total row and Total column are not rows; they are compared with the sums (quality_findings).",
]

SCHEMA = VictimsRepatriated
