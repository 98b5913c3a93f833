"""A quotation left unclosed ends with its paragraph, so its speaker is not passed on to the article.

One stray or missing closing mark used to put the rest of the text inside a
quotation, and ``attribute_quotes`` passed the quoted speaker from quotation to
quotation to every later claim.  A quotation that runs on into the next
paragraph re-opens it with a mark (the journalistic convention): that one
stays whole and keeps its speaker.  The texts are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.core.claim_lookup import first_claim


@pytest.mark.parametrize("open_mark", ["\u201c", '"'])
def test_missing_closing_mark_leaves_later_paragraphs_to_the_article(engine, open_mark: str) -> None:
    text = (
        f"The minister said {open_mark}the plan will cut waiting lists by half in 2025.\n\n"
        "Hospital waiting lists grew to 7.6 million in May.\n\n"
        "The council meets on Monday."
    )
    quoted, _ = first_claim(engine, text, "cut waiting lists")
    assert quoted.attribution.quoted and quoted.attribution.speaker == "The minister"
    later, _ = first_claim(engine, text, "grew to 7.6 million")
    assert not later.attribution.quoted
    assert later.attribution.kind == "article" and later.attribution.speaker is None


def test_quotation_reopened_in_next_paragraph_keeps_its_speaker(engine) -> None:
    text = (
        "\u201cWe will not raise taxes, and we will cut waiting lists by half in 2025,\u201d the chancellor, "
        "George Osborne, said in a speech.\n\n"
        "\u201cThe deficit has fallen by a third since 2010.\n\n"
        "\u201cAnd we will balance the budget by 2020,\u201d he added."
    )
    run_on, _ = first_claim(engine, text, "deficit has fallen")
    assert run_on.attribution.quoted and run_on.attribution.speaker == "George Osborne"
