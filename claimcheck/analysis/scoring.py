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

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimcheck.analysis.claim_types import has_amount
from claimcheck.analysis.lexicon import (
    CONTENT_ENTITY_LABELS,
    EMOTIONS,
    EVALUATIVE,
    OPINION_PHRASES,
    PUBLIC_RECORD_VERBS,
)
from claimcheck.analysis.spans import per_document
from claimcheck.analysis.token_table import TokenTable, token_table
from claimcheck.model.combination import Combination

if TYPE_CHECKING:  # spaCy is only needed for the annotation
    from spacy.tokens import Doc

#: A party answering a claim on the record: "Both sides deny this".
RESPONSE_VERBS = frozenset({"deny", "confirm", "admit", "acknowledge", "dispute", "refute", "reject"})

#: The claim-level signals, each with the weight it has without a fitted one
#: (hand-set before version 2.2 of the model; a model from 2.2 on carries
#: weights fitted by cross-validation across domains, docs/model.md).
#: ``bias`` is where the logistic starts before any signal (a bare clause with
#: nothing checkable in it scores about 0.27 without a model).  ``type:rule``
#: stays 0.8 though news rules read low (90-95% check-worthy at a mean score
#: of 0.63 in the half of news-dev read in the fifth round): 1.4, fitted
#: across the news domains, moved the article scaling's intercept down and
#: lost three must-find claims on the half not read (docs/measurements.md,
#: "Score, fifth round").  ``quoted`` (a claim in a speaker's own quoted
#: words) was chosen with a news domain held out: in news-dev such claims are
#: a fifth as often check-worthy as the article's own (colour, reaction,
#: opinion), and the model read them near the rest (docs/measurements.md,
#: "Score, sixth round").  ``article_rule`` is ``type:rule``'s share in an
#: article alone: a rule an article states (who may, must or will face what)
#: is news' report of a policy, check-worthy nine times in ten in news-dev,
#: where the model, trained mostly on debates (whose "will" and "must" are
#: promises and appeals), reads it under the line.  3.0 is the weight fitted
#: on the half of news-dev read in the ninth round with the article scaling
#: (2.8-3.5 on each fold and each news domain alone), and no debate score
#: moves (docs/measurements.md, "Score, ninth round").  ``article_hedged`` is
#: the same for ``hedges``: an article's hedge ("is thought to have beaten",
#: "appeared to push", "reportedly") is the reporter's caution about a source,
#: and news hedged claims are check-worthy as often as the rest (61% against a
#: mean score of 0.53 in the half read in the tenth round), where a debater's
#: "maybe" is doubt.  0.45 per hedge is the weight fitted with the article
#: scaling on all 36 articles (BBC alone 0.39, US alone 0.48, each 4-fold and
#: domain-out training set 0.19-0.70): it cancels ``hedges`` and a little more
#: (docs/measurements.md, "Score, tenth round").
DEFAULT_WEIGHTS: dict[str, float] = {
    "bias": -1.0, "entities": 0.35, "number": 0.7, "date": 0.25,
    "type:quantity": 0.9, "type:rule": 0.8, "type:causation": 0.55, "type:event": 0.45, "type:comparison": 0.6,
    "type:role": 0.55, "type:prediction": 0.05, "type:other": -0.5,
    "named_source": 0.6, "anonymous": 0.1, "response": 2.0, "public_record": 0.6, "hedges": -0.25,
    "belief_frame": -0.6, "evaluative": -0.75, "emotion": -1.6, "opinion": -1.0, "person": -0.45,
    "intensified": -0.25, "short": -0.6, "embedded": -0.15, "quoted": -1.0, "article_rule": 3.0,
    "article_hedged": 0.45,
}
#: The signals in the order a fitted model stores their weights.
SIGNALS: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)
#: Clauses shorter than this many words get a smaller model share.
FULL_EVIDENCE_WORDS = 6
#: The combination of models that carry none (fitted on CheckThat! 2024 dev, before version 2 of the model).
DEFAULT_COMBINATION = Combination(0.6, 2.08, 0.214)
#: Without a model (``--no-model``): Platt scaling of the features alone, fitted on CheckThat! 2024 dev.
FEATURES_ONLY = Combination(0.0, 2.34, -0.009)
_FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
_INTENSIFIERS = frozenset({"very", "really", "so", "totally", "absolutely", "extremely", "incredibly", "certainly", "truly", "quite", "simply"})
#: The first person plural and the second person: in a named speaker's quotation they are the
#: speaker's side or anyone ("if you drive at 40mph"), not the debate's appeal to the audience.
_WE_YOU = frozenset({"we", "us", "our", "you", "your"})
_DOUBLE_QUOTES = frozenset({'"', "\u201c", "\u201d"})
#: Nouns that make a prepositional phrase say how something happened ("in a horrible way").
_MANNER_NOUNS = frozenset({"way", "manner", "fashion"})
#: The dependencies of a predicate's complement: quoted words there are the claim's own verdict.
_PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd", "ccomp", "xcomp"})


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
    #: The document's genre (:mod:`claimcheck.analysis.genre`): which calibration the score gets.
    genre: str = "unknown"


