"""Date expressions resolved against the publication date, and the publication date itself.

"today" in an article published on 2024-06-19 means 2024-06-19; "a year ago"
means June 2023.  Candidates are spaCy's DATE entities (after the entity
fixes, so "Chris Monday" is a person, not a day); each is resolved with
dateparser relative to the publication date and reported at the precision the
expression has (day, week, month or year).  What is not a point in time is
reported as what it is (:mod:`claimcheck.analysis.periods`): a duration ("for
25 years") has a length and no value, an interval ("the past two weeks", "since
2010", "between March and June") its first and last value, a recurring period
("annually") its period.

The publication date (``--date``, a batch's ``"published"``, ``published=``)
is read strictly by :func:`publication_date`: every relative date of the
article is resolved against it, so a silent misreading ("06/07/2024" taken
month-first for UK copy, "yesterday" taken from the machine's clock) would
shift them all.  Only forms with one reading are accepted.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimcheck.analysis.periods import AHEAD, STEPS, cut, is_age, read_period, shift_months
from claimcheck.errors import ClaimcheckError, ErrorCode

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The publication dates accepted.  Wide enough for archives and embargoes;
#: narrow enough that "a century ago" or "next year" can always be computed
#: (0001-01-01 used to crash the run) and that a mistyped year ("0224") is caught.
EARLIEST_PUBLICATION = dt.date(1800, 1, 1)
LATEST_PUBLICATION = dt.date(2199, 12, 31)

ACCEPTED_DATE_FORMS = "2024-06-19, 2024-06-19T08:30:00+01:00, 19 June 2024 or June 19, 2024"

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY_PREFIX = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_WRITTEN_DATES = (
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
)
_ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4}|\d{2})$")
_RELATIVE_WORD = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|now|ago|last|next|this|previous|coming)\b", re.IGNORECASE
)


def _bad_date(value: str, why: str) -> ClaimcheckError:
    return ClaimcheckError(ErrorCode.BAD_DATE, f"cannot use {value!r} as the publication date: {why}; "
                           f"accepted forms: {ACCEPTED_DATE_FORMS}")


def _in_range(date: dt.date, value: str) -> dt.date:
    if not EARLIEST_PUBLICATION <= date <= LATEST_PUBLICATION:
        raise _bad_date(value, f"it is outside {EARLIEST_PUBLICATION.year}-{LATEST_PUBLICATION.year}")
    return date


def _make_date(year: int, month: int, day: int, value: str) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except ValueError as exc:
        raise _bad_date(value, f"there is no such date ({exc})") from None
    return _in_range(date, value)


def publication_date(value: dt.date | str) -> dt.date:
    """Read a publication date, refusing every form that could be misread.

    Accepted: an ISO date (``2024-06-19``), a full ISO datetime (its date as
    written, in its own time zone: ``2024-06-19T23:30:00-05:00`` is the 19th),
    and a date with the month in words (``19 June 2024``, ``June 19, 2024``,
    ``Wed 19 Jun 2024``).  Refused: numeric day/month orders (``06/07/2024``
    is 6 July in London and June 7 in New York), relative words
    (``yesterday`` would be read from this machine's clock), empty strings,
    and dates outside 1800-2199.

    Args:
        value: a date, a datetime (its date is taken) or a string.

    Returns:
        The date.

    Raises:
        ClaimcheckError: ``CC110``, naming the accepted forms.
    """
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), value.isoformat())
    if isinstance(value, dt.date):
        return _in_range(value, value.isoformat())
    text = str(value).strip()
    if not text:
        raise _bad_date(str(value), "it is empty")
    m = _ISO_DATE.match(text)
    if m:
        return _make_date(int(m.group("year")), int(m.group("month")), int(m.group("day")), text)
    if _ISO_DATETIME.match(text):
        try:
            # Python 3.10's fromisoformat does not take "Z"; the offset is kept, not converted.
            stamp = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
        except ValueError as exc:
            raise _bad_date(text, f"not a valid ISO datetime ({exc})") from None
        return _in_range(stamp.date(), text)
    written = _WEEKDAY_PREFIX.sub("", re.sub(r"\s+", " ", text))
    for pattern in _WRITTEN_DATES:
        m = pattern.match(written)
        if m:
            return _make_date(int(m.group("year")), _MONTHS[m.group("month").lower()], int(m.group("day")), text)
    m = _NUMERIC_DATE.match(text)
    if m:
        a, b, year = int(m.group("a")), int(m.group("b")), m.group("year")
        if len(year) == 2:
            raise _bad_date(text, "a numeric date with a two-digit year is ambiguous; write the year and the month out")
        readings = sorted({f"{year}-{month:02d}-{day:02d}" for day, month in ((a, b), (b, a)) if month <= 12 and day <= 31})
        if len(readings) == 2:
            why = f"numeric day/month order is ambiguous (day first it is {year}-{b:02d}-{a:02d}, month first {year}-{a:02d}-{b:02d})"
        elif readings:
            why = f"numeric day/month dates are refused, as most are ambiguous; write {readings[0]}"
        else:
            why = "there is no such date"
        raise _bad_date(text, why)
    if _RELATIVE_WORD.search(text):
        raise _bad_date(text, "it is relative (it would be read from this computer's clock); give the date itself")
    raise _bad_date(text, "not a date in an accepted form")

_RELATIVE = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|ago|last|next|this|coming|past|previous|earlier|later|recent|recently|"
    r"current|currently|now|since|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)\b",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|ago|from\s+now|hence|last|next|this|coming|previous|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|\d{4}s?|\d{1,2}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
_DAY_WORDS = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|days?)\b", re.IGNORECASE
)
_WEEK_WORDS = re.compile(r"\bweeks?\b|\bweekend\b", re.IGNORECASE)
_MONTH_WORDS = re.compile(
    r"\b(months?|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\byears? ago\b",
    re.IGNORECASE,
)
_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:years?|months?|weeks?|days?)\b)")
_YEAR_ONLY = re.compile(r"^(?:in\s+|the\s+year\s+)?(\d{4})$", re.IGNORECASE)
_DECADE = re.compile(r"^(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?(\d{4})s$", re.IGNORECASE)
_LAST_NEXT_YEAR = re.compile(r"^(?:earlier\s+|later\s+)?(last|next|this|past|previous|coming)\s+year$", re.IGNORECASE)
_LAST_NEXT_MONTH = re.compile(r"^(?:earlier\s+|later\s+)?(last|next|this|past|previous|coming)\s+month$", re.IGNORECASE)
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None, "a few": None,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"^(?:on\s+)?(?:(?P<which>last|next|this|coming|past|previous)\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
# The days named relative to today: resolved here, not by dateparser, whose
# first call costs about half a second (a third of a cold start).
_TODAY = re.compile(r"^(?P<day>today|tonight|yesterday|tomorrow)$", re.IGNORECASE)
_DAY_OFFSET = {"yesterday": -1, "tomorrow": 1}
_AGO = re.compile(r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year|decade)s?"
                  r"\s+(?P<dir>ago|from now|hence)$", re.IGNORECASE)
# "late last year", "mid-2016", "the end of June": the time named, at its own precision.
_EDGE = re.compile(r"^(?:the\s+)?(?:early|late|mid|middle\s+of|end\s+of|start\s+of|beginning\s+of)(?:\s+|-(?=\d))(?!\d{4}s\b)",
                   re.IGNORECASE)
# A month, or a day of it, written without a year: which one depends on the clause's tense.
_YEARLESS = re.compile(rf"^(?:in\s+|on\s+)?(?:{_MONTH}(?:\s+{_DAY})?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.replace('month', 'month2')})$",
                       re.IGNORECASE)
# "last July" is the most recent July before the month of publication; "next July" the first after it.
_NAMED_MONTH = re.compile(rf"^(?P<which>last|next|this past|this coming|past|coming)\s+{_MONTH}$", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression read against the publication date.

    ``value`` is a point's ISO value cut to ``precision`` (None for what is not
    a point, and for what cannot be resolved).  ``kind`` is ``point``,
    ``interval``, ``duration`` or ``recurring`` (None for an age written like a
    date, "16-year-olds"); an interval has ``begins`` and ``ends``, inclusive
    and cut to ``precision``; ``duration`` is a length in ISO 8601 ("P25Y").
    """

    value: str | None
    precision: str | None
    relative: bool
    kind: str | None = "point"
    begins: str | None = None
    ends: str | None = None
    duration: str | None = None



def _precision(text: str) -> str:
    if _DAY_WORDS.search(text) or (_MONTH_WORDS.search(text) and _DAY_NUMBER.search(text)):
        return "day"
    if _WEEK_WORDS.search(text):
        return "week"
    if _MONTH_WORDS.search(text):
        return "month"
    return "year"


def _weekday(which: str | None, day: str, published: dt.date, future: bool) -> dt.date:
    """A weekday named in news copy: "on Friday" in a Friday paper is that day;
    otherwise the last one before publication, or the next one when the clause
    is about the future ("will announce on Thursday")."""
    target = _WEEKDAYS.index(day.lower())
    ahead = (target - published.weekday()) % 7
    behind = (published.weekday() - target) % 7
    which = (which or "").lower()
    if which in ("last", "past", "previous"):
        return published - dt.timedelta(days=behind or 7)
    if which == "next":
        return published + dt.timedelta(days=ahead or 7)
    if which in ("this", "coming"):
        return published + dt.timedelta(days=ahead)
    if ahead == 0:
        return published
    return published + dt.timedelta(days=ahead) if future else published - dt.timedelta(days=behind)


# The verbs whose infinitive complement speaks of a time after them ("plans to vote in March").
_LOOKING_AHEAD = frozenset({"expect", "plan", "schedule", "set", "due", "intend", "aim", "hope", "want", "prepare",
                            "go", "seek", "vow", "promise", "pledge", "threaten", "need", "try", "likely"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})
_MODAL_AUX = frozenset({"can", "could", "may", "might", "should", "must", "ca"})
_PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "'s", "was", "were"})


