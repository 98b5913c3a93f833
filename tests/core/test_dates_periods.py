"""What is not one point in time is reported as what it is: a duration, an interval or a recurring period."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.analysis.dates import resolve

PUBLISHED = dt.date(2016, 5, 4)


def _read(text: str, before: str = "", future: bool = False) -> tuple:
    got = resolve(text, PUBLISHED, future, before)
    return got.kind, got.value, got.precision, got.begins, got.ends, got.duration


@pytest.mark.parametrize(
    "text,duration",
    [
        ("25 years", "P25Y"),  # "has operated in the region for 25 years": not 1991
        ("10 years", "P10Y"),  # "served 10 years in prison": not 2006
        ("15 days", "P15D"),
        ("a week", "P1W"),
        ("three months", "P3M"),
        ("more than a year", "P1Y"),  # the qualifier stays in the text
        ("almost a decade", "P10Y"),
        ("more than two decades", "P20Y"),
        ("a half-century", "P50Y"),
        ("five-year", "P5Y"),  # "a five-year plan"
        ("10-year", "P10Y"),
        ("48 hours", "PT48H"),
        ("decades", None),  # a length, with no number to give it
        ("months", None),
        ("a few weeks", None),
        ("between six and 12 months", None),  # a length, but not one length
        ("six or seven months", None),
    ],
)
def test_dates_durations_are_lengths_not_dates(text: str, duration: str | None) -> None:
    assert _read(text) == ("duration", None, None, None, None, duration)


@pytest.mark.parametrize(
    "text,precision,begins,ends,duration",
    [
        ("the past two weeks", "day", "2016-04-20", "2016-05-04", "P2W"),
        ("the last two weeks", "day", "2016-04-20", "2016-05-04", "P2W"),
        ("the past week", "day", "2016-04-27", "2016-05-04", "P1W"),
        ("the last year", "month", "2015-05", "2016-05", "P1Y"),  # the twelve months to publication, not 2015
        ("the past 10 years", "month", "2006-05", "2016-05", "P10Y"),
        ("the past decade", "year", "2006", "2016", "P10Y"),
        ("the next decade", "year", "2016", "2026", "P10Y"),  # "over the next decade": not the year 2026
        ("the next two years", "month", "2016-05", "2018-05", "P2Y"),
        ("the coming year", "month", "2016-05", "2017-05", "P1Y"),
        ("the past few years", "month", None, "2016-05", None),  # only its end is known
        ("recent years", "month", None, "2016-05", None),
        ("the coming weeks", "day", "2016-05-04", None, None),
    ],
)
def test_dates_windows_run_from_or_to_publication(text: str, precision: str, begins: str | None, ends: str | None,
                                                 duration: str | None) -> None:
    assert _read(text) == ("interval", None, precision, begins, ends, duration)


def test_dates_following_window_is_counted_from_another_event() -> None:
    assert _read("the following year") == ("interval", None, None, None, None, "P1Y")


@pytest.mark.parametrize(
    "text,precision,begins,ends",
    [
        ("2010", "year", "2010", "2016"),
        ("September", "month", "2015-09", "2016-05"),
        ("last June", "month", "2015-06", "2016-05"),
        ("the 1980s", "year", "1980", "2016"),
        ("Monday", "day", "2016-05-02", "2016-05-04"),
    ],
)
def test_dates_since_a_point_is_the_interval_to_publication(text: str, precision: str, begins: str, ends: str) -> None:
    assert _read(text, before="since") == ("interval", None, precision, begins, ends, None)


def test_dates_the_same_point_without_since_stays_a_point() -> None:
    assert _read("2010", before="in") == ("point", "2010", "year", None, None, None)


@pytest.mark.parametrize(
    "text,precision,begins,ends",
    [
        ("between 1994 and 2000", "year", "1994", "2000"),
        ("2011 to 2015", "year", "2011", "2015"),
        ("2003-2016", "year", "2003", "2016"),
        ("between March and June", "month", "2016-03", "2016-06"),  # the nearest March, the June after it
        ("between November and February", "month", "2015-11", "2016-02"),
        ("March to June 2015", "month", "2015-03", "2015-06"),  # the year carried from the side that has it
        ("February 15-17", "day", "2016-02-15", "2016-02-17"),  # not 1917
        ("15-17 February 2015", "day", "2015-02-15", "2015-02-17"),
        ("March 30-April 4", "day", "2016-03-30", "2016-04-04"),
        ("Feb. 15 to March 15", "day", "2016-02-15", "2016-03-15"),
    ],
)
def test_dates_two_points_make_an_interval(text: str, precision: str, begins: str, ends: str) -> None:
    assert _read(text) == ("interval", None, precision, begins, ends, None)


@pytest.mark.parametrize(
    "text,begins,ends,duration",
    [
        ("last quarter", "2016-01", "2016-03", "P3M"),
        ("this quarter", "2016-04", "2016-06", "P3M"),
        ("next quarter", "2016-07", "2016-09", "P3M"),
        ("the first quarter", "2016-01", "2016-03", "P3M"),
        ("the fourth quarter", "2015-10", "2015-12", "P3M"),  # the last one that has begun
        ("the third quarter of 2014", "2014-07", "2014-09", "P3M"),
        ("Q2 2015", "2015-04", "2015-06", "P3M"),
        ("the second half of last year", "2015-07", "2015-12", "P6M"),
        ("the first two months of 2005", "2005-01", "2005-02", "P2M"),
    ],
)
def test_dates_calendar_quarters_and_halves_are_intervals(text: str, begins: str, ends: str, duration: str) -> None:
    assert _read(text) == ("interval", None, "month", begins, ends, duration)


def test_dates_future_quarter_is_the_coming_one() -> None:
    assert _read("the fourth quarter", future=True)[3:5] == ("2016-10", "2016-12")


def test_dates_within_a_length_in_a_future_clause_runs_from_publication() -> None:
    # "will close within 18 months": from publication forward, not back to 2014-11.
    assert _read("18 months", before="within", future=True) == ("interval", None, "month", "2016-05", "2017-11", "P18M")
    assert _read("18 months", before="within") == ("duration", None, None, None, None, "P18M")


@pytest.mark.parametrize(
    "text,duration",
    [("annual", "P1Y"), ("annually", "P1Y"), ("each year", "P1Y"), ("every day", "P1D"), ("twice a year", "P1Y"),
     ("weekly", "P1W"), ("every single day", "P1D")],
)
def test_dates_recurring_periods(text: str, duration: str) -> None:
    assert _read(text) == ("recurring", None, None, None, None, duration)


@pytest.mark.parametrize("text", ["16-year-olds", "a 40-year-old", "6-year-old", "age 5"])
def test_dates_ages_are_not_times(text: str) -> None:
    assert _read(text)[:2] == (None, None)


@pytest.mark.parametrize(
    "text,value,precision",
    [
        ("last year", "2015", "year"),  # a calendar year, not the twelve months to publication
        ("next week", "2016-05-11", "week"),
        ("two years ago", "2014-05", "month"),
        ("two months from now", "2016-07", "month"),
        ("last July", "2015-07", "month"),  # the most recent July before publication
        ("last April", "2016-04", "month"),
        ("next May", "2017-05", "month"),
        ("late last year", "2015", "year"),
        ("mid-2016", "2016", "year"),
        ("the end of January", "2016-01", "month"),
        ("2016-05-02", "2016-05-02", "day"),
        ("the early 1990s", "1990", "decade"),
    ],
)
def test_dates_points_stay_points(text: str, value: str, precision: str) -> None:
    assert _read(text) == ("point", value, precision, None, None, None)


@pytest.mark.parametrize("text", ["the year", "that month", "the day"])
def test_dates_a_time_named_elsewhere_is_an_unresolved_point(text: str) -> None:
    assert _read(text) == ("point", None, None, None, None, None)


def test_dates_periods_in_the_report(engine) -> None:
    text = ("The firm has operated in the region for 25 years. Its sales have risen 40% since 2010. "
            "Prices rose 5% in the past two weeks, the agency said.")
    report = engine.check(text, published="2016-05-04", all=True)
    dates = {d["text"]: d for claim in report.to_dict()["claims"] for d in claim["dates"]}
    assert {k: dates["25 years"][k] for k in ("value", "kind", "duration")} == {
        "value": None, "kind": "duration", "duration": "P25Y"}
    assert (dates["2010"]["kind"], dates["2010"]["begins"], dates["2010"]["ends"]) == ("interval", "2010", "2016")
    window = dates["the past two weeks"]
    assert (window["kind"], window["begins"], window["ends"], window["precision"]) == (
        "interval", "2016-04-20", "2016-05-04", "day")


@pytest.mark.parametrize(
    "text,tense,value",
    [
        ("November", "future", "2016-11"),  # "will win in November", in May 2016
        ("November", "past", "2015-11"),  # "endorsed him in November"
        ("November", "present", "2015-11"),  # the nearest: 182 days back against 184 ahead
        ("December", "present", "2015-12"),
        ("August", "present", "2016-08"),  # "the August convention": three months ahead, not nine back
        ("June 7", "present", "2016-06-07"),  # "California's June 7 primary"
        ("June 7", None, "2015-06-07"),  # the tense not known: the last one, as before
        ("May", "future", "2016-05"),  # the month of publication is this month either way
        ("May", "past", "2016-05"),
        ("3 May", "future", "2017-05-03"),  # a day already gone is next year's in a future clause
    ],
)
def test_dates_yearless_month_follows_the_clause(text: str, tense: str | None, value: str) -> None:
    assert resolve(text, PUBLISHED, False, "", tense).value == value


@pytest.mark.parametrize(
    "sentence,tense",
    [
        ("Trump will win in November.", "future"),
        ("Trump could win in November.", "future"),
        ("The bill would put a measure on the November ballot.", "future"),
        ("He plans to vote for Sanders in the March 1 primary.", "future"),
        ("The votes won't be counted until March 15.", "future"),
        ("He endorsed Clinton in October.", "past"),
        ("He has campaigned there since March.", "past"),
        ("The primary is June 14.", "present"),
        ("Applicants were due to file paperwork by March 15.", "past"),
        ("He planned to vote for Sanders in March.", "present"),  # ahead of a past time only: the nearest
        # A participle or a second verb takes the tense of the clause it hangs on.
        ("He made the claim while testifying before the committee in October.", "past"),
        ("She will win Pennsylvania and carry Maryland on April 26.", "future"),
    ],
)
def test_dates_clause_tense(engine, sentence: str, tense: str) -> None:
    from claimcheck.analysis.dates import clause_tense

    doc = engine.nlp(sentence)
    dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
    assert dates and clause_tense(dates[0].root) == tense


@pytest.mark.parametrize(
    "fields,reading",
    [
        ({"value": "2015", "precision": "year"}, "2015"),
        ({"value": None, "precision": "day", "kind": "interval", "begins": "2016-04-20", "ends": "2016-05-04"},
         "2016-04-20 to 2016-05-04"),
        ({"value": None, "precision": "month", "kind": "interval", "ends": "2016-05"}, "to 2016-05"),
        ({"value": None, "precision": None, "kind": "interval", "duration": "P1Y"}, None),
        ({"value": None, "precision": None, "kind": "duration", "duration": "P25Y"}, "a length of time, P25Y"),
        ({"value": None, "precision": None, "kind": "recurring", "duration": "P1Y"}, "recurs every P1Y"),
        ({"value": None, "precision": None, "kind": None}, None),
    ],
)
def test_dates_reading_for_text_reports(fields: dict, reading: str | None) -> None:
    from claimcheck.report import DateRef

    assert DateRef(text="x", relative=False, start=0, end=1, **fields).reading() == reading


def test_dates_text_report_shows_lengths_and_intervals(engine) -> None:
    import io

    from claimcheck.formats.markdown import render
    from claimcheck.formats.text import TextFormat

    report = engine.check("The firm has operated in the region for 25 years. Prices rose 5% in the past two weeks.",
                          published="2016-05-04", all=True)
    out = io.StringIO()
    TextFormat().write(report, out)
    shown = out.getvalue() + render(report)
    assert "25 years = a length of time, P25Y" in shown and "the past two weeks = 2016-04-20 to 2016-05-04" in shown


def test_dates_relative_date_finding_gives_the_interval(engine) -> None:
    report = engine.check("Prices rose 5% in the past two weeks, the agency said.", published="2016-05-04", all=True)
    messages = [f.message for f in report.findings if "the past two weeks" in f.message]
    assert messages and "resolves to 2016-04-20 to 2016-05-04" in messages[0]


@pytest.mark.parametrize(
    "tense,future,value",
    [
        ("past", True, "2016-05-03"),  # "the budget office reported on Tuesday", in a claim typed a prediction
        ("future", False, "2016-05-10"),  # "ahead of Tuesday's caucus", in a claim typed otherwise
        ("present", True, "2016-05-10"),  # no tense of its own: the claim's type decides, as before
        ("present", False, "2016-05-03"),
    ],
)
def test_dates_weekday_follows_the_clause_tense(tense: str, future: bool, value: str) -> None:
    assert resolve("Tuesday", PUBLISHED, future, "", tense).value == value


@pytest.mark.parametrize(
    "text,tense,begins,ends",
    [
        ("this summer", None, "2016-06", "2016-08"),
        ("this summer", "past", "2016-06", "2016-08"),  # in May, this year's summer whatever the tense
        ("this spring", None, "2016-03", "2016-05"),  # under way
        ("last fall", None, "2015-09", "2015-11"),
        ("last winter", None, "2015-12", "2016-02"),
        ("this winter", "past", "2015-12", "2016-02"),  # just over
        ("this winter", None, "2016-12", "2017-02"),
        ("next summer", None, "2016-06", "2016-08"),
        ("next spring", None, "2017-03", "2017-05"),
        ("the summer", "past", "2015-06", "2015-08"),  # "throughout the summer, members campaigned"
        ("the fall", "future", "2016-09", "2016-11"),
        ("the summer of 2011", None, "2011-06", "2011-08"),
        ("spring 2012", None, "2012-03", "2012-05"),
    ],
)
def test_dates_seasons_are_three_months(text: str, tense: str | None, begins: str, ends: str) -> None:
    got = resolve(text, PUBLISHED, False, "", tense)
    assert (got.kind, got.value, got.precision, got.begins, got.ends, got.duration) == (
        "interval", None, "month", begins, ends, "P3M")


@pytest.mark.parametrize(
    "published,text,tense,saturday",
    [
        (PUBLISHED, "this weekend", None, "2016-05-07"),  # a Wednesday paper: the coming one
        (PUBLISHED, "this weekend", "past", "2016-04-30"),  # "this weekend's debate gave ..."
        (PUBLISHED, "the weekend", None, "2016-04-30"),  # "over the weekend"
        (PUBLISHED, "the weekend", "future", "2016-05-07"),
        (PUBLISHED, "last weekend", None, "2016-04-30"),
        (PUBLISHED, "next weekend", None, "2016-05-07"),
        (dt.date(2016, 5, 7), "this weekend", None, "2016-05-07"),  # a Saturday paper: under way
        (dt.date(2016, 5, 8), "the weekend", None, "2016-05-07"),  # a Sunday paper
        (dt.date(2016, 5, 7), "last weekend", None, "2016-04-30"),
        (dt.date(2016, 5, 7), "next weekend", None, "2016-05-14"),
    ],
)
def test_dates_weekends_are_a_saturday_and_a_sunday(published: dt.date, text: str, tense: str | None,
                                                    saturday: str) -> None:
    got = resolve(text, published, False, "", tense)
    sunday = (dt.date.fromisoformat(saturday) + dt.timedelta(days=1)).isoformat()
    assert (got.kind, got.precision, got.begins, got.ends, got.duration) == ("interval", "day", saturday, sunday, "P2D")
