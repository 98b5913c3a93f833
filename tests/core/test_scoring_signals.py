"""The check-worthiness score moves with the signals it reports."""

from __future__ import annotations

import pytest


def _score(engine, text: str, contains: str) -> tuple[float, list[str]]:
    report = engine.check(text, published="2024-06-19", all=True)
    claim = next(c for c in report.claims if contains in c.text)
    return claim.score, claim.reasons


@pytest.mark.parametrize(
    "checkable,uncheckable",
    [
        ("Unemployment fell to 4.1% in May.", "I feel wonderful tonight."),
        ("The treaty bans nuclear tests in the Arctic.", "What a terrible, shameful treaty this is, frankly."),
        ("Russia sent 300 tanks to the border in March.", "The West will be alarmed at what these ties could mean."),
    ],
)
def test_scoring_checkable_above_uncheckable(engine, checkable: str, uncheckable: str) -> None:
    report_a = engine.check(checkable, all=True)
    report_b = engine.check(uncheckable, all=True)
    best_a = max(c.score for c in report_a.claims)
    best_b = max((c.score for c in report_b.claims), default=0.0)
    assert best_a >= 0.5 > best_b


def test_scoring_feeling_is_explained(engine) -> None:
    score, reasons = _score(engine, "\u201cPeople are very concerned here,\u201d said Mr Monday.", "concerned")
    assert score < 0.5 and any("feeling" in r for r in reasons)


def test_scoring_reasons_and_bands(engine) -> None:
    report = engine.check("Unemployment fell to 4.1% in May, the Office for National Statistics said.", all=True)
    claim = report.claims[0]
    assert claim.reasons and all(r[0] in "+-" or "(" in r for r in claim.reasons)
    assert claim.band == ("high" if claim.score >= 0.7 else "medium" if claim.score >= 0.5 else "low")


def test_scoring_without_model_uses_features(nlp) -> None:
    from claimcheck.engine import Engine

    engine = Engine(config={"model": False})
    report = engine.check("Unemployment fell to 4.1% in May.", all=True)
    assert report.tool["model"] == "features"
    assert not any("model:" in r for c in report.claims for r in c.reasons)
    assert report.claims[0].score >= 0.5



@pytest.mark.parametrize(
    "text,contains,amount",
    [
        # a measured length of time is an amount, though the recogniser labels it TIME or DATE
        ("Callers on average hang up after just 65 seconds of listening to canned music.", "65 seconds", True),
        ("He represented Cardiff seats in parliament for more than 40 years.", "40 years", True),
        # a number inside a name, or a calendar date, is not
        ("Microsoft released Halo 2 in the United States.", "Halo 2", False),
        ("The minister visited Cardiff on 2 December.", "2 December", False),
    ],
)
def test_scoring_number_signal_reads_amounts_as_claim_types_do(engine, monkeypatch, text: str, contains: str, amount: bool) -> None:
    from claimcheck.analysis import enrich
    from claimcheck.analysis.scoring import SIGNALS

    # The reasons list only the strongest signals, so read the signal itself from the scorer's parts.
    numbers: list[float] = []
    original = enrich.score_claim

    def spy(doc, item):  # type: ignore[no-untyped-def]
        scored = original(doc, item)
        if contains in doc[item.token_ids[0]:item.token_ids[-1] + 1].text:
            numbers.append(scored.parts.signals[SIGNALS.index("number")])
        return scored

    monkeypatch.setattr(enrich, "score_claim", spy)
    engine.check(text, published="2004-12-10", all=True)
    assert numbers and (max(numbers) == 1.0) == amount


def test_scoring_quoted_words_score_below_the_same_words_reported(engine, monkeypatch) -> None:
    from claimcheck.analysis import enrich
    from claimcheck.analysis.scoring import SIGNALS

    # Claims in a speaker's own quoted words are a fifth as often check-worthy in news-dev as the
    # article's own (reaction and colour): the ``quoted`` signal marks them, and only them.
    seen: dict[str, float] = {}
    original = enrich.score_claim

    def spy(doc, item):  # type: ignore[no-untyped-def]
        scored = original(doc, item)
        seen[doc.text] = max(seen.get(doc.text, 0.0), scored.parts.signals[SIGNALS.index("quoted")])
        return scored

    monkeypatch.setattr(enrich, "score_claim", spy)
    quoted = "\u201cThe factory will close in March with the loss of 300 jobs,\u201d said Mr Evans."
    reported = "The factory will close in March with the loss of 300 jobs, Mr Evans said."
    score_quoted, reasons = _score(engine, quoted, "300 jobs")
    score_reported, _ = _score(engine, reported, "300 jobs")
    assert seen[quoted] == 1.0 and seen[reported] == 0.0
    assert score_quoted < score_reported


