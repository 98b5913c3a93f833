"""Anonymous sourcing found from the parse, whatever the claim finder made of the sentence.

Attribution (:mod:`claimcheck.analysis.attribution`) classifies the source of
each claim it attributes; this module finds the vague sources an editor
should be told about even where no claim carries them, in one pass over the
tokens:

* an unnamed person or vague group as the subject of a reporting or belief
  verb, wherever the verb sits ("analysts reckon", "a merger which
  authorities have said will go ahead", "a Home Office source said", "some
  analysts queried whether ...");
* an unnamed person quoted or cited ("the paper quoted an insider as
  saying");
* "reportedly" ("Reportedly, the fund lost half its value").

Named or identifiable sources are left alone: a name in the subject ("a
spokesman, Jo Bloggs, said"), a possessor ("the firm's spokesman"), a
definite group ("the analysts" named before), and groups identified by their
role in a story ("prosecutors", "the judge", "police"), which are not in
these lists.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimcheck.analysis.lexicon import COGNITION_VERBS, INDEFINITE_DETERMINERS, QUOTING_VERBS, SPEECH_VERBS
from claimcheck.analysis.token_table import token_table

#: Verbs whose subject is a source: speech, belief, and the questioning and estimating verbs of analysis.
REPORTING_VERBS = SPEECH_VERBS | COGNITION_VERBS | frozenset(
    "query question wonder reckon respond estimate forecast project calculate accuse leak hint warn".split()
)
#: Unnamed people who stay unnamed whatever they are attached to: "a Treasury source", "insiders".
_ALWAYS_VAGUE = frozenset({"source", "insider"})
#: People who are anonymous unless named or made definite: "a senior official", "analysts", "one economist".
_VAGUE_PEOPLE = frozenset(
    """official spokesman spokeswoman spokesperson aide adviser advisor analyst expert observer critic
    commentator economist diplomat person people figure pundit strategist staffer ally""".split()
)
#: Vague collective sources, as bare nouns: "authorities have said", "media reported", "studies show".
#: Who speaks for an organisation by office: identified when the organisation is named.
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_VAGUE_BARE = frozenset({"authority", "analysis", "study", "report", "media", "press", "rumour", "rumor"})
#: Determiners and numbers that leave a source unidentified; here also "other" and small counts ("two officials").
_INDEFINITE = INDEFINITE_DETERMINERS | frozenset({"other", "two", "three"})
_HEARSAY_ADVERBS = frozenset({"reportedly", "reputedly", "purportedly"})


def _named(token: Token) -> bool:
    """True when the noun phrase names somebody: "a spokesman, Jo Bloggs," or "Nintendo spokesman Ken Toyoda"."""
    if token.ent_type_ == "PERSON":
        return True
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children):
        return True  # the tagger does not always see the name in an apposition
    return any(t.ent_type_ == "PERSON" for t in token.subtree)


def _vague(token: Token) -> bool:
    """True when the noun ``token`` is an unnamed, unidentified source."""
    if token.pos_ not in ("NOUN", "PROPN") or _named(token):
        return False
    lemma = token.lemma_.lower()
    if token.lower_ in _VAGUE_BARE:
        lemma = token.lower_  # "media" is lemmatised to "medium"
    children = list(token.children)
    if any(c.dep_ == "poss" for c in children):
        return False  # "the company's spokesman": the company speaks
    dets = {c.lower_ for c in children if c.dep_ in ("det", "predet", "nummod")}
    if lemma in _ALWAYS_VAGUE:
        return True
    if lemma in _VAGUE_PEOPLE:
        if lemma in _SPOKESPEOPLE and _speaks_for_named(token):
            return False  # "a Fifa spokesman", "a spokesman for Tesco": the organisation speaks, on the record
        if dets:
            return bool(dets & _INDEFINITE)
        return token.tag_ in ("NNS", "NNPS") or lemma == "people"
    if lemma in _VAGUE_BARE:
        if lemma in ("media", "press"):
            return not any(c.dep_ in ("compound", "amod") and c.ent_type_ for c in children)
        # "authorities", "studies", "nonpartisan analyses": bare plurals with no name attached.
        return not dets and token.tag_ == "NNS" and not any(t.ent_type_ for t in token.subtree)
    return False


def _speaks_for_named(token: Token) -> bool:
    """True when a spokesperson's organisation is named: "a Fifa spokesman", "a spokeswoman for Tesco"."""
    for child in token.children:
        if child.dep_ == "compound" and child.ent_type_ in ("ORG", "GPE", "NORP"):
            return True
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            if any(g.dep_ == "pobj" and g.ent_type_ in ("ORG", "GPE", "NORP") for g in child.children):
                return True
    return False


def _source_end(noun: Token) -> int:
    """The last token of a source's phrase worth quoting: "sources close to the minister", not its relative clause."""
    end = noun.i
    for child in noun.rights:
        if child.dep_ in ("prep", "amod") and not child.is_punct:
            end = max(end, child.right_edge.i)
        else:
            break
    return end


def vague_sources(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the vague sources in ``doc`` with their reporting word ("Some analysts also queried")."""
    out: list[tuple[int, int]] = []
    table = token_table(doc)
    heads, pos, lemma, lower = table.head, table.pos, table.lemma, table.lower
    for i, dep in enumerate(table.dep):
        # Decided on the token table (its lemma is ``lemma_.lower()``): a spaCy Token is made only
        # for the few subjects and objects of reporting verbs, not for every token.
        head = heads[i]
        if dep == "nsubj" and pos[head] in ("VERB", "AUX") and lemma[head] in REPORTING_VERBS:
            token = doc[i]
            if _vague(token):
                start = min(token.left_edge.i, head)
                end = max(_source_end(token), head) + 1
                out.append((_skip_punct(doc, start, end), end))
        elif dep == "dobj" and lemma[head] in QUOTING_VERBS and _vague(doc[i]):
            out.append((head, i + 1))
        elif dep == "advmod" and lower[i] in _HEARSAY_ADVERBS and pos[head] in ("VERB", "AUX"):
            out.append((min(i, head), max(i, head) + 1))
    return out


def _skip_punct(doc: Doc, start: int, end: int) -> int:
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return start
