"""Who does what to whom: tell a claim whose participants swap roles from a rewording.

Two sentences can share every content word and still state different
claims: "Tenet told the administration ..." against "the administration
warned Tenet ...", "A beat B" against "B beat A", "X donated to Y" against
"X received from Y".  The word alignment (:mod:`~claimcheck.lookups.align`)
sees the same words, and the direction (:mod:`~claimcheck.lookups.direction`)
sees no directional word.  This module reads the dependency parse of both
sentences (the spaCy pipeline the check already loaded; a standalone lookup
loads it on first use) into events: a verb, the participant that acts
(``giver``: the subject of an active verb, the "by" phrase of a passive) and
the participants acted on or towards (``taker``: the indirect object, the
objects of "to" and "from", the direct object, the subject of a passive).

Converse verbs say the same event from the other side ("Y *received* from
X" is "X *gave* to Y", "Y *lost* to X" is "X *beat* Y"): when one of two
verbs of a class is the other's converse, the subject of one is the object
of the other, so a rewording that turns a "give" into a "receive" keeps
its roles.  Outside the lexicon's classes a verb's sides are read as
written ("took the name" is "chose the name").

Two events are about the same thing when their verbs are the same word,
two words of one class of general English (verbs of telling, of giving, of
winning) or a WordNet rewording; the claims swap roles when words of the
stored claim's taker are the query's giver, words of its giver are on the
query's taker side, and the query's giver keeps no word of the stored
claim's.

Parsing costs milliseconds, so the matcher asks only about the few
candidates near its threshold (:func:`roles_swapped`, cached by text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from claimcheck.lookups.features import STOPWORDS, stem
from claimcheck.lookups.wordnet import RELATED, SAME, relation

__all__ = ["CLASSES", "CONVERSE", "Event", "events", "roles_swapped"]

# Verbs whose subject receives, loses or follows: the converse of a verb of the
# same class ("receive from" / "give to", "lose to" / "beat", "borrow from" /
# "lend to", "buy from" / "sell to", "hear from" / "tell", "trail" / "lead").
CONVERSE = frozenset("""receive get accept obtain collect take buy purchase borrow inherit lose trail hear learn
                        follow""".split())

# Classes of general English verbs that describe one event: telling someone
# something, handing something over, winning over someone.  Two verbs of one
# class align ("told" / "warned", "donated to" / "received from").
CLASSES: tuple[frozenset[str], ...] = (
    frozenset("""tell warn inform notify brief advise assure remind caution alert urge ask promise pledge
                 write hear learn say report explain describe""".split()),
    frozenset("""give donate send pay lend sell contribute provide grant award transfer hand deliver supply
                 offer receive get accept obtain collect take buy purchase borrow
                 inherit""".split()),
    frozenset("beat defeat outperform outpace top lead trail lose".split()),
    frozenset("precede follow".split()),
)
_CLASS_OF: dict[str, int] = {verb: i for i, verbs in enumerate(CLASSES) for verb in verbs}

# The prepositions whose object takes part in a transfer or a telling ("to
# Y", "from Y"); "by" marks the giver of a passive.
_TAKER_PREPS = ("to", "from")
_SUBJECTS = ("nsubj",)
_PASSIVE_SUBJECTS = ("nsubjpass",)
_OBJECTS = ("dative", "iobj", "dobj")
# Words that stand in a name or a noun phrase's head: "the Bush administration", "North Korea".
_PARTS = ("compound", "flat", "nmod", "amod", "poss")


@dataclass(frozen=True)
class Event:
    """A verb (its lemma) with the content stems of its giver (subject, or a passive's "by") and taker."""

    verb: str
    giver: frozenset[str]
    taker: frozenset[str]


def _stems(token: Token) -> frozenset[str]:
    """The content stems of a participant: its head noun and the words that make its name."""
    if token.pos_ == "PRON":
        return frozenset()
    words = [token, *(c for c in token.children if c.dep_ in _PARTS)]
    return frozenset(stem(w.lower_) for w in words if w.is_alpha and w.lower_ not in STOPWORDS and len(w) > 1)


def _prep_object(verb: Token, preps: tuple[str, ...]) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _first(verb: Token, deps: tuple[str, ...]) -> Token | None:
    for dep in deps:
        for child in verb.children:
            if child.dep_ == dep:
                return child
    return None


def _indirect(verb: Token) -> Token | None:
    """The indirect object: "gave *Y* $5" (a noun), or "gave $5 to *Y*" when the parser marks "to" as the dative."""
    dative = _first(verb, ("dative", "iobj"))
    if dative is None or dative.pos_ != "ADP":
        return dative
    return next((c for c in dative.children if c.dep_ == "pobj"), None)


def _event(verb: Token) -> Event | None:
    """The verb's event, when it names a participant on each side.

    The taker side is every participant after the verb: the indirect object,
    the objects of "to" and "from" (on the verb or on its object: the parser
    hangs "to Y" on either in "directed grants to Y") and the direct object.
    """
    lemma = verb.lemma_.lower()
    passive = _first(verb, _PASSIVE_SUBJECTS)
    subject: Token | None
    objects: list[Token | None]
    if passive is not None:
        subject, objects = _prep_object(verb, ("by",)), [passive]
    else:
        subject = _first(verb, _SUBJECTS)
        if subject is None and verb.dep_ == "xcomp":
            # "X voted to give Y ...": the verb's subject is its governor's.
            subject = _first(verb.head, _SUBJECTS)
        direct = _first(verb, ("dobj",))
        objects = [_indirect(verb), _prep_object(verb, _TAKER_PREPS), direct,
                   _prep_object(direct, _TAKER_PREPS) if direct is not None else None]
    if subject is None:
        return None
    first = _stems(subject)
    second = frozenset().union(*(_stems(o) for o in objects if o is not None))
    if not first or not second or first & second:
        return None
    return Event(lemma, first, second)


@lru_cache(maxsize=4096)
def _parsed(text: str, parse: Callable[[str], Doc]) -> tuple[Event, ...]:
    doc = parse(text)
    out = []
    for token in doc:
        if token.pos_ in ("VERB", "AUX"):
            event = _event(token)
            if event is not None:
                out.append(event)
    return tuple(out)


def events(text: str, parse: Callable[[str], Doc] | None = None) -> tuple[Event, ...]:
    """The events of a sentence (cached by text; ``parse`` defaults to claimcheck's spaCy pipeline)."""
    return _parsed(text, parse or _pipeline())


@lru_cache(maxsize=1)
def _pipeline() -> Callable[[str], Doc]:
    # Loaded only when a candidate is vetted: a standalone lookup that never
    # comes near the threshold never loads spaCy.
    from claimcheck.analysis.nlp import load_pipeline

    return load_pipeline()


def _aligned(a: str, b: str) -> bool | None:
    """Whether two verbs describe one kind of event (the same word, one class, or a WordNet rewording), and
    if so whether one is the other's converse: ``None`` (not aligned), ``True`` (converses) or ``False``."""
    if a == b or stem(a) == stem(b):
        return False
    ca, cb = _CLASS_OF.get(a), _CLASS_OF.get(b)
    if ca is not None and ca == cb:
        return (a in CONVERSE) != (b in CONVERSE)
    # Outside the lexicon a verb's sides are read as written: "took the name" is
    # "chose the name", "gotten sanctions" is "secured sanctions".
    return False if relation(a, b) in (SAME, RELATED) else None


def roles_swapped(query: str, stored: str, parse: Callable[[str], Doc] | None = None) -> bool:
    """Whether an event of the query has the stored claim's giver on its taker's side and its taker as its giver.

    Args:
        query: the query's claim, without its speaker frame.
        stored: the stored claim.
        parse: a text's spaCy ``Doc`` (default: claimcheck's pipeline, loaded on first use).
    """
    q_events, s_events = events(query, parse), events(stored, parse)
    for q in q_events:
        for s in s_events:
            converse = _aligned(q.verb, s.verb)
            if converse is None:
                continue
            giver, taker = (s.taker, s.giver) if converse else (s.giver, s.taker)
            # Words that moved from one side to the other, both ways, and no word of
            # the stored giver left on the giver's side ("Obama supported Begich's
            # policies" / "Begich supported Obama's policies": "policies" stays put).
            if q.giver & giver:
                continue
            if (q.giver & taker) - giver and (q.taker & giver) - taker:
                return True
    return False
