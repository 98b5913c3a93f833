"""Who asserts each claim: frames, quotes, pronouns, vague sources."""

from __future__ import annotations

import pytest

from tests.core.claim_lookup import first_claim


_claim = first_claim


@pytest.mark.parametrize(
    "text,contains,speaker,kind",
    [
        ("Unemployment fell to 4.1%, the Office for National Statistics said.", "4.1%", "the Office for National Statistics", "organisation"),
        ("According to Chris Monday, the talks failed in May.", "talks failed", "Chris Monday", "person"),
        ("Prices will rise, some say.", "Prices will rise", "some", "anonymous"),
        ("Sources said the minister resigned on Friday.", "minister resigned", "Sources", "anonymous"),
        ("\u201cPutin has never been met like this before,\u201d gushed one tabloid headline.", "never been met", "one tabloid headline", "anonymous"),
        ("The pact includes a defence clause, as Mr Putin put it.", "defence clause", "Putin", "person"),
    ],
)
def test_attribution_sources(engine, text: str, contains: str, speaker: str, kind: str) -> None:
    claim, _ = _claim(engine, text, contains)
    assert claim.attribution is not None
    assert speaker.lower() in (claim.attribution.speaker or "").lower()
    assert claim.attribution.kind == kind


def test_attribution_pronoun_resolves_to_named_speaker(engine) -> None:
    text = ("The pact includes a mutual defence clause, as Vladimir Putin put it. "
            "He also said Russia doesn't rule out military-technical cooperation.")
    claim, _ = _claim(engine, text, "military-technical")
    assert claim.attribution.speaker == "Vladimir Putin"
    assert claim.attribution.mention == "He"


def test_attribution_surname_resolves_to_full_name(engine) -> None:
    text = ("Chris Monday teaches in Busan. \u201cThe sanctions cost Pyongyang $2bn last year,\u201d said Mr Monday.")
    claim, _ = _claim(engine, text, "$2bn")
    assert claim.attribution.speaker == "Chris Monday"
    assert claim.attribution.quoted


def test_attribution_quote_continues_to_next_sentence(engine) -> None:
    text = ("\u201cPeople are very concerned here,\u201d said Mr Monday. "
            "\u201cThere is more talk of developing a South Korean nuclear weapon.\u201d")
    claim, _ = _claim(engine, text, "South Korean nuclear weapon")
    assert "Monday" in (claim.attribution.speaker or "")


def test_attribution_article_voice(engine) -> None:
    claim, _ = _claim(engine, "The bridge was closed in 2019 after an inspection.", "bridge was closed")
    assert claim.attribution.kind == "article" and claim.attribution.speaker is None


def test_attribution_anonymous_gives_a_finding(engine) -> None:
    _, report = _claim(engine, "The visit is a reflection of Moscow's desperation, some say.", "desperation")
    findings = [f for f in report.findings if f.rule == "editorial.anonymous-attribution"]
    assert findings and findings[0].text == "some say"


def test_attribution_quote_without_speaker_finding(engine) -> None:
    report = engine.check("\u201cThe plant will close next year and 400 jobs will go.\u201d", all=True)
    assert [f.rule for f in report.findings if f.rule == "editorial.quote-without-speaker"]
    attributed = engine.check("\u201cThe plant will close next year,\u201d said the union leader, Jane Smith.", all=True)
    assert not [f for f in attributed.findings if f.rule == "editorial.quote-without-speaker"]


@pytest.mark.parametrize(
    "text,contains,speaker_kind",
    [
        ("Police said three people were killed in the blast.", "three people", "organisation"),
        ("It is understood that the minister will resign on Friday.", "minister will resign", "anonymous"),
    ],
)
def test_attribution_institutions_and_briefings(engine, text: str, contains: str, speaker_kind: str) -> None:
    claim, _ = _claim(engine, text, contains)
    assert claim.attribution.kind == speaker_kind


def test_attribution_announcement_of_intention_is_an_event(engine) -> None:
    claim, _ = _claim(engine, "Earlier this month, the government announced it would scrap the tax.", "announced")
    assert claim.text.startswith("Earlier this month") and claim.type == "event"
    assert claim.dates and claim.dates[0].value == "2024-06"


def test_attribution_speech_participle_adds_content(engine) -> None:
    claim, _ = _claim(engine, "\u201cWe warned them,\u201d said Tom Baker, adding that the union would ballot members.", "ballot members")
    assert claim.attribution.speaker == "Tom Baker"


