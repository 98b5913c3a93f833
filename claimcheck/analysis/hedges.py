"""Hedges and modality: the words that make a claim less than a flat assertion.

"There's an assumption in Washington that ...", "reportedly", "could",
"apparently", "some say": a hedged claim is still worth checking (often more
so), but the report must say that it was not presented as established fact.
The patterns below are written in spaCy's :class:`~spacy.matcher.Matcher`
format and compiled once per vocabulary into hash look-ups: they only use
``LOWER``, ``LEMMA`` (a string or ``{"IN": [...]}``) and ``LIKE_NUM``, and for
such patterns a direct scan finds exactly the Matcher's matches about five
times faster (the Matcher walks every token in Python first).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

_SINGLE_WORDS = """could might may possibly perhaps probably likely unlikely apparently reportedly
allegedly seemingly supposedly purportedly presumably arguably maybe conceivably potentially
reputedly ostensibly roughly approximately about""".split()
_SINGLE_LEMMAS = """seem appear suggest assume assumption speculate speculation suspect suspicion rumour
rumor believe belief think feel fear concern estimate expect guess alleged suspected rumoured rumored
claim hope""".split()
# Allegation participles, which hedge a description when they modify a noun rather than the claim.
_DESCRIBING = frozenset({"suspect", "suspected", "alleged", "allege", "rumoured", "rumored", "rumour", "rumor"})
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


#: One compiled pattern position: ("LOWER" | "LEMMA", string hashes) or ("LIKE_NUM", wanted value).
_Spec = tuple[str, frozenset[int] | bool]


def _compile(pattern: list[dict[str, object]], vocab: Vocab) -> tuple[_Spec, ...]:
    specs: list[_Spec] = []
    for token_spec in pattern:
        if len(token_spec) != 1:
            raise ValueError(f"hedge pattern positions take one attribute, not {token_spec!r}")
        ((attr, value),) = token_spec.items()
        if attr == "LIKE_NUM" and isinstance(value, bool):
            specs.append((attr, value))
        elif attr in ("LOWER", "LEMMA") and (isinstance(value, str) or (isinstance(value, dict) and list(value) == ["IN"])):
            values = [value] if isinstance(value, str) else list(value["IN"])  # type: ignore[call-overload]
            specs.append((attr, frozenset(vocab.strings.add(v) for v in values)))
        else:
            raise ValueError(f"hedge patterns support LOWER, LEMMA (a string or IN) and LIKE_NUM, not {token_spec!r}")
    return tuple(specs)


class HedgeFinder:
    """Finds hedge expressions in a parsed document."""

    def __init__(self, vocab: Vocab) -> None:
        self._words = _compile([{"LOWER": {"IN": _SINGLE_WORDS}}], vocab)[0][1]
        self._lemmas = _compile([{"LEMMA": {"IN": _SINGLE_LEMMAS}}], vocab)[0][1]
        # Phrases indexed by the hashes their first token may have; the value
        # holds the specs of the remaining positions.
        self._by_lower: dict[int, list[tuple[_Spec, ...]]] = {}
        self._by_lemma: dict[int, list[tuple[_Spec, ...]]] = {}
        for pattern in _PHRASES:
            (attr, first), *rest = _compile(pattern, vocab)
            if attr == "LIKE_NUM":
                raise ValueError("a hedge phrase must start with a LOWER or LEMMA position")
            index = self._by_lower if attr == "LOWER" else self._by_lemma
            for key in first:  # type: ignore[union-attr]
                index.setdefault(key, []).append(tuple(rest))
        # The hashes a match can start with: numpy finds the few tokens that
        # have one, so Python only looks at those (most tokens start nothing).
        self._lower_starts = np.array(sorted(self._words | set(self._by_lower)), dtype=np.uint64)  # type: ignore[operator]
        self._lemma_starts = np.array(sorted(self._lemmas | set(self._by_lemma)), dtype=np.uint64)  # type: ignore[operator]

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """Every pattern match in ``doc`` as ``(start, end)`` (what the Matcher would return, unfiltered)."""
        if not len(doc):
            return []
        array = doc.to_array([LOWER, LEMMA])
        starts = np.flatnonzero(_member(array[:, 0], self._lower_starts) | _member(array[:, 1], self._lemma_starts))
        # Two columns, not a list per token: only the few tokens that can start a hedge are read.
        lowers: list[int] = array[:, 0].tolist()
        lemmas: list[int] = array[:, 1].tolist()
        n = len(lowers)
        out: list[tuple[int, int]] = []
        for i in starts.tolist():
            lower, lemma = lowers[i], lemmas[i]
            if lower in self._words or lemma in self._lemmas:  # type: ignore[operator]
                out.append((i, i + 1))
            for rests in (self._by_lower.get(lower), self._by_lemma.get(lemma)):
                for rest in rests or ():
                    if i + len(rest) >= n:
                        continue
                    for k, (attr, want) in enumerate(rest, 1):
                        if attr == "LOWER":
                            ok = lowers[i + k] in want  # type: ignore[operator]
                        elif attr == "LEMMA":
                            ok = lemmas[i + k] in want  # type: ignore[operator]
                        else:
                            ok = doc[i + k].like_num == want
                        if not ok:
                            break
                    else:
                        out.append((i, i + 1 + len(rest)))
        return out

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Return ``(start, end)`` token ranges of hedges in ``doc``, longest first where they overlap."""
        spans: list[tuple[int, int]] = []
        for start, end in self.matches(doc):
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


def _member(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_keys)`` for sorted keys: a bisection per value, where ``isin`` sorts both arrays on every call."""
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_keys, values)
    at[at == len(sorted_keys)] = 0
    return sorted_keys[at] == values


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
    if lemma in _DESCRIBING and token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
        # "suspected smugglers were arrested", "any driver suspected of speeding can be
        # stopped": the word qualifies who is meant, and the claim about them is flat.
        return False
    return True
