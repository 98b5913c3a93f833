"""Standalone claims: a claim rewritten so that it can be understood on its own.

A claim is reported as one clause without its reporting frame ("37 countries
could benefit"), which is what the offsets point at.  Read out of its article,
that clause loses who said it, when, and who "he" or "they" are.  The
standalone form puts them back:

    Gordon Brown said on 5 February 2005 that 37 countries could benefit

* the subject pronoun is replaced by what it resolves to ("He" -> "Vladimir Putin");
* the speaker is added with the reporting verb as written (``said``,
  ``warned``, ``believes``) or "According to X, ..." for an ``according to`` frame;
* a date in the reporting frame ("said on Tuesday") is added, resolved
  against the publication date; a relative date inside the claim
  ("yesterday") gets its resolved date after it in brackets.

It is ``None`` when there is nothing to add: the claim, in the article's own
voice, with no pronoun subject and no relative date, already stands alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from claimcheck.analysis.claims import Candidate
from claimcheck.analysis.dates import resolve
from claimcheck.analysis.spans import entity_index

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
#: Reporting verbs written as they are in the frame when they are finite; anything else reads "said".
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


@dataclass(frozen=True)
class Replacement:
    """Replace ``original[start:end]`` (inside the claim) by ``text``."""

    start: int
    end: int
    text: str


def format_date(value: str, precision: str | None) -> str | None:
    """ "2005-02-05" at day precision -> "on 5 February 2005"; month -> "in February 2005"; year -> "in 2005"."""
    try:
        if precision in ("day", "week"):
            day = dt.date.fromisoformat(value)
            return f"on {day.day} {_MONTHS[day.month - 1]} {day.year}"
        if precision == "month":
            year, month = value.split("-")[:2]
            return f"in {_MONTHS[int(month) - 1]} {year}"
        if precision in ("year", "decade"):
            return f"in {value}" if precision == "year" else f"in the {value}s"
    except (ValueError, IndexError):
        return None
    return None


def format_interval(begins: str, ends: str) -> str | None:
    """An interval's inclusive bounds as words: "2016-04-20", "2016-05-04" -> "from 20 April 2016 to
    4 May 2016"; "2016", "2026" -> "from 2016 to 2026". Each bound is read at the precision it is
    written to (a year, a month or a day)."""
    bounds = []
    for value in (begins, ends):
        words = format_date(value, _PRECISION_OF_LENGTH.get(len(value)))
        if words is None:
            return None
        bounds.append(words.removeprefix("on ").removeprefix("in "))
    return f"from {bounds[0]} to {bounds[1]}"


# An ISO value's length says its precision: "2016", "2016-05", "2016-05-04".
_PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}


def _frame_date(doc: Doc, cand: Candidate, published: dt.date | None) -> str | None:
    """The resolved date written in the reporting frame ("said on Tuesday"), as words."""
    if cand.frame is None or not cand.frame.tokens:
        return None
    frame_ids = cand.frame.tokens
    for ent in entity_index(doc).overlapping(min(frame_ids), max(frame_ids) + 1):
        if ent.label_ != "DATE" or not all(t.i in frame_ids for t in ent):
            continue
        resolved = resolve(ent.text, published)
        if resolved.value:
            return format_date(resolved.value, resolved.precision)
    return None


def _cue_words(doc: Doc, cand: Candidate) -> tuple[str, str]:
    """How to write the frame: ("according", "") for "according to", else ("verb", the verb)."""
    frame = cand.frame
    if frame is None:
        return "verb", "said"
    if frame.kind in ("according", "noun", "copula"):
        return "according", ""  # "according to X", "an assumption in X": no verb of X's to write
    if frame.kind in ("speech", "cognition") and frame.cue:
        verb = doc[frame.cue[0]]
        if verb.lemma_.lower() == "tell":
            return "verb", "said"  # "told reporters": the listener is not written, so "told" would dangle
        if verb.tag_ in _FINITE_TAGS:
            return "verb", verb.text.lower()
        if verb.lemma_.lower() in ("believe", "think", "fear", "hope", "expect", "feel"):
            return "verb", verb.lemma_.lower() + "s"
    return "verb", "said"


def _lower_first(text: str, first_is_name: bool) -> str:
    if not text or first_is_name or text[:2] == "I " or text[:1].isdigit():
        return text
    return text[0].lower() + text[1:]


def build_standalone(
    doc: Doc,
    cand: Candidate,
    text: str,
    claim_start: int,
    replacements: list[Replacement],
    speaker: str | None,
    speaker_kind: str,
    relative_dates: list[tuple[int, int, str]],
    published: dt.date | None,
) -> str | None:
    """The claim rewritten to stand alone, or ``None`` when it equals ``text`` with nothing to add.

    Args:
        doc: the parsed document.
        cand: the claim candidate (its frame gives the reporting verb and date).
        text: the claim as written in the original input.
        claim_start: the claim's start offset in the original input.
        replacements: pronouns inside the claim and what they resolve to.
        speaker: the resolved source, or ``None`` for the article's own voice.
        speaker_kind: the attribution kind (``person``, ``organisation``, ``anonymous``, ``article``).
        relative_dates: relative date expressions in the claim: original (start, end) and the resolved date in words.
        published: the publication date, for a date in the frame.

    Returns:
        The standalone claim, or ``None``.
    """
    if speaker is not None and speaker_kind != "article":
        # "Putin said he would ...": with the speaker written, "he" is clear and reads better than the name twice.
        replacements = [r for r in replacements if r.text.removesuffix("'s") != speaker]
    edits = sorted(
        [(r.start, r.end, r.text) for r in replacements]
        + [(end, end, f" ({words.removeprefix('on ').removeprefix('in ')})") for _, end, words in relative_dates],
        reverse=True,
    )
    body = text
    for start, end, new in edits:
        a, b = start - claim_start, end - claim_start
        if 0 <= a <= b <= len(body):
            body = body[:a] + new + body[b:]
    body = body.strip()
    has_speaker = speaker is not None and speaker_kind != "article"
    if not has_speaker and body == text.strip():
        return None
    if not has_speaker:
        return body
    first = doc[cand.start]
    first_is_name = first.pos_ == "PROPN" or bool(first.ent_type_) or bool(replacements and replacements[0].start == claim_start)
    if cand.frame is not None and cand.frame.cue and cand.frame.cue[0] in cand.frame.speaker:
        # "It has emerged that ...", "It is understood that ...": the speaker is the frame itself.
        return f"{speaker[:1].upper()}{speaker[1:]} that {_lower_first(body, first_is_name)}"  # type: ignore[index]
    kind, verb = _cue_words(doc, cand)
    when = _frame_date(doc, cand, published)
    if kind == "according":
        lead = f"According to {speaker}" + (f", {when}" if when else "")
        return f"{lead}, {_lower_first(body, first_is_name)}"
    # The sentence starts with the speaker: "the office" is "The office", but "eBay" stays as written.
    first_word = (speaker or "").split()[:1]
    speaker_text = speaker[:1].upper() + speaker[1:] if first_word and first_word[0].islower() else speaker  # type: ignore[index]
    return f"{speaker_text} {verb}{' ' + when if when else ''} that {_lower_first(body, first_is_name)}"
