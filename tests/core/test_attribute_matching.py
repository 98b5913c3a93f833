"""The attribute ruler's look-up matching gives spaCy's Matcher's matches, and so the same tokens."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.lang.en import English
from spacy.pipeline import AttributeRuler

from claimcheck.analysis.attribute_matching import LookupAttributeRuler, shipped_matching, use_lookup_matching

#: Every kind of pattern the small English model's ruler has: tags, words with tags, two-word forms
#: ("gonna", "let's", "c'mon", "y all"), a regular expression ("nothin'", "ain't"), a dependency ("there
#: is"), auxiliaries and "do"/"have" as main verbs, determiners as pronouns, and spaces.
TEXT = (
    "Y all ain't gonna believe it.  There's nothin' here; let's go, c'mon.\n\n"
    "She did her homework and has had three dogs. That is what they want, and those were $5.2bn in 2019.\n"
    "\"We won't,\" he said -- I'd have thought so; it's 10% more than you'd think.   Got ta go!"
)
ATTRS = [TAG, POS, MORPH, LEMMA, DEP]


def test_the_pipeline_matches_by_look_ups(nlp) -> None:
    assert type(nlp.get_pipe("attribute_ruler")) is LookupAttributeRuler


def test_matches_are_the_matchers(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(TEXT)
    found = ruler.match(doc)
    assert found == sorted(set(AttributeRuler.match(ruler, doc)))
    assert {end - start for _, _, start, end in found} == {1, 2}  # one- and two-token patterns both matched


def test_tokens_are_the_shipped_pipelines(nlp) -> None:
    looked_up = nlp(TEXT).to_array(ATTRS)
    with shipped_matching(nlp):
        assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
        shipped = nlp(TEXT).to_array(ATTRS)
    assert type(nlp.get_pipe("attribute_ruler")) is LookupAttributeRuler
    assert numpy.array_equal(looked_up, shipped)


def _ruler(patterns: list[dict]) -> tuple[English, AttributeRuler]:
    blank = English()
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    use_lookup_matching(blank)
    return blank, ruler


def test_a_pattern_of_another_shape_keeps_spacys_matcher() -> None:
    blank, ruler = _ruler([{"patterns": [[{"LOWER": "big"}, {"LOWER": "cat", "OP": "+"}]], "attrs": {"LEMMA": "x"}}])
    doc = blank.make_doc("a big cat cat")
    doc[0].tag_, doc[0].dep_ = "DT", "det"  # annotated, so that only the pattern's shape decides
    assert type(ruler) is LookupAttributeRuler
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)
    assert {(s, e) for _, _, s, e in ruler.match(doc)} == {(1, 3), (1, 4)}


@pytest.mark.parametrize("first", ["x", "y"])
def test_patterns_added_later_are_used(first: str) -> None:
    blank, ruler = _ruler([{"patterns": [[{"LOWER": first}]], "attrs": {"LEMMA": "first"}}])
    doc = blank.make_doc("x y")
    for token in doc:
        token.tag_, token.dep_ = "NN", "dep"
    assert [(s, e) for _, _, s, e in ruler.match(doc)] == [(0, 1) if first == "x" else (1, 2)]
    ruler.add_patterns([{"patterns": [[{"TAG": "NN"}, {"LOWER": "y"}]], "attrs": {"LEMMA": "pair"}, "index": 0}])
    assert ruler.match(doc) == sorted(AttributeRuler.match(ruler, doc))
    assert (0, 2) in {(s, e) for _, _, s, e in ruler.match(doc)}


def test_an_index_outside_the_match_fails_as_spacys_does() -> None:
    blank, ruler = _ruler([{"patterns": [[{"LOWER": "x"}]], "attrs": {"LEMMA": "y"}, "index": 1}])
    doc = blank.make_doc("x z")
    for token in doc:
        token.tag_, token.dep_ = "NN", "dep"
    with pytest.raises(ValueError, match="E1001"):
        ruler(doc)
    assert doc[1].lemma_ != "y"
