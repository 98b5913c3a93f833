"""Lengths of time and periods: date expressions that are not one point in time.

"for 25 years" is a duration, not the year 25 years before publication; "the
past two weeks" is the interval that ends at publication; "last quarter" is the
calendar quarter before it; "annually" recurs.  :func:`read_period` recognises
these forms of general English and computes what can be computed from the
publication date; :mod:`claimcheck.analysis.dates` reports them next to the
points it resolves itself (and composes "since X" and "between X and Y" from two
points).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: The units of time, with the ISO 8601 designator of one unit and the
#: precision an interval counted in that unit is reported at (a span of
#: years is not known to the day, a span of days is).
_UNITS: dict[str, tuple[str, str]] = {
    "second": ("PT{n}S", "day"), "minute": ("PT{n}M", "day"), "hour": ("PT{n}H", "day"),
    "day": ("P{n}D", "day"), "night": ("P{n}D", "day"), "week": ("P{n}W", "day"), "fortnight": ("P{n2}W", "day"),
    "month": ("P{n}M", "month"), "quarter": ("P{n3}M", "month"), "year": ("P{n}Y", "month"),
    "decade": ("P{n10}Y", "year"), "century": ("P{n100}Y", "year"),
}
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))(?P<plural>s)?"
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
}
# Counts that say how many without a number: the period is there, its length is not.
_VAGUE = ("a few", "few", "several", "many", "some", "a couple of", "a couple", "couple of", "a number of",
          "dozens of", "hundreds of", "the", "recent", "those", "these")
_COUNT = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True))
_NUMBER = rf"(?P<n>{_COUNT}|(?P<vague>" + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + "))"
# Words that bound or soften a length without changing what is measured: the text keeps them.
_QUALIFIER = (r"(?:(?:more|less|fewer) than|just (?:over|under)|well (?:over|under)|at (?:least|most)|up to|"
              r"under|over|almost|nearly|about|around|approximately|roughly|some|just|only|another|a further|"
              r"an additional|a full|the)\s+")
_DURATION = re.compile(rf"^(?:{_QUALIFIER})*(?:{_NUMBER}[\s-]+)?{_UNIT}(?:[\s-]+long)?$")
_DURATION_RANGE = re.compile(rf"^(?:between\s+)?(?:{_COUNT})\s*(?:and|to|or|-|–)\s*(?:{_COUNT})[\s-]+{_UNIT}$")
_AGE = re.compile(r"\b(?:\d+|[a-z]+)[\s-]+(?:year|month|week)s?[\s-]+olds?\b|^aged?\s+\d+$")
_WINDOW = re.compile(
    rf"^(?P<the>the\s+)?(?P<dir>past|last|previous|preceding|next|coming|following|upcoming)\s+(?:{_NUMBER}\s+)?{_UNIT}$")
_RECENT = re.compile(rf"^(?:in\s+)?recent\s+{_UNIT}$")
_RECURRING = re.compile(
    r"^(?:(?:each|every|per|once a|twice a|(?:once|twice|\w+ times) (?:a|per|each|every))\s+(?:single\s+)?"
    r"(?P<unit>day|night|week|month|quarter|year)|(?P<adjective>annual|annually|yearly|daily|nightly|weekly|monthly|quarterly))$"
)
_ADJECTIVE_UNITS = {"annual": "year", "annually": "year", "yearly": "year", "daily": "day", "nightly": "night",
                    "weekly": "week", "monthly": "month", "quarterly": "quarter"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}
_YEAR_TAIL = r"(?:\s+of\s+(?:(?P<year>\d{4})|(?P<which>this|last|next|the) year))?"
_QUARTER = re.compile(
    rf"^(?:the\s+)?(?:(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|final)\s+quarter|q(?P<q>[1-4]))"
    rf"(?:{_YEAR_TAIL}|\s+(?P<year2>\d{{4}}))?$")
_THIS_QUARTER = re.compile(r"^(?:the\s+)?(?P<which>last|previous|past|this|current|next|coming)\s+quarter$")
_HALF = re.compile(rf"^(?:the\s+)?(?P<ord>first|second)\s+half{_YEAR_TAIL}$")
_FIRST_MONTHS = re.compile(rf"^(?:the\s+)?(?P<side>first|last|final)\s+(?P<n>\w+)\s+months{_YEAR_TAIL}$")

# Seasons as the northern hemisphere's meteorological ones (the month each begins): news in
# English is mostly written there, and a reader of "this summer" in June means June to August.
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON = re.compile(
    r"^(?:(?P<which>the|this|last|next|past|coming|this past|this coming)\s+)?(?:(?:early|late|mid)[\s-]+)?"
    r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?$")
_WEEKEND = re.compile(r"^(?:(?P<which>the|this|last|next|past|coming|this past|this coming|all)\s+)?weekend$")
_BACK = ("last", "past", "this past")
AHEAD = ("next", "coming", "this coming")
#: How many calendar units "last", "next" and the like step from the one of publication.
STEPS = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}


@dataclass(frozen=True)
class Period:
    """A length of time or a period, with what the publication date lets us compute.

    ``kind`` is ``duration`` (a length: "for 25 years"), ``interval`` (a stretch
    of the calendar: "the past two weeks", "last quarter") or ``recurring``
    ("annually").  ``begins`` and ``ends`` are an interval's first and last
    value, cut to ``precision`` and inclusive; ``duration`` is the length as an
    ISO 8601 duration ("P25Y", "P2W"), None when the text gives no number
    ("for months").
    """

    kind: str
    duration: str | None = None
    begins: str | None = None
    ends: str | None = None
    precision: str | None = None


def cut(date: dt.date, precision: str) -> str:
    """``date`` as ISO 8601, cut to ``precision`` (``year``, ``month``, else the day)."""
    if precision in ("year", "decade"):
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def shift_months(date: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``date``'s month (before, when negative)."""
    index = date.year * 12 + (date.month - 1) + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def _count(n: str | None, vague: str | None, plural: bool = False) -> float | None:
    if vague or (n is None and plural):
        return None  # "a few years", "decades": a length with no number
    if n is None:
        return 1
    if n in _WORD_NUMBERS:
        return _WORD_NUMBERS[n]
    return float(n.replace(",", ""))