def clause_tense(token: Token) -> str:
    """The tense of the clause a date expression sits in: ``future``, ``past`` or ``present``.

    A bare month or day ("in November", "the April 26 primary") names the one in the
    direction the clause looks: "will win in November" the next, "endorsed him in
    October" the last, and a present clause or a noun phrase the nearest.

    Args:
        token: the expression's root token (spaCy).

    Returns:
        ``future`` for will/shall/would and an infinitive after a verb that looks ahead
        ("plans to vote"), ``past`` for a past or perfect verb, else ``present``.
    """
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "present"
    aux = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX or "going" in aux or (aux & _MODAL_AUX and not aux & {"have", "'ve"}):
        return "future"  # "will win in November", "could win in November"; not "could have won"
    if "to" in aux and verb.dep_ in ("xcomp", "advcl", "acl", "ccomp") and verb.head.i != verb.i:
        head = verb.head
        governing = clause_tense(head)
        if governing == "past":
            return "present"  # "were due to file by March 15": ahead of a past time, not of publication
        if head.lemma_.lower() in _LOOKING_AHEAD or governing == "future":
            return "future"
        return "present"
    if not aux and verb.tag_ in ("VBG", "VBN", "VB") and verb.dep_ in ("advcl", "acl", "conj", "xcomp") \
            and verb.head.i != verb.i:
        # A participle or a second verb takes its tense from the clause it hangs on:
        # "while testifying in October" in a past sentence, "will win on April 26 and remain ...".
        return clause_tense(verb.head)
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and aux & _PERFECT_AUX) or aux & {"had", "did"}:
        return "past"
    return "present"


