"""Claims that stand alone: quoted predicates keep their subject, and ``standalone`` adds speaker, date, names."""

from __future__ import annotations

import pytest

from claimcheck.analysis.standalone import format_date, format_interval


def _claims(engine, text: str, published: str = "2005-02-07"):
    return engine.check(text, published=published, all=True).claims


@pytest.mark.parametrize(
    "text,subject",
    [
        ('Engineers said on Monday that the dam\'s sluice gates "are working normally" after the storm.', "the dam's sluice gates"),
        ('The operator said its reactors "pose no risk to anyone".', "its reactors"),
    ],
)
def test_standalone_quoted_predicate_keeps_subject(engine, text: str, subject: str) -> None:
    texts = [c.text for c in _claims(engine, text)]
    assert any(t.startswith(subject) for t in texts), texts
    for claim in _claims(engine, text):
        assert text[claim.start:claim.end] == claim.text


def test_standalone_adds_speaker_and_frame_date(engine) -> None:
    claims = _claims(engine, "Helen Marsh said on Saturday that 52 schools would close by the summer.")
    claim = next(c for c in claims if c.text.startswith("52 schools"))
    assert claim.standalone == "Helen Marsh said on 5 February 2005 that 52 schools would close by the summer"


def test_standalone_according_to(engine) -> None:
    claims = _claims(engine, "According to the transport ministry, 310 trains were cancelled.")
    claim = next(c for c in claims if "310 trains" in c.text)
    assert claim.standalone == "According to the transport ministry, 310 trains were cancelled"


def test_standalone_resolves_relative_date_in_own_voice(engine) -> None:
    claims = _claims(engine, "The port authority impounded 14 fishing boats yesterday.")
    claim = next(c for c in claims if "14 fishing boats" in c.text)
    assert claim.standalone == "The port authority impounded 14 fishing boats yesterday (6 February 2005)"


def test_standalone_sentence_starts_with_a_capital_speaker(engine) -> None:
    claims = _claims(engine, "Ticket prices will rise by 12% in March, the transport ministry said.")
    claim = next(c for c in claims if "12%" in c.text)
    assert claim.standalone is not None and claim.standalone.startswith("The transport ministry said"), claim.standalone


@pytest.mark.parametrize(
    "begins,ends,words",
    [("2005-01-24", "2005-02-07", "from 24 January 2005 to 7 February 2005"), ("2005-01", "2005-03", "from January 2005 to March 2005"),
     ("2005", "2015", "from 2005 to 2015"), ("2005", "garbage", None)],
)
def test_standalone_format_interval(begins: str, ends: str, words: str | None) -> None:
    assert format_interval(begins, ends) == words


def test_standalone_none_when_nothing_to_add(engine) -> None:
    claims = _claims(engine, "The council closed 14 libraries in 2003.")
    claim = next(c for c in claims if "14 libraries" in c.text)
    assert claim.standalone is None


def test_standalone_in_json_report(engine) -> None:
    data = engine.check("Helen Marsh said that 52 schools would close.", published="2005-02-07").to_dict()
    assert data["version"] == "1.3"
    assert all("standalone" in c for c in data["claims"])


@pytest.mark.parametrize(
    "value,precision,words",
    [("2005-02-05", "day", "on 5 February 2005"), ("2005-02", "month", "in February 2005"), ("2005", "year", "in 2005"),
     ("1990", "decade", "in the 1990s"), ("garbage", "day", None)],
)
def test_standalone_format_date(value: str, precision: str, words: str | None) -> None:
    assert format_date(value, precision) == words


@pytest.mark.parametrize(
    "text,contains,standalone",
    [
        ("It has emerged that the council's payroll system crashed in March.", "payroll",
         "It has emerged that the council's payroll system crashed in March"),
        ("Ms Patel told reporters on Friday that no data was lost.", "no data",
         "Patel said on 4 February 2005 that no data was lost"),
        # A relative interval is written out: it has no single date to add.
        ("Ticket prices rose 12% over the past two weeks.", "Ticket prices",
         "Ticket prices rose 12% over the past two weeks (from 24 January 2005 to 7 February 2005)"),
        ("The new line will carry 40,000 passengers a day within the next decade.", "40,000",
         "The new line will carry 40,000 passengers a day within the next decade (from 2005 to 2015)"),
    ],
)
def test_standalone_frames_and_relative_periods(engine, text: str, contains: str, standalone: str) -> None:
    claim = next(c for c in _claims(engine, text) if contains in c.text)
    assert claim.standalone == standalone


def test_standalone_keeps_pronoun_that_is_the_speaker(engine) -> None:
    claims = _claims(engine, "Maria Lopez, the mayor, visited the depot. Maria Lopez said she would cut fares by 10%.")
    claim = next(c for c in claims if "cut fares" in c.text)
    assert claim.standalone is not None and claim.standalone.startswith("Maria Lopez said that she would cut fares")



@pytest.mark.parametrize(
    "text,start,standalone",
    [
        ("Their lawyer said the families had received no compensation, had never been consulted by the council "
         "and were now homeless.", "had never been consulted",
         "Their lawyer said that the families had never been consulted by the council and were now homeless"),
        ("She said the nurses had been offered no pay rise, had never been consulted and had voted to strike.",
         "had never been consulted", "She said that the nurses had never been consulted and had voted to strike"),
    ],
)
def test_standalone_further_reported_clause_gets_the_shared_subject(engine, text: str, start: str, standalone: str) -> None:
    report = engine.check(text, published="2005-02-05", all=True)
    claim = next(c for c in report.claims if c.text.startswith(start))
    assert claim.standalone == standalone


def test_standalone_claim_holding_its_own_frame_is_not_framed_twice(engine) -> None:
    text = "The inspector said the pupils had been sent home early, had never been taught chemistry and were missing three exams."
    report = engine.check(text, published="2005-02-05", all=True)
    assert report.claims and all(c.standalone is None or c.standalone.count("said") == c.text.count("said") for c in report.claims)
