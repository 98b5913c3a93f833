"""Speaker resolution by class: names the parser cut off their verb, speech verbs inside relative
clauses.  The sentences are written for these tests, not taken from any dataset."""

from __future__ import annotations

import pytest

from tests.core.claim_lookup import first_claim


@pytest.mark.parametrize(
    "text,contains,speaker",
    [
        # An inverted aside: the parser makes the name a second subject of the reported clause.
        ("Bills are climbing. For example, said Ms Okafor, water charges rose by 9% last year.",
         "9% last year", "Okafor"),
        # A name after a long opening phrase, with its own aside, before "says:".
        ('In an interview with the Guardian, Tom Reyes, who runs the port, says: "Cargo volumes fell by 12% last year."',
         "12% last year", "Tom Reyes"),
        ('In a column for the Herald, Ms Abara, who chairs the health board, writes: "Waiting lists grew by 40% in a year."',
         "40% in a year", "Abara"),
    ],
)
def test_attribution_resolution_lost_subject(engine, text: str, contains: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert speaker in (claim.attribution.speaker or "")
    assert claim.attribution.kind == "person"


def test_attribution_resolution_lost_subject_carries_into_continued_quote(engine) -> None:
    text = ('In a piece for the Observer magazine, Dr Lund, who heads the Royal College, says: "Pay has fallen for a '
            'decade. "It is simple: nurses earn 14% less than in 2010."')
    claim, _ = first_claim(engine, text, "14% less")
    assert claim.attribution.speaker == "Lund"


@pytest.mark.parametrize(
    "text,contains,speaker",
    [
        ("Treasurer Tom Reyes defended the levy, which he said would raise £2m a year.", "£2m a year", "Tom Reyes"),
        ("The mayor, Anna Kowalski, opened the bridge, which she said had cost £40m.", "£40m", "Anna Kowalski"),
    ],
)
def test_attribution_resolution_speech_verb_in_relative_clause(engine, text: str, contains: str, speaker: str) -> None:
    assert speaker in (_relative_claim(engine, text, contains).attribution.speaker or "")


def test_attribution_resolution_relative_clause_without_speech_stays_article(engine) -> None:
    claim = _relative_claim(engine, "Treasurer Tom Reyes defended the levy, which has raised £2m a year since 2019.", "£2m a year")
    assert claim.attribution.speaker is None


def _relative_claim(engine, text: str, contains: str):
    """The claim the relative clause makes of its noun (the shortest claim holding ``contains``)."""
    report = engine.check(text, published="2024-06-19", all=True)
    hits = sorted((c for c in report.claims if contains in c.text), key=lambda c: len(c.text))
    assert len(hits) >= 2, [c.text for c in report.claims]
    return hits[0]


@pytest.mark.parametrize(
    "text,contains,speaker",
    [
        # The firm last named as a subject, not one named in passing after it.
        ("Brightwell Foods is closing its bakery in Derby. The move follows a review by Deloitte. "
         "The site employs 400 people, the company said.", "400 people", "Brightwell Foods"),
        ("Northwind's chief executive resigned on Monday. Profits fell by 30% last year, the airline said.",
         "30% last year", "Northwind"),
        # A person is not a firm: with no firm named, "the firm" stays as written.
        ("Mr Hale opened the bakery in 1998. Sales rose by 5% last year, the firm said.", "5% last year", "the firm"),
    ],
)
def test_attribution_resolution_firm_named_by_its_kind(engine, text: str, contains: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert claim.attribution.speaker == speaker
    assert claim.attribution.kind == "organisation"


@pytest.mark.parametrize(
    "text,act,contains,speaker",
    [
        ("Corvell Steel posted a loss of £3m and said it would cut 500 jobs by March.", "loss of £3m", "500 jobs", "Corvell Steel"),
        ("The health minister opened the ward on Friday and said waiting times had fallen by a quarter.",
         "opened the ward", "fallen by a quarter", "The health minister"),
    ],
)
def test_attribution_resolution_conjoined_speech_verb_shares_subject(engine, text: str, act: str, contains: str, speaker: str) -> None:
    """"X did Y and said Z": Z is X's, in a claim of its own; Y stays the article's report."""
    claim, report = first_claim(engine, text, contains)
    assert claim.attribution.speaker == speaker
    assert act not in claim.text
    reported = next(c for c in report.claims if act in c.text)
    assert contains not in reported.text and reported.attribution.speaker is None


@pytest.mark.parametrize(
    "text,contains,speaker",
    [
        # A person named as a subject since the last quoted speaker is the nearer antecedent.
        ("\u201cRents are too high,\u201d said Mark Evans of the tenants' union. Labour leader Keir Starmer was in "
         "Leeds on Friday. He said the party would build 1m homes.", "1m homes", "Keir Starmer"),
        # The pronoun's gender, known from an honorific, skips the nearer person of the other.
        ("Mrs Ann Ruiz visited the port on Monday. Mr Tom Pike showed her the new cranes. "
         "She said the port would hire 300 staff.", "300 staff", "Ann Ruiz"),
        ("Mrs Ann Ruiz visited the port on Monday. Mr Tom Pike showed her the new cranes. "
         "He said the cranes had cost £12m.", "£12m", "Tom Pike"),
    ],
)
def test_attribution_resolution_pronoun_antecedent(engine, text: str, contains: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert claim.attribution.speaker == speaker
    assert claim.attribution.kind == "person"


@pytest.mark.parametrize(
    "text,contains,speaker,kind",
    [
        # A bare title is the person last named with it, abbreviations spelt out.
        ("Finance Minister Rosa Delgado presented the budget on Tuesday. Inflation is falling in the north. "
         "Growth will reach 3% next year, the minister said.", "3% next year", "Rosa Delgado", "person"),
        ("Sen. Ilse Varga toured the mine in May. The Nevada senator said 900 jobs were at risk.", "900 jobs", "Ilse Varga", "person"),
        # A party epithet is the person the passage is about, not the last one named with that party.
        ("Rep. Dan Ostrow, a Republican, backed the bill. Senate leader Joan Marsh spoke on Tuesday. "
         "The Ohio Republican said the vote would be held in June.", "held in June", "Joan Marsh", "person"),
        # With nobody holding the title, the mention stays as written.
        ("Growth will reach 3% next year, the minister said.", "3% next year", "the minister", "person"),
        # Who speaks for a named organisation by office is that organisation, not an anonymous source.
        ("A spokesman for Harlow Rail said fares would rise by 4% in March.", "4% in March", "Harlow Rail", "organisation"),
        ("A Siemens spokeswoman said the deal was worth $9bn.", "$9bn", "Siemens", "organisation"),
    ],
)
def test_attribution_resolution_titles_and_offices(engine, text: str, contains: str, speaker: str, kind: str) -> None:
    claim, report = first_claim(engine, text, contains)
    assert claim.attribution.speaker == speaker
    assert claim.attribution.kind == kind
    assert not [f for f in report.findings if f.rule == "editorial.anonymous-attribution"]


def test_attribution_resolution_unnamed_official_stays_anonymous(engine) -> None:
    claim, report = first_claim(engine, "A Treasury official said the deficit was £3bn.", "£3bn")
    assert claim.attribution.kind == "anonymous"
    assert [f for f in report.findings if f.rule == "editorial.anonymous-attribution"]


def test_attribution_resolution_firm_is_not_a_public_body(engine) -> None:
    text = "The Senate passed the bill on Monday. Profits fell by 30% last year, the company said."
    claim, _ = first_claim(engine, text, "30% last year")
    assert claim.attribution.speaker == "the company"


def _with_entities(nlp, text: str, ents: list[tuple[str, str]]):
    """``text`` parsed, with the named entities set by hand to reproduce a tagger's misreading."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    spans = []
    for words, label in ents:
        start = next(i for i in range(len(doc)) if doc[i:i + len(words.split())].text == words and
                     not any(s.start <= i < s.end for s in spans))
        spans.append(Span(doc, start, start + len(words.split()), label=label))
    doc.ents = spans
    return doc


def test_attribution_resolution_surname_tagged_as_organisation(nlp) -> None:
    from claimcheck.analysis.attribution import SpeakerResolver

    doc = _with_entities(nlp, "Jack Straw met the press. Mr Straw said the deal was agreed. The Straw campaign said it had won.",
                         [("Jack Straw", "PERSON"), ("Straw", "ORG"), ("Straw", "ORG")])
    resolver = SpeakerResolver(doc)
    mr = [t.i for t in doc if t.sent.start > 0 and t.i < 9 and t.text in ("Mr", "Straw")]
    source = resolver.resolve(mr, "said")
    assert source is not None and (source.speaker, source.kind) == ("Jack Straw", "person")
    campaign = [t.i for t in doc if t.i > 12 and t.text in ("The", "Straw", "campaign")]
    source = resolver.resolve(campaign, "said")
    assert source is not None and source.kind != "person"


@pytest.mark.parametrize(
    "text,contains,speaker,kind",
    [
        ("Midfielder John Smith was sacked by the club on Friday. The Romanian international later said he had "
         "lost 30,000 euros.", "30,000 euros", "John Smith", "person"),
        ("Midfielder John Smith was sacked by the club on Friday. The French government said 300 jobs would go.",
         "300 jobs", "French", "organisation"),
    ],
)
def test_attribution_resolution_epithet_by_origin(engine, text: str, contains: str, speaker: str, kind: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert claim.attribution.speaker == speaker
    assert claim.attribution.kind == kind


@pytest.mark.parametrize(
    "text,contains,speaker",
    [
        # A name in apposition without a comma is the source; a description after a comma is not.
        ("Fares will rise by 6%, according to the pressure group Transport Watch.", "6%", "Transport Watch"),
        ("Used cars will fetch £8,000, according to the car-buying website Parker's.", "£8,000", "Parker"),
    ],
)
def test_attribution_resolution_named_body_in_apposition(engine, text: str, contains: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert claim.attribution.speaker == speaker
    assert claim.attribution.kind == "organisation"


def test_attribution_resolution_description_after_comma_is_not_the_source(engine) -> None:
    claim, _ = first_claim(engine, "The talks failed in May, according to Chris Monday, an associate professor in Busan.", "talks failed")
    assert claim.attribution.speaker == "Chris Monday"