def _signal_of(engine, monkeypatch, text: str, contains: str, name: str) -> float:
    """The value of one signal of the claim holding ``contains`` (read from the scorer's parts, not the top reasons)."""
    from claimcheck.analysis import enrich
    from claimcheck.analysis.scoring import SIGNALS

    values: list[float] = []
    original = enrich.score_claim

    def spy(doc, item):  # type: ignore[no-untyped-def]
        scored = original(doc, item)
        if contains in doc[item.token_ids[0]:item.token_ids[-1] + 1].text:
            values.append(scored.parts.signals[SIGNALS.index(name)])
        return scored

    monkeypatch.setattr(enrich, "score_claim", spy)
    engine.check(text, published="2024-06-19", all=True)
    assert values, f"no claim holds {contains!r}"
    return max(values)


@pytest.mark.parametrize(
    "text,contains,counted",
    [
        # a term the claim quotes, a compound, a hyphenated modifier, a manner phrase:
        # the claim mentions the word, it does not judge with it
        ('Passengers get no refund if the delay is caused by "extraordinary circumstances" such as storms.', "no refund", False),
        ("The chaos was caused by a systems failure at the airport on Monday.", "systems failure", False),
        ("The best-selling console sold 2 million units in Japan.", "2 million", False),
        ("The victim was killed in a particularly horrible way in March.", "killed", False),
        # the claim's own verdict stays evaluative, quoted as a predicate or not
        ("Passengers get no refund if the delay is caused by extraordinary circumstances such as storms.", "no refund", True),
        ("The plan was a stunning failure.", "stunning failure", True),
        # an aside between dashes is still in the claim's text, so it still counts
        ("Their third goal - a stunning effort - came in the 80th minute.", "80th minute", True),
        ('The minister called the scheme "a stunning success" in 2023.', "stunning success", True),
    ],
)
def test_scoring_evaluative_counts_only_the_claims_own_judgement(engine, monkeypatch, text: str, contains: str, counted: bool) -> None:
    assert (_signal_of(engine, monkeypatch, text, contains, "evaluative") > 0) == counted


@pytest.mark.parametrize(
    "text,contains,counted",
    [
        # "we" and generic "you" in a named speaker's quotation are the speaker's side or anyone
        ("\u201cWe are becoming the biggest contributor to the fund,\u201d said Mr Jones.", "biggest contributor", False),
        ("\u201cIf you are going at 40mph, you will need 36 metres to stop,\u201d said Inspector Lee.", "36 metres", False),
        # debate talk, and the speaker's "I", still count
        ("We cut taxes for 40 million families.", "40 million", True),
        ("\u201cI lost 3 million pounds in 2023,\u201d said Mr Jones.", "3 million", True),
    ],
)
def test_scoring_person_is_not_a_named_speakers_we_or_you(engine, monkeypatch, text: str, contains: str, counted: bool) -> None:
    assert (_signal_of(engine, monkeypatch, text, contains, "person") > 0) == counted


@pytest.mark.parametrize(
    "text,hedged",
    [
        # the reporting verb says who asserts the claim: the attribution, not a hedge on it
        ("The company claims that it lost 3 million pounds in 2023.", False),
        ("The company may have lost 3 million pounds in 2023.", True),
        ("It is claimed that the company lost 3 million pounds in 2023.", True),
    ],
)
def test_scoring_a_framing_reporting_verb_is_listed_but_not_counted_as_a_hedge(engine, monkeypatch, text: str, hedged: bool) -> None:
    assert (_signal_of(engine, monkeypatch, text, "3 million", "hedges") > 0) == hedged
    report = engine.check(text, published="2024-06-19", all=True)
    claim = next(c for c in report.claims if "3 million" in c.text)
    assert claim.hedges  # still listed for the editor


