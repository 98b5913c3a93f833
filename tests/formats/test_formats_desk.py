"""The desk's formats (markdown, html, csv, sarif, claimreview): structure, validity and escaping."""

from __future__ import annotations

import copy
import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

import pytest

from claimcheck.formats.claimreview import ClaimReviewFormat
from claimcheck.formats.csv import COLUMNS, CsvFormat
from claimcheck.formats.html import HtmlFormat
from claimcheck.formats.markdown import MarkdownFormat
from claimcheck.formats.sarif import SarifFormat
from claimcheck.report import Evidence, Report
from tests.formats.rendered import rendered_markdown

CRAFTED_URL = "https://example.org/fc/1) ![pixel](https://tracker.example/p.png"
CRAFTED_TEXT = "</script><script>alert(1)</script> <img src=x onerror=alert(2)> ![x](https://t.example/q.png) =HYPERLINK(\"x\") [a](1)"


def run_format(fmt: Any, *reports: Report) -> str:
    out = io.StringIO()
    for report in reports:
        fmt.write(report, out)
    fmt.close(out)
    return out.getvalue()


@pytest.fixture
def crafted(example_report: Report) -> Report:
    """The worked example's report with an imported fact-check and a finding an attacker wrote."""
    report = copy.deepcopy(example_report)
    top = report.claims[0]
    top.lookups = [
        Evidence(source="local", claim=CRAFTED_TEXT, rating="False", verdict="false", publisher="AFP](https://evil.example)",
                 url=CRAFTED_URL, date="2024-01-02", score=0.8),
        Evidence(source="local", claim="x", rating=None, verdict="unrated", publisher="Evil", url="javascript:alert(3)",
                 date=None, score=0.6),
    ]
    top.notes.append(CRAFTED_TEXT)
    report.findings[0].message = CRAFTED_TEXT
    report.findings[0].link = "javascript:alert(4)"
    return report


# -- markdown -----------------------------------------------------------------

def test_formats_markdown_checklist_has_one_task_per_claim(example_report: Report) -> None:
    text = run_format(MarkdownFormat(), example_report)
    tasks = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(tasks) == len(example_report.claims)
    assert tasks[0].startswith("- [ ] 1. **")
    assert "#### Editorial findings" in text


def test_formats_markdown_statuses_tick_boxes(example_report: Report) -> None:
    fmt = MarkdownFormat()
    first, second = example_report.claims[0].id, example_report.claims[1].id
    fmt.statuses = {first: "checked", second: "needs source"}
    lines = run_format(fmt, example_report).splitlines()
    assert lines[4].startswith("- [x] 1. ")
    assert lines[next(i for i, line in enumerate(lines) if line.startswith("- [ ] 2. "))].endswith("**needs source**")


def test_formats_markdown_escapes_imported_fact_checks(crafted: Report) -> None:
    page = rendered_markdown(run_format(MarkdownFormat(), crafted))
    assert page.images == [] and page.raw_html == []
    assert page.links == ["https://example.org/fc/1%29%20!%5Bpixel%5D%28https://tracker.example/p.png"]
    assert CRAFTED_TEXT in page.text and "AFP](https://evil.example): False" in page.text


# -- html ---------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def test_formats_html_is_one_offline_page(example_report: Report) -> None:
    from lxml import html as lxml_html

    text = run_format(HtmlFormat(), example_report)
    tree = lxml_html.document_fromstring(text)
    assert tree.find(".//title").text == "claimcheck: article.txt"
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in csp
    # Nothing is fetched: no external script, stylesheet, font, image or frame.
    assert not tree.xpath("//script[@src] | //link | //img | //iframe | //object | //embed")
    assert "@import" not in text and "url(" not in text
    # The fallback lists every claim; the data the script renders is the report and its text.
    assert len(tree.xpath('//li[@data-claim]')) == len(example_report.claims)
    data = json.loads(tree.xpath('//script[@id="claimcheck-data"]')[0].text)
    assert data == [{"text": example_report.text, "report": json.loads(json.dumps(example_report.to_dict()))}]


def test_formats_html_values_cannot_break_out(crafted: Report) -> None:
    text = run_format(HtmlFormat(), crafted)
    page = _Page()
    page.feed(text)
    assert [tag for tag, _ in page.tags].count("script") == 3
    assert not any(tag == "img" for tag, _ in page.tags)
    hrefs = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert hrefs == ["https://example.org/fc/1%29%20!%5Bpixel%5D%28https://tracker.example/p.png"]
    data = json.loads(page.scripts[0])
    assert data[0]["report"]["claims"][0]["lookups"][0]["claim"] == CRAFTED_TEXT


