"""Speakers the parser lost: the name beside a reporting verb that was left without a subject.

The small English model misreads two common newswire shapes.  In an inverted
aside, "For instance, said Mr Makower, credit cards are rare", it makes the name a
second subject of the reported clause; after a long opening phrase, "In an
article for the Times, Ms Dunwoody, who chairs the committee, says: ...", it
hangs the name off that phrase.  Either way the verb has no subject, and the
claim would go unattributed although the name stands right beside the verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimcheck.analysis.claims import has_subject
from claimcheck.analysis.spans import entity_index

#: A finite verb needs a subject of its own; participles and infinitives borrow one.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: Clauses whose subject lies elsewhere (carried on, or the noun they describe).
_BORROWING_DEPS = frozenset({"conj", "xcomp", "advcl", "relcl", "acl", "pcomp"})
_NAME_LABELS = frozenset({"PERSON", "ORG"})
#: What may close an inverted aside's name: "said Mr Makower, ...", "..., said Ms Lee."
_ASIDE_CLOSERS = frozenset({",", ".", ";", ":", "\u2014", "\u2013", "-"})


def lost_subject(verb: Token) -> list[int]:
    """The tokens of the name that speaks through ``verb`` when the parser gave the verb no subject.

    A name right after the verb and closed by punctuation ("said Mr Makower,"), else a name
    right before it with nothing between but the name's own aside and commas ("Ms Dunwoody,
    who chairs the committee, says:").  Returns no tokens when the verb has a subject or
    agent, borrows one, or has no such name beside it.
    """
    if verb.tag_ not in _FINITE_TAGS or verb.dep_ in _BORROWING_DEPS:
        return []
    if has_subject(verb) or any(c.dep_ == "agent" for c in verb.children):
        return []
    doc = verb.doc
    sent = verb.sent
    for ent in entity_index(doc).overlapping(verb.i + 1, verb.i + 2):
        if ent.start == verb.i + 1 and ent.label_ in _NAME_LABELS and ent.end <= sent.end:
            if ent.end == sent.end or doc[ent.end].text in _ASIDE_CLOSERS or doc[ent.end].is_quote:
                return list(range(ent.start, ent.end))
    # The outermost name whose own words reach the verb, a person before an organisation:
    # "Ms Dunwoody, who chairs the Transport Committee, says" is Ms Dunwoody's, not the
    # committee's named inside her aside; a name after a preposition ("In an interview with
    # the Guardian, Tom Reyes ... says") is where it was said, not who said it.
    found: list[tuple[int, int, int]] = []
    for ent in entity_index(doc).overlapping(sent.start, verb.i):
        if ent.label_ in _NAME_LABELS and ent.start >= sent.start and ent.end <= verb.i and ent.root.dep_ != "pobj":
            # A name in apposition shares its head's asides: the parser may hang "who runs the
            # port" off the noun before the name.
            holder = ent.root.head if ent.root.dep_ == "appos" else ent.root
            aside = {t.i for t in holder.subtree}
            if all(i in aside or doc[i].is_punct for i in range(ent.end, verb.i)):
                found.append((ent.label_ != "PERSON", ent.start, ent.end))
    if found:
        _, start, end = min(found)
        return list(range(start, end))
    return []
