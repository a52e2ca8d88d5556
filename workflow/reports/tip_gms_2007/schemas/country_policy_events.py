import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from reports.tip_gms_2007.schemas import MEASURE_AREAS
from schemas.base import Dataset, iso3_field, iso3_list_field

AREAS = [*MEASURE_AREAS, "international_agreement"]
STATUSES = ["adopted", "concluded", "draft", "established", "in_force", "planned", "ratified", "signed",
            "under_discussion"]


class CountryPolicyEvents(Dataset):
    """Policy events of each GMS country: laws, plans, decrees, MOUs, treaties and bodies established.

    From the report's Measures sections (C2-x Cambodia, L2-x Lao PDR, M2-x Myanmar, V2-x Viet Nam, T2-x Thailand)
    an item is a row when it prints a year and names an instrument, a body or a government act (a law, plan,
    decree, decision, MOU, committee, unit, office; established, signed, adopted, issued, ...); dated
    enforcement results, incidents, the US tier rating and statements about the situation are left out, and so
    are undated items and slides under other headings (e.g. 'TRAFCORD', 'NGO Centers'). From the Cambodia
    presentation every item of its instrument slides is a row, dated or not ('Current Cambodian Laws', 'Draft
    Cambodian Laws', 'RATIFIED:', the MOU list, 'Extradition Treaties with:', 'Special extradition
    arrangements also made with:'), plus the dated items of 'Legal Context and Response' and 'Good Practices'.
    One row per item: an item naming several instruments ('1999 Revised Criminal Act, and 2003 Child
    Protection Act') is dated by the first year printed in it; its text keeps the others."""

    iso3: Series[str] = iso3_field(
        description="ISO 3166-1 alpha-3 code of the country acting: the country of "
        "the Measures section (its letter's 'X1.' heading), or the presenting country of the presentation.",
    )
    country: Series[str] = pa.Field(description="That country's name as printed ('Lao PDR', 'CAMBODIA').")
    year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2100, description="Year the item is dated by: the first year printed in it "
        "('1996: Law on ...', 'adopted in September 2005', 'Plan 2005-2009' -> 2005). Null only for undated "
        "items of the presentation's instrument slides (e.g. 'Thailand - signed' under extradition treaties, "
        "ratified conventions).", metadata={"unit": "year"},
    )
    month: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, le=12, description="Month printed with that year ('In July 2002', 'signed on 6 Feb "
        "2007' -> 2); null where only a year is printed.", metadata={"unit": "month"},
    )
    area: Series[str] = pa.Field(
        isin=AREAS, description="Measure area, from the heading the item is under: legal_framework ('X2-1. "
        "Legal Framework'; the presentation's law slides), national_policy ('X2-2. National Policies and "
        "Action Plans'), focal_point_mechanism ('X2-3. National Focal Point and National Mechanism'; the "
        "presentation's 'Good Practices' national mechanism), social_delivery ('X2-4. Social Delivery ...'), "
        "international_agreement (the presentation's ratified instruments, MOUs and extradition treaties and "
        "arrangements; this includes its 'MOU between GO's and NGOs', listed there). An MOU in a Measures "
        "section keeps that section's area.",
    )
    status: Series[str] = pa.Field(
        nullable=True, isin=STATUSES, description="Status given by the presentation slide's heading (in_force "
        "for current laws, draft, ratified, concluded for extradition arrangements 'made', established for the "
        "national mechanism) or else read from the item's words, first match in this order: draft ('draft', "
        "'under finalization'), under_discussion, ratified, signed, planned ('planned', 'planning', 'shall'), "
        "established ('established', 'formed', 'inception'), adopted ('adopted', 'was made', 'issued', "
        "'approving', 'promulgating', 'launched'), concluded. Null where the item says none of these "
        "('1996: Law on the Suppression of ...').",
    )
    partner: Series[str] = pa.Field(
        nullable=True, description="Other party of an agreement as printed: the name before ' - ' in the "
        "presentation's '... with:' lists ('Thailand - signed', 'GMS (6 countries) - ...'), or the countries "
        "after 'with'/'between' in a Measures item naming an MOU or agreement, the acting country left out. "
        "Null where none is named (laws, conventions, 'MOU between GO's and NGOs').",
    )
    partner_iso3: Series[str] = iso3_list_field(
        description="ISO 3166-1 alpha-3 codes of the "
        "partner countries, joined by ';' in printed order; null for a group of countries ('GMS (6 "
        "countries)') and where no partner is named.",
    )
    text: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="The item as printed, its list marker and markup removed.",
    )
    section: Series[str] = pa.Field(description="Heading the item is under, as printed ('C2-1. Legal Framework "
                                    "(Cont.)', 'Extradition Treaties with:').")

    class Config:
        unique = ["doc_id", "source_line"]

    @pa.dataframe_check(description="A month is only given with a year.")
    def month_has_a_year(cls, df):
        return df["month"].isna() | df["year"].notna()

    @pa.dataframe_check(description="Partner codes come with a printed partner.")
    def partner_codes_have_a_name(cls, df):
        return df["partner_iso3"].isna() | df["partner"].notna()


SCHEMA = CountryPolicyEvents
