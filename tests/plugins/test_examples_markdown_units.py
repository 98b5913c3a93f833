"""The claimcheck-markdown example plugin: which numbers count as stated without a unit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture(scope="module")
def parse() -> Callable[[str], Any]:
    from claimcheck.analysis.nlp import load_pipeline

    nlp = load_pipeline()  # cached per process: the session's one pipeline
    return lambda text: nlp(text)[:]


@pytest.fixture
def units(example_plugin: Callable[[str, str], Any]) -> Any:
    return example_plugin("claimcheck-markdown", "claimcheck_markdown.units")


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Unemployment rose to 5 last year.", ["5"]),
        ("The deficit hit 40 billion in 2023.", ["40 billion"]),
        ("The rate is 12, the minister said.", ["12"]),
        ("GDP grew by 2.1 in the second quarter.", ["2.1"]),
        ("Turnout was 64.", ["64"]),
        ("Spending reached 1.2 trillion.", ["1.2 trillion"]),
        ("Exports grew 4.5 in May.", ["4.5"]),
        # a unit, a counted noun, a year, an age, a score or an article number: left alone
        ("Cases rose to 4,000 on Monday.", []),
        ("The army has 4,000 soldiers in the region.", []),
        ("Inflation fell to 3.2 percent.", []),
        ("It cost $40 million.", []),
        ("The budget was cut by 12 billion euros.", []),
        ("The death toll is 40.", []),
        ("He is 40 and lives in Leeds.", []),
        ("Of the 300 schools, 40 closed.", []),
        ("Article 5 of the treaty binds both sides.", []),
        ("The company sold 3 million cars.", []),
        ("The score was 3-1.", []),
        ("Putin arrived in Pyongyang on June 19, 2024.", []),
    ],
)
def test_examples_markdown_units_unitless_numbers(parse: Callable[[str], Any], units: Any, sentence: str, flagged: list[str]) -> None:
    assert units.unitless_numbers(parse(sentence)) == flagged


def test_examples_markdown_units_note_names_the_number(units: Any) -> None:
    assert units.unit_note("40 billion").startswith("Number without a unit: '40 billion'. 40 billion what")