@dataclass(frozen=True)
class ScoreParts:
    """The logits a score was made of, for fitting the combination (``train/``)."""

    z_model: float | None
    z_features: float
    evidence: float  # the clause's words / FULL_EVIDENCE_WORDS (the model's share grows to 1 with it)
    signals: tuple[float, ...] = ()  # the value of each of SIGNALS (signal_vector), for fitting their weights


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
#: Whether any of them is in a text, in one pass (most claims have none; the first in the list is named).
_ANY_OPINION_PHRASE = re.compile("|".join(re.escape(spaced) for _, spaced in _SPACED_OPINION_PHRASES))


#: ``Token.ent_iob`` of the first token of an entity.
_IOB_BEGIN = 3


@per_document
def _entity_begins(doc: Doc) -> list[bool]:
    """Whether each token begins an entity (``token.ent_iob_ == "B"``), read once per document."""
    return [v == _IOB_BEGIN for v in token_table(doc).ent_iob]


@per_document
def _is_word(doc: Doc) -> list[bool]:
    """Whether each token is a word (neither punctuation nor space), read once per document."""
    table = token_table(doc)
    return [not punct and not space for punct, space in zip(table.is_punct, table.is_space)]


def _feeling_complement(table: TokenTable, head: int) -> bool:
    """Whether the head's complement is a feeling ("she was angry")."""
    lemma, dep = table.lemma, table.dep
    for child in table.children[head]:
        if lemma[child] in EMOTIONS and dep[child] in ("acomp", "attr", "oprd"):
            return True
    return False


def _hyphenated(table: TokenTable, i: int) -> bool:
    """Whether token ``i`` is joined by a hyphen to the next or the previous word ("best-selling")."""
    def joined(a: int, b: int) -> bool:
        return table.idx[a] + len(table.text[a]) == table.idx[b]
    return ((i + 2 < table.n and table.text[i + 1] == "-" and joined(i, i + 1) and joined(i + 1, i + 2))
            or (i >= 2 and table.text[i - 1] == "-" and joined(i - 2, i - 1) and joined(i - 1, i)))


def _quoted_inside(table: TokenTable, tokens: list[int], head: int) -> set[int]:
    """The words between a pair of double quotes inside the claim that quote a term, not the claim's verdict.

    "Airlines need not pay in "extraordinary circumstances"": the quoted words are
    someone's term, mentioned by the claim.  A quotation holding the claim's head, or
    standing as its predicate ("the minister called it "a stunning success""), is the
    claim itself and is kept.
    """
    marks = [i for i in tokens if table.text[i] in _DOUBLE_QUOTES]
    inside: set[int] = set()
    for a, b in zip(marks[0::2], marks[1::2]):
        span = set(range(a + 1, b))
        if not span or head in span:
            continue
        roots = [i for i in span if table.head[i] not in span]
        if any(table.dep[r] in _PREDICATE_DEPS and table.head[r] == head for r in roots):
            continue
        inside |= span
    return inside


def _not_own_judgement(table: TokenTable, i: int) -> bool:
    """Whether an evaluative word names or describes something rather than judging it.

    A compound ("systems failure", "failure rate"), a hyphenated modifier ("best-selling")
    or a manner phrase ("in a horrible way") is part of what the claim says happened.
    """
    if table.dep[i] == "compound" or any(table.dep[c] == "compound" for c in table.children[i]) or _hyphenated(table, i):
        return True
    up = table.head[i]
    if table.lemma[i].endswith("ly") and table.dep[i] == "advmod":
        up = table.head[up]  # "in a particularly horrible way"
    return table.lemma[up] in _MANNER_NOUNS and table.dep[up] in ("pobj", "npadvmod")


