"""Claim types, following Full Fact's taxonomy of checkable claims.

``quantity`` (numbers, statistics, amounts), ``event`` (something happened or
is happening), ``rule`` (what a law, treaty, agreement or policy says),
``prediction`` (the future, hypotheticals), ``causation`` (X caused Y),
``comparison`` (superlatives, rankings, more/less than), ``role`` (who holds
what post or credential) and ``other``.

Types are decided from the parse in a fixed order of precedence: a claim
about the future is a prediction even if it has a number in it; a claim
about what a treaty says is a rule even if it is in the past tense.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from claimcheck.analysis.lexicon import (
    EVALUATIVE,
    CAUSAL_MARKERS,
    CAUSAL_VERBS,
    FUTURE_MARKERS,
    NUMERIC_ENTITY_LABELS,
    PREDICTION_VERBS,
    QUANTITY_WORDS,
    RULE_NOUNS,
    RULE_VERBS,
    TITLE_NOUNS,
)

_EVENT_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ", "VBP"})
_STATIVE = frozenset({"be", "have", "seem", "appear", "remain", "look", "feel", "sound", "become", "consist", "exist"})


def _is_future(tokens: list[Token], head: Token) -> bool:
    for child in head.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in FUTURE_MARKERS:
            return True
        if child.dep_ == "aux" and child.lower_ in ("going", "gon") and any(c.lower_ == "to" for c in head.children):
            return True
    if head.lemma_.lower() in PREDICTION_VERBS or (head.lemma_ == "be" and any(c.lemma_ in ("likely", "set", "expected", "due", "poised", "projected") for c in head.children)):
        return True
    # "is expected to rise", "is set to double"
    if head.tag_ == "VBN" and head.lemma_ in ("expect", "set", "project", "forecast", "predict", "poise", "due"):
        return True
    return any(t.lower_ in FUTURE_MARKERS and t.dep_ in ("aux", "auxpass") and t.head.i == head.i for t in tokens)


def _is_conditional(head: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark") for c in head.children) and any(
        c.lower_ in ("would", "could", "might") for c in head.children
    )


def _is_rule(tokens: list[Token], head: Token) -> bool:
    lemmas = {t.lemma_.lower() for t in tokens}
    has_rule_noun = bool(lemmas & RULE_NOUNS) or any(t.ent_type_ == "LAW" for t in tokens)
    if not has_rule_noun:
        return False
    subject = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject_is_rule = any(t.lemma_.lower() in RULE_NOUNS or t.ent_type_ == "LAW" for s in subject for t in s.subtree)
    if head.lemma_.lower() in RULE_VERBS and (subject_is_rule or any(t.lemma_.lower() in RULE_NOUNS for t in tokens if t.dep_ in ("dobj", "attr"))):
        return True
    if subject_is_rule and head.lemma_.lower() in ("say", "state", "specify", "set", "make", "call", "oblige", "bar", "give"):
        return True
    # "under the treaty, ...", "it is illegal to ..."
    if any(t.lower_ == "under" and any(c.lemma_.lower() in RULE_NOUNS for c in t.subtree) for t in tokens):
        return True
    return any(t.lemma_.lower() in ("illegal", "unlawful", "legal", "mandatory", "compulsory", "banned", "prohibited") for t in tokens)


def _is_causation(tokens: list[Token], head: Token) -> bool:
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma in CAUSAL_VERBS and t.pos_ == "VERB":
            if lemma == "lead" and not any(c.lower_ == "to" for c in t.children):
                continue
            if lemma in ("drive", "push", "create", "produce", "generate") and not any(c.dep_ in ("xcomp", "oprd", "ccomp") or c.lower_ == "to" for c in t.children):
                continue
            return True
        if lemma == "leave" and any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl") for c in t.children):
            return True  # "has left it isolated"
        if lemma == "make" and any(c.dep_ in ("ccomp", "xcomp") for c in t.children):
            return True
        if t.lower_ in CAUSAL_MARKERS and t.dep_ in ("mark", "prep", "advmod", "amod") and t.lower_ != "since":
            return True
        if t.lower_ == "result" and t.dep_ == "pobj" and t.head.lower_ == "a" or (t.lower_ == "as" and t.nbor(1).lower_ == "a" and t.i + 2 < len(t.doc) and t.nbor(2).lower_ == "result"):
            return True
    return False


def _is_quantity(tokens: list[Token]) -> bool:
    for t in tokens:
        if t.ent_type_ in NUMERIC_ENTITY_LABELS and t.ent_type_ != "ORDINAL":
            if t.ent_type_ == "CARDINAL" and t.lower_ in ("one", "two") and t.dep_ in ("nummod", "nsubj", "pobj") and not any(c.like_num for c in t.children):
                continue  # "the two", "one of them": not a statistic
            return True
        if t.like_num and t.ent_type_ not in ("DATE", "TIME") and t.lower_ not in ("one", "two"):
            return True
        if t.lemma_.lower() in QUANTITY_WORDS and t.pos_ in ("NOUN", "NUM", "ADJ", "ADV", "VERB") and t.lower_ != "most":
            return True
        if t.text in ("%",):
            return True
    return False


def _is_comparison(tokens: list[Token]) -> bool:
    for t in tokens:
        if t.tag_ in ("JJS", "RBS") and t.lower_ not in ("most", "least") and t.lemma_.lower() not in EVALUATIVE and t.lower_ not in EVALUATIVE:
            return True  # "the largest", not "the worst decision ever" (an opinion)
        if t.lower_ in ("most", "least") and t.head.pos_ == "ADJ" and t.head.lemma_.lower() not in EVALUATIVE:
            return True
        if t.tag_ in ("JJR", "RBR") and any(c.lower_ == "than" for c in t.subtree):
            return True
        if t.lower_ == "than":
            return True
        if t.lower_ in ("record", "largest", "biggest", "highest", "lowest", "first", "last") and t.dep_ in ("amod", "compound"):
            return True
        if t.lower_ == "never" and any(u.lower_ in ("before", "ever") for u in tokens):
            return True
    return False


def _is_role(tokens: list[Token], head: Token, origin: str) -> bool:
    if origin == "role":
        return True
    if head.lemma_ in ("be", "become", "serve", "remain", "appoint", "name", "elect") and any(
        t.lemma_.lower() in TITLE_NOUNS and t.dep_ in ("attr", "pobj", "oprd", "appos", "dobj") for t in tokens
    ):
        return any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in tokens)
    return False


def classify(doc: Doc, token_ids: Iterable[int], head_index: int, origin: str) -> str:
    """Decide a claim's type.

    Args:
        doc: the parsed document.
        token_ids: the claim's tokens.
        head_index: the claim's head token.
        origin: how the claim was found (``clause``, ``content``, ``role`` ...).

    Returns:
        The type.
    """
    tokens = [doc[i] for i in sorted(token_ids)]
    head = doc[head_index]
    if _is_role(tokens, head, origin):
        return "role"
    if _is_future(tokens, head) or _is_conditional(head):
        return "prediction"
    if _is_rule(tokens, head):
        return "rule"
    if _is_causation(tokens, head):
        return "causation"
    if _is_quantity(tokens):
        return "quantity"
    if _is_comparison(tokens):
        return "comparison"
    if head.pos_ in ("VERB", "AUX") and (head.lemma_.lower() not in _STATIVE or head.tag_ in ("VBG",)):
        return "event"
    if head.lemma_ == "be" and any(c.dep_ == "prep" for c in head.children) and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tokens):
        return "event"  # "Putin is in North Korea"
    if head.lemma_ in ("have",) and any(t.ent_type_ for t in tokens):
        return "event"
    return "other"
