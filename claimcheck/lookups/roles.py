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

Two events are about the same thing when their verbs are the same word or
two words of one class of general English (verbs of telling, of giving, of
winning); the claims swap roles when words of the stored claim's taker are
the query's giver, words of its giver are on the query's taker side, and
the query's giver keeps no word of the stored claim's.  A WordNet rewording
of the verb aligns events only for their direction (WordNet puts converses
such as "teach" / "learn" in one synset).

Parsing costs milliseconds, so the matcher asks only about the few
candidates near its threshold (:func:`roles_swapped`, cached by text).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.lookups.direction import polarity
from claimcheck.lookups.features import STOPWORDS, stem
from claimcheck.lookups.wordnet import ANTONYM, RELATED, SAME, relation

if TYPE_CHECKING:  # spaCy is imported when a candidate is first vetted, not with the matcher
    from spacy.tokens import Doc, Token

__all__ = ["CLASSES", "CONVERSE", "FIRST", "SYMMETRIC", "THIRD", "Event", "clear_cache", "direction_flipped", "events",
           "name_stems", "prime", "roles_swapped", "vet"]

# Verbs whose subject receives, loses or follows: the converse of a verb of the
# same class ("receive from" / "give to", "lose to" / "beat", "borrow from" /
# "lend to", "buy from" / "sell to", "hear from" / "tell", "trail" / "lead").
CONVERSE = frozenset("""receive get accept obtain collect take buy purchase borrow inherit earn lose trail hear
                        learn follow""".split())

# Classes of general English verbs that describe one event: telling someone
# something, handing something over, winning over someone.  Two verbs of one
# class align ("told" / "warned", "donated to" / "received from").
CLASSES: tuple[frozenset[str], ...] = (
    frozenset("""tell warn inform notify brief advise assure remind caution alert urge ask promise pledge
                 write hear learn say report explain describe teach""".split()),
    frozenset("""give donate send pay lend sell contribute provide grant award transfer hand deliver supply
                 offer receive get accept obtain collect take buy purchase borrow
                 inherit earn""".split()),
    frozenset("beat defeat outperform outpace top lead trail lose".split()),
    frozenset("precede follow".split()),
)
# Verbs whose two sides do the same to each other: "X met Y" is "Y met X".
SYMMETRIC = frozenset("""meet marry divorce debate negotiate talk speak chat confer compete tie partner ally clash
                         collide equal resemble match agree disagree differ trade""".split())

_CLASS_OF: dict[str, int] = {verb: i for i, verbs in enumerate(CLASSES) for verb in verbs}

# The prepositions whose object takes part in a transfer or a telling ("to
# Y", "from Y"); "by" marks the giver of a passive.
_TAKER_PREPS = ("to", "from")
# A clause can be the subject: "*Expanding Medicaid* would save the state $1 billion".
_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass",)
_OBJECTS = ("dative", "iobj", "dobj")
# Words that stand in a name or a noun phrase's head: "the Bush administration", "North Korea".
_PARTS = ("compound", "flat", "nmod", "amod", "poss")


# Personal pronouns, read as the speaker of the query ("Mandel said *his* campaign
# ...") or the claimant of a stored claim ("*I* beat ..."), never as a name.
FIRST, THIRD = "@first", "@third"
_MARKERS = frozenset({FIRST, THIRD})
_PERSONS = {**dict.fromkeys("i me my mine myself".split(), FIRST),
            **dict.fromkeys("he him his himself she her hers herself".split(), THIRD)}

# Adverbs that deny the verb they modify, as "not" does ("has never voted with", "rarely sides with").
_NEGATING = frozenset("not never rarely seldom hardly barely".split())

_NOTHING = frozenset("nothing none".split())
# A predicate's event is named by this mark, its degree ("+" or "-") and its adjective: "~-popular".
PREDICATE = "~"
_LESS = frozenset("least less".split())
# A copula's meaning is its complement's ("is unavailable" / "is not available"): its
# events are read for roles, never for direction.
_COPULAS = frozenset("be become seem remain".split())

# Verbs of doing good or harm, an axis of their own beside the direction
# lexicon's (:func:`~claimcheck.lookups.direction.polarity`): "saved the
# county $3 billion" / "cost the county $3 billion".
_BENEFIT = 100
_GOOD = frozenset("help helps save saves benefit benefits strengthen protect".split())
_HARM = frozenset("hurt hurts harm harms cost costs weaken damage endanger".split())


@dataclass(frozen=True)
class Event:
    """A verb (its lemma) with the content stems of its giver (subject, or a passive's "by") and taker,
    and whether it is denied ("not", "never", "rarely"; or the verb it completes is: "never voted to raise")."""

    verb: str
    giver: frozenset[str]
    taker: frozenset[str]
    negated: bool = False
    #: The taker and the objects of the verb's other prepositions ("votes *with* her party"),
    #: which say what a verb is about but not who gives or takes ("met with" goes both ways).
    about: frozenset[str] = frozenset()


