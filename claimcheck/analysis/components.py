"""spaCy components that claimcheck adds to the English pipeline.

``claimcheck_entity_fixes`` repairs a mistake the small English model makes
in news prose: a surname that is also a weekday or month ("Chris Monday",
"Mr Monday", "Theresa May") is tagged as a DATE, and so is an age ("Mr
Biden, 81,").  It runs after ``ner`` and relabels such spans as PERSON (or
CARDINAL), so that they are neither dates nor lost speakers.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimcheck.analysis.lexicon import HONORIFICS

_NAME_LIKE_DATES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday april may june august".split()
)

ENTITY_FIXES = "claimcheck_entity_fixes"


def fix_name_dates(doc: Doc) -> Doc:
    """Relabel weekday/month "dates" that are really surnames as PERSON."""
    ents = list(doc.ents)
    changed = False
    out: list[Span] = []
    for ent in ents:
        if ent.label_ == "DATE" and _is_age(doc, ent):
            out.append(Span(doc, ent.start, ent.end, label="CARDINAL"))
            changed = True
            continue
        if ent.label_ == "DATE" and len(ent) == 1 and ent[0].lower_ in _NAME_LIKE_DATES and ent[0].is_title:
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and prev.ent_type_ == "PERSON" and out and out[-1].label_ == "PERSON" and out[-1].end == ent.start:
                merged = Span(doc, out[-1].start, ent.end, label="PERSON")
                out[-1] = merged
                changed = True
                continue
            if prev is not None and prev.lower_.rstrip(".") in HONORIFICS:
                out.append(Span(doc, ent.start, ent.end, label="PERSON"))
                changed = True
                continue
            if prev is not None and prev.is_title and prev.pos_ == "PROPN" and not prev.ent_type_ and prev.i > 0 and not prev.is_sent_start:
                out.append(Span(doc, prev.i, ent.end, label="PERSON"))
                changed = True
                continue
        out.append(ent)
    if changed:
        doc.set_ents(out, default="unmodified")
    return doc


def _is_age(doc: Doc, ent: Span) -> bool:
    """"Mr Biden, 81, said": a bare number set off by commas right after a name is an age."""
    if len(ent) != 1 or not ent[0].text.isdigit() or len(ent[0].text) > 3:
        return False
    before = doc[ent.start - 2] if ent.start >= 2 else None
    comma_before = ent.start >= 1 and doc[ent.start - 1].text == ","
    comma_after = ent.end < len(doc) and doc[ent.end].text in (",", ")")
    return bool(comma_before and comma_after and before is not None and (before.ent_type_ == "PERSON" or before.pos_ == "PROPN"))


@Language.component(ENTITY_FIXES)
def entity_fixes_component(doc: Doc) -> Doc:
    """spaCy component wrapper around :func:`fix_name_dates`."""
    return fix_name_dates(doc)


def add_claimcheck_components(nlp: Language) -> None:
    """Add claimcheck's own components to a loaded pipeline (idempotent)."""
    if ENTITY_FIXES not in nlp.pipe_names:
        nlp.add_pipe(ENTITY_FIXES, after="ner" if "ner" in nlp.pipe_names else None)
