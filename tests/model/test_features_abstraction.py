"""Feature strings: entities and numbers are abstracted, structure is described."""

from __future__ import annotations

import pytest

from claimcheck.model.features import span_features


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Barack Obama said unemployment fell to 3.5 percent.", ["w=<PERSON>", "w=<PERCENT>", "b=<PERSON>_said", "hasnum"], ["w=barack", "w=obama", "w=3.5"]),
        ("We spent $2 trillion in Iraq last year.", ["w=<MONEY>", "w=<GPE>", "w=<DATE>", "subj=1", "t=VBD"], ["w=iraq", "w=last"]),
        ("I will not raise taxes.", ["neg", "md=will", "subj=1", "l=raise", "root=raise"], []),
        ("Is that true?", ["w=?", "len=6"], []),
    ],
)
def test_features_abstraction(nlp, text: str, present: list[str], absent: list[str]) -> None:
    feats = span_features(nlp(text)[:])
    for feature in present:
        assert feature in feats
    for feature in absent:
        assert feature not in feats


def test_features_abstraction_distinct_and_stable(nlp) -> None:
    doc = nlp("The the the economy grew, grew and grew.")
    feats = span_features(doc[:])
    assert len(feats) == len(set(feats))
    assert feats == span_features(doc[:])
    assert all("\n" not in f for f in feats)


def test_features_abstraction_entity_cut_by_span(nlp) -> None:
    doc = nlp("In New York City unemployment fell.")
    ents = [t for t in doc if t.ent_type_ == "GPE"]
    assert ents, "the pipeline should find New York City"
    # A span starting inside an entity still names it once.
    feats = span_features(doc[ents[1].i:])
    assert "w=<GPE>" in feats


def test_features_abstraction_order_independent_of_hash_seed(nlp) -> None:
    # Entity-label features come from a set: they must be sorted, or the
    # training matrix (and so the shipped model) would depend on PYTHONHASHSEED.
    feats = span_features(nlp("Barack Obama visited Paris in 2015 with 300 people from Google.")[:])
    labels = [f for f in feats if f.startswith("e=")]
    assert len(labels) >= 3 and labels == sorted(labels)
