"""The claimcheck-markdown example plugin's report format, on hand-built reports."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from claimcheck.formats.base import ReportFormat
from claimcheck.report import Attribution, Claim, DateRef, Diagnostic, DocumentInfo, Evidence, Finding, Report


def make_report(claims: int = 1) -> Report:
    claim = Claim(
        id="c1",
        text="Russia delivered *40* [tanks] to Pyongyang",
        sentence="Russia delivered *40* [tanks] to Pyongyang last week.",
        start=0,
        end=40,
        sentence_start=0,
        sentence_end=52,
        type="event",
        score=0.812,
        band="high",
        attribution=Attribution(speaker="Dmitry Peskov", cue="said", kind="person", quoted=True),
        hedges=["reportedly"],
        dates=[DateRef(text="last week", value="2024-06-10", precision="week", relative=True, start=41, end=50)],
        notes=["Source: SIPRI arms-transfer database."],
        lookups=[
            Evidence(source="local", claim="Russia sent tanks to North Korea", rating="False", verdict="false",
                     publisher="AFP", url="https://example.org/fc/1", date="2024-01-02", score=0.8)
        ],
    )
    return Report(
        document=DocumentInfo(source="article.txt", published="2024-06-19", published_from="argument", byline=None,
                              byline_span=None, characters=52, sentences=1),
        claims=[claim] * claims,
        findings=[Finding(rule="editorial.weasel", severity="warning", message="Vague source | who?", text="some say",
                          start=0, end=8, link="https://example.org/rules#weasel")],
        candidates=3,
        min_score=0.5,
        warnings=[Diagnostic(code="CC150", message="plugin 'x' failed in claimcheck_claims: ValueError: boom")],
        tool={"name": "claimcheck", "version": "0.1.0"},
    )


@pytest.fixture
def fmt_module(example_plugin: Callable[[str, str], Any]) -> Any:
    return example_plugin("claimcheck-markdown", "claimcheck_markdown.format")


def test_examples_markdown_format_is_a_report_format(fmt_module: Any) -> None:
    assert isinstance(fmt_module.CmsCommentFormat(), ReportFormat)
    assert fmt_module.CmsCommentFormat.name == "cms-comment"


def test_examples_markdown_format_renders_a_checklist(fmt_module: Any) -> None:
    text = fmt_module.render(make_report())
    assert text.splitlines()[0] == "### claimcheck: 1 claim to check in article.txt"
    assert "1. **Russia delivered \\*40\\* \\[tanks\\] to Pyongyang** _(event · 0.81 high)_" in text
    for line in [
        "   - Said by: Dmitry Peskov (person, quoted)",
        "   - Dates: last week = 2024-06-10",
        "   - Hedged: “reportedly”",
        "   - Note: Source: SIPRI arms-transfer database.",
        "   - Prior fact-check: [AFP: False](https://example.org/fc/1) — “Russia sent tanks to North Korea”",
        "- 🟠 **warning** [editorial.weasel](https://example.org/rules#weasel): Vague source \\| who? — “some say”",
        "- CC150 plugin 'x' failed in claimcheck\\_claims: ValueError: boom",
    ]:
        assert line in text.splitlines()


def test_examples_markdown_format_shows_intervals_and_lengths_of_time(fmt_module: Any) -> None:
    report = make_report()
    report.claims[0].dates = [
        DateRef(text="the past two weeks", value=None, precision="day", relative=True, start=0, end=18,
                kind="interval", begins="2024-06-05", ends="2024-06-19"),
        DateRef(text="25 years", value=None, precision=None, relative=False, start=20, end=28,
                kind="duration", duration="P25Y"),
    ]
    lines = fmt_module.render(report).splitlines()
    assert "   - Dates: the past two weeks = 2024-06-05 to 2024-06-19; 25 years = a length of time, P25Y" in lines


def test_examples_markdown_format_no_claims(fmt_module: Any) -> None:
    report = make_report(claims=0)
    assert "No check-worthy claims found." in fmt_module.render(report)
    assert "0 claims to check" in fmt_module.render(report)


@pytest.mark.parametrize(("documents", "summary"), [(1, False), (3, True)])
def test_examples_markdown_format_total_only_for_several_documents(fmt_module: Any, documents: int, summary: bool) -> None:
    fmt, out = fmt_module.CmsCommentFormat(), io.StringIO()
    for _ in range(documents):
        fmt.write(make_report(), out)
    fmt.close(out)
    assert out.getvalue().count("### claimcheck:") == documents
    assert ("**3 documents: 3 claims to check, 3 editorial findings.**" in out.getvalue()) is summary


def test_examples_markdown_format_escapes_a_crafted_fact_check(fmt_module: Any) -> None:
    from tests.formats.rendered import rendered_markdown

    report = make_report()
    evidence = report.claims[0].lookups[0]
    evidence.url = "https://example.org/fc/1) ![pixel](https://tracker.example/p.png"
    evidence.claim = "<img src=x onerror=alert(1)> ![x](https://tracker.example/q.png)"
    evidence.publisher = "AFP](https://evil.example)"
    page = rendered_markdown(fmt_module.render(report))
    assert page.images == [] and page.raw_html == []
    assert page.links == ["https://example.org/fc/1%29%20!%5Bpixel%5D%28https://tracker.example/p.png",
                          "https://example.org/rules#weasel"]
    assert "<img src=x onerror=alert(1)> ![x](https://tracker.example/q.png)" in page.text
    evidence.url = "javascript:alert(1)"
    assert rendered_markdown(fmt_module.render(report)).links == ["https://example.org/rules#weasel"]