def _unit(name: str) -> str:
    return "century" if name.startswith("centur") else name


def iso_duration(count: float | None, unit: str) -> str | None:
    """``count`` ``unit``s as an ISO 8601 duration: (25, "year") -> "P25Y"; None for no count."""
    if count is None:
        return None
    pattern = _UNITS[unit][0]
    numbers = {key: count * factor for key, factor in (("n", 1), ("n2", 2), ("n3", 3), ("n10", 10), ("n100", 100))}
    return pattern.format(**{key: f"{value:g}" for key, value in numbers.items()})


def _move(published: dt.date, count: float, unit: str, sign: int) -> dt.date:
    """The publication date moved ``count`` units back (sign -1) or forward (+1)."""
    if unit in ("second", "minute", "hour"):
        return published
    if unit in ("day", "night", "week", "fortnight"):
        days = {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit] * count
        return published + dt.timedelta(days=sign * round(days))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * count
    moved = shift_months(published, sign * round(months))
    return moved.replace(day=min(published.day, 28))


def _quarter(year: int, quarter: int) -> Period:
    first = dt.date(year, 3 * quarter - 2, 1)
    return Period("interval", "P3M", cut(first, "month"), cut(shift_months(first, 2), "month"), "month")


def _year_of(m: re.Match[str], published: dt.date | None, starts: int, future: bool) -> int | None:
    """The year a "first quarter"/"second half" belongs to: written, named, or the nearest that has
    begun by publication (the next one when the clause is about the future)."""
    groups = m.groupdict()
    year = groups.get("year") or groups.get("year2")
    if year:
        return int(year)
    if published is None:
        return None
    which = groups.get("which")
    if which in ("last", "next"):
        return published.year + (-1 if which == "last" else 1)
    if which in ("this", "the") or future or starts <= published.month:
        return published.year
    return published.year - 1


