"""Dated policy events of each country: laws, plans, decrees, MOUs and bodies established, from the
Measures sections of every document (tip_gms.datasets._measures_events) and from a presentation's slides on
its country's instruments (tip_gms.datasets._slide_events)."""

import pandas as pd

from reports.tip_gms_2007.datasets._measures_events import measures_events
from reports.tip_gms_2007.datasets._slide_events import slide_events
from tip_gms.datasets import Context


def build(context: Context) -> pd.DataFrame:
    rows = [row for document in context.source.documents for row in measures_events(context, document)]
    if "presentation" in context.report.settings(context.name):
        rows += slide_events(context)
    return pd.DataFrame(rows).astype({"year": "Int64", "month": "Int64"})
