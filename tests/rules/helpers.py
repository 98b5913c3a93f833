"""Run rule sets on spaCy docs without the engine: every sentence is one claim.

Unit tests of matching use this so that they depend only on the rule code
and the spaCy pipeline, not on claim extraction.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from claimcheck.context import RunContext
from claimcheck.report import Attribution, Claim, Finding
from claimcheck.rules import RuleSet
from claimcheck.text.normalise import normalise


def sentence_claims(nlp: Language, text: str, **claim_fields: Any) -> tuple[Any, list[Claim], RunContext]:
    """Parse ``text`` and make each sentence a claim (``claim_fields`` set on every claim)."""
    norm = normalise(text)
    doc = nlp(norm.text)
    context = RunContext(config={}, published=None, source="test", text=norm)
    claims = []
    for number, sentence in enumerate(doc.sents):
        start, end = context.to_original(sentence.start_char, sentence.end_char)
        fields: dict[str, Any] = {"type": "other", "score": 0.5, "band": "medium", **claim_fields}
        claim = Claim(
            id=f"c{number + 1}",
            text=sentence.text,
            sentence=sentence.text,
            start=start,
            end=end,
            sentence_start=start,
            sentence_end=end,
            **fields,
        )
        claims.append(claim)
        context.spans[claim.id] = sentence
    return doc, claims, context


def apply_to_text(ruleset: RuleSet, nlp: Language, text: str, **claim_fields: Any) -> tuple[list[Finding], list[Claim]]:
    """Findings and (mutated) sentence claims of ``ruleset`` on ``text``."""
    ruleset.prepare(nlp)
    doc, claims, context = sentence_claims(nlp, text, **claim_fields)
    return ruleset.apply(doc, claims, context), claims


__all__ = ["Attribution", "apply_to_text", "sentence_claims"]