def _season(m: re.Match[str], published: dt.date | None, tense: str | None) -> Period:
    """ "this summer", "last fall", "the summer of 2011": three calendar months. Without a year,
    "last" is the latest that ended before the month of publication, "next" the first that begins
    after it; otherwise the one under way, else, in a past clause, the latest that has begun, in a
    future clause the first to come, and with no tense the one of the year of publication ("this"
    keeps to the seasons that touch that year)."""
    first_month = _SEASONS[m.group("season")]
    which = m.group("which") or ""
    if m.group("year"):
        first = dt.date(int(m.group("year")), first_month, 1)
    elif published is None:
        return Period("interval", "P3M")
    else:
        month = dt.date(published.year, published.month, 1)
        starts = [dt.date(year, first_month, 1) for year in range(published.year - 2, published.year + 2)]
        if which in _BACK:
            first = max(start for start in starts if shift_months(start, 2) < month)
        elif which in AHEAD:
            first = min(start for start in starts if start > month)
        else:
            under_way = [start for start in starts if start <= month <= shift_months(start, 2)]
            if which == "this":
                # One that touches the year of publication: "this winter" in April is the one just
                # over in a past clause, the next one otherwise.
                starts = [start for start in starts if published.year in (start.year, shift_months(start, 2).year)]
            begun = [start for start in starts if start <= month]
            ahead = [start for start in starts if start > month]
            if under_way:
                first = under_way[0]
            elif tense == "past" and begun:
                first = max(begun)
            elif (tense == "future" or which == "this") and ahead:
                first = min(ahead)
            elif which == "this":
                first = max(begun)
            else:
                first = next(start for start in starts if start.year == published.year)
    return Period("interval", "P3M", cut(first, "month"), cut(shift_months(first, 2), "month"), "month")


def _weekend(m: re.Match[str], published: dt.date | None, tense: str | None) -> Period:
    """ "last weekend", "this weekend", "over the weekend": a Saturday and the Sunday after it. "this"
    is the coming one (the one under way in a weekend paper) unless the clause is past; "the" and
    "all" the last one unless the clause is future."""
    if published is None:
        return Period("interval", "P2D")
    which = m.group("which") or ""
    saturday_ahead = published + dt.timedelta(days=(5 - published.weekday()) % 7)
    if published.weekday() == 6:
        saturday_ahead = published - dt.timedelta(days=1)  # a Sunday paper is inside its weekend
    under_way = published.weekday() >= 5
    last = saturday_ahead if under_way and which not in _BACK else saturday_ahead - dt.timedelta(days=7)
    if which in _BACK:
        saturday = last
    elif which in AHEAD:
        saturday = saturday_ahead + dt.timedelta(days=7 if under_way else 0)
    elif tense == "past" or (tense != "future" and which in ("", "the", "all")):
        saturday = last
    else:
        saturday = saturday_ahead
    return Period("interval", "P2D", saturday.isoformat(), (saturday + dt.timedelta(days=1)).isoformat(), "day")