@functools.lru_cache(maxsize=4096)
def resolve(text: str, published: dt.date | None, future: bool = False, before: str = "",
            tense: str | None = None) -> ResolvedDate:
    """Resolve one date expression against the publication date.

    Args:
        text: the expression as written ("today", "a year ago", "19 June 2024", "the past two weeks").
        published: the publication date; relative expressions stay unresolved without it.
        future: the clause speaks of the future, so a bare weekday is the next one.
        before: the word written just before the expression, lower-cased: "since" makes
            "since 2010" the interval from 2010 to publication; "within" a future
            clause's length ("will close within 18 months") the interval from publication.
        tense: the clause's tense (:func:`clause_tense`): a month or day without a year is
            the next one in a ``future`` clause, the last in a ``past`` one, the nearest in a
            ``present`` one; None (not known) keeps the last one.

    Returns:
        What the expression is (a point, interval, duration or recurring period) and what
        the publication date makes of it.
    """
    try:
        return _read(text, published, future, before, tense)
    except (ValueError, OverflowError):
        # "5000 years ago" reaches before year 1, "in 9000 years" past 9999: no calendar date to report.
        return ResolvedDate(None, None, bool(_RELATIVE.search(text)))


_PRECISIONS = ("day", "week", "month", "year", "decade")
_RANGE = re.compile(
    r"^(?:(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|through|until|till|-|–)\s+(?P<b>.+)"
    r"|(?P<a2>.+?)\s*(?:\s(?:to|through|until|till)\s|[–—]|(?<=[a-z\d])-(?=\s*[a-z\d]))\s*(?P<b2>.+))$",
    re.IGNORECASE,
)
_DAY_RANGE = re.compile(
    rf"^(?:{_MONTH}\s+(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})|(?P<e1>\d{{1,2}})\s*[-–]\s*(?P<e2>\d{{1,2}})\s+(?P<month2>[a-z]+)\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?$",
    re.IGNORECASE,
)
_HAS_YEAR = re.compile(r"\b\d{4}\b")


