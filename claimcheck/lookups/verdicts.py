"""Normalise fact-checkers' ratings to claimcheck's six verdicts.

Publishers rate claims in their own words ("Pants on Fire!", "Four
Pinocchios", "Misleading", "Falso") or on a numeric scale
(``reviewRating.ratingValue`` between ``worstRating`` and ``bestRating``).
:func:`normalise_verdict` maps either to one of
:data:`claimcheck.report.VERDICTS`; anything it cannot place is ``unrated``
rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata

from claimcheck.report import VERDICTS

__all__ = ["normalise_verdict", "verdict_from_text", "verdict_from_scale"]

# Whole ratings, after folding (lower case, no accents, punctuation to spaces).
_EXACT: dict[str, str] = {
    # PolitiFact / LIAR
    "pants on fire": "false", "pants fire": "false", "false": "false", "barely true": "mostly-false",
    "half true": "mixed", "mostly true": "mostly-true", "true": "true",
    "mostly false": "mostly-false", "full flop": "false", "half flip": "mixed", "no flip": "true",
    # Washington Post Fact Checker
    "four pinocchios": "false", "4 pinocchios": "false", "three pinocchios": "mostly-false",
    "3 pinocchios": "mostly-false", "two pinocchios": "mixed", "2 pinocchios": "mixed",
    "one pinocchio": "mostly-true", "1 pinocchio": "mostly-true", "geppetto checkmark": "true",
    "bottomless pinocchio": "false",
    # AVeriTeC
    "supported": "true", "refuted": "false", "conflicting evidence cherrypicking": "mixed",
    "conflicting evidence": "mixed", "cherrypicking": "mixed", "cherry picking": "mixed",
    "not enough evidence": "unrated",
    # Snopes and others
    "mixture": "mixed", "mixed": "mixed", "partly true": "mixed", "partly false": "mixed",
    "partially true": "mixed", "partially false": "mixed", "half truth": "mixed",
    "missing context": "mixed", "needs context": "mixed", "lacks context": "mixed",
    "out of context": "mixed", "miscaptioned": "mostly-false", "misattributed": "false",
    "misleading": "mostly-false", "exaggerated": "mostly-false", "exaggeration": "mostly-false",
    "mostly accurate": "mostly-true", "largely accurate": "mostly-true", "largely true": "mostly-true",
    "mostly correct": "mostly-true", "accurate": "true", "correct": "true", "correct attribution": "true",
    "verified": "true", "confirmed": "true", "fact": "true", "legit": "true",
    "incorrect": "false", "inaccurate": "false", "wrong": "false", "fake": "false", "hoax": "false",
    "fabricated": "false", "baseless": "false", "debunked": "false", "scam": "false", "not true": "false",
    "no evidence": "unrated", "unproven": "unrated", "unsupported": "unrated", "unverified": "unrated",
    "satire": "unrated", "labeled satire": "unrated", "research in progress": "unrated",
    "outdated": "unrated", "legend": "false",
    # Other languages (the ratings most often seen in ClaimReview markup)
    "falso": "false", "falsa": "false", "faux": "false", "falsch": "false", "fausse": "false",
    "enganoso": "mostly-false", "enganosa": "mostly-false",
    "trompeur": "mostly-false", "irrefuhrend": "mostly-false", "fuorviante": "mostly-false",
    "verdadero": "true", "verdadera": "true", "verdadeiro": "true", "verdadeira": "true",
    "vrai": "true", "richtig": "true", "wahr": "true", "vero": "true", "cierto": "true",
    "parcialmente falso": "mixed", "parcialmente verdadero": "mixed", "parcialmente verdadeiro": "mixed",
    "en partie faux": "mixed", "teilweise falsch": "mixed", "impreciso": "mixed",
    "sin evidencia": "unrated", "sem provas": "unrated", "insustentavel": "false",
}

# Fallback keywords, tried in order on ratings that are not known as a whole
# ("False, Mr Smith misread the report").  Longer, more specific phrases come
# first so that "mostly false" is not read as "false".
_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"\bpants on fire\b", "false"),
    (r"\b(four|4) pinocchios?\b", "false"),
    (r"\b(three|3) pinocchios?\b", "mostly-false"),
    (r"\b(two|2) pinocchios?\b", "mixed"),
    (r"\b(one|1) pinocchios?\b", "mostly-true"),
    (r"\bnot enough (evidence|information)\b|\bno evidence\b|\bunproven\b|\bunverifi", "unrated"),
    (r"\bsatir", "unrated"),
    (r"\b(mostly|largely|mainly) (false|inaccurate|wrong|incorrect)\b|\bbarely true\b", "mostly-false"),
    (r"\b(mostly|largely|mainly) (true|accurate|correct)\b", "mostly-true"),
    (r"\b(half|partly|partially|part) (true|false|accurate|correct|wrong)\b|\bmix", "mixed"),
    (r"\b(missing|needs|lacks|without) context\b|\bcherry ?pick|\bconflicting\b", "mixed"),
    (r"\bmislead|\bexaggerat|\boverstat|\bdistort|\bspin\b|\benganos|\btrompeu", "mostly-false"),
    (r"\bnot (true|correct|accurate)\b|\buntrue\b", "false"),
    (r"\b(false|fake|hoax|fabricat|incorrect|inaccurate|wrong|baseless|debunk|bogus|falso|falsa|faux|falsch)", "false"),
    (r"\b(true|correct|accurate|verified|confirmed|verdader|vrai|richtig)", "true"),
)
_KEYWORD_PATTERNS = tuple((re.compile(p), v) for p, v in _KEYWORDS)


def _fold(text: str) -> str:
    """Lower case, strip accents and punctuation, collapse whitespace."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w]+", " ", text.casefold().replace("_", " "))
    return " ".join(text.split())


