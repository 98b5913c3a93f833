"""The publication date is read only from forms with one reading; the rest are refused with the accepted forms."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.analysis.dates import publication_date, resolve
from claimcheck.errors import ClaimcheckError, ErrorCode


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-06-19", dt.date(2024, 6, 19)),
        (" 2024-6-9 ", dt.date(2024, 6, 9)),
        ("2024-06-19T08:30:00+01:00", dt.date(2024, 6, 19)),
        ("2024-06-19T23:30:00-05:00", dt.date(2024, 6, 19)),  # the date as written, not converted to UTC
        ("2024-06-19T08:30:00Z", dt.date(2024, 6, 19)),
        ("2024-06-19 08:30", dt.date(2024, 6, 19)),
        ("19 June 2024", dt.date(2024, 6, 19)),
        ("June 19, 2024", dt.date(2024, 6, 19)),
        ("Wed 19 Jun 2024", dt.date(2024, 6, 19)),
        ("Wednesday, 19 June 2024", dt.date(2024, 6, 19)),
        ("19th of June 2024", dt.date(2024, 6, 19)),
        ("Sept. 3, 2024", dt.date(2024, 9, 3)),
        (dt.date(2024, 6, 19), dt.date(2024, 6, 19)),
        (dt.datetime(2024, 6, 19, 23, 0), dt.date(2024, 6, 19)),
    ],
)
def test_publication_date_accepts_forms_with_one_reading(value, expected: dt.date) -> None:
    assert publication_date(value) == expected


@pytest.mark.parametrize(
    "value,why",
    [
        ("06/07/2024", "day first it is 2024-07-06, month first 2024-06-07"),
        ("19/06/2024", "write 2024-06-19"),
        ("6.7.24", "two-digit year"),
        ("yesterday", "relative"),
        ("next Monday", "relative"),
        ("", "empty"),
        ("   ", "empty"),
        ("0001-01-01", "outside 1800-2199"),
        ("9999-12-31", "outside 1800-2199"),
        (dt.date(1, 1, 1), "outside 1800-2199"),
        ("2024-02-30", "no such date"),
        ("2024-13-45", "no such date"),
        ("2024-06-19T25:00", "not a valid ISO datetime"),
        ("June 2024", "not a date in an accepted form"),
        ("not a date", "not a date in an accepted form"),
    ],
)
def test_publication_date_refuses_the_rest(value, why: str) -> None:
    with pytest.raises(ClaimcheckError) as caught:
        publication_date(value)
    assert caught.value.code == ErrorCode.BAD_DATE
    assert why in caught.value.message and "accepted forms: 2024-06-19" in caught.value.message


@pytest.mark.parametrize("text", ["5000 years ago", "a year ago", "next year"])
@pytest.mark.parametrize("published", [dt.date(1800, 1, 1), dt.date(2199, 12, 31), dt.date(2024, 1, 1)])
def test_resolve_never_raises_at_the_edges_of_the_calendar(text: str, published: dt.date) -> None:
    result = resolve(text, published)
    assert result.relative
    assert result.value is None or result.value[:4].isdigit()


@pytest.mark.parametrize(
    "value,expected",
    [("19 June 2024", dt.date(2024, 6, 19)), ("June 19, 2024", dt.date(2024, 6, 19)), ("0001-01-01", None), ("06/07/2024", None)],
)
def test_printed_publication_date_follows_the_same_rule(value: str, expected: dt.date | None) -> None:
    from claimcheck.analysis.document import parse_date

    assert parse_date(value) == expected