def read_period(text: str, published: dt.date | None, future: bool = False, tense: str | None = None) -> Period | None:
    """Read a duration, interval or recurring period, or None when ``text`` is none of these.

    Args:
        text: the expression, lower-cased and with its spaces folded ("the past two weeks").
        published: the publication date intervals relative to it are computed from.
        future: the clause speaks of the future (decides which "first quarter" is meant).
        tense: the clause's tense (``past``, ``present``, ``future``) when known: which "summer"
            and which "weekend" is meant.

    Returns:
        The period, with its bounds when the publication date fixes them.
    """
    m = _SEASON.match(text)
    if m:
        return _season(m, published, tense or ("future" if future else None))
    m = _WEEKEND.match(text)
    if m:
        return _weekend(m, published, tense or ("future" if future else None))
    m = _RECURRING.match(text)
    if m:
        unit = m.group("unit") or _ADJECTIVE_UNITS[m.group("adjective")]
        return Period("recurring", iso_duration(1, unit))
    m = _WINDOW.match(text)
    if m and not (m.group("the") is None and m.group("n") is None and m.group("vague") is None
                  and m.group("unit") in ("day", "week", "month", "year", "quarter")):
        # "the past two weeks", "the next decade"; "last year" and "next week" are calendar points (dates.py).
        unit = _unit(m.group("unit"))
        count = _count(m.group("n"), m.group("vague"), bool(m.group("plural")))
        length = iso_duration(count, unit)
        direction = m.group("dir")
        if direction == "following" or published is None:
            return Period("interval", length)  # "the following year": counted from another event
        precision = _UNITS[unit][1]
        ahead = direction in ("next", "coming", "upcoming")
        if count is None:
            edge = cut(published, precision)  # "the past few years": only the end is known
            return Period("interval", None, edge if ahead else None, None if ahead else edge, precision)
        other = _move(published, count, unit, 1 if ahead else -1)
        low, high = (published, other) if ahead else (other, published)
        return Period("interval", length, cut(low, precision), cut(high, precision), precision)
    m = _RECENT.match(text)
    if m:
        precision = _UNITS[_unit(m.group("unit"))][1]
        return Period("interval", None, None, cut(published, precision) if published else None, precision)
    for pattern, which_quarter in ((_QUARTER, True), (_HALF, False)):
        m = pattern.match(text)
        if m:
            ordinal = m.group("ord")
            number = int(m.group("q")) if which_quarter and m.group("q") else _ORDINALS[ordinal]
            first_month = 3 * number - 2 if which_quarter else 6 * number - 5
            year = _year_of(m, published, first_month, future)
            if year is None:
                return Period("interval", "P3M" if which_quarter else "P6M")
            if which_quarter:
                return _quarter(year, number)
            first = dt.date(year, first_month, 1)
            return Period("interval", "P6M", cut(first, "month"), cut(shift_months(first, 5), "month"), "month")
    m = _THIS_QUARTER.match(text)
    if m:
        if published is None:
            return Period("interval", "P3M")
        offset = STEPS.get(m.group("which"), 0)
        index = published.year * 4 + (published.month - 1) // 3 + offset
        return _quarter(index // 4, index % 4 + 1)
    m = _FIRST_MONTHS.match(text)
    if m and (m.group("n") in _WORD_NUMBERS or m.group("n").isdigit()):
        count = int(_count(m.group("n"), None) or 1)
        year = _year_of(m, published, 1, future)
        if year is None or not 1 <= count <= 12:
            return Period("interval", iso_duration(count, "month"))
        first = dt.date(year, 1 if m.group("side") == "first" else 13 - count, 1)
        return Period("interval", iso_duration(count, "month"), cut(first, "month"),
                      cut(shift_months(first, count - 1), "month"), "month")
    if _AGE.search(text):
        return None
    m = _DURATION_RANGE.match(text)
    if m:
        return Period("duration")  # "between six and 12 months": a length, but not one
    m = _DURATION.match(text)
    if m and (m.group("n") or m.group("vague") or m.group("plural")):
        # "the year" and "that day" point at a time named elsewhere; "years" and "a year" are lengths.
        return Period("duration", iso_duration(_count(m.group("n"), m.group("vague"), bool(m.group("plural"))),
                                                 _unit(m.group("unit"))))
    return None


def is_age(text: str) -> bool:
    """True for an age written like a date ("16-year-olds", "a six-year-old"): not a time at all."""
    return bool(_AGE.search(text))