def _denied(verb: Token) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEGATING) for c in verb.children):
        return True
    # A denial in the object: "pays *nothing*", "has *no* plan".
    if any(c.dep_ == "dobj" and (c.lower_ in _NOTHING or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
           for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head is not verb and _denied(verb.head)


def _sign(verb: str) -> tuple[int, int] | None:
    """Which way a verb points: (axis, +1 or -1), or ``None``."""
    if verb in _GOOD:
        return _BENEFIT, +1
    if verb in _HARM:
        return _BENEFIT, -1
    return polarity(verb)


def _stems(token: Token) -> frozenset[str]:
    """The content stems of a participant: its head noun and the words that make its name.

    A personal pronoun stands as :data:`FIRST` or :data:`THIRD` until
    :func:`_resolved` reads it as the speaker or the claimant; other pronouns
    ("it", "they") could be anyone and count for nothing.
    """
    words = [token, *(c for c in token.children if c.dep_ in _PARTS)]
    if token.dep_ == "csubj":
        # A clause as subject is its verb and what it acts on ("expanding Medicaid").
        words += [w for c in token.children if c.dep_ == "dobj" for w in (c, *(g for g in c.children if g.dep_ in _PARTS))]
    out = set()
    for w in words:
        if w.pos_ == "PRON":
            person = _PERSONS.get(w.lower_)
            if person:
                out.add(person)
        elif w.is_alpha and w.lower_ not in STOPWORDS and len(w) > 1:
            out.add(stem(w.lower_))
    return frozenset(out)


def _resolved(found: tuple[Event, ...], first: frozenset[str], third: frozenset[str]) -> tuple[Event, ...]:
    """The events with their personal pronouns read as ``first`` ("I", "my") and ``third`` ("he", "her")."""
    def read(stems: frozenset[str]) -> frozenset[str]:
        if not stems & _MARKERS:
            return stems
        return (stems - _MARKERS) | (first if FIRST in stems else frozenset()) | (third if THIRD in stems else frozenset())

    return tuple(Event(e.verb, read(e.giver), read(e.taker), e.negated, read(e.about)) for e in found)


def name_stems(name: str | None) -> frozenset[str]:
    """The content stems of a speaker's or claimant's name ("Sen. Josh Mandel": josh, mandel)."""
    if not name:
        return frozenset()
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", name.lower()) if w not in STOPWORDS and len(w) > 1)


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
    """The verb's event, when it names its giver.

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
        if subject is None and verb.dep_ in ("xcomp", "conj"):
            # "X voted to give Y ...", "X met Y and told him ...": the verb's subject is its governor's.
            subject = _first(verb.head, _SUBJECTS)
        if subject is not None and verb.dep_ == "relcl" and subject.tag_ in ("WP", "WDT"):
            # "Smith, who received $5,000 from X": the relative pronoun stands for the noun;
            # after an apposition ("It was Ford, not the unions, who ...") it may stand for either.
            subject = verb.head if verb.head.dep_ != "appos" else None
        direct = _first(verb, ("dobj",))
        objects = [_indirect(verb), _prep_object(verb, _TAKER_PREPS), direct,
                   _prep_object(direct, _TAKER_PREPS) if direct is not None else None]
    if subject is None:
        return None
    first = _stems(subject)
    second = frozenset().union(*(_stems(o) for o in objects if o is not None))
    if not first or first & second:
        return None
    about = second.union(*(_stems(g) for c in verb.children if c.dep_ == "prep" for g in c.children
                           if g.dep_ == "pobj"))
    return Event(lemma, first, second, _denied(verb), about)


def _events_of(doc: Doc) -> tuple[Event, ...]:
    out = []
    for token in doc:
        # A predicate the tagger took for a noun ("Act 10 *cost* the county") still has a subject.
        if token.pos_ in ("VERB", "AUX") or any(c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS for c in token.children):
            for event in (_event(token), _predicate(token)):
                if event is not None:
                    out.append(event)
    return tuple(out)


def _predicate(copula: Token) -> Event | None:
    """What a copula says of its subject, as an event of its adjective: "the rate is *the lowest* in
    Florida", "Bush was *the least popular* president" (:data:`PREDICATE` and the adjective's lemma).

    "least" and "less" before the adjective turn it (``negated`` says whether the
    copula is denied; the degree goes into the verb: "-popular").
    """
    if copula.lemma_.lower() not in _COPULAS:
        return None
    subject = _first(copula, _SUBJECTS)
    complement = _first(copula, ("attr", "acomp"))
    if subject is None or complement is None:
        return None
    adjective = complement if complement.pos_ == "ADJ" else next(
        (c for c in complement.children if c.dep_ == "amod" and c.pos_ == "ADJ"), None)
    if adjective is None:
        return None
    lower = any(c.dep_ == "advmod" and c.lower_ in _LESS for c in adjective.children)
    # What it is said of: the nouns after the copula ("president in modern history", "than in the population").
    about = frozenset(stem(w.lower_) for w in (*complement.subtree, *(g for c in copula.children if c.dep_ == "prep"
                                                                    for g in c.subtree))
                      if w.pos_ in ("NOUN", "PROPN") and w.is_alpha and w.lower_ not in STOPWORDS)
    first = _stems(subject)
    if not first:
        return None
    return Event(PREDICATE + ("-" if lower else "+") + adjective.lemma_.lower(), first, frozenset(), _denied(copula),
                 about)


@lru_cache(maxsize=256)
def _parsed(text: str, parse: Callable[[str], Doc]) -> tuple[Event, ...]:
    return _events_of(parse(text))


# The events of the sentences claimcheck's pipeline parsed, by text, oldest first:
# a stored claim near the threshold of one lookup is often near it in the next.
_CACHE: OrderedDict[str, tuple[Event, ...]] = OrderedDict()
CACHE_SIZE = 4096
# A library caller may look up from several threads: the cache's read-then-move
# and the shared pipeline's parse are done by one thread at a time.
_LOCK = threading.RLock()


def events(text: str, parse: Callable[[str], Doc] | None = None) -> tuple[Event, ...]:
    """The events of a sentence (cached by text; ``parse`` defaults to claimcheck's spaCy pipeline)."""
    if parse is not None:
        return _parsed(text, parse)
    with _LOCK:
        found = _CACHE.get(text)
        if found is None:
            prime([text])
            return _CACHE[text]
        _CACHE.move_to_end(text)
        return found


def prime(texts: Iterable[str], pipeline: str | None = None) -> None:
    """Parse in one batch the sentences not parsed yet (a third of the time of parsing them one by one),
    with the named spaCy pipeline (``None``: the default one, as :func:`~claimcheck.analysis.nlp.load_pipeline`
    chooses)."""
    with _LOCK:
        new = [text for text in dict.fromkeys(texts) if text not in _CACHE]
        if not new:
            return
        for text, doc in zip(new, _pipeline(pipeline)(new)):
            _CACHE[text] = _events_of(doc)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)


def clear_cache() -> None:
    """Forget the parsed sentences (for timing a lookup as a new process would make it)."""
    with _LOCK:
        _CACHE.clear()
    _parsed.cache_clear()


# The entity recogniser is half a short sentence's parse, and roles need only
# the parse, the tags and the lemmas.
_SKIPPED = frozenset({"ner"})


@lru_cache(maxsize=2)
def _pipeline(name: str | None) -> Callable[[list[str]], list[Doc]]:
    # Loaded only when a candidate is vetted: a standalone lookup that never
    # comes near the threshold never loads spaCy.  A check passes the pipeline
    # it runs (--pipeline), which load_pipeline has already loaded and shares.
    from claimcheck.analysis.nlp import load_pipeline

    nlp = load_pipeline(name)
    # The shared pipeline's components are called one by one rather than
    # disabled (select_pipes would change it for every other caller).
    steps = [component for name, component in nlp.pipeline if name not in _SKIPPED]

    def parse(texts: list[str]) -> list[Doc]:
        docs = [nlp.make_doc(text) for text in texts]
        for step in steps:
            docs = list(step.pipe(docs)) if hasattr(step, "pipe") else [step(doc) for doc in docs]
        return docs

    return parse


def _aligned(a: str, b: str, wordnet: bool = True) -> bool | None:
    """Whether two verbs describe one kind of event (the same word, one class, or with ``wordnet`` a WordNet
    rewording), and if so whether one is the other's converse: ``None`` (not aligned), ``True`` or ``False``."""
    if a == b or stem(a) == stem(b):
        return False
    ca, cb = _CLASS_OF.get(a), _CLASS_OF.get(b)
    if ca is not None and ca == cb:
        return (a in CONVERSE) != (b in CONVERSE)
    # Outside the lexicon a verb's sides are read as written: "took the name" is
    # "chose the name", "gotten sanctions" is "secured sanctions".
    return False if wordnet and relation(a, b) in (SAME, RELATED) else None


def _opposite(a: str, b: str) -> bool:
    """Whether two verbs point opposite ways: on one axis ("raise" / "cut", "save" / "cost"), or WordNet
    antonyms outside the classes (whose converses, "buy" / "sell", say one event from two sides).
    Two predicates point opposite ways when one is the other turned ("most" / "least popular") or
    its antonym ("the highest" / "the lowest")."""
    if a.startswith(PREDICATE) or b.startswith(PREDICATE):
        if not (a.startswith(PREDICATE) and b.startswith(PREDICATE)):
            return False
        (turn_a, word_a), (turn_b, word_b) = (a[len(PREDICATE)], a[len(PREDICATE) + 1:]), \
            (b[len(PREDICATE)], b[len(PREDICATE) + 1:])
        if word_a == word_b:
            return turn_a != turn_b
        return turn_a == turn_b and relation(word_a, word_b) == ANTONYM
    sa, sb = _sign(a), _sign(b)
    if sa is not None and sb is not None:
        return sa[0] == sb[0] and sa[1] != sb[1]
    return _CLASS_OF.get(a, -1) != _CLASS_OF.get(b, -2) and relation(a, b) == ANTONYM


def direction_flipped(query: str, stored: str, parse: Callable[[str], Doc] | None = None, *,
                      speaker: frozenset[str] = frozenset(), claimant: frozenset[str] = frozenset()) -> bool:
    """Whether an event of the query, with the stored claim's giver and taker in their places, says the
    opposite: a verb pointing the other way ("saved" / "cost"), or the same verb denied ("often" / "never").
    The arguments are :func:`roles_swapped`'s."""
    for q, s in _event_pairs(query, stored, parse, speaker, claimant):
        if q.verb in _COPULAS or s.verb in _COPULAS:
            continue
        opposite = _opposite(q.verb, s.verb)
        converse = False if opposite else _aligned(q.verb, s.verb)
        if converse is None:
            continue
        giver, about = (s.taker, s.giver | (s.about - s.taker)) if converse else (s.giver, s.about)
        # What a predicate is said of may go unsaid ("is the highest" / "is the lowest in Florida").
        said_of = bool(q.about & about) or (q.verb.startswith(PREDICATE) and not (q.about and about))
        # The same giver: one names the other whole ("Bush" / "George W. Bush"; "the property tax" and
        # "the sales tax" are two). "did not rise" / "fell" say one thing: the opposite verb denied.
        if _same_participant(q.giver, giver) and said_of and opposite != (q.negated != s.negated):
            return True
    return False


def _same_participant(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether one participant's stems name the other whole, a stem matching another that shares its
    first five letters ("expanding Medicaid" / "Medicaid expansion": expand / expans)."""
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return all(w in large or any(w[:5] == v[:5] and min(len(w), len(v)) >= 5 for v in large) for w in small)


def _event_pairs(query: str, stored: str, parse: Callable[[str], Doc] | None, speaker: frozenset[str],
                 claimant: frozenset[str]) -> Iterator[tuple[Event, Event]]:
    """Each event of the query with each of the stored claim, their personal pronouns read."""
    q_events = _resolved(events(query, parse), speaker, speaker)
    s_events = _resolved(events(stored, parse), claimant, frozenset())
    return ((q, s) for q in q_events for s in s_events)


def vet(query: str, stored: str, speaker: str | None = None, claimant: str | None = None) -> tuple[bool, bool]:
    """:func:`roles_swapped` and :func:`direction_flipped` of a query's claim (said by ``speaker``, if known)
    and a stored claim (made by ``claimant``)."""
    said, made = name_stems(speaker), name_stems(claimant)
    return (roles_swapped(query, stored, speaker=said, claimant=made),
            direction_flipped(query, stored, speaker=said, claimant=made))


def roles_swapped(query: str, stored: str, parse: Callable[[str], Doc] | None = None, *,
                  speaker: frozenset[str] = frozenset(), claimant: frozenset[str] = frozenset()) -> bool:
    """Whether an event of the query has the stored claim's giver on its taker's side and its taker as its giver.

    Args:
        query: the query's claim, without its speaker frame.
        stored: the stored claim.
        parse: a text's spaCy ``Doc`` (default: claimcheck's pipeline, loaded on first use).
        speaker: the stems of the query's speaker, whom its personal pronouns stand for.
        claimant: the stems of the stored claim's claimant, whom its "I" and "my" stand for.
    """
    for q, s in _event_pairs(query, stored, parse, speaker, claimant):
        # WordNet's rewordings are not read for roles: it aligns converses the classes lack
        # ("learned from" / "taught", "earned from" / "paid") as if they were synonyms.
        converse = _aligned(q.verb, s.verb, wordnet=False)
        if converse is None or q.verb in SYMMETRIC or s.verb in SYMMETRIC:
            continue
        giver, taker = (s.taker, s.giver) if converse else (s.giver, s.taker)
        # Words that moved from one side to the other, both ways; heads may stay
        # put ("Obama supported Begich's policies" / "Begich supported Obama's
        # policies", "Brown's campaign attacked Mandel's service" / "Mandel's ...").
        if (q.giver & taker) - giver and (q.taker & giver) - taker:
            return True
    return False
