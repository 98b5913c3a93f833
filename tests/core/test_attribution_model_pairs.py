"""The cue model's pair features stay what the shipped model was trained on.

``model/attribution.json`` was fitted by ``train/train_attribution.py`` on the
features :func:`claimcheck.analysis.attribution_model.cue_candidates` gives; the
report reads them through faster paths (a claim's tables read once, sources found
once per verb).  ``tests/data/cue_model_pairs.json`` holds every candidate pair of a
made-up text, with its features as the code that trained the model gave them
(main f621306): a change to any feature, its order or the source found fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

from claimcheck.analysis.attribution_cues import source_of
from claimcheck.analysis.attribution_model import SentenceVerbs, cue_candidates, load_cue_model, pair_features, verb_features
from claimcheck.analysis.claims import find_candidates

PAIRS = Path(__file__).resolve().parent.parent / "data" / "cue_model_pairs.json"
# A verb inside its claim, relative clauses, a quotation, a colon, a passive "by", an impersonal "it".
TEXT = (
    'Mr. Trump has railed against the TPP, which he says "kills jobs" in Ohio. '
    "A third of voters said the plan, which was approved by the council, would cost $2m: officials disagreed. "
    "It was reported that the mayor, who chairs the board, denied the claim and said prices rose 4%."
)
QUOTED = frozenset(range(8, 13))


def _pairs(doc, cache: SentenceVerbs | None = None) -> list[list[object]]:
    out: list[list[object]] = []
    for sent in doc.sents:
        for cand in find_candidates(doc, sent, []):
            for c in cue_candidates(doc, cand, QUOTED.__contains__, cache):
                out.append([doc[cand.head].text, cand.start, cand.end, doc[c.verb].text, [doc[i].text for i in c.source], list(c.features)])
    return out


def test_attribution_model_pairs_match_the_trained_features(nlp) -> None:
    doc = nlp(TEXT)
    expected = json.loads(PAIRS.read_text(encoding="utf-8"))
    assert _pairs(doc) == expected
    # The report's per-sentence cache gives the same pairs as a fresh search.
    assert _pairs(nlp(TEXT), {}) == expected


def test_attribution_model_pairs_equal_the_public_feature_functions(nlp) -> None:
    doc = nlp(TEXT)
    for sent in doc.sents:
        for cand in find_candidates(doc, sent, []):
            for c in cue_candidates(doc, cand, QUOTED.__contains__):
                verb = doc[c.verb]
                assert c.features == (*verb_features(doc, verb, c.source), *pair_features(doc, cand, verb, c.source, QUOTED.__contains__))


def test_attribution_source_of_gives_a_fresh_list_each_time(nlp) -> None:
    doc = nlp("The council said the bridge would reopen.")
    said = doc[2]
    first = source_of(said)
    first.append(99)
    assert source_of(said) == [0, 1]


def test_attribution_model_score_is_the_probability_to_the_last_bit(nlp) -> None:
    model = load_cue_model()
    assert model is not None
    doc = nlp(TEXT)
    cache: SentenceVerbs = {}
    for _ in range(2):  # the second pass reads the verbs' weights from the model's memo
        for sent in doc.sents:
            for cand in find_candidates(doc, sent, []):
                candidates = cue_candidates(doc, cand, QUOTED.__contains__, cache)
                assert candidates and all(c.static for c in candidates)
                assert [model.score(c) for c in candidates] == [model.probability(c.features) for c in candidates]


def _exact(doc, cand):
    """Each candidate verb of a claim with all its features."""
    return [(c.verb, c.features) for c in cue_candidates(doc, cand, QUOTED.__contains__)]


def test_attribution_model_inside_features_are_one_of_each_kind(nlp) -> None:
    """CueModel.could_reach bounds the features of a verb inside its claim by the largest weight of each kind,
    which holds only while each pair has one feature of each kind."""
    from claimcheck.analysis.attribution_model import INSIDE_KINDS, _feature_kind

    doc = nlp(TEXT)
    seen = 0
    for sent in doc.sents:
        for cand in find_candidates(doc, sent, []):
            for verb, features in _exact(doc, cand):
                if cand.start <= verb < cand.end:
                    at = features.index("pos=inside") + 1
                    assert tuple(_feature_kind(f) for f in features[at : at + len(INSIDE_KINDS)]) == INSIDE_KINDS
                    seen += 1
                else:
                    assert not any(_feature_kind(f) in INSIDE_KINDS for f in features)
    assert seen


def test_attribution_model_taken_is_the_best_that_reaches_the_threshold(nlp) -> None:
    """CueModel.taken leaves out verbs that cannot reach the threshold: it takes what best() over every verb
    takes, and no verb it leaves out had the log-odds to be taken."""
    import dataclasses

    model = load_cue_model()
    assert model is not None
    texts = [TEXT, "Prices rose 4% last year, the minister told reporters, and the bank said it would act. "
             "Critics argued the plan would fail, which officials denied, saying: \"it will work\"."]
    for threshold in (model.threshold, 0.2, 0.05):  # lower thresholds: more verbs reach, fewer are left out
        other = dataclasses.replace(model, threshold=threshold)
        left_out = 0
        for text in texts:
            doc = nlp(text)
            for sent in doc.sents:
                for cand in find_candidates(doc, sent, []):
                    every = cue_candidates(doc, cand, QUOTED.__contains__)
                    best = other.best(every)
                    expected = best if best is not None and best[1] >= threshold else None
                    taken = other.taken(doc, cand, QUOTED.__contains__)
                    assert (taken and (taken[0].verb, taken[1])) == (expected and (expected[0].verb, expected[1]))
                    for c in cue_candidates(doc, cand, QUOTED.__contains__):
                        if not other.could_reach(c):
                            left_out += 1
                            assert other.probability(c.features) < threshold
        assert left_out or threshold < model.threshold