def verdict_from_text(rating: str | None) -> str | None:
    """The verdict a textual rating states, or ``None`` when it cannot be placed."""
    if not rating or not rating.strip():
        return None
    folded = _fold(rating)
    if folded in _EXACT:
        return _EXACT[folded]
    # "pants-fire", "half-true" (LIAR's slugs) fold to the same words.
    for pattern, verdict in _KEYWORD_PATTERNS:
        if pattern.search(folded):
            return verdict
    return None


def verdict_from_scale(value: float | None, best: float | None = None, worst: float | None = None) -> str | None:
    """The verdict a numeric rating gives on a ``worst``..``best`` scale (default 1..5).

    The scale is cut into five equal bands, worst = ``false``; ``None`` when
    the value is missing or outside the scale.
    """
    if value is None:
        return None
    best = 5.0 if best is None else best
    worst = 1.0 if worst is None else worst
    if best == worst or not (min(best, worst) <= value <= max(best, worst)):
        return None
    position = (value - worst) / (best - worst)  # 0 = worst, 1 = best, whatever the direction
    band = min(4, int(position * 5))
    return ("false", "mostly-false", "mixed", "mostly-true", "true")[band]


def normalise_verdict(
    rating: str | None,
    value: float | None = None,
    best: float | None = None,
    worst: float | None = None,
) -> str:
    """One of :data:`~claimcheck.report.VERDICTS` for a rating as published.

    The text wins over the number: publishers' numeric scales are often
    placeholders (``ratingValue`` 1 of 1) while the words are what they mean.

    Args:
        rating: the rating as written (``textualRating``, ``alternateName``).
        value: ``ratingValue``, if any.
        best: ``bestRating`` (default 5).
        worst: ``worstRating`` (default 1).
    """
    verdict = verdict_from_text(rating)
    if verdict is None and best != worst:
        verdict = verdict_from_scale(value, best, worst)
    verdict = verdict or "unrated"
    assert verdict in VERDICTS
    return verdict
