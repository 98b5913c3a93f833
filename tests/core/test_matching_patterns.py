"""Expanded matcher patterns find exactly what the originals find; the word filter never hides a match."""

from __future__ import annotations

from typing import Any

import pytest

from claimcheck.analysis.claim_patterns import IDIOM_PATTERNS, JUDGEMENT_IDIOMS, OPINION_PATTERNS
from claimcheck.analysis.matching import MAX_EXPANSION, PrefilteredMatcher, WordFilter, expand_first_sets

TEXTS = [
    "It is a million miles from what we were promised, and one in a million voters agreed.",
    "Thousands of times the ministers said the plan was second to none; the last straw came on Monday.",
    "I am 100 per cent behind the manager. Sales rose 12% to 3.4 million cars, the most ever.",
    "The report underlines the pressing need for reform. It was from strength to strength, a game-changer.",
    "MPs voted against the bill, and the party will back the motion. The critics slammed Johnson.",
    "Nothing here matches at all.",
]


def _matches(nlp, patterns: list[list[dict[str, Any]]], text: str, greedy: str | None = None) -> list[tuple[int, int, int]]:
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    matcher.add("P", patterns, greedy=greedy)
    return sorted(matcher(nlp(text)))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("greedy", [None, "LONGEST"])
def test_matching_expanded_patterns_find_the_same(nlp, text: str, greedy: str | None) -> None:
    from claimcheck.rules import load_rule_sets
    from claimcheck.rules.plugin import claimcheck_rule_packs

    rule_patterns = [p for r in load_rule_sets(claimcheck_rule_packs(), {}, []).rules for p in r.rule.match.tokens or []]
    if text == TEXTS[0]:
        assert _matches(nlp, IDIOM_PATTERNS, text, greedy)  # the comparison is not between two empty lists
    for patterns in (IDIOM_PATTERNS, JUDGEMENT_IDIOMS, rule_patterns):
        assert _matches(nlp, expand_first_sets(patterns), text, greedy) == _matches(nlp, patterns, text, greedy)


@pytest.mark.parametrize("text", TEXTS)
def test_matching_prefiltered_matcher_equals_matcher(nlp, text: str) -> None:
    from spacy.matcher import Matcher

    from claimcheck.rules import load_rule_sets
    from claimcheck.rules.plugin import claimcheck_rule_packs

    rules = [(r.id, r.rule.match.tokens) for r in load_rule_sets(claimcheck_rule_packs(), {}, []).rules if r.rule.match.tokens]
    keyed = [("IDIOM", IDIOM_PATTERNS, None), ("JUDGEMENT", JUDGEMENT_IDIOMS, None)] + [(k, p, "LONGEST") for k, p in rules]
    plain, filtered = Matcher(nlp.vocab), PrefilteredMatcher(nlp.vocab, cache_size=2)
    for key, patterns, greedy in keyed:
        plain.add(key, patterns, greedy=greedy)
        filtered.add(key, patterns, greedy=greedy)
    doc = nlp(text)
    for _ in range(2):  # built, then from the cache
        assert sorted(filtered(doc)) == sorted(plain(doc))
    assert bool(filtered.possible(doc)) == (text != TEXTS[-1])


def test_matching_expansion_rewrites_only_a_required_first_set() -> None:
    two_sets = [{"LOWER": {"IN": ["a", "one"]}, "POS": {"IN": ["DET", "NUM"]}}, {"LOWER": "time"}]
    expanded = expand_first_sets([two_sets])
    assert len(expanded) == 4 and all(p[1] == {"LOWER": "time"} for p in expanded)
    assert {(p[0]["LOWER"], p[0]["POS"]) for p in expanded} == {("a", "DET"), ("a", "NUM"), ("one", "DET"), ("one", "NUM")}
    optional = [{"LOWER": {"IN": ["a", "one"]}, "OP": "?"}, {"LOWER": "time"}]
    later = [{"LOWER": "time"}, {"LOWER": {"IN": ["a", "one"]}}]
    regex = [{"LOWER": {"REGEX": "^a"}}]
    too_many = [{"LOWER": {"IN": [f"w{i}" for i in range(MAX_EXPANSION + 1)]}}]
    for pattern in (optional, later, regex, too_many):
        assert expand_first_sets([pattern]) == [pattern]


@pytest.mark.parametrize("text", TEXTS)
def test_matching_word_filter_never_hides_an_opinion_verb(nlp, text: str) -> None:
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(nlp.vocab)
    matcher.add("OPINION_VERB", OPINION_PATTERNS)
    doc = nlp(text)
    possible = WordFilter(OPINION_PATTERNS, nlp.vocab).possible(doc)
    assert possible or not matcher(doc)
    assert possible == ("underlines" in text)  # the only text with an opinion verb and its object


#: Patterns of every shape DependencyPatterns matches itself, and one it leaves to the DependencyMatcher.
_DEPENDENCY_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "OPINION": OPINION_PATTERNS,
    "SUBJECT_OR_OBJECT": [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB"}},
                           {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "dobj"]}}}]],
    "TWO_NODES": [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"TAG": {"IN": ["VBD", "VBZ"]}}},
                   {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "a", "RIGHT_ATTRS": {}},
                   {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "b", "RIGHT_ATTRS": {"ENT_TYPE": {"IN": ["GPE", "ORG", "PERSON"]}}}]],
    "OTHER_SHAPE": [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "say"}},
                     {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}},
                     {"LEFT_ID": "s", "REL_OP": ">", "RIGHT_ID": "d", "RIGHT_ATTRS": {"DEP": "det"}}]],
}