def _signals(doc: Doc, item: ScoreInput, table: TokenTable, tokens: list[int], words: list[int]) -> list[tuple[str, float, str]]:
    """The claim-level signals of one claim: ``(name, value, reason)`` for each signal that is present.

    ``tokens`` are the claim's token indices, ``words`` those that are neither punctuation nor
    space; both are read from the document's token table.  ``name`` is one of :data:`SIGNALS`;
    the score adds ``weight * value`` (:data:`DEFAULT_WEIGHTS`, or the weights a model was fitted with).
    """
    lower, lemma, ent_type = table.lower, table.lemma, table.ent_type
    lower_text = " ".join([lower[i] for i in words])
    signals: list[tuple[str, float, str]] = []

    # A reported claim is checked together with who reported it ("a concern,
    # articulated by US secretary of state Antony Blinken, that ..."), so the
    # frame's names count too.
    named_source = item.attribution_kind in ("person", "organisation")
    scope = tokens + (list(item.frame_token_ids) if named_source else [])
    first = item.token_ids[0] if item.token_ids else -1
    begins = _entity_begins(doc)
    named = [i for i in scope if ent_type[i] in CONTENT_ENTITY_LABELS]
    entity_count = len([i for i in named if begins[i] or i == first])
    entity_labels = {ent_type[i] for i in named}
    if entity_count:
        signals.append(("entities", min(entity_count, 3),
                        f"names {entity_count} specific {'entity' if entity_count == 1 else 'entities'} ({', '.join(sorted(entity_labels))})"))
    # Amounts as the claim types read them: a measured length of time ("hang up after 65 seconds") is
    # one, a part of a name ("Halo 2"), an age, an ordinal or an idiom ("a million miles from") is not.
    if has_amount(doc, tokens) and item.type != "role":
        signals.append(("number", 1.0, "contains a number or amount"))
    if item.has_date:
        signals.append(("date", 1.0, "is anchored in time"))
    if f"type:{item.type}" in DEFAULT_WEIGHTS:
        signals.append((f"type:{item.type}", 1.0, f"type: {item.type}"))
    if item.type == "rule" and item.genre == "article":
        signals.append(("article_rule", 1.0, "a rule an article states: a policy on the record"))
    head = item.head
    head_lemma = lemma[head]
    if named_source:
        signals.append(("named_source", 1.0, f"attributed to a named {item.attribution_kind}: checkable on the record"))
    elif item.attribution_kind == "anonymous":
        signals.append(("anonymous", 1.0, "attributed to an unnamed source"))
    if head_lemma in RESPONSE_VERBS and table.pos[head] == "VERB":
        signals.append(("response", 1.0, f"a party's denial or confirmation ({head_lemma}), checkable against its statements"))
    elif head_lemma in PUBLIC_RECORD_VERBS and table.pos[head] == "VERB":
        signals.append(("public_record", 1.0, f"an act on the public record ({head_lemma})"))
    if item.hedges:
        signals.append(("hedges", min(item.hedges, 2), "hedged" if item.hedges == 1 else f"hedged ({item.hedges} hedges)"))
        if item.genre == "article":
            signals.append(("article_hedged", min(item.hedges, 2), "a hedge an article puts on a report: caution about a source, not doubt"))
    if item.frame_kind in ("cognition", "copula"):
        signals.append(("belief_frame", 1.0, "presented as a belief or a view"))
    # The claim's own judgement only: not words it quotes as a term, or an evaluative word that is part of a name or a manner phrase (docs/measurements.md,
    # "Score, seventh round").
    evaluative = [i for i in words if lemma[i] in EVALUATIVE or lower[i] in EVALUATIVE]
    if evaluative:
        mentioned = _quoted_inside(table, tokens, head)
        evaluative = [i for i in evaluative if i not in mentioned and not _not_own_judgement(table, i)]
    if evaluative:
        signals.append(("evaluative", min(len(evaluative), 2), f"opinion or evaluation ({', '.join(table.text[i] for i in evaluative[:2])})"))
    if head_lemma in EMOTIONS or _feeling_complement(table, head):
        signals.append(("emotion", 1.0, "reports a feeling, which cannot be checked"))
    padded = f" {lower_text} "  # built once, not once per phrase
    opinion = [p for p, spaced in _SPACED_OPINION_PHRASES if spaced in padded] if _ANY_OPINION_PHRASE.search(padded) else []
    if opinion:
        signals.append(("opinion", 1.0, f"opinion marker ({opinion[0]})"))
    persons = [i for i in words if lower[i] in _FIRST_SECOND_PERSON and table.dep[i] in ("nsubj", "nsubjpass", "poss")]
    if persons and item.quoted and named_source:
        # In a named speaker's quotation "we" is the speaker's side and "you" anyone: not talk to the audience.
        persons = [i for i in persons if lower[i] not in _WE_YOU]
    if persons:
        signals.append(("person", 1.0, "first- or second-person talk"))
    if not _INTENSIFIERS.isdisjoint([lower[i] for i in words]):
        signals.append(("intensified", 1.0, "intensified wording"))
    if len(words) < 4 and item.type != "role" and not named_source:
        signals.append(("short", 1.0, "too short to check on its own"))
    if item.embedded and item.type != "role":
        signals.append(("embedded", 1.0, "taken for granted by the sentence"))
    if item.quoted:
        signals.append(("quoted", 1.0, "in a speaker's own quoted words, more often reaction than a checkable fact"))
    return signals


