"""The learned cue model of attribution (analysis/attribution_model.py, model/attribution.json).

The model only decides for claims the rules leave without a source; these cases
are hand-written sentences of the classes it was trained for on PolNeAR train
(a speech verb the parser did not give a clause), and of what it must leave alone.
"""

from __future__ import annotations

import math

from claimcheck.analysis.attribution_model import MODEL_PATH, cue_candidates, load_cue_model
from claimcheck.analysis.claims import find_candidates
from tests.core.claim_lookup import first_claim


def test_attribution_model_ships_and_loads() -> None:
    assert MODEL_PATH.exists()
    model = load_cue_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert model.weights and all(math.isfinite(w) for w in model.weights.values())
    assert "bias" in model.weights


def test_attribution_model_candidates_are_verbs_with_a_source(nlp) -> None:
    doc = nlp("The mayor said the bridge would reopen in May, and the council agreed.")
    sent = next(iter(doc.sents))
    cand = next(c for c in find_candidates(doc, sent, []) if doc[c.head].text == "reopen")
    verbs = {doc[c.verb].text: c for c in cue_candidates(doc, cand, lambda i: False)}
    assert set(verbs) >= {"said", "agreed"}
    said = verbs["said"]
    assert [doc[i].text for i in said.source] == ["The", "mayor"]
    assert "rel=below" in said.features and "lemma=say" in said.features and "pos=before" in said.features


def test_attribution_model_scores_a_reporting_verb_above_an_act(nlp) -> None:
    model = load_cue_model()
    assert model is not None
    doc = nlp("The mayor said the bridge would reopen in May, and the council agreed.")
    sent = next(iter(doc.sents))
    cand = next(c for c in find_candidates(doc, sent, []) if doc[c.head].text == "reopen")
    scored = {doc[c.verb].text: model.probability(c.features) for c in cue_candidates(doc, cand, lambda i: False)}
    assert scored["said"] > scored["agreed"]


def test_attribution_model_own_voice_report_stays_the_articles(engine) -> None:
    claim, _ = first_claim(engine, "The council closed the library in March after the budget was cut by 12%.", "library")
    assert claim.attribution.kind == "article"


def test_attribution_trailing_cue_whose_content_the_parser_missed(engine) -> None:
    # "Detaining ..." is parsed as an adverbial clause of "ruled": it is what the court ruled.
    claim, _ = first_claim(engine, "Detaining asylum seekers without a hearing breaks the convention, the appeal court has ruled.", "convention")
    assert "appeal court" in (claim.attribution.speaker or ""), claim.attribution
    # A real adverbial clause, or an aside, is not what was said.
    from claimcheck.analysis.attribution_cues import CueIndex

    for text in ("When the vote was held, the court ruled.", "Asked about the vote on Monday, the court ruled."):
        doc = engine.nlp(text)
        assert not [c for c in CueIndex(doc).all() if not c.act], text


def test_attribution_place_owning_an_institution_is_not_the_source(engine) -> None:
    # "the UK's highest court has ruled": the court ruled, not the UK; "Pentagon officials" stay the Pentagon's.
    claim, _ = first_claim(engine, "The detention of the men breaks human rights laws, the UK's highest court has ruled.", "human rights")
    assert claim.attribution.speaker == "the UK's highest court", claim.attribution
    claim, _ = first_claim(engine, "The base will close in 2027, Pentagon officials said.", "base will close")
    assert claim.attribution.speaker == "Pentagon", claim.attribution


def test_attribution_model_veto_leaves_an_act_in_the_articles_voice(engine) -> None:
    # The claim is the senator's whole clause and reports what she did, not what she said
    # (the rules gave it her; the cue model's veto takes it back).
    model = load_cue_model()
    assert model is not None and 0.0 < model.veto < model.threshold
    claim, _ = first_claim(engine, "Senator Moss never mentioned the governor by name.", "governor")
    assert claim.attribution.kind == "article", claim.attribution
    # A reported clause keeps its frame's speaker.
    claim, _ = first_claim(engine, "The mayor said the bridge would reopen in May.", "bridge")
    assert claim.attribution.speaker == "The mayor", claim.attribution
