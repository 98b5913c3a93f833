"""Check-worthiness: how much a claim deserves a fact-checker's time, in [0, 1].

0.5 and above means check-worthy in the sense of ClaimBuster and CLEF
CheckThat!: a factual claim the public would want checked.  The score is a
logistic combination of claim-level signals, each of which is reported as a
reason when it moves the score: concrete entities, numbers and dates make a
claim checkable; opinion, emotion, hedging and first-person talk make it less
so; the claim's type and who asserts it shift it.

When the trained model (:mod:`claimcheck.model`) is available, its
probability for the claim's text is the starting point and these signals
adjust it in logit space; without it the signals alone are used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimcheck.analysis.lexicon import (
    CONTENT_ENTITY_LABELS,
    EMOTIONS,
    EVALUATIVE,
    NUMERIC_ENTITY_LABELS,
    OPINION_PHRASES,
    PUBLIC_RECORD_VERBS,
)
from claimcheck.model.combination import Combination

if TYPE_CHECKING:  # spaCy is only needed for the annotation
    from spacy.tokens import Doc

#: A party answering a claim on the record: "Both sides deny this".
RESPONSE_VERBS = frozenset({"deny", "confirm", "admit", "acknowledge", "dispute", "refute", "reject"})

_TYPE_WEIGHTS = {
    "quantity": 0.9, "rule": 0.8, "causation": 0.55, "event": 0.45, "comparison": 0.6,
    "role": 0.55, "prediction": 0.05, "other": -0.5,
}
#: Where the logistic starts before any signal: a bare clause with nothing
#: checkable in it scores about 0.27.
_BASE = -1.0
#: Clauses shorter than this many words get a smaller model share.
FULL_EVIDENCE_WORDS = 6
#: The combination of models that carry none (fitted on CheckThat! 2024 dev, before version 2 of the model).
DEFAULT_COMBINATION = Combination(0.6, 2.08, 0.214)
#: Without a model (``--no-model``): Platt scaling of the features alone, fitted on CheckThat! 2024 dev.
FEATURES_ONLY = Combination(0.0, 2.34, -0.009)
_FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
_INTENSIFIERS = frozenset({"very", "really", "so", "totally", "absolutely", "extremely", "incredibly", "certainly", "truly", "quite", "simply"})


@dataclass
class ScoreInput:
    """What the scorer needs to know about one claim."""

    token_ids: list[int]
    head: int
    type: str
    attribution_kind: str
    hedges: int
    has_date: bool
    embedded: bool
    quoted: bool
    frame_kind: str | None = None
    frame_token_ids: list[int] = field(default_factory=list)
    model_probability: float | None = None
    sentence_probability: float | None = None
    combination: Combination | None = None


@dataclass(frozen=True)
class ScoreParts:
    """The logits a score was made of, for fitting the combination (``train/``)."""

    z_model: float | None
    z_features: float
    evidence: float  # the clause's words / FULL_EVIDENCE_WORDS (the model's share grows to 1 with it)


@dataclass
class Scored:
    """A score with the reasons that moved it most."""

    score: float
    reasons: list[str] = field(default_factory=list)
    parts: ScoreParts | None = None


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


#: Each opinion phrase with the spaces that make it match whole words only.
_SPACED_OPINION_PHRASES = tuple((p, f" {p} ") for p in OPINION_PHRASES)


def score_claim(doc: Doc, item: ScoreInput) -> Scored:
    """Score one claim and explain the score.

    Args:
        doc: the parsed document.
        item: the claim's signals.

    Returns:
        The score in [0, 1] (rounded to 3 places) and its main reasons, most
        influential first.
    """
    tokens = [doc[i] for i in item.token_ids]
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    lower_text = " ".join(t.lower_ for t in words)
    contributions: list[tuple[float, str]] = []

    def add(weight: float, reason: str) -> None:
        if weight:
            contributions.append((weight, reason))

    # A reported claim is checked together with who reported it ("a concern,
    # articulated by US secretary of state Antony Blinken, that ..."), so the
    # frame's names count too.
    named_source = item.attribution_kind in ("person", "organisation")
    scope = tokens + ([doc[i] for i in item.frame_token_ids] if named_source else [])
    first = item.token_ids[0] if item.token_ids else -1
    entity_count = sum(1 for t in scope if t.ent_type_ in CONTENT_ENTITY_LABELS and (t.ent_iob_ == "B" or t.i == first))
    entity_labels = {t.ent_type_ for t in scope if t.ent_type_ in CONTENT_ENTITY_LABELS}
    if entity_count:
        add(min(entity_count, 3) * 0.35, f"names {entity_count} specific {'entity' if entity_count == 1 else 'entities'} ({', '.join(sorted(entity_labels))})")
    numbers = [t for t in tokens if (t.ent_type_ in NUMERIC_ENTITY_LABELS or t.like_num) and t.ent_type_ not in ("DATE", "TIME")]
    if numbers and item.type != "role":
        add(0.7, "contains a number or amount")
    if item.has_date:
        add(0.25, "is anchored in time")
    add(_TYPE_WEIGHTS.get(item.type, 0.0), f"type: {item.type}")
    head = doc[item.head]
    if named_source:
        add(0.6, f"attributed to a named {item.attribution_kind}: checkable on the record")
    elif item.attribution_kind == "anonymous":
        add(0.1, "attributed to an unnamed source")
    if head.lemma_.lower() in RESPONSE_VERBS and head.pos_ == "VERB":
        add(2.0, f"a party's denial or confirmation ({head.lemma_.lower()}), checkable against its statements")
    elif head.lemma_.lower() in PUBLIC_RECORD_VERBS and head.pos_ == "VERB":
        add(0.6, f"an act on the public record ({head.lemma_.lower()})")
    if item.hedges:
        add(-0.25 * min(item.hedges, 2), "hedged" if item.hedges == 1 else f"hedged ({item.hedges} hedges)")
    if item.frame_kind in ("cognition", "copula"):
        add(-0.6, "presented as a belief or a view")
    evaluative = [t for t in words if t.lemma_.lower() in EVALUATIVE or t.lower_ in EVALUATIVE]
    if evaluative:
        add(-0.75 * min(len(evaluative), 2), f"opinion or evaluation ({', '.join(t.text for t in evaluative[:2])})")
    emotion = any(c.lemma_.lower() in EMOTIONS and c.dep_ in ("acomp", "attr", "oprd") for c in head.children) or (
        head.lemma_.lower() in EMOTIONS
    )
    if emotion:
        add(-1.6, "reports a feeling, which cannot be checked")
    padded = f" {lower_text} "  # built once, not once per phrase
    opinion = [p for p, spaced in _SPACED_OPINION_PHRASES if spaced in padded]
    if opinion:
        add(-1.0, f"opinion marker ({opinion[0]})")
    persons = [t for t in words if t.lower_ in _FIRST_SECOND_PERSON and t.dep_ in ("nsubj", "nsubjpass", "poss")]
    if persons:
        add(-0.45, "first- or second-person talk")
    if any(t.lower_ in _INTENSIFIERS for t in words):
        add(-0.25, "intensified wording")
    if len(words) < 4 and item.type != "role" and not named_source:
        add(-0.6, "too short to check on its own")
    if item.embedded and item.type != "role":
        add(-0.15, "taken for granted by the sentence")

    z_features = _BASE + sum(w for w, _ in contributions)
    combination = item.combination or (DEFAULT_COMBINATION if item.model_probability is not None else FEATURES_ONLY)
    z_model: float | None = None
    if item.model_probability is not None:
        # The model reads the clause and the sentence around it; the features
        # add what it cannot see (attribution, frames, hedges).  The weights
        # were chosen by cross-validation across domains (docs/model.md, "combination").
        sentence = item.sentence_probability if item.sentence_probability is not None else item.model_probability
        # A role ("Chris Monday, an associate professor at ...") is a noun
        # phrase, which a model of sentences cannot judge: it reads the sentence.
        clause_share = 0.0 if item.type == "role" else 0.5
        z_model = clause_share * _logit(item.model_probability) + (1 - clause_share) * _logit(sentence)
        # A bag-of-words model has little to go on in a clause of a few words
        # ("Both sides deny this"): its share grows with the clause's length.
        weight = combination.model_weight * min(1.0, len(words) / FULL_EVIDENCE_WORDS)
        z = weight * z_model + (1 - weight) * z_features
        contributions = [(w * (1 - weight), r) for w, r in contributions]
        contributions.append((weight * (z_model - _BASE), f"model: {_sigmoid(z_model):.2f} check-worthy"))
    else:
        z = z_features
    score = round(_sigmoid(combination.a * z + combination.b), 3)
    parts = ScoreParts(z_model, z_features, len(words) / FULL_EVIDENCE_WORDS)
    ranked = sorted(contributions, key=lambda wr: -abs(wr[0]))
    reasons = [("+ " if w > 0 else "- ") + r for w, r in ranked[:4]]
    return Scored(score, reasons, parts)
