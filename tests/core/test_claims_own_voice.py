"""Where a claim ends when the frame that reports it sits beside it, not around it.

Three classes read on PolNeAR train, where a claim ran from the writer's words
into what somebody said and took that speaker with it:

* "X did Z, saying (that) Y": what X said is a claim of X's; the clause it hangs
  on is what X did, without the reported words;
* "X, who said (that) Y": Y is X's claim, and the relative pronoun is where the
  sentence names X;
* "according to X" that speaks for one clause only ("..., because, according to
  X, Y") or stands after words with no content ("Now, according to X, Y").

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.core.claim_lookup import first_claim


def _claims(engine, text: str) -> list:
    return engine.check(text, published="2024-06-19", all=True).claims


def _texts(engine, text: str) -> list[str]:
    return [c.text for c in _claims(engine, text)]


#: (sentence, the clause the participle hangs on, what the participle reports)
_PARTICIPLES = [
    ("The senator met the union leaders on Friday, saying the factory would stay open until 2030.",
     "The senator met the union leaders on Friday", "the factory would stay open until 2030"),
    ("The mayor toured the flooded district on Monday, adding that repairs would cost $4 million.",
     "The mayor toured the flooded district on Monday", "repairs would cost $4 million"),
]
#: (sentence, what the relative clause reports, who reports it)
_RELATIVES = [
    ("The court heard from Maria Lopez, who said the landlord had raised her rent by 40 percent.",
     "the landlord had raised her rent by 40 percent", "Maria Lopez"),
    ("Reporters met Tom Becker, who claimed the council had sold the land in 2019.",
     "the council had sold the land in 2019", "Tom Becker"),
]


@pytest.mark.parametrize("text,act,said", _PARTICIPLES)
def test_claims_reporting_participle_leaves_the_clause_it_hangs_on(engine, text: str, act: str, said: str) -> None:
    claims = _claims(engine, text)
    texts = [c.text for c in claims]
    assert act in texts, texts
    assert said in texts, texts
    # The clause is the writer's report of what the speaker did, not the speaker's words.
    assert not any(said in t and t != said for t in texts), texts
    reported = claims[texts.index(said)]
    assert reported.attribution is not None and reported.attribution.speaker, reported.attribution


def test_claims_reporting_participle_without_a_comma_stays(engine) -> None:
    texts = _texts(engine, "He spent the whole day saying that the plant would close.")
    assert not any(t.startswith("He spent the whole day") and "saying" not in t for t in texts), texts


@pytest.mark.parametrize("text,said,speaker", _RELATIVES)
def test_claims_relative_clause_that_reports_gives_its_noun_the_content(engine, text: str, said: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, said)
    assert claim.text == said
    assert claim.attribution is not None and claim.attribution.speaker == speaker, claim.attribution
    # The relative pronoun is where the sentence names the speaker.
    assert text[claim.attribution.start:claim.attribution.end].endswith("who"), claim.attribution


def test_claims_relative_clause_that_acts_is_unchanged(engine) -> None:
    texts = _texts(engine, "The court heard from Maria Lopez, who moved to Leeds in 2019 with her two sons.")
    assert not any(t == "Leeds in 2019 with her two sons" for t in texts), texts


def test_claims_according_to_inside_a_subordinate_clause_speaks_for_it_alone(engine) -> None:
    text = "The minister will attend the summit, because, according to the Treasury, the deal would add 2% to growth."
    claims = _claims(engine, text)
    texts = [c.text for c in claims]
    assert "the deal would add 2% to growth" in texts, texts
    assert "The minister will attend the summit" in texts, texts
    main = claims[texts.index("The minister will attend the summit")]
    assert main.attribution is None or main.attribution.kind == "article", main.attribution
    reason = claims[texts.index("the deal would add 2% to growth")]
    assert reason.attribution is not None and "Treasury" in (reason.attribution.speaker or ""), reason.attribution


def test_claims_according_to_after_a_bare_adverb(engine) -> None:
    claim, _ = first_claim(engine, "Now, according to the latest ONS figures, unemployment has risen to 5.1%.", "unemployment has risen")
    assert claim.text == "unemployment has risen to 5.1%"


def test_claims_according_to_after_content_keeps_the_clause(engine) -> None:
    claim, _ = first_claim(engine, "Unemployment, according to the ONS, rose to 5% in March.", "rose to 5%")
    assert claim.text.startswith("Unemployment")


def test_claims_as_clause_with_content_of_its_own_is_a_second_statement(engine) -> None:
    claims = _claims(engine, "Sales fell in March, as the company said that demand for its phones had collapsed in China.")
    texts = [c.text for c in claims]
    assert "Sales fell in March" in texts, texts
    main = claims[texts.index("Sales fell in March")]
    assert main.attribution is None or main.attribution.kind == "article", main.attribution
    said, _ = first_claim(engine, "Sales fell in March, as the company said that demand for its phones had collapsed in China.",
                          "demand for its phones")
    assert said.text == "demand for its phones had collapsed in China"
    assert said.attribution is not None and "company" in (said.attribution.speaker or ""), said.attribution


def test_claims_as_put_with_an_elliptical_clause_still_frames_the_sentence(engine) -> None:
    claims = _claims(engine, "Prices rose sharply last year, as the Bank had said they would.")
    claim, _ = first_claim(engine, "Prices rose sharply last year, as the Bank had said they would.", "Prices rose")
    assert claim.attribution is not None and "Bank" in (claim.attribution.speaker or ""), claim.attribution
    assert "they would" not in [c.text for c in claims]


def test_claims_speech_verb_with_a_mark_is_no_frame_after_the_content(engine) -> None:
    text = "A group of senators is drafting new sanctions on Iran, as Republicans continue to warn that the deal was a mistake."
    claim, _ = first_claim(engine, text, "drafting new sanctions")
    assert claim.attribution is None or claim.attribution.kind == "article", claim.attribution


def test_claims_reporting_participle_inside_reported_content_is_cut_too(engine) -> None:
    text = "She said the firm had hired 40 engineers and would open a plant in Ohio, adding that it expects sales to double by 2026."
    texts = _texts(engine, text)
    assert any(t.startswith("the firm had hired 40 engineers") and "adding" not in t for t in texts), texts


def test_claims_reporting_participle_with_a_verbless_content(engine) -> None:
    claim, _ = first_claim(engine, "Ayotte met the veterans on Monday, saying she was appalled that the clinic had closed.",
                           "Ayotte met")
    assert claim.text == "Ayotte met the veterans on Monday"


def test_claims_document_that_opens_the_clause_is_left_out(engine) -> None:
    claim, _ = first_claim(engine, "In the CBS poll, Trump's lead over Cruz narrowed from 20 points to 13 points.", "lead over Cruz")
    assert claim.text == "Trump's lead over Cruz narrowed from 20 points to 13 points"
    held, _ = first_claim(engine, "In the survey period, sales rose by 4% to $2 billion.", "sales rose")
    assert held.text.startswith("In the survey period")


def _parsed(nlp, words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]):
    """A document with the parse given: the small model's misreadings, written down, so that the
    test does not hang on which sentences the model happens to misparse."""
    from spacy.tokens import Doc

    spaces = [not (i + 1 < len(words) and words[i + 1] in (",", ".")) for i in range(len(words))]
    lemmas = [{"said": "say", "urged": "urge", "was": "be", "denied": "deny"}.get(w, w.lower()) for w in words]
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def _frames(doc) -> dict[str, list[str]]:
    from claimcheck.analysis.claims import find_candidates

    return {doc[c.start:c.end].text: [doc[i].text for i in c.frame.speaker] if c.frame else []
            for sent in doc.sents for c in find_candidates(doc, sent, [])}


def test_claims_coordinated_verb_of_saying_after_a_comma_reports_its_own_content(nlp) -> None:
    # "X said A, and urged that B", with "urged" hung on A's verb as the small model reads PolNeAR's
    # "RNC spokesman Sean Spicer ... said the Republican Party was not in a crisis, and urged that ...".
    doc = _parsed(nlp,
                  ["Spokesman", "Tom", "Hale", "said", "the", "party", "was", "not", "in", "a", "crisis", ",", "and",
                   "urged", "that", "everyone", "relax", "."],
                  [2, 2, 3, 3, 5, 6, 3, 6, 6, 10, 8, 6, 6, 6, 16, 16, 13, 3],
                  ["compound", "compound", "nsubj", "ROOT", "det", "nsubj", "ccomp", "neg", "prep", "det", "pobj", "punct",
                   "cc", "conj", "mark", "nsubj", "ccomp", "punct"],
                  ["PROPN", "PROPN", "PROPN", "VERB", "DET", "NOUN", "AUX", "PART", "ADP", "DET", "NOUN", "PUNCT", "CCONJ",
                   "VERB", "SCONJ", "PRON", "VERB", "PUNCT"],
                  ["NNP", "NNP", "NNP", "VBD", "DT", "NN", "VBD", "RB", "IN", "DT", "NN", ",", "CC", "VBD", "IN", "NN",
                   "VB", "."])
    frames = _frames(doc)
    assert frames.get("the party was not in a crisis") == ["Spokesman", "Tom", "Hale"], frames
    assert frames.get("everyone relax") == ["Spokesman", "Tom", "Hale"], frames


def test_claims_coordinated_verb_of_saying_without_a_comma_after_zero_that(nlp) -> None:
    # "Kirsch told the AP her group never worked with them and said the group hired ...": no "that"
    # marks where the content ends, and the teller said the rest.
    doc = _parsed(nlp,
                  ["Smith", "told", "reporters", "the", "trust", "never", "cut", "posts", "and", "said", "the", "trust",
                   "hired", "nurses", "."],
                  [1, 1, 1, 4, 6, 6, 1, 6, 6, 6, 11, 12, 9, 12, 1],
                  ["nsubj", "ROOT", "dative", "det", "nsubj", "neg", "ccomp", "dobj", "cc", "conj", "det", "nsubj",
                   "ccomp", "dobj", "punct"],
                  ["PROPN", "VERB", "NOUN", "DET", "NOUN", "ADV", "VERB", "NOUN", "CCONJ", "VERB", "DET", "NOUN", "VERB",
                   "NOUN", "PUNCT"],
                  ["NNP", "VBD", "NNS", "DT", "NN", "RB", "VBD", "NNS", "CC", "VBD", "DT", "NN", "VBD", "NNS", "."])
    frames = _frames(doc)
    assert frames.get("the trust never cut posts") == ["Smith"], frames
    assert frames.get("the trust hired nurses") == ["Smith"], frames


def test_claims_coordinated_verb_of_saying_inside_that_clause_shares_its_subject(nlp) -> None:
    # "It was reported that the mayor denied the claim and said ...": "that" opens the content, and
    # a verb joined inside it without a comma shares its subject: the mayor said, and it stays.
    doc = _parsed(nlp,
                  ["Officials", "said", "that", "the", "mayor", "denied", "the", "claim", "and", "said", "prices", "rose",
                   "."],
                  [1, 1, 5, 4, 5, 1, 7, 5, 5, 5, 11, 9, 1],
                  ["nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "det", "dobj", "cc", "conj", "nsubj", "ccomp",
                   "punct"],
                  ["NOUN", "VERB", "SCONJ", "DET", "NOUN", "VERB", "DET", "NOUN", "CCONJ", "VERB", "NOUN", "VERB", "PUNCT"],
                  ["NNS", "VBD", "IN", "DT", "NN", "VBD", "DT", "NN", "CC", "VBD", "NNS", "VBD", "."])
    assert "the mayor denied the claim and said prices rose" in _frames(doc), _frames(doc)


def test_claims_reporting_participle_after_a_quoted_comma(engine) -> None:
    # The comma sits inside the closing quotation mark: '... "saved money," saying Y'.
    texts = _texts(engine, "Mayor Jane Porter on Friday blamed the council for making a mess of the plan that the city "
                           "\"saved money,\" saying the scheme had cost $4 million more than planned.")
    assert "the scheme had cost $4 million more than planned" in texts, texts
    assert not any("blamed" in t and "scheme" in t for t in texts), texts


def test_claims_speaker_description_with_a_figure_is_no_survey(engine) -> None:
    # "said Borges, who predicted about one-third ...": the figure is in what the writer adds about
    # the speaker, not a count of speakers; the quotation is still the speaker's claim.
    texts = _texts(engine, "\u201cWe chase every unpaid invoice within a week,\u201d said Borges, who predicted about "
                           "one-third of the debt will be paid before March.")
    assert "We chase every unpaid invoice within a week" in texts, texts
    assert "about one-third of the debt will be paid before March" in texts, texts
    assert not any("Borges" in t for t in texts), texts


def test_claims_participle_inside_what_a_participle_of_saying_reports(engine) -> None:
    # "..., saying Y while missing Z": the participle is part of Y, not a claim of its own.
    texts = _texts(engine, "Mayor Jane Porter on Friday criticised the council, saying officials were nitpicking at the "
                           "wording while missing the larger truth of Trump's remarks.")
    assert "officials were nitpicking at the wording while missing the larger truth of Trump's remarks" in texts, texts
    assert not any(t.startswith("the wording") for t in texts), texts


@pytest.mark.parametrize("text,said,description", [
    ("The council leader said the main objection was the plan to close the library on Elm Street, a building the city "
     "has owned since 1920.",
     "the main objection was the plan to close the library on Elm Street", "a building the city has owned since 1920"),
    ("The council leader said the trust hired Tom Hale, a surgeon who worked in Leeds for 20 years.",
     "the trust hired Tom Hale", "a surgeon who worked in Leeds for 20 years"),
])
def test_claims_description_in_apposition_leaves_reported_content(engine, text: str, said: str,
                                                                   description: str) -> None:
    # An apposition with a clause of its own that ends the content is the writer's description.
    claims = _claims(engine, text)
    texts = [c.text for c in claims]
    assert said in texts, texts
    assert description in texts, texts
    described = claims[texts.index(description)]
    assert described.attribution is None or not described.attribution.speaker, described.attribution