def signal_vector(signals: Sequence[tuple[str, float, str]]) -> tuple[float, ...]:
    """The signals of :func:`_signals` as one value per name of :data:`SIGNALS` (``bias`` is 1), for fitting the weights."""
    values = list(_SIGNAL_VALUES_WITHOUT)
    for name, value, _ in signals:
        at = _SIGNAL_AT.get(name)
        if at is not None:
            values[at] = float(value)
    return tuple(values)


#: Where each signal is in :data:`SIGNALS`, and their values when none is present (the bias is always 1).
_SIGNAL_AT = {name: i for i, name in enumerate(SIGNALS)}
_SIGNAL_VALUES_WITHOUT = tuple(1.0 if name == "bias" else 0.0 for name in SIGNALS)


@functools.lru_cache(maxsize=16)
def signal_weights(combination: Combination | None) -> dict[str, float]:
    """The weight of each signal: the combination's fitted ones where it has them, else :data:`DEFAULT_WEIGHTS`."""
    fitted = dict(combination.signals) if combination is not None and combination.signals else {}
    return {name: fitted.get(name, default) for name, default in DEFAULT_WEIGHTS.items()}


def score_claim(doc: Doc, item: ScoreInput) -> Scored:
    """Score one claim and explain the score.

    Args:
        doc: the parsed document.
        item: the claim's signals.

    Returns:
        The score in [0, 1] (rounded to 3 places) and its main reasons, most
        influential first.
    """
    combination = item.combination or (DEFAULT_COMBINATION if item.model_probability is not None else FEATURES_ONLY)
    weights = signal_weights(combination)
    table = token_table(doc)
    tokens = list(item.token_ids)
    is_word = _is_word(doc)
    word_tokens = [i for i in tokens if is_word[i]]
    signals = _signals(doc, item, table, tokens, word_tokens)
    words = len(word_tokens)
    contributions = [(weights[name] * value, reason) for name, value, reason in signals if weights[name] * value]
    base = weights["bias"]
    z_features = base + sum(w for w, _ in contributions)
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
        weight = combination.model_weight * min(1.0, words / FULL_EVIDENCE_WORDS)
        z = weight * z_model + (1 - weight) * z_features
        contributions = [(w * (1 - weight), r) for w, r in contributions]
        contributions.append((weight * (z_model - base), f"model: {_sigmoid(z_model):.2f} check-worthy"))
    else:
        z = z_features
    # 0.5 should mean the same in a debate and in an article: the scaling is the genre's (docs/model.md).
    a, b = combination.scaling(item.genre)
    score = round(_sigmoid(a * z + b), 3)
    parts = ScoreParts(z_model, z_features, words / FULL_EVIDENCE_WORDS, signal_vector(signals))
    ranked = sorted(contributions, key=lambda wr: -abs(wr[0]))
    reasons = [("+ " if w > 0 else "- ") + r for w, r in ranked[:4]]
    return Scored(score, reasons, parts)
