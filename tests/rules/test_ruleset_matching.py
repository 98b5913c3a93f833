"""Each match kind and effect on real spaCy docs (every sentence one claim, see helpers.py)."""

from __future__ import annotations

import pytest
from helpers import apply_to_text

from claimcheck.report import Attribution
from claimcheck.rules import RuleSet, load_pack
from claimcheck.rules.policy import RulePolicy


def _ruleset(write_pack, rules: str, policy: RulePolicy | None = None) -> RuleSet:
    return RuleSet([load_pack(write_pack(rules))], policy)


EXAMPLES = "    examples: {fire: [a], pass: [b]}\n"


@pytest.mark.parametrize(
    ("match", "text", "expected"),
    [
        ("{phrases: [studies show]}", "Studies showed a link. Nothing else.", ["Studies showed"]),
        ("{phrases: [studies show]}", "STUDIES SHOW a link.", ["STUDIES SHOW"]),
        ("{phrases: [studies show]}", "The studies are new.", []),
        ("{tokens: [{LOWER: the}, {TAG: JJS}, {LOWER: ever}]}", "It was the biggest ever rally.", ["the biggest ever"]),
        (
            "{dependency: [{RIGHT_ID: v, RIGHT_ATTRS: {LEMMA: send}}, "
            "{LEFT_ID: v, REL_OP: '>', RIGHT_ID: o, RIGHT_ATTRS: {DEP: dobj, LEMMA: weapon}}]}",
            "They sent weapons to the rebels. They sent letters.",
            ["sent weapons"],
        ),
        ("{regex: '\\b\\d+ ?bn\\b'}", "It cost 40bn and then 3 bn more.", ["40bn", "3 bn"]),
        ("{entity: MONEY}", "It cost $5 million, not 5 apples.", ["$5 million"]),
        ("{regex: '(?i)sanction', entity: GPE}", "Russia faces sanctions. He faces sanctions.", ["sanctions"]),
    ],
    ids=["phrase-lemma", "phrase-case", "phrase-no-match", "tokens", "dependency", "regex", "entity", "regex+entity"],
)
def test_ruleset_matching_kinds(write_pack, nlp, match, text, expected) -> None:
    ruleset = _ruleset(write_pack, f"  - id: r\n    message: 'saw {{match}}'\n    match: {match}\n" + EXAMPLES)
    findings, _ = apply_to_text(ruleset, nlp, text)
    assert [f.text for f in findings] == expected
    assert all(f.rule == "demo.r" and f.message == f"saw {f.text}" for f in findings)


def test_ruleset_matching_original_offsets(write_pack, nlp) -> None:
    # The normaliser inserts a space in "up.Studies"; findings must point into the original input.
    text = "Prices went up.Studies show a link."
    ruleset = _ruleset(write_pack, "  - id: r\n    message: m\n    match: {phrases: [studies show]}\n" + EXAMPLES)
    findings, claims = apply_to_text(ruleset, nlp, text)
    assert len(findings) == 1
    found = findings[0]
    assert text[found.start : found.end] == found.text == "Studies show"
    assert found.claim == claims[-1].id


@pytest.mark.parametrize(
    ("condition", "claim_fields", "fires"),
    [
        ("{type: [quantity]}", {"type": "quantity"}, True),
        ("{type: [quantity]}", {"type": "event"}, False),
        ("{min_score: 0.6}", {"score": 0.7}, True),
        ("{min_score: 0.6}", {"score": 0.5}, False),
        ("{max_score: 0.4}", {"score": 0.5}, False),
        ("{hedged: true}", {"hedges": ["reportedly"]}, True),
        ("{hedged: true}", {}, False),
        ("{hedged: false}", {}, True),
        ("{attribution: [anonymous]}", {"attribution": Attribution("some", "say", "anonymous")}, True),
        ("{attribution: [article]}", {}, True),
        ("{attribution: [person]}", {}, False),
    ],
)
def test_ruleset_matching_claim_conditions(write_pack, nlp, condition, claim_fields, fires) -> None:
    rules = f"  - id: r\n    message: m\n    match: {{phrases: [confirmed], claim: {condition}}}\n" + EXAMPLES
    findings, _ = apply_to_text(_ruleset(write_pack, rules), nlp, "The tests confirmed it.", **claim_fields)
    assert bool(findings) == fires


