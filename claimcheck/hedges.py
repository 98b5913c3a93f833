"""Hedges and modality: the words that make a claim less than a flat assertion.

"There's an assumption in Washington that ...", "reportedly", "could",
"apparently", "some say": a hedged claim is still worth checking (often more
so), but the report must say that it was not presented as established fact.
Matching uses spaCy's :class:`~spacy.matcher.Matcher` on lemmas, built once
per vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

_SINGLE_WORDS = """could might may possibly perhaps probably likely unlikely apparently reportedly
allegedly seemingly supposedly purportedly presumably arguably maybe conceivably potentially
reputedly ostensibly roughly approximately about""".split()
_SINGLE_LEMMAS = """seem appear suggest assume assumption speculate speculation suspect suspicion rumour
rumor believe belief think feel fear concern estimate expect guess alleged suspected rumoured rumored
claim hope""".split()
# Words above that are only hedges in some uses.
_NEEDS_CONTEXT = {"about", "claim", "may", "concern", "hope", "expect", "feel", "think", "believe"}

_PHRASES: list[list[dict[str, object]]] = [
    [{"LEMMA": "be"}, {"LOWER": {"IN": ["said", "thought", "believed", "understood", "reported", "alleged", "rumoured", "rumored", "expected", "estimated", "suspected", "feared"]}}, {"LOWER": "to"}],
    [{"LOWER": "it"}, {"LEMMA": "be"}, {"LOWER": {"IN": ["said", "thought", "believed", "understood", "reported", "alleged", "claimed", "feared", "assumed"]}}],
    [{"LOWER": "according"}, {"LOWER": "to"}, {"LOWER": {"IN": ["reports", "rumours", "rumors", "some", "sources"]}}],
    [{"LOWER": {"IN": ["some", "others", "many", "critics", "sources", "experts", "observers"]}}, {"LEMMA": {"IN": ["say", "believe", "suggest", "argue", "claim", "think", "fear", "suspect"]}}],
    [{"LEMMA": {"IN": ["feel", "look", "sound", "seem"]}}, {"LOWER": {"IN": ["like", "as"]}}],
    [{"LOWER": {"IN": ["sort", "kind"]}}, {"LOWER": "of"}],
    [{"LOWER": "as"}, {"LOWER": "many"}, {"LOWER": "as"}],
    [{"LOWER": "up"}, {"LOWER": "to"}, {"LIKE_NUM": True}],
]


class HedgeFinder:
    """Finds hedge expressions in a parsed document."""

    def __init__(self, vocab: Vocab) -> None:
        self.matcher = Matcher(vocab)
        self.matcher.add("HEDGE_WORD", [[{"LOWER": {"IN": _SINGLE_WORDS}}]])
        self.matcher.add("HEDGE_LEMMA", [[{"LEMMA": {"IN": _SINGLE_LEMMAS}}]])
        self.matcher.add("HEDGE_PHRASE", _PHRASES)

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Return ``(start, end)`` token ranges of hedges in ``doc``, longest first where they overlap."""
        spans: list[tuple[int, int]] = []
        for _, start, end in self.matcher(doc):
            if end - start == 1 and not _is_hedge_use(doc[start]):
                continue
            spans.append((start, end))
        spans.sort(key=lambda se: (se[0], -(se[1] - se[0])))
        kept: list[tuple[int, int]] = []
        for start, end in spans:
            if kept and start < kept[-1][1]:
                continue
            kept.append((start, end))
        return kept


def _is_hedge_use(token: Token) -> bool:
    """Filter single-word matches whose use here is not hedging."""
    lower = token.lower_
    lemma = token.lemma_.lower()
    if lower == "may" and token.tag_ != "MD":
        return False  # the month, or the surname
    if lower == "about" and not (token.dep_ in ("advmod", "quantmod") and token.head.like_num):
        return False  # "about 300", not "talk about"
    if lemma in ("claim", "concern", "hope") and token.pos_ == "NOUN" and not any(c.dep_ in ("acl", "ccomp", "relcl") for c in token.children):
        return False
    if lemma in ("expect", "feel", "think", "believe") and token.pos_ not in ("VERB", "AUX"):
        return False
    if lemma == "feel" and not any(c.dep_ in ("ccomp", "advcl") for c in token.children):
        return False  # "I feel tired" is not a hedge on a claim
    if token.ent_type_ in ("PERSON", "ORG"):
        return False
    return True


def hedges_in(doc: Doc, ranges: Iterable[tuple[int, int]], token_ids: set[int]) -> list[tuple[int, int]]:
    """The hedge ranges that fall inside ``token_ids`` (a claim and its frame)."""
    return [(s, e) for s, e in ranges if s in token_ids]
