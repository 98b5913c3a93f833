"""Which way a claim points: up or down, more or less.

A same-topic sentence that reverses a checked claim ("Sandy Pasch voted to
*increase* school aid by $300 million" against "... voted to *cut* school
aid ...", "*fewer* government employees" against "*more*") shares nearly
every word, figure and name with it, so the similarity features rate it as
a rewording.  :func:`direction_conflict` says when the two point opposite
ways: one side uses only words of rise, growth or excess and the other only
words of fall, loss or shortfall.  A side with words of both kinds, or none,
never conflicts, so a rewording that adds a comparison ("rose faster than
it fell") is not penalised.

The word lists are general English words of change and comparison, not
mined from the paraphrase set.  Words that mostly hedge a figure ("over",
"under", "up to") are left out: "over 40 percent" and "fewer than 40
percent" do not point opposite ways.  Plain word look-ups, no parser: the
matcher runs without spaCy.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["UP", "DOWN", "direction", "direction_conflict"]

UP = frozenset("""
increase increased increases increasing rise rises rose risen rising grow grew grown grows growing growth
more higher highest raise raised raises raising boost boosted boosts gain gained gains double doubled doubles
doubling triple tripled triples tripling quadrupled soar soared soaring surge surged surging climb climbed
climbing jump jumped jumps expand expanded expands expanding expansion larger largest bigger biggest greater
greatest exceed exceeded exceeds exceeding most hike hiked hikes stronger strongest better best
""".split())

DOWN = frozenset("""
decrease decreased decreases decreasing fall falls fell fallen falling drop dropped drops dropping decline
declined declines declining less fewer lower lowest lowered lowering cut cuts cutting reduce reduced reduces
reducing reduction shrink shrank shrunk shrinking lose lost loses losing loss losses shed slash slashed slashes
plunge plunged plunging halve halved halves least smaller smallest weaker weakest worse worst shortfall short
""".split())

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def direction(text: str) -> int:
    """+1 when the text uses only words of rise or excess, -1 only of fall or shortfall, else 0."""
    words = set(_WORD.findall(text.lower()))
    up = not words.isdisjoint(UP)
    down = not words.isdisjoint(DOWN)
    return 0 if up == down else (1 if up else -1)


def direction_conflict(query: str, stored: str) -> float:
    """1.0 when the two texts point opposite ways (:func:`direction`), else 0.0."""
    return 1.0 if direction(query) * direction(stored) < 0 else 0.0
