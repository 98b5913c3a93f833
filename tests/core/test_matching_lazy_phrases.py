"""LazyPhraseMatcher finds what a PhraseMatcher given every pattern up front finds, building only what a document needs."""

from __future__ import annotations

import pytest
from spacy.matcher import PhraseMatcher

from claimcheck.analysis.matching import LazyPhraseMatcher

PHRASES = {
    "TAX": ["raise taxes", "tax cut"],
    "SPEND": ["cut spending", "public spending"],
    "PRICE": ["rising prices", "prices rose"],
    "NUKE": ["nuclear weapons"],
}
TEXTS = [
    "The government raised taxes and cut spending.",
    "Prices rose again, and rising prices hurt.",
    "Nothing here matches at all.",
    "A tax cut, not public spending, and no nuclear weapons. The Tax Cut passed.",
]


@pytest.mark.parametrize("attr", ["LOWER", "LEMMA"])
def test_matching_lazy_phrases_same_matches_as_eager(nlp, attr: str) -> None:
    eager = PhraseMatcher(nlp.vocab, attr=attr)
    lazy = LazyPhraseMatcher(nlp.vocab, attr)
    for key, phrases in PHRASES.items():
        docs = [nlp(p) for p in phrases]
        eager.add(key, docs)
        for doc in docs:
            first = doc[0].lower_ if attr == "LOWER" else doc[0].lemma_
            lazy.add_later(key, first, lambda doc=doc: doc)
    assert len(lazy) == sum(len(p) for p in PHRASES.values())
    found = 0
    for text in TEXTS:
        doc = nlp(text)
        expected = sorted(eager(doc))
        assert sorted(lazy(doc)) == expected
        found += len(expected)
    assert found >= 6


def test_matching_lazy_phrases_builds_only_what_a_document_needs(nlp) -> None:
    built: list[str] = []
    lazy = LazyPhraseMatcher(nlp.vocab, "LOWER")

    def make(phrase: str):
        built.append(phrase)
        return nlp.make_doc(phrase)

    for phrase in ("iceberg lettuce", "moving the goalposts", "per cent"):
        lazy.add_later("P", phrase.split()[0], lambda phrase=phrase: make(phrase))
    doc = nlp("Inflation rose by two per cent.")
    assert [doc[s:e].text for _, s, e in lazy(doc)] == ["per cent"]
    assert built == ["per cent"]
    assert lazy(nlp("No match here.")) == []
    assert built == ["per cent"]  # built once, kept


def test_matching_lazy_phrases_rule_packs_start_unbuilt(engine) -> None:
    from claimcheck.rules.ruleset import RuleSet

    rules = engine.rules
    assert isinstance(rules, RuleSet)
    fresh = RuleSet(rules.packs, rules.policy)
    fresh.prepare(engine.nlp)
    matchers = fresh._matchers
    assert matchers is not None and matchers.has_lower and matchers.has_lemma
    # Nothing is built before a document asks: the phrase docs come from the lemma cache.
    assert len(matchers.lower.matcher) == 0 and len(matchers.lemma.matcher) == 0
    phrase_rules = {r.id for r in fresh.rules if r.rule.match.phrases}
    matchers.lower(engine.nlp("The minister said inflation rose by two per cent in a year."))
    assert 0 < len(matchers.lower.matcher) < len(phrase_rules)
