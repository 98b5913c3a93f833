"""Document-level metadata: the byline, page furniture and the publication date.

A byline ("By Ivor Bennett, Moscow correspondent") is metadata, not a claim.
Page furniture ("Subscribe to Updates", "Watch: ...", "Read more: ..."),
photo captions and credits ("LONDON, UK - MARCH 3: A commuter waits ...",
"(Photo by Jo Bloggs/Getty Images)") and subheadings are never claims.  A publication date printed in the text ("Published 19 June
2024") is used when none is given on the command line.  All spans here are in
the normalised text; the engine maps them back to the original.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from claimcheck.text.normalise import NormalisedText

_NAME = r"[A-Z][\w'\-.]*(?:\s+(?:(?:van|von|de|da|del|der|bin|al|le|la)\s+)?[A-Z][\w'\-.]*){0,3}"
_BYLINE = re.compile(
    rf"^\s*(?:By|BY|Written by|Words by|Reporting by)\s+(?P<names>{_NAME}(?:\s*(?:,\s*|\s+and\s+|\s*&\s*){_NAME})*?)"
    rf"(?:\s*(?:,|\||\u2013|\u2014|-)\s*(?P<role>[^\n]*))?$"
)

# Page furniture: labels that introduce links and media, and calls to action.
_FURNITURE_LABEL = re.compile(
    r"^\s*(?:watch|listen|read more|read next|read also|related|see also|more on this story|more from|video|"
    r"photo|photos|gallery|image caption|image source|media caption|caption|pictured|source|tags?|filed under|"
    r"topics|share|update|editor's note)\s*:",
    re.IGNORECASE,
)
_FURNITURE_ACTION = re.compile(
    r"^\s*(?:subscribe|sign up|sign in|log in|follow us|follow @|share (?:this|on)|get the latest|download (?:our|the)|"
    r"click here|tap here|join (?:us|our)|advertisement|sponsored|skip to|back to top|copyright|\u00a9|"
    r"all rights reserved|cookie|accept (?:all )?cookies|terms of (?:use|service)|privacy policy|"
    r"listen to this article|related (?:articles|stories|topics)|more stories|most read|top stories|"
    r"newsletter|we use cookies|support our journalism|comments?\b|"
    # Notes about the article itself: corrections, credits and contacts.
    r"(?:this|the) (?:article|story|report|piece) (?:was|has been|is being) (?:amended|updated|corrected|changed)|"
    r"corrections?\s*:|clarifications?\s*:|(?:additional|further) reporting by|(?:reporting|editing|writing) by (?-i:[A-Z])|"
    r"contact (?:the )?(?:author|reporter|writer)|follow [^.\n]{1,60} on (?:twitter|x|facebook|instagram|threads|bluesky)|"
    r"email [^.\n]{1,60}@)",
    re.IGNORECASE,
)
# Photo captions and credits: a Getty-style caption opens with a place and a date in capitals
# ("LONDON, UK - MARCH 3: A commuter waits ..."); credits name the photographer or agency.
_CAPTION_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30})?\s*(?:-|\u2013|\u2014)\s*"
    r"(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
    r"JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?\s+\d{1,2}(?:,\s*\d{4})?\s*:"
)
_PHOTO_CREDIT = re.compile(
    r"(?:\(\s*(?:photo|photograph|picture|image|illustration|video)s?\s*(?:by|credit|courtesy|:)[^)]{0,120}\)"
    # "(AP Photo/Evan Vucci)", "(Reuters photo)": an agency credit in brackets
    r"|\([^()\n]{0,40}\b(?:photo|photograph|pictures?|images?)\b\s*(?:/[^()\n]{0,60})?\)"
    r"|(?:credit|courtesy)\s*:\s*[^.\n]{0,80}"
    r"|(?:photo|photograph|picture|image)\s*(?:credit|copyright)?\s*:\s*[^.]{0,80}"
    r"|/\s*(?:Getty Images|AFP|AP|Reuters|PA(?: Images| Wire)?|Shutterstock|EPA|Bloomberg)(?:\s+via\s+Getty Images)?\s*\)?)\s*$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\s*(?:\(?(?:photo|photograph|picture|image|illustration)s?\s*(?:by|credit|courtesy|copyright)\b|"
    r"(?:getty images|shutterstock|ap photo|afp via getty images|pa media|reuters)\s*\)?\s*$)",
    re.IGNORECASE,
)
# A wire-style dateline: "WASHINGTON, June 3 (Reuters) -- ...", "LONDON (AP) - ...".
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\))?\s*(?:--|\u2014|\u2013|-)\s+(?=[A-Z\u201c\"])"
)
_PUBLISHED = re.compile(
    r"(?:published|posted|updated|first published|date)\s*(?:on|:)?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})",
    re.IGNORECASE,
)
_BARE_DATE_LINE = re.compile(
    r"^\s*(?:[A-Z][a-z]+day,?\s+)?(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:\s+\d{1,2}[:.]\d{2}(?:\s*[AaPp][Mm])?(?:\s+[A-Z]{2,4})?)?\s*$",
    re.MULTILINE,
)


@dataclass
class Segment:
    """A stretch of normalised text between line breaks or glued-paragraph boundaries."""

    start: int
    end: int


@dataclass
class DocumentMeta:
    """What :func:`analyse_document` found, in normalised-text offsets."""

    byline: str | None = None
    byline_role: str | None = None
    byline_span: tuple[int, int] | None = None
    furniture: list[tuple[int, int]] = field(default_factory=list)
    published: dt.date | None = None
    published_span: tuple[int, int] | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None

    _regions: tuple[object, list[tuple[int, int]], list[int], list[int]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def excluded(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies mostly in the byline or page furniture."""
        regions, starts, reach = self._region_index()
        length = max(1, end - start)
        # Asked for every sentence and claim: only the regions that can reach
        # into [start, end) are looked at, not every region of the document.
        i = bisect_left(starts, end) - 1
        while i >= 0 and reach[i] > start:
            a, b = regions[i]
            overlap = min(end, b) - max(start, a)
            if overlap > 0 and overlap * 2 >= length:
                return True
            i -= 1
        return False

    def _region_index(self) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """The excluded regions by start, their starts and the furthest end reached up to each."""
        key = (len(self.furniture), self.furniture[-1] if self.furniture else None,
               self.byline_span, self.published_span, self.dateline_span)
        if self._regions is None or self._regions[0] != key:
            extra = [span for span in (self.byline_span, self.published_span, self.dateline_span) if span]
            regions = sorted([*self.furniture, *extra])
            reach: list[int] = []
            for _, b in regions:
                reach.append(max(b, reach[-1]) if reach else b)
            self._regions = (key, regions, [a for a, _ in regions], reach)
        return self._regions[1], self._regions[2], self._regions[3]


