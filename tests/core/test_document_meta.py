"""Bylines, page furniture and printed publication dates."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.analysis.document import analyse_document, parse_date
from claimcheck.text.normalise import normalise


@pytest.mark.parametrize(
    "text,byline",
    [
        ("By Ivor Bennett, Moscow correspondentThere are two views.", "Ivor Bennett"),
        ("By Jane Doe and John Smith\nThe army said five people died.", "Jane Doe and John Smith"),
        ("BY MARIA GARCIA | Reuters\nPrices rose.", "MARIA GARCIA"),
    ],
)
def test_document_byline(text: str, byline: str) -> None:
    meta = analyse_document(normalise(text))
    assert meta.byline == byline
    assert meta.byline_span is not None and meta.byline_span[0] == 0


def test_document_no_byline_in_prose() -> None:
    assert analyse_document(normalise("Officials said by Monday the bill would pass.")).byline is None


@pytest.mark.parametrize(
    "line",
    ["Subscribe to Updates", "Watch: Mr Kim's welcome for Mr Putin", "Read more: the pact explained",
     "Get the latest creative news from FooBar about art, design and business.", "Copyright \u00a9 2024 FooBar"],
)
def test_document_furniture(line: str) -> None:
    text = "The pact includes a mutual defence clause, officials said on Wednesday.\n" + line + "\n"
    norm = normalise(text)
    meta = analyse_document(norm)
    assert any(norm.text[a:b] == line for a, b in meta.furniture)


def test_document_prose_is_not_furniture() -> None:
    text = "Share prices fell 5% on Monday. Subscribers to the service rose to 3 million, the company said."
    assert analyse_document(normalise(text)).furniture == []


@pytest.mark.parametrize(
    "head,date",
    [("Published: 19 June 2024\nThe bill passed.", dt.date(2024, 6, 19)),
     ("June 19, 2024\nThe bill passed.", dt.date(2024, 6, 19)),
     ("Updated 2024-06-19 10:00\nThe bill passed.", dt.date(2024, 6, 19))],
)
def test_document_published_date_in_text(head: str, date: dt.date) -> None:
    assert analyse_document(normalise(head)).published == date


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday-ish", ""])
def test_document_parse_date_refuses_non_dates(value: str) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "text,dateline",
    [
        ("Washington, June 3 (Staff) -- Senate leader Harry Reid said the bill would pass.", "Washington, June 3 (Staff) --"),
        ("LONDON (Reuters) - Prices rose 3% in May.", "LONDON (Reuters) -"),
    ],
)
def test_document_dateline(text: str, dateline: str) -> None:
    norm = normalise(text)
    meta = analyse_document(norm)
    assert meta.dateline == dateline
    assert meta.dateline_span is not None and meta.dateline_span[1] in norm.boundaries


def test_document_dateline_is_not_a_speaker(engine) -> None:
    report = engine.check("Washington, June 3 (Staff) -- Senate Majority Leader Harry Reid said the bill would pass by Friday.", all=True)
    claim = next(c for c in report.claims if "bill would pass" in c.text)
    assert claim.attribution.speaker == "Harry Reid"
    assert report.document.dateline == "Washington, June 3 (Staff) --"


@pytest.mark.parametrize(
    "line",
    [
        "MANCHESTER, ENGLAND - NOVEMBER 12: Shoppers queue outside a department store on November 12, 2019 in Manchester, England. (Photo by Sam Price/Getty Images)",
        "PARIS, FRANCE - APRIL 2: A cyclist passes the closed museum.",
        "Volunteers sort donated food at the warehouse in Leeds. (Photo by Ann Lee/PA Images)",
        "Image copyright Ann Lee",
        "Picture: A flooded street in York",
        "Where the money went",
        # agency credits in brackets and after a slash, and credit labels
        "The senator speaks at a rally in Ohio on 4 May 2021. (AP Photo/Kim Ray)",
        "Fans celebrate in the main square. Ann Lee/AFP via Getty Images",
        "A flooded road near Selby, 12 February 2020. Credit: Ann Lee",
        # notes about the article itself
        "This article was amended on 5 March 2023 to correct the cost of the scheme.",
        "Correction: an earlier version gave the wrong date for the vote.",
        "Additional reporting by Sam Lee in Paris",
        "Follow Ann Lee on Twitter @annlee",
    ],
)
def test_document_captions_credits_and_headings_are_furniture(line: str) -> None:
    text = "The charity said it handed out 4,000 food parcels in May.\n" + line + "\nThe council denied the figures.\n"
    norm = normalise(text)
    meta = analyse_document(norm)
    assert any(norm.text[a:b] == line for a, b in meta.furniture)


@pytest.mark.parametrize(
    "line",
    [
        "Police said 14 people were hurt in the crash on the A1.",
        "The minister, speaking in Cardiff, said fares would rise",
        "LONDON - The bank raised rates to 5% on Thursday.",
        "Corrections officers at the prison said 20 inmates escaped.",
        "Reporting by the paper led to 3 resignations in 2019.",
    ],
)
def test_document_prose_is_not_caption_or_heading(line: str) -> None:
    text = "The charity said it handed out 4,000 food parcels in May.\n" + line + "\nThe council denied the figures.\n"
    norm = normalise(text)
    meta = analyse_document(norm)
    assert not any(norm.text[a:b] == line for a, b in meta.furniture)


def test_document_list_items_are_not_headings() -> None:
    text = "The survey found:\n- 40% of staff left within a year\nWhat the staff said\nThe firm disputed it.\n"
    norm = normalise(text)
    meta = analyse_document(norm)
    kept = [norm.text[a:b] for a, b in meta.furniture]
    assert "- 40% of staff left within a year" not in kept and "What the staff said" in kept
