"""The consistency checks collected while the other datasets were built (the runner builds this one last)."""

import pandas as pd

from tip_gms.document import Source
from tip_gms.findings import Findings


def build(source: Source, findings: Findings) -> pd.DataFrame:
    return findings.frame()