def test_scoring_rule_in_an_article_is_lifted_and_debates_do_not_move(engine, monkeypatch) -> None:
    from claimcheck.analysis import enrich
    from claimcheck.analysis.scoring import SIGNALS
    from claimcheck.engine import Engine

    text = "From April, landlords must register every property with the council. The council closed the library in March."
    seen: dict[tuple[str, str], float] = {}
    original = enrich.score_claim

    def spy(doc, item):  # type: ignore[no-untyped-def]
        scored = original(doc, item)
        seen[(item.genre, item.type)] = scored.parts.signals[SIGNALS.index("article_rule")]
        return scored

    monkeypatch.setattr(enrich, "score_claim", spy)
    scores = {}
    for genre in ("article", "speech"):
        report = Engine(config={"genre": genre}).check(text, published="2024-06-19", all=True)
        scores[genre] = next(c for c in report.claims if "landlords" in c.text)
    # A rule the article states: the signal fires and takes it over the line, with its reason.
    assert seen[("article", "rule")] == 1.0 and seen[("article", "event")] == 0.0
    assert scores["article"].score >= 0.5 and any("a rule an article states" in r for r in scores["article"].reasons)
    # The same rule said in a debate keeps the debates' reading: no signal, no reason.
    assert seen[("speech", "rule")] == 0.0
    assert not any("a rule an article states" in r for r in scores["speech"].reasons)


@pytest.mark.parametrize(
    "text,contains,hedges",
    [
        # an article's sourcing caution on a report it makes
        ("Northbank is thought to have beaten Southbank to the deal in March.", "beaten Southbank", 1),
        ("The council reportedly closed 12 libraries in March.", "12 libraries", 1),
        # nothing hedged: no signal
        ("The council closed 12 libraries in March.", "12 libraries", 0),
    ],
)
def test_scoring_a_hedge_in_an_article_is_caution_and_in_a_debate_doubt(engine, monkeypatch, text: str, contains: str,
                                                                        hedges: int) -> None:
    from claimcheck.analysis import enrich
    from claimcheck.analysis.scoring import SIGNALS
    from claimcheck.engine import Engine

    seen: dict[str, tuple[float, float]] = {}
    original = enrich.score_claim

    def spy(doc, item):  # type: ignore[no-untyped-def]
        scored = original(doc, item)
        seen[item.genre] = (scored.parts.signals[SIGNALS.index("hedges")], scored.parts.signals[SIGNALS.index("article_hedged")])
        return scored

    monkeypatch.setattr(enrich, "score_claim", spy)
    reasons = {}
    for genre in ("article", "speech"):
        report = Engine(config={"genre": genre}).check(text, published="2024-06-19", all=True)
        reasons[genre] = next(c for c in report.claims if contains in c.text).reasons
    # In an article the hedge is counted and answered by the article's own signal; in a debate it is doubt alone.
    assert seen["article"] == (hedges, hedges)
    assert seen["speech"] == (hedges, 0.0)
    assert not any("caution about a source" in r for r in reasons["speech"])


def test_scoring_opinion_prefilter_and_signal_vector_are_exact() -> None:
    """The one-pass opinion check finds a phrase exactly where trying each phrase does (whole words only), and
    the signal vector puts each signal's value at its name's place, the bias at 1."""
    from claimcheck.analysis.lexicon import OPINION_PHRASES
    from claimcheck.analysis.scoring import _ANY_OPINION_PHRASE, _SPACED_OPINION_PHRASES, SIGNALS, signal_vector

    texts = [f"well {p} so" for p in OPINION_PHRASES] + [f"{p}" for p in OPINION_PHRASES]
    texts += [f"x{p}" for p in OPINION_PHRASES] + [f"{p}s" for p in OPINION_PHRASES] + ["", "the rate fell", "i  think"]
    for text in texts:
        padded = f" {text} "
        assert (_ANY_OPINION_PHRASE.search(padded) is not None) == any(s in padded for _, s in _SPACED_OPINION_PHRASES), text
    vector = signal_vector([("number", 1.0, ""), ("hedges", 2, ""), ("entities", 3, ""), ("hedges", 1, "")])
    expected = {name: 0.0 for name in SIGNALS} | {"bias": 1.0, "number": 1.0, "hedges": 1.0, "entities": 3.0}
    assert vector == tuple(expected[name] for name in SIGNALS)