def test_formats_html_batch_has_a_section_per_document(example_report: Report) -> None:
    text = run_format(HtmlFormat(), example_report, example_report)
    assert text.count('class="cc-document"') == 2


# -- csv ------------------------------------------------------------------------

def test_formats_csv_one_row_per_claim(example_report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(run_format(CsvFormat(), example_report))))
    assert len(rows) == len(example_report.claims)
    assert tuple(rows[0]) == COLUMNS
    first = example_report.claims[0]
    assert rows[0]["text"] == " ".join(first.text.split()) and rows[0]["claim_id"] == first.id
    assert example_report.text[int(rows[0]["start"]):int(rows[0]["end"])] == first.text


def test_formats_csv_cells_never_run_as_formulas(crafted: Report) -> None:
    crafted.claims[0].text = "=HYPERLINK(\"https://evil.example\",\"click\")"
    crafted.claims[1].text = "-2+3"
    rows = list(csv.DictReader(io.StringIO(run_format(CsvFormat(), crafted))))
    assert rows[0]["text"].startswith("'=") and rows[1]["text"] == "'-2+3"


def test_formats_csv_header_without_documents() -> None:
    assert run_format(CsvFormat()).strip() == ",".join(COLUMNS)


# -- sarif ----------------------------------------------------------------------

def test_formats_sarif_validates_against_2_1_0(example_report: Report) -> None:
    from pydantic_sarif.model import (
        StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog,
    )

    log = json.loads(run_format(SarifFormat(), example_report))
    SarifLog.model_validate(log)  # generated from sarif-schema-2.1.0.json, extra fields forbidden
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "claimcheck"
    assert len(run["results"]) == len(example_report.claims) + len(example_report.findings)
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {result["ruleId"] for result in run["results"]} == rule_ids


def test_formats_sarif_regions_point_at_the_text(example_report: Report) -> None:
    text = example_report.text
    assert text is not None
    lines = text.split("\n")
    log = json.loads(run_format(SarifFormat(), example_report))
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert text[start:start + length] == region["snippet"]["text"]
        line = lines[region["startLine"] - 1]
        col = region["startColumn"] - 1
        assert line[col:col + min(length, len(line) - col)] == text[start:start + min(length, len(line) - col)]


def test_formats_sarif_messages_are_plain_text(crafted: Report) -> None:
    log = json.loads(run_format(SarifFormat(), crafted))
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any("\\[a\\](1)" in m for m in messages)
    assert not any("[a](1)" in m.replace("\\[a\\](1)", "") for m in messages)
    assert not any("helpUri" in rule and "javascript" in rule["helpUri"] for rule in log["runs"][0]["tool"]["driver"]["rules"])


# -- claimreview ------------------------------------------------------------------

def test_formats_claimreview_skeleton_per_claim(example_report: Report) -> None:
    doc = json.loads(run_format(ClaimReviewFormat(), example_report))
    assert doc["@context"] == "https://schema.org"
    reviews = doc["@graph"]
    assert len(reviews) == len(example_report.claims)
    for review, claim in zip(reviews, example_report.claims):
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == " ".join(claim.text.split())
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["datePublished"] == "2024-06-19"
        assert review["itemReviewed"]["appearance"]["@type"] == "CreativeWork"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] == "" and rating["ratingValue"] == ""
        assert review["author"]["@type"] == "Organization"
        speaker = claim.attribution.speaker if claim.attribution else None
        if claim.attribution and claim.attribution.kind in ("person", "organisation") and speaker:
            assert review["itemReviewed"]["author"]["name"] == speaker
            assert review["itemReviewed"]["author"]["@type"] in ("Person", "Organization")


def test_formats_desk_listed_by_the_cli() -> None:
    from claimcheck.plugins.manager import get_plugins

    formats = get_plugins().report_formats([])
    assert {"markdown", "html", "csv", "sarif", "claimreview"} <= set(formats)


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "sarif", "claimreview"])
def test_formats_desk_from_the_command_line(fmt: str) -> None:
    from claimcheck.testing import run_cli

    result = run_cli(["check", "--format", fmt, "--no-model", "--date", "2024-06-19", "-"],
                     stdin="The council closed 3 libraries in 2023, the mayor said. Some say 40 jobs will go.")
    assert result.exit_code == 0, result.stderr
    if fmt in ("sarif", "claimreview"):
        assert json.loads(result.stdout)
    elif fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.count("<mark") == 0  # marks are drawn by the script
    elif fmt == "csv":
        assert result.stdout.splitlines()[0] == ",".join(COLUMNS) and len(result.stdout.splitlines()) > 1
    else:
        assert result.stdout.startswith("### claimcheck: ") and "- [ ] 1. " in result.stdout
