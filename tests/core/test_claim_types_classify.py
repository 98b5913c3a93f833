"""Claim types follow Full Fact's taxonomy."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text,contains,claim_type",
    [
        ("Unemployment fell to 4.1% in May.", "4.1%", "quantity"),
        ("They gathered almost half of the capital.", "half", "quantity"),
        ("The treaty includes a mutual defence clause.", "defence clause", "rule"),
        ("The new law bans smoking in cars carrying children.", "bans smoking", "rule"),
        ("Trade between the two countries will increase next year.", "will increase", "prediction"),
        ("The invasion of Ukraine has left Russia isolated from the West.", "isolated", "causation"),
        ("The floods were caused by a blocked drain.", "caused", "causation"),
        ("Norway is the largest oil producer in Western Europe.", "largest", "comparison"),
        ("Russia exports more wheat than any other country.", "more wheat", "comparison"),
        ("Antony Blinken is the US secretary of state.", "Blinken", "role"),
        ("Both sides deny this.", "deny", "event"),
        ("Police arrested two men in Leeds on Tuesday.", "arrested", "event"),
    ],
)
def test_claim_types_classify(engine, text: str, contains: str, claim_type: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text and not c.embedded]
    assert hits, [c.text for c in report.claims]
    assert hits[0].type == claim_type


CLASSES = [
    # comparisons with numbers are comparisons, "more than N" alone is an amount
    ("comparison", "Hospitals treated three times as many patients as in 1998.", "three times as many"),
    ("comparison", "Rail fares rose twice as fast as wages.", "twice as fast"),
    ("comparison", "The county still trails the national average for broadband speed.", "national average"),
    ("comparison", "She became the first woman to swim the channel both ways.", "first woman"),
    ("comparison", "The album climbed to number three in the charts.", "number three"),
    ("quantity", "The charity has raised more than 40,000 pounds since March.", "40,000"),
    # rules: what a class of people must, may or may not do, even in the future tense
    ("rule", "From April, landlords will have to register every tenancy with the council.", "register every tenancy"),
    ("rule", "Passengers can claim a refund of up to 300 euros.", "refund"),
    ("rule", "Offenders will face a fine of up to 500 pounds.", "fine"),
    ("rule", "The new regulations will apply to all private hire vehicles.", "private hire"),
    ("prediction", "The council will close the library next year.", "close the library"),
    ("prediction", "The new bypass could cut journey times by a third.", "journey times"),
    # causation only where a cause is in the claim and is not an agent's act
    ("event", "The union pushed ministers to reopen the talks.", "reopen the talks"),
    ("event", "As a result, the mayor cancelled the parade.", "cancelled the parade"),
    ("quantity", "Some 300 new posts are to be created at the depot.", "300 new posts"),
    ("causation", "The closure of the mine led to the loss of 900 jobs.", "led to"),
    ("causation", "He blamed the delays on a shortage of drivers.", "blamed the delays"),
    # numbers that are not statistics: names, ordinals, vague magnitudes, idioms
    ("event", "The firm moved its servers from Windows 2000 last spring.", "Windows 2000"),
    ("event", "Thousands of commuters walked to work on Monday.", "walked to work"),
    ("other", "The result is a million miles from what voters were promised.", "million miles"),
    # opinion verbs and attitudes are not events
    ("other", "The strike underscores the urgency of a new pay deal.", "urgency"),
    ("other", "The report underlines the pressing need for new homes.", "pressing need"),
    ("other", "The row highlights the importance of an independent regulator.", "importance"),
    ("other", "The minister wants the tax to be scrapped.", "scrapped"),
    ("other", "The government is prepared to veto any new levy.", "veto"),
    # roles held by a person named by a pronoun
    ("role", "Before that he held the post of chancellor for three years.", "chancellor"),
    ("quantity", "The council sold the old town hall for 2m pounds in 1998.", "town hall"),
]


@pytest.mark.parametrize("claim_type,text,contains", CLASSES)
def test_claim_types_by_class(engine, claim_type: str, text: str, contains: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text and not c.embedded]
    assert hits, [c.text for c in report.claims]
    assert hits[0].type == claim_type, (hits[0].text, hits[0].type)


@pytest.mark.parametrize(
    "text,contains",
    [
        ("The new stadium was a costly fiasco.", "fiasco"),
        ("The council's handling of the strike was profoundly irresponsible.", "irresponsible"),
        ("The museum has gone from strength to strength since it reopened.", "strength to strength"),
        ("There is no daylight between the mayor and the developers.", "daylight"),
    ],
)
def test_claim_types_verdicts_and_judgement_idioms_are_other(engine, text: str, contains: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text]
    assert hits and all(c.type == "other" for c in hits), [(c.text, c.type) for c in report.claims]


def test_claim_types_verdict_with_a_figure_stays_checkable(engine) -> None:
    report = engine.check("The scheme was a failure: only 12% of homes were insulated.", published="2024-06-19", all=True)
    assert any(c.type == "quantity" for c in report.claims if "12%" in c.text)


@pytest.mark.parametrize(
    "text,contains,claim_type",
    [
        ("Ohio is 44th in the nation for road maintenance spending.", "44th", "comparison"),
        ("Leeds has the second highest rate of bus use in England.", "second highest", "comparison"),
        ("Under Mayor Jane Ortiz, burglaries are up by 15 percent.", "burglaries", "quantity"),
        ("She held the post of finance minister for six years.", "finance minister", "role"),
        ("The mayor signed an order leading to the closure of nine clinics.", "leading to", "causation"),
    ],
)
def test_claim_types_ranks_roles_and_causal_participles(engine, text: str, contains: str, claim_type: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text and not c.embedded]
    assert hits, [c.text for c in report.claims]
    assert hits[0].type == claim_type, (hits[0].text, hits[0].type)


@pytest.mark.parametrize(
    "text,contains,claim_type",
    [
        ("It took nine days for the council to restore the water supply.", "nine days", "quantity"),
        ("She campaigned against the bypass for six years.", "campaigned", "event"),
        ("Nearly a fifth of all trains were cancelled.", "a fifth", "quantity"),
    ],
)
def test_claim_types_durations_and_fractions(engine, text: str, contains: str, claim_type: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text and not c.embedded]
    assert hits, [c.text for c in report.claims]
    assert hits[0].type == claim_type, (hits[0].text, hits[0].type)


def test_claim_types_feeling_nouns_and_ordinals_are_not_amounts(engine) -> None:
    report = engine.check("Her first reaction on hearing the verdict was immense relief.", published="2024-06-19", all=True)
    hits = [c for c in report.claims if "relief" in c.text]
    assert hits and all(c.type == "other" for c in hits), [(c.text, c.type) for c in report.claims]
