"""Long documents: split before tokenizing (no spaCy E088), offsets into the original text."""

from __future__ import annotations

import re

from claimcheck.analysis import nlp as nlp_module
from claimcheck.analysis.nlp import make_doc, parse
from claimcheck.report import Report
from claimcheck.text.inputs import MAX_INPUT_BYTES
from claimcheck.text.normalise import normalise


def _assert_offsets(report: Report, original: str) -> None:
    assert report.claims
    for claim in report.claims:
        assert original[claim.start : claim.end] == claim.text
        assert original[claim.sentence_start : claim.sentence_end] == claim.sentence
    for finding in report.findings:
        assert original[finding.start : finding.end] == finding.text


def test_long_document_over_a_million_characters(engine, example_text: str) -> None:
    """Over spaCy's max_length (1,000,000) and under the 5 MiB limit: a report, offsets exact.

    The sentences of the worked example stand between long runs of blank
    lines (as in a scraped page), so that the parse stays a few seconds.
    """
    sentences = [s for s in re.split(r"(?<=[.?!\u201d]) ", example_text) if s.strip()][:14]
    padding = (" " * 79 + "\n") * 1000
    text = padding.join(sentences)
    assert engine.nlp.max_length < len(text) < MAX_INPUT_BYTES
    report = engine.check(text, published="2024-06-19")
    assert report.document.characters == len(text)
    _assert_offsets(report, text)
    assert any("mutual defence clause" in c.text for c in report.claims)


def test_long_document_parts_join_into_one_doc(nlp, example_text: str, monkeypatch) -> None:
    """Cut into many parts, the parse covers the whole text, token for token, with the same characters."""
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 500)
    norm = normalise(example_text)
    [doc] = list(parse(nlp, [norm]))
    assert doc.text == norm.text
    whole = make_doc(nlp, norm)
    assert [t.idx for t in doc] == [t.idx for t in whole]
    assert len(list(doc.sents)) >= len(re.findall(r"[.?!]\s", norm.text)) // 2


def test_long_document_split_report_keeps_offsets(engine, example_text: str, monkeypatch) -> None:
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 700)
    report = engine.check(example_text, published="2024-06-19")
    _assert_offsets(report, example_text)