def test_attribution_subject_pronouns_resolve(engine) -> None:
    report = engine.check(
        "The opposing view is that Russia does have options. They're talking to Cuba, China, even the Taliban. "
        "Both sides deny this, but one could argue the agreement they signed today sends a signal.",
        published="2024-06-19", all=True,
    )
    by_text = {c.text: c for c in report.claims}
    talking = next(c for t, c in by_text.items() if t.startswith("They"))
    assert talking.subject == {"text": "They", "resolved": "Russia"}
    signed = next(c for t, c in by_text.items() if t == "the agreement they signed today")
    assert signed.subject["resolved"] == "Both sides"


@pytest.mark.parametrize(
    "text,contains,speaker,kind",
    [
        # verdict and finding verbs (mined from PolNeAR train)
        ("The tribunal ruled last week that the ban on street traders was unlawful.", "street traders", "tribunal", "organisation"),
        ("The auditors concluded that the council had overspent by \u00a34m.", "overspent", "auditors", "organisation"),
        # polls, reports and outlets as sources
        ("A YouGov survey shows Labour leading the Conservatives by 12 points.", "12 points", "YouGov survey", "organisation"),
        ("The Guardian reported that the minister had resigned on Friday.", "minister had resigned", "Guardian", "organisation"),
        ("Detectives are still searching. From the report: \u201cThe station lost 40 staff in 2019.\u201d", "40 staff", "report", "organisation"),
        # a quotation introduced by a colon
        ("The mayor said: \u201cThe bridge will reopen in May.\u201d", "bridge will reopen", "mayor", "person"),
        # identifiable, though not named
        ("The judge said the defendant had lied about his income.", "lied about his income", "judge", "person"),
        ("Prosecutors said the firm had hidden $5m from investors.", "hidden $5m", "Prosecutors", "organisation"),
        # anonymous
        ("Insiders said the bank would cut 2,000 jobs.", "2,000 jobs", "Insiders", "anonymous"),
        ("Studies show that the drug cuts deaths by a third.", "cuts deaths", "Studies", "anonymous"),
        ("The plant has been sold for $9bn, authorities have said.", "$9bn", "authorities", "anonymous"),
        ("It has emerged that 300 staff were paid twice in March.", "paid twice", "It has emerged", "anonymous"),
        ("There are rumours that the club will be sold for \u00a350m.", "\u00a350m", "rumours", "anonymous"),
    ],
)
def test_attribution_sources_beyond_said(engine, text: str, contains: str, speaker: str, kind: str) -> None:
    claim, report = _claim(engine, text, contains)
    assert speaker.lower() in (claim.attribution.speaker or "").lower(), claim.attribution
    assert claim.attribution.kind == kind
    flagged = any(f.rule == "editorial.anonymous-attribution" for f in report.findings)
    assert flagged == (kind == "anonymous")


def test_attribution_acts_stay_in_the_article_voice(engine) -> None:
    # An act reported with a cue verb is the article's claim, not the actor's words.
    claim, _ = _claim(engine, "The senator unveiled a $275bn plan for roads on Monday.", "$275bn")
    assert claim.attribution.kind == "article"
    claim, _ = _claim(engine, "Officials declined to say how many staff had left.", "declined")
    assert claim.attribution.kind == "article"


@pytest.mark.parametrize(
    "text,flagged",
    [
        # a vague source inside a relative clause that holds no claim of its own
        ("The rule forced pupils to use the toilets that matched their sex, which critics said was unfair.", "critics said"),
        # the dummy-subject briefing, without the adverbial before it
        ("On the new board it is understood that Smith will be joined by the former finance director.", "it is understood"),
    ],
)
def test_attribution_vague_sources_are_flagged_without_a_claim(engine, text: str, flagged: str) -> None:
    report = engine.check(text, all=True)
    texts = [f.text for f in report.findings if f.rule == "editorial.anonymous-attribution"]
    assert flagged in texts, texts
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.text


def test_attribution_pronouns_are_not_flagged_as_vague_without_a_claim(engine) -> None:
    report = engine.check("Asked about the strike, she said nothing.", all=True)
    assert not [f for f in report.findings if f.rule == "editorial.anonymous-attribution" and f.claim is None]


def test_attribution_quote_running_into_the_next_paragraph_takes_the_speaker_named_at_its_end(engine) -> None:
    text = ("Mr Smith, the mayor, said the bridge would reopen in May.\n\n"
            "\u201cThe council has spent \u00a34m on repairs since 2019.\n\n"
            "\u201cWe expect the work to finish in April,\u201d said Jane Jones, the council's engineer.")
    claim, _ = _claim(engine, text, "\u00a34m on repairs")
    assert claim.attribution.speaker == "Jane Jones" and claim.attribution.quoted
