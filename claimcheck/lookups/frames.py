"""Split a looked-up sentence into its speaker frame and the claim itself.

News copy wraps a claim in a reporting frame ("Ted Cruz argued that ...",
"..., the Ohio Democratic Party said.", "According to X, ...") that the
fact-checker's wording of the claim does not have.  Left in, the frame's
words dilute the sentence vector, so the matcher embeds the claim without
it (and keeps the speaker, who counts like the stored claim's claimant).
``check --lookup`` already queries with the claim's ``standalone`` text;
this covers ``claimcheck lookup`` and sources given a sentence as written.

Plain patterns, no parser: the matcher must answer in milliseconds without
spaCy.  A frame is only removed when what is left still reads as a claim
(at least four words), and a speaker is at most eight words long.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Framed", "split_frame"]

# Verbs that report a claim.  Present-tense forms that are also plural
# nouns ("Jobless claims fell", "the states") count only before "that"
# when the frame comes first.
_PLAIN = (
    "said|says|claimed|argued|argues|warned|warns|noted|wrote|writes|stated|asserted|asserts|contended|contends|"
    "insisted|insists|maintained|maintains|alleged|alleges|charged|complained|complains|boasted|boasts|tweeted|"
    "added|suggested|suggests|declared|declares|explained|explains|"
    # "told Fox News on Sunday that": up to five words, when "that" follows them.
    r"told(?:\s+[\w.'’]+){1,5}?(?=\s+that\b)|"
    r"told\s+(?:\w+\s+){0,2}?(?:reporters|viewers|voters|supporters|listeners|readers|the\s+\w+|\w+)|"
    r"reminded\s+\w+|pointed\s+out|acknowledged|admitted|conceded|predicted|promised|emphasi[sz]ed|stressed|"
    "countered|recalled|observed|reported|posted|announced|estimated"
)
_NOUN_LIKE = "claims|states|notes|reports|charges|estimates|tweets|adds|announces|posts"
_VERBS = f"(?:{_PLAIN}|{_NOUN_LIKE})"
_PLAIN_RE = f"(?:{_PLAIN})"
_VERBS_FIRST = rf"(?:{_PLAIN}|(?:{_NOUN_LIKE})(?=\s+that\b))"
# When and where the speaker said it: "on Tuesday", "in a statement", "last week".
_WHEN = r"(?:\s+(?:on|in|at|during|last|this|earlier)\s+[^,.;:]{1,40}?)?"
_WHO = r"(?P<who>[^,;:\"“”]{2,80}?)"
# A speaker described in an aside: "Rob Portman, a Republican from Ohio, said ...".
_WHO_DESCRIBED = r"(?P<who>[^,;:\"“”]{2,60}?,\s+[^,;:\"“”]{2,80}?),"
# An aside after a closing speaker is a noun phrase or a relative clause: "..., said Rob Portman, a Republican".
_ASIDE = r"(?:,\s+(?:a|an|the|who|whose|his|her|their|its)\s+[^,;:\"“”]{2,78}?)"
# Where or how the speaker spoke, before the frame: "In a statement, ...", "Speaking in Ohio on Tuesday, ...".
_SETTING = r"(?:(?:In|On|At|During|[A-Z][a-z]+ing)\s+[^,]{1,50},\s+)?"
_MAX_SPEAKER_WORDS = 8
_MIN_CLAIM_WORDS = 4

_LEADING = re.compile(
    r"^" + _SETTING + _WHO + r"\s+(?:has\s+|had\s+|have\s+)?" + _VERBS_FIRST + _WHEN
    + r"[,:]?\s+(?:that\s+)?(?P<claim>.+)$", re.DOTALL)
_LEADING_DESCRIBED = re.compile(
    r"^" + _SETTING + _WHO_DESCRIBED + r"\s+(?:has\s+|had\s+|have\s+)?" + _VERBS_FIRST + _WHEN
    + r"[,:]?\s+(?:that\s+)?(?P<claim>.+)$", re.DOTALL)
_TRAILING = re.compile(r"^(?P<claim>.+?),\s+" + _WHO + r"\s+(?:has\s+|had\s+)?" + _VERBS + _WHEN + r"\s*[.!]?$",
                       re.DOTALL)
_TRAILING_INVERTED = re.compile(r"^(?P<claim>.+?),\s+" + _VERBS + r"\s+" + _WHO + _WHEN
                                + _ASIDE + r"?\s*[.!]?$", re.DOTALL)
_PARENTHETICAL = re.compile(r"^(?P<before>[^,]{3,80}),\s+" + _WHO + r"\s+" + _PLAIN_RE + r",\s+(?P<after>.+)$",
                            re.DOTALL)
_ACCORDING_FIRST = re.compile(r"^According\s+to\s+" + _WHO + r",\s+(?P<claim>.+)$", re.DOTALL | re.IGNORECASE)
_ACCORDING_LAST = re.compile(r"^(?P<claim>.+?),?\s+according\s+to\s+" + _WHO + r"\s*[.!]?$", re.DOTALL | re.IGNORECASE)


class Framed(NamedTuple):
    """A sentence split into its speaker (``None`` if no frame was found) and its claim."""

    speaker: str | None
    claim: str


def _speaker_ok(who: str) -> bool:
    words = who.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS or words[-1].lower() in {"and", "but", "or", "that"}:
        return False
    # A speaker is named ("Ted Cruz", "the NRCC") or described ("a blog post", "critics").
    return any(w[0].isupper() for w in words) or words[0].lower() in {"a", "an", "the", "critics", "officials",
                                                                        "he", "she", "they", "republicans",
                                                                        "democrats", "experts"}


def _claim_ok(claim: str) -> bool:
    return len(claim.split()) >= _MIN_CLAIM_WORDS


def _capitalise(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def split_frame(text: str) -> Framed:
    """The speaker and the claim of ``text``: "Ted Cruz argued that X" -> ("Ted Cruz", "X").

    Text without a recognisable frame comes back whole, with no speaker.
    """
    sentence = " ".join(text.split())
    # A frame that opens the sentence first: "X, a senator, said Y" is no "Y, said X" frame.
    for pattern in (_ACCORDING_FIRST, _ACCORDING_LAST, _PARENTHETICAL, _LEADING, _LEADING_DESCRIBED, _TRAILING,
                    _TRAILING_INVERTED):
        match = pattern.match(sentence)
        if match is None:
            continue
        who = match.group("who").strip()
        if pattern is _PARENTHETICAL:
            claim = f"{match.group('before')} {match.group('after')}"
        else:
            claim = match.group("claim")
        # A described speaker is judged by its name, the words before the aside.
        if _speaker_ok(who.split(",", 1)[0].strip()) and _claim_ok(claim):
            return Framed(who, _capitalise(claim))
    return Framed(None, sentence)