def _segments(norm: NormalisedText) -> list[Segment]:
    cuts = {0, len(norm.text)}
    cuts.update(norm.boundaries)
    for m in re.finditer(r"\n", norm.text):
        cuts.add(m.start())
        cuts.add(m.end())
    ordered = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(ordered, ordered[1:]):
        while a < b and norm.text[a].isspace():
            a += 1
        while b > a and norm.text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Segment(a, b))
    return out


def _find_byline(norm: NormalisedText, segments: list[Segment]) -> tuple[str, str | None, tuple[int, int]] | None:
    for seg in segments[:3]:
        text = norm.text[seg.start : seg.end]
        if len(text) > 160:
            # A byline glued to prose with no boundary we could see: take the name only.
            m = _BYLINE.match(text[:80].rsplit(" ", 1)[0])
            if m is None:
                continue
            end = seg.start + m.end("names")
            return m.group("names").strip(), None, (seg.start, end)
        m = _BYLINE.match(text)
        if m:
            role = (m.group("role") or "").strip() or None
            return m.group("names").strip(), role, (seg.start, seg.end)
    return None


def _is_caption(text: str) -> bool:
    """A photo caption or credit: "LONDON, UK - MARCH 3: A commuter waits ...", "(Photo by X/Getty Images)"."""
    if _CAPTION_DATELINE.match(text) or _CREDIT_LINE.match(text):
        return True
    return len(text.split()) <= 60 and _PHOTO_CREDIT.search(text) is not None