def _read(text: str, published: dt.date | None, future: bool, before: str, tense: str | None) -> ResolvedDate:
    clean = re.sub(r"\s+", " ", text.strip().strip(".,;:")).replace("\u2019", "'")
    lower = clean.lower()
    relative = bool(_RELATIVE.search(lower))
    if is_age(lower):
        return ResolvedDate(None, None, False, None)  # "16-year-olds": an age, not a time
    period = read_period(lower, published, future, tense)
    if period is not None:
        if before == "within" and future and period.kind == "duration" and period.duration and published is not None:
            window = read_period(f"the next {lower}", published, future)  # "will close within 18 months"
            if window is not None and window.begins:
                period = window
        return ResolvedDate(None, period.precision, relative, period.kind, period.begins, period.ends, period.duration)
    interval = _range(clean, published, future, tense)
    if interval is not None:
        return ResolvedDate(None, interval[2], relative, "interval", interval[0], interval[1])
    point = _resolve(clean, published, future, tense)
    if before == "since" and point.value and point.precision and published is not None:
        precision = {"week": "day", "decade": "year"}.get(point.precision, point.precision)
        ends = cut(published, precision)
        begins = point.value[:4] if precision == "year" else point.value
        if begins <= ends:
            return ResolvedDate(None, precision, relative, "interval", begins, ends)
    return point


def _range(clean: str, published: dt.date | None, future: bool, tense: str | None) -> tuple[str, str, str] | None:
    """An interval written as two points: "between 1994 and 2000", "2011 to 2015", "February 15-17",
    "between March and June" (the year carried from the side that has it, else the nearest March
    and the first June after it)."""
    if _ISO_DATE.match(clean):
        return None  # "2016-05-04" is one day, not 2016 to May
    m = _DAY_RANGE.match(clean)
    if m:
        month = m.group("month") or m.group("month2")
        if month.lower().rstrip(".") not in _MONTHS:
            return None
        year = f" {m.group('year')}" if m.group("year") else ""
        a, b = (f"{month} {m.group('d1') or m.group('e1')}{year}", f"{month} {m.group('d2') or m.group('e2')}{year}")
    else:
        m = _RANGE.match(clean)
        if not m:
            return None
        a, b = (m.group("a") or m.group("a2")).strip(), (m.group("b") or m.group("b2")).strip()
    if _HAS_YEAR.search(b) and not _HAS_YEAR.search(a) and _MONTH_WORDS.search(a):
        a = f"{a} {_HAS_YEAR.search(b).group(0)}"  # type: ignore[union-attr]
    elif _HAS_YEAR.search(a) and not _HAS_YEAR.search(b) and _MONTH_WORDS.search(b):
        b = f"{b} {_HAS_YEAR.search(a).group(0)}"  # type: ignore[union-attr]
    first, last = _resolve(a, published, future, tense), _resolve(b, published, future, tense)
    if not (first.value and last.value and first.precision and last.precision):
        return None
    precision = max(first.precision, last.precision, key=_PRECISIONS.index)
    precision = {"week": "day"}.get(precision, precision)
    size = {"day": 10, "month": 7}.get(precision, 4)
    begins, ends = first.value[:size], last.value[:size]
    if ends < begins and precision in ("day", "month") and not _HAS_YEAR.search(b):
        # "between November and February": the February after that November.
        ends = f"{int(ends[:4]) + 1:04d}{ends[4:]}"
    return (begins, ends, precision) if begins <= ends else None


