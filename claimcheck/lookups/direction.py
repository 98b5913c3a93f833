"""Tell a reversed claim from a reworded one: which way it points, and whether it is denied.

A never-checked sentence that keeps every word of a stored claim but turns
its direction ("voted *against* the bill" for "voted *in favor of*", "taxes
go *down*" for "go *up*", "*less* restrictive" for "*more* restrictive")
aligns word for word with it (:mod:`~claimcheck.lookups.align`): the two
words that differ are short, common and close in vector space.  This module
reads a claim's directional words with a small hand-written lexicon, grouped
by polarity on a few axes (an amount going up or down, a stance for or
against, a state getting better or worse, a rule allowing or barring, a
place opening or closing), and compares the two claims'
directions only where a directional word governs something both claims say
(a content word both claims have, within :data:`WINDOW` words of it in each).  Converse
pairs ("sold" / "bought", "imported" / "exported", "won" / "lost") are
left out on purpose: a rewording may say the same thing from the other side
(the eighth round's WordNet antonyms threw such rewordings out).

A negator just before a directional word turns it ("did not rise" points
down); the negators left over give the claim's negation parity, and a claim
whose parity differs from the stored one's, on what both say, is denied
rather than reworded ("has never voted to raise taxes").

One regular expression and the matcher's stemmer, no parser: about 50 us a
new claim, cached by text (the phrase folding of
:func:`~claimcheck.lookups.features.analyse` would cost 190 us more and
changes no directional word: "went up" is read as "up" after a verb of motion).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.lookups.features import STOPWORDS, _strip_accents, stem

__all__ = ["DIRECTION_FEATURES", "WINDOW", "Direction", "direction", "direction_features", "polarity"]

#: The features :func:`direction_features` returns, in order.
DIRECTION_FEATURES: tuple[str, ...] = ("direction_reversed", "negation_differs")

#: A directional word or a negator governs the words at most this far away.
WINDOW = 3

_AMOUNT, _STANCE, _QUALITY, _PERMISSION, _OPEN = range(5)
# Hand-written, general (not mined from the paraphrase set): the words news
# copy uses to say which way something went or where someone stands.
_LEXICON: dict[str, tuple[int, int]] = {}
for _axis, _sign, _words in (
    (_AMOUNT, +1, """increase increased increases increasing rise rises rose risen rising grow grows grew grown
                     growing growth raise raised raises raising higher more above jump jumped jumps climb climbed
                     climbs soar soared soars surge surged surges boost boosted boosts hike hiked hikes expand
                     expanded expands expansion greater larger bigger exceed exceeded exceeds doubled tripled
                     quadrupled gain gains gained gaining create creates created creating"""),
    (_AMOUNT, -1, """decrease decreased decreases decreasing decline declined declines declining fall falls fell
                     fallen falling drop dropped drops dropping cut cuts cutting reduce reduced reduces reducing
                     reduction reductions lower lowered lowers lowering less fewer below plunge plunged plunges
                     plummet plummeted shrink shrinks shrank shrunk shrinking slash slashed slashes smaller
                     halved lose loses lost losing loss losses eliminate eliminates eliminated eliminating"""),
    (_STANCE, +1, """support supports supported supporting favor favors favored favoring favour favours favoured
                     endorse endorses endorsed endorsing approve approves approved approving"""),
    (_STANCE, -1, """oppose opposes opposed opposing opposition against reject rejects rejected rejecting veto
                     vetoes vetoed vetoing"""),
    (_QUALITY, +1, "better improve improves improved improving improvement"),
    (_QUALITY, -1, "worse worsen worsens worsened worsening deteriorate deteriorates deteriorated deteriorating"),
    (_PERMISSION, +1, "allow allows allowed allowing let lets letting permit permits permitted permitting legalize legalized"),
    (_PERMISSION, -1, """ban bans banned banning bar bars barred barring prohibit prohibits prohibited prohibiting forbid
                         forbids forbade forbidden outlaw outlaws outlawed"""),
    (_OPEN, +1, "open opens opened opening reopen reopened"),
    (_OPEN, -1, "close closes closed closing shut shuts shutting"),
):
    for _word in _words.split():
        _LEXICON[_word] = (_axis, _sign)

# "up" and "down" point only after a verb of motion or being ("taxes go up",
# "crime is down") or before a figure ("up 5 percent", "down from 9"); not
# in "make up", "shut down" or the bound "up to 40".
_MOTION = frozenset("go goes going went gone is are was were be been being has have had will".split())
_AFTER_MOTION = frozenset("by from sharply significantly slightly steadily".split())
# "voted for", "fought for": a stance; "for" alone is mostly a preposition.
_STANCE_VERBS = frozenset("""vote votes voted voting argue argues argued arguing campaign campaigns campaigned lobby
                             lobbies lobbied push pushes pushed pushing fight fights fought fighting""".split())
# Negators of a verb turn the directional word after them ("did not rise"); the
# others deny a noun ("no fee increases" is "raises no fees", not a cut).
_VERB_NEGATORS = frozenset("not never cannot".split())
# Fact-checkers' copy often drops the apostrophe ("didnt", "cant").
_BARE_NT = frozenset("""dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt arent wasnt werent hasnt havent
                        hadnt aint""".split())
_NEGATORS = _VERB_NEGATORS | _BARE_NT | frozenset("no none nobody nothing neither nor without".split())
# A negator before these words denies nothing: "no doubt" affirms, "not only X but Y" says X and Y.
_NOT_DENIALS = frozenset("doubt only".split())
# Every word that can point or negate: the only words a claim is scanned for.
_MARKERS = frozenset(_LEXICON) | _NEGATORS | {"up", "down", "for"}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*", re.UNICODE)


@dataclass(frozen=True)
class Direction:
    """A claim's directional words and negators, and the content word each governs.

    Attributes:
        pointers: ``(axis, sign, stems in reach)`` for each directional word
            (sign already turned by a negator just before it).
        negators: the stems in the reach of each negator that turned no
            directional word (the :data:`WINDOW` x 2 words after it).
    """

    pointers: tuple[tuple[int, int, frozenset[str]], ...]
    negators: tuple[frozenset[str], ...]


def _negated(tokens: list[str], i: int) -> bool:
    word = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if word == "no" and after[:1].isdigit():
        return False  # "No. 1" is a rank
    return (word in _NEGATORS or word.endswith("n't")) and after not in _NOT_DENIALS


def _verb_negated(word: str) -> bool:
    return word in _VERB_NEGATORS or word in _BARE_NT or word.endswith("n't")


def _polarity(tokens: list[str], i: int) -> tuple[int, int] | None:
    word = tokens[i]
    before = tokens[i - 1] if i > 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if word in ("up", "down"):
        if before in _MOTION or after in _AFTER_MOTION or after[:1].isdigit():
            return _AMOUNT, +1 if word == "up" else -1
        return None
    if word == "for":
        return (_STANCE, +1) if before in _STANCE_VERBS else None
    return _LEXICON.get(word)


def polarity(word: str) -> tuple[int, int] | None:
    """Which way a lower-case word of the lexicon points: ``(axis, +1 or -1)``, or ``None``."""
    return _LEXICON.get(word)


_EMPTY = Direction((), ())


def _anchor(token: str) -> str:
    # Figures are not anchors: "raise under $5 billion" and "bring in less than
    # $5 billion" share the figure, not the verb's object.
    if token[0].isdigit() or token in STOPWORDS or token in _LEXICON or len(token) < 2:
        return ""
    return stem(token)


@lru_cache(maxsize=8192)
def direction(text: str) -> Direction:
    """The directional words and negators of a claim (without its speaker frame)."""
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(_strip_accents(text))]
    # Most claims have one or two of these words: only the words near them are stemmed.
    marked = [i for i, t in enumerate(tokens) if t in _MARKERS or t.endswith("n't")]
    if not marked:
        return _EMPTY
    stems: dict[int, str] = {}

    def span(start: int, end: int) -> frozenset[str]:
        out = set()
        for j in range(max(0, start), min(end, len(tokens))):
            if j not in stems:
                stems[j] = _anchor(tokens[j])
            if stems[j]:
                out.add(stems[j])
        return frozenset(out)

    def near(i: int) -> frozenset[str]:
        return span(i - WINDOW, i + WINDOW + 1)

    pointers: list[tuple[int, int, frozenset[str]]] = []
    used: set[int] = set()
    for i in marked:
        polarity = _polarity(tokens, i)
        if polarity is None:
            continue
        axis, sign = polarity
        # "did not rise", "never voted for": a negator at most two words before turns the word.
        for j in range(max(0, i - 2), i):
            if j not in used and _verb_negated(tokens[j]):
                sign, used = -sign, used | {j}
                break
        pointers.append((axis, sign, near(i)))
    # A negator denies what follows it ("has never signed", "nobody in the county has").
    negators = tuple(span(i + 1, i + 1 + 2 * WINDOW) for i in marked if _negated(tokens, i) and i not in used)
    return Direction(tuple(pointers), negators)


def _shared(stems: frozenset[str], other: frozenset[str]) -> bool:
    return any(s in other for s in stems)


def direction_features(query: str, stored: str, query_stems: frozenset[str],
                       stored_stems: frozenset[str]) -> tuple[float, float]:
    """Whether the query points the other way from the stored claim, and whether one denies what the other says.

    Args:
        query: the query's claim, without its speaker frame.
        stored: the stored claim.
        query_stems: the query claim's content stems (:attr:`Features.stems`).
        stored_stems: the stored claim's content stems.

    Returns:
        ``direction_reversed``: 1 when a directional word of the stored claim
        governs a word both claims share and the query's words on the same
        axis that govern that word all point the other way; ``negation_differs``: 1 when one claim negates something
        both claims say an odd number of times and the other an even number.
    """
    shared = query_stems & stored_stems
    q, s = direction(query), direction(stored)
    reversed_ = 0.0
    for axis, sign, stems in s.pointers:
        # The query's words on the same axis that govern a word this one governs too.
        governing = [q_sign for q_axis, q_sign, q_stems in q.pointers
                     if q_axis == axis and _shared(stems & q_stems, shared)]
        if governing and all(q_sign == -sign for q_sign in governing):
            reversed_ = 1.0
            break
    odd_q = sum(_shared(stems, shared) for stems in q.negators) % 2
    odd_s = sum(_shared(stems, shared) for stems in s.negators) % 2
    return reversed_, float(odd_q != odd_s)