def _is_heading(text: str, seg: Segment, norm_text: str) -> bool:
    """A subheading: a short line of its own, without sentence punctuation, between paragraphs."""
    if seg.start == 0 or len(text.split()) > 8 or re.search(r"[.!?:;,\"'\u201d)]$", text):
        return False
    if re.search(r"\d", text) or text.lstrip()[:1] in ("-", "*", "\u2022", "\u2013"):
        return False  # a list item or a figure: it may be a claim written without a full stop
    before = norm_text[max(0, seg.start - 1):seg.start]
    after = norm_text[seg.end:seg.end + 1]
    return before == "\n" and after in ("\n", "")


def _is_furniture(text: str, seg: Segment, total: int, is_line: bool, norm_text: str = "") -> bool:
    if _FURNITURE_LABEL.match(text) or _is_caption(text):
        return True
    if is_line and norm_text and _is_heading(text, seg, norm_text):
        return True
    words = len(text.split())
    if _FURNITURE_ACTION.match(text) and words <= 30:
        return True
    # A short line with no sentence punctuation in the last fifth of the page:
    # a heading or a navigation link, not prose.
    if is_line and seg.start > total * 0.8 and words <= 6 and not re.search(r"[.!?\"'\u201d]$", text):
        return True
    return False


def _find_dateline(norm: NormalisedText, segments: list[Segment], meta: DocumentMeta) -> None:
    """A dateline opening the first paragraph of prose is metadata: cut it off the first sentence."""
    for seg in segments[:3]:
        if meta.byline_span and seg.start < meta.byline_span[1]:
            continue
        m = _DATELINE.match(norm.text, seg.start, seg.end)
        if m is None:
            return
        place = m.group("place").strip()
        if len(place.split()) > 4:
            return
        meta.dateline = norm.text[seg.start:m.end()].strip()
        meta.dateline_span = (seg.start, m.end())
        # The parser must start the first sentence after the dateline.
        norm.boundaries.append(m.end())
        norm.boundaries.sort()
        return


def parse_date(value: str) -> dt.date | None:
    """Parse an absolute date such as ``2024-06-19`` or ``19 June 2024``; ``None`` if it is not one.

    The same rule as for ``--date`` (:func:`~claimcheck.analysis.dates.publication_date`):
    a printed date that could be misread, or one outside 1800-2199, is not used.
    """
    from claimcheck.analysis.dates import publication_date
    from claimcheck.errors import ClaimcheckError

    try:
        return publication_date(value)
    except ClaimcheckError:
        return None


def analyse_document(norm: NormalisedText) -> DocumentMeta:
    """Find the byline, page furniture and a printed publication date."""
    meta = DocumentMeta()
    segments = _segments(norm)
    found = _find_byline(norm, segments)
    if found:
        meta.byline, meta.byline_role, meta.byline_span = found
    _find_dateline(norm, segments, meta)
    line_starts = {0} | {m.end() for m in re.finditer(r"\n", norm.text)}
    total = len(norm.text)
    for seg in segments:
        text = norm.text[seg.start : seg.end]
        is_line = seg.start in line_starts or norm.text[max(0, seg.start - 1)] == "\n"
        if _is_furniture(text, seg, total, is_line, norm.text):
            meta.furniture.append((seg.start, seg.end))
    head = norm.text[:600]
    m = _PUBLISHED.search(head) or _BARE_DATE_LINE.search(head)
    if m:
        date = parse_date(m.group("date"))
        if date:
            meta.published = date
            line_start = norm.text.rfind("\n", 0, m.start()) + 1
            line_end = norm.text.find("\n", m.end())
            meta.published_span = (line_start, line_end if line_end != -1 else m.end())
    return meta