def _resolve(text: str, published: dt.date | None, future: bool, tense: str | None = None) -> ResolvedDate:
    clean = _EDGE.sub("", text)
    lower = clean.lower()
    relative = bool(_RELATIVE.search(lower))
    if not _ANCHOR.search(lower):
        # Nothing that names a time: "the year", "that month" point at a time named elsewhere.
        return ResolvedDate(None, None, relative)
    if clean.isdigit() and len(clean) < 4:
        return ResolvedDate(None, None, False)  # "81" after a name is an age, not 1981
    m = _YEAR_ONLY.match(clean)
    if m:
        return ResolvedDate(m.group(1), "year", False)
    m = _ISO_DATE.match(clean)
    if m:
        # dt.date raises ValueError for "2016-02-30", which resolve() turns into no value.
        return ResolvedDate(dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day"))).isoformat(), "day", False)
    m = _DECADE.match(clean)
    if m:
        return ResolvedDate(m.group(1)[:3] + "0", "decade", False)
    if relative and published is None:
        return ResolvedDate(None, None, True)
    if published is not None:
        m = _TODAY.match(lower)
        if m:
            day = published + dt.timedelta(days=_DAY_OFFSET.get(m.group("day").lower(), 0))
            return ResolvedDate(day.isoformat(), "day", True)
        m = _WEEKDAY.match(lower)
        if m:
            # The clause's own tense decides when it has one ("the results of Tuesday's primaries were ...").
            ahead = tense == "future" if tense in ("future", "past") else future
            return ResolvedDate(_weekday(m.group("which"), m.group("day"), published, ahead).isoformat(), "day", True)
        m = _AGO.match(lower)
        if m:
            n = m.group("n")
            count = (int(n) if n.isdigit() else (_WORD_NUMBERS.get(n) or 1)) * (-1 if m.group("dir") == "ago" else 1)
            unit = m.group("unit").lower()
            if unit in ("year", "decade"):
                years = count * (10 if unit == "decade" else 1)
                return ResolvedDate(cut(shift_months(published, 12 * years).replace(day=1), "month"), "month", True)
            if unit == "month":
                return ResolvedDate(cut(shift_months(published, count), "month"), "month", True)
            days = count * (7 if unit == "week" else 1)
            return ResolvedDate((published + dt.timedelta(days=days)).isoformat(), "week" if unit == "week" else "day", True)
        m = _YEARLESS.match(lower)
        if m and tense is not None:
            month = (m.group("month") or m.group("month2")).lower()
            return _yearless(_MONTHS[month], m.group("day") or m.group("day2"), published, tense)
        m = _NAMED_MONTH.match(lower)
        if m:
            month = _MONTHS[m.group("month").lower()]
            if m.group("which") in AHEAD:
                year = published.year + (month <= published.month)
            else:
                year = published.year - (month >= published.month)
            return ResolvedDate(f"{year:04d}-{month:02d}", "month", True)
        m = _LAST_NEXT_YEAR.match(lower)
        if m:
            offset = STEPS.get(m.group(1).lower(), 0)
            return ResolvedDate(str(published.year + offset), "year", True)
        m = _LAST_NEXT_MONTH.match(lower)
        if m:
            offset = STEPS.get(m.group(1).lower(), 0)
            return ResolvedDate(cut(shift_months(published, offset), "month"), "month", True)
    parsed = _dateparser(clean, published)
    if parsed is None:
        return ResolvedDate(None, None, relative)
    precision = _precision(lower)
    return ResolvedDate(cut(parsed, precision if precision != "week" else "day"), precision, relative)


def _yearless(month: int, day: str | None, published: dt.date, tense: str) -> ResolvedDate:
    """A month, or a day of it, with no year: the next one, the last one or the nearest."""
    candidates: list[dt.date] = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, int(day) if day else 1))
        except ValueError:
            continue  # 29 February of a common year
    if not candidates:
        return ResolvedDate(None, None, False)
    # A month is compared as a month: "in May" in a paper of 20 May is this May, either way.
    now = published if day else published.replace(day=1)
    if tense == "future":
        chosen = min((c for c in candidates if c >= now), default=candidates[-1])
    elif tense == "past":
        chosen = max((c for c in candidates if c <= now), default=candidates[0])
    else:
        chosen = min(candidates, key=lambda c: abs((c - now).days))
    return ResolvedDate(chosen.isoformat() if day else cut(chosen, "month"), "day" if day else "month", False)


def _dateparser(text: str, published: dt.date | None) -> dt.date | None:
    import dateparser  # imported lazily: loading it costs about half a second

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day, 12, 0)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    return parsed.date() if parsed else None
