"""Date expressions resolve against the publication date at their own precision."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.analysis.dates import resolve

PUBLISHED = dt.date(2024, 6, 19)


@pytest.mark.parametrize(
    "text,value,precision,relative",
    [
        ("today", "2024-06-19", "day", True),
        ("yesterday", "2024-06-18", "day", True),
        ("A year ago", "2023-06", "month", True),
        ("two years ago", "2022-06", "month", True),
        ("three months ago", "2024-03", "month", True),
        ("last year", "2023", "year", True),
        ("next month", "2024-07", "month", True),
        ("earlier this year", "2024", "year", True),
        ("19 June 2024", "2024-06-19", "day", False),
        ("June 2024", "2024-06", "month", False),
        ("2019", "2019", "year", False),
        ("the 1990s", "1990", "decade", False),
        ("two years", None, None, False),
        ("decades", None, None, False),
    ],
)
def test_dates_resolve(text: str, value: str | None, precision: str | None, relative: bool) -> None:
    got = resolve(text, PUBLISHED)
    assert (got.value, got.precision, got.relative) == (value, precision, relative)


def test_dates_relative_without_publication_date_is_unresolved() -> None:
    got = resolve("yesterday", None)
    assert got.value is None and got.relative


def test_dates_absolute_without_publication_date() -> None:
    assert resolve("19 June 2024", None).value == "2024-06-19"


@pytest.mark.parametrize(
    "text,future,value",
    [
        ("Wednesday", False, "2024-06-19"),  # the publication day itself
        ("on Monday", False, "2024-06-17"),
        ("Friday", False, "2024-06-14"),
        ("Friday", True, "2024-06-21"),
        ("last Wednesday", False, "2024-06-12"),
        ("next Monday", False, "2024-06-24"),
        ("Tuesday evening", False, "2024-06-18"),
    ],
)
def test_dates_weekdays_follow_news_usage(text: str, future: bool, value: str) -> None:
    assert resolve(text, PUBLISHED, future).value == value


def test_dates_age_is_not_a_year(engine) -> None:
    report = engine.check("Mr Biden, 81, is the oldest president in US history.", published="2024-06-19", all=True)
    assert not [d for c in report.claims for d in c.dates if d.text == "81"]
