"""Printed totals: every total a table prints against the sum of the parts it totals."""

from __future__ import annotations

from tip_gms.checks.base import Inputs, check
from tip_gms.checks.findings import Findings


@check()
def printed_totals(inputs: Inputs, findings: Findings) -> None:
    """Every printed total (rows and columns of a table, a total stated before its breakdown) against the sum
    of its parts."""
    for total in inputs.totals:
        observed = sum(total.parts)
        verdict = "matches" if observed == total.printed else f"differs by {observed - total.printed:+d} from"
        findings.record(
            total.check_id, datasets=total.dataset, doc_id=total.doc_id, passed=observed == total.printed,
            expected=total.printed, observed=observed, lines=total.lines,
            message=f"{total.what}: the sum of the parts ({observed}) {verdict} the printed total ({total.printed}).",
        )