@pytest.mark.parametrize("text", TEXTS + ["The spokesman said the minister met officials from Reuters in Paris."])
def test_matching_dependency_patterns_equal_dependency_matcher(nlp, text: str) -> None:
    from spacy.matcher import DependencyMatcher

    from claimcheck.analysis.matching import DependencyPatterns
    from claimcheck.rules import load_rule_sets
    from claimcheck.rules.plugin import claimcheck_rule_packs

    patterns = dict(_DEPENDENCY_PATTERNS)
    for compiled in load_rule_sets(claimcheck_rule_packs(), {}, []).rules:
        if compiled.rule.match.dependency:
            patterns[compiled.id] = compiled.rule.match.dependency
    reference, fast = DependencyMatcher(nlp.vocab), DependencyPatterns(nlp.vocab)
    for key, value in patterns.items():
        reference.add(key, value)
        fast.add(key, value)
    assert len(fast) == len(reference)
    assert len(fast._other) == 1  # only OTHER_SHAPE needs spaCy's matcher
    doc = nlp(text)
    expected = sorted((key, tuple(ids)) for key, ids in reference(doc))
    assert expected  # the comparison is not between two empty lists
    assert sorted((key, tuple(ids)) for key, ids in fast(doc)) == expected


def test_matching_dependency_patterns_reject_a_bad_pattern_as_spacy_does(nlp) -> None:
    from claimcheck.analysis.matching import DependencyPatterns

    with pytest.raises(ValueError):
        DependencyPatterns(nlp.vocab).add("BAD", [[{"LEFT_ID": "x", "REL_OP": ">", "RIGHT_ID": "y", "RIGHT_ATTRS": {}}]])


#: Patterns whose matches end on an optional or counted token, for the windows of PrefilteredMatcher.
_WINDOW_PATTERNS: list[tuple[str, list[list[dict[str, Any]]], str | None]] = [
    ("TAIL", [[{"LOWER": "the"}, {"POS": "ADJ", "OP": "?"}], [{"LOWER": "said"}, {"IS_PUNCT": True, "OP": "?"}]], None),
    ("COUNTED", [[{"LOWER": {"IN": ["rose", "fell"]}}, {"IS_ALPHA": True, "OP": "{1,3}"}]], "LONGEST"),
    ("FIRST", [[{"POS": "DET", "OP": "?"}, {"LOWER": "minister"}, {"POS": "VERB", "OP": "?"}]], "FIRST"),
    ("IDIOM", IDIOM_PATTERNS, None),
]


#: Patterns with a repeated token whose test the windows read (a tag, a part of speech): bounded in a
#: document by its longest run of such tokens, and anchored on their rarest required value.
_REPEATED_PATTERNS: list[tuple[str, list[list[dict[str, Any]]], str | None]] = [
    ("SUPERLATIVE", [[{"LOWER": "the"}, {"TAG": "JJS"}, {"POS": {"IN": ["NOUN", "PROPN"]}, "OP": "+"}],
                     [{"LOWER": "the"}, {"TAG": {"IN": ["JJS", "RBS"]}}, {"POS": {"IN": ["ADJ", "NOUN"]}, "OP": "*"},
                      {"LOWER": {"IN": ["ever", "yet"]}}]], "LONGEST"),
    ("NAMES", [[{"POS": "PROPN", "OP": "{2,}"}, {"LOWER": "said"}]], None),
]


@pytest.mark.parametrize("with_unbounded", [False, True, "repeated"])
def test_matching_prefiltered_windows_keep_the_matcher_order(nlp, with_unbounded: bool | str) -> None:
    from spacy.matcher import Matcher

    text = " ".join(TEXTS * 2) + " The minister said the rate rose sharply. Prices fell 3 per cent, the minister said."
    text += " It was the biggest rally ever. The largest Welsh employer, the Royal Mint, grew. Sir Keir Starmer said so."
    patterns = list(_WINDOW_PATTERNS)
    repeated = with_unbounded == "repeated"
    if repeated:
        patterns += _REPEATED_PATTERNS
        with_unbounded = False
    elif with_unbounded:  # one unbounded pattern that no test of a token bounds: the whole document is walked
        patterns.append(("ANY", [[{"LOWER": "critics"}, {"OP": "*"}, {"LOWER": "johnson"}]], None))
    plain, filtered = Matcher(nlp.vocab), PrefilteredMatcher(nlp.vocab)
    for key, keyed, greedy in patterns:
        # grouped by key, as PrefilteredMatcher adds the possible patterns to its Matcher
        plain.add(key, expand_first_sets(keyed), greedy=greedy)
        filtered.add(key, keyed, greedy=greedy)
    doc = nlp(text)
    windows = filtered._windows(doc, filtered.possible(doc))
    assert (windows == [(0, len(doc))]) == with_unbounded
    assert sum(b - a for a, b in windows) < len(doc) or with_unbounded
    found = filtered(doc)
    assert len(found) > 10
    assert found == plain(doc)  # the same matches in the same order
    if repeated:  # the comparison holds matches of the repeated patterns
        assert {nlp.vocab.strings[key] for key, _, _ in found} >= {"SUPERLATIVE", "NAMES"}


def test_matching_prefiltered_refuses_an_unknown_greedy_filter(nlp) -> None:
    with pytest.raises(ValueError, match="E947"):
        PrefilteredMatcher(nlp.vocab).add("P", [[{"LOWER": "a"}]], greedy="SHORTEST")
