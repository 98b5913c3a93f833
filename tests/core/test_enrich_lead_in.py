"""A clause that only announces the lines after it is kept below the line (enrich.lead_in_reasons)."""

from __future__ import annotations

import pytest

from claimcheck.analysis.enrich import JUDGEMENT_CEILING, LEAD_IN
from tests.core.claim_lookup import first_claim


@pytest.mark.parametrize(
    "text,contains",
    [
        ("The council published its plan on Monday.\n\nThe new measures include:\n\n- Landlords must register every property.\n",
         "measures include"),
        ("The mayor said the districts where the council wants to see changes include:\n\nHousing: rents rose 12% in 2023.\n",
         "districts where"),
        ("The evidence against the 2019 figures is:\n- The census counted 4,000 more homes.", "evidence against"),
    ],
)
def test_enrich_lead_in_at_a_line_ending_colon_is_demoted(engine, text: str, contains: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert claim.score <= JUDGEMENT_CEILING
    assert claim.reasons[0] == f"- {LEAD_IN}"


@pytest.mark.parametrize(
    "text,contains",
    [
        # the lines after the lead-in are claims of their own
        ("The new measures include:\n\n- Landlords must register every property with the council.\n", "Landlords must"),
        # a colon inside the line introduces words of the same sentence
        ("The minister told the BBC: \"Rents rose 12% in 2023.\"\n", "Rents rose"),
        ("The council closed 12 libraries in March.\n", "12 libraries"),
    ],
)
def test_enrich_lead_in_leaves_other_claims(engine, text: str, contains: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert not any(LEAD_IN in r for r in claim.reasons)
