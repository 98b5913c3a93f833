"""claimcheck's spaCy component: surnames that look like dates are people."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text,person",
    [
        ("According to Chris Monday, the talks failed.", "Chris Monday"),
        ("The decision was welcomed by Mr Monday.", "Monday"),
    ],
)
def test_components_surname_is_not_a_date(nlp, text: str, person: str) -> None:
    doc = nlp(text)
    assert person in [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert not [e for e in doc.ents if e.label_ == "DATE"]


def test_components_real_weekday_stays_a_date(nlp) -> None:
    doc = nlp("The talks failed on Monday.")
    assert [e.text for e in doc.ents if e.label_ == "DATE"] == ["Monday"]


def test_components_registered_once(nlp) -> None:
    from claimcheck.analysis.components import ENTITY_FIXES, add_claimcheck_components

    add_claimcheck_components(nlp)
    assert nlp.pipe_names.count(ENTITY_FIXES) == 1


def test_components_age_is_a_number_not_a_date(nlp) -> None:
    doc = nlp("Mr Biden, 81, is the oldest president in US history.")
    assert not [e for e in doc.ents if e.label_ == "DATE"]