def test_ruleset_matching_claim_only_rule(write_pack, nlp) -> None:
    rules = "  - id: r\n    message: 'quantity: {claim}'\n    match: {claim: {type: quantity}}\n" + EXAMPLES
    findings, claims = apply_to_text(_ruleset(write_pack, rules), nlp, "It rose 5%. It fell.", type="quantity")
    assert [f.claim for f in findings] == [c.id for c in claims]
    assert findings[0].message == "quantity: It rose 5%."


def test_ruleset_matching_outside_claims(write_pack, nlp) -> None:
    from claimcheck.rules.ruleset import RuleSet as _RS  # noqa: F401 - same class, explicit for readers

    rules = "  - id: r\n    message: m\n    match: {phrases: [experts say]}\n" + EXAMPLES
    ruleset = _ruleset(write_pack, rules)
    ruleset.prepare(nlp)
    from helpers import sentence_claims

    doc, claims, context = sentence_claims(nlp, "Experts say so.")
    findings = ruleset.apply(doc, [], context)  # no claims at all: the finding still comes, with no claim
    assert [(f.text, f.claim) for f in findings] == [("Experts say", None)]


def test_ruleset_matching_effects(write_pack, nlp) -> None:
    rules = (
        "  - id: up\n    message: m\n    match: {phrases: [sanctions]}\n    finding: false\n"
        "    score: 0.3\n    set_type: rule\n    note: Check the OFAC SDN list.\n" + EXAMPLES
    )
    findings, claims = apply_to_text(_ruleset(write_pack, rules), nlp, "New sanctions, more sanctions. Nothing here.", score=0.9)
    assert findings == []
    first, second = claims
    assert (first.score, first.band, first.type, first.notes) == (1.0, "high", "rule", ["Check the OFAC SDN list."])
    assert first.reasons == ["demo.up (+0.30)"]  # once per claim, however many matches
    assert (second.score, second.type, second.notes) == (0.9, "other", [])


def test_ruleset_matching_score_clamps_at_zero(write_pack, nlp) -> None:
    rules = "  - id: down\n    message: m\n    match: {phrases: [opinion]}\n    score: -0.5\n" + EXAMPLES
    _, claims = apply_to_text(_ruleset(write_pack, rules), nlp, "In my opinion it is fine.", score=0.2)
    assert (claims[0].score, claims[0].band) == (0.0, "low")


def test_ruleset_matching_message_placeholders(write_pack, nlp) -> None:
    rules = "  - id: r\n    message: '{rule}|{match}|{sentence}|{type}|{speaker}'\n    match: {phrases: [sanctions]}\n" + EXAMPLES
    findings, _ = apply_to_text(
        _ruleset(write_pack, rules), nlp, "He said sanctions work.", type="causation", attribution=Attribution("Ann Lee", "said", "person")
    )
    assert findings[0].message == "demo.r|sanctions|He said sanctions work.|causation|Ann Lee"


def test_ruleset_matching_observer(write_pack, nlp) -> None:
    rules = "  - id: r\n    message: m\n    match: {phrases: [sanctions]}\n    note: n\n" + EXAMPLES
    ruleset = _ruleset(write_pack, rules)
    seen: list[tuple[str, str]] = []
    ruleset.observer = lambda rule, effect: seen.append((rule, effect))
    apply_to_text(ruleset, nlp, "Sanctions bite.")
    assert sorted(seen) == [("demo.r", "finding"), ("demo.r", "note")]


def test_ruleset_matching_prepare_is_done_once(write_pack, nlp) -> None:
    ruleset = _ruleset(write_pack, "  - id: r\n    message: m\n    match: {phrases: [x]}\n" + EXAMPLES)
    ruleset.prepare(nlp)
    matchers = ruleset._matchers
    apply_to_text(ruleset, nlp, "x and x.")
    apply_to_text(ruleset, nlp, "x again.")
    assert ruleset._matchers is matchers
