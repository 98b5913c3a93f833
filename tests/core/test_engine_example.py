"""The worked example: a real scraped article and what a good result looks like."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, EXAMPLE


def test_engine_example_scores_every_must_find(example_report, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    report_path.write_text(json.dumps(example_report.to_dict()), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(DATA / "score_example.py"), str(EXAMPLE / "expected.yaml"), str(report_path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout
    summary = result.stdout.strip().splitlines()[-1]
    assert "must_not_flag 0 violations" in summary
    assert "byline 1/1" in summary and "not_dates 1/1" in summary and "anonymous_attribution 2/2" in summary


def test_engine_example_offsets_point_into_the_original(example_all, example_text) -> None:
    for claim in example_all.claims:
        assert example_text[claim.start : claim.end] == claim.text
        assert example_text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        for ent in claim.entities:
            assert example_text[ent.start : ent.end] == ent.text
        for date in claim.dates:
            assert example_text[date.start : date.end] == date.text
        a = claim.attribution
        if a is not None and a.start is not None:
            assert example_text[a.start : a.end] in (a.mention or a.speaker or "") or a.speaker
    for finding in example_all.findings:
        assert example_text[finding.start : finding.end] == finding.text


def test_engine_example_metadata(example_report) -> None:
    doc = example_report.document
    assert doc.byline == "Ivor Bennett"
    assert doc.published == "2024-06-19" and doc.published_from == "argument"
    assert [f.text for f in doc.furniture][-2:] == ["Subscribe to Updates", "Get the latest creative news from FooBar about art, design and business."]
    assert not any("Subscribe" in c.text for c in example_report.claims)


def test_engine_example_report_is_versioned_json(example_report) -> None:
    data = json.loads(json.dumps(example_report.to_dict()))
    assert data["version"] == "1.3"
    assert set(data) >= {"version", "document", "claims", "findings", "warnings", "stats"}
    claim = data["claims"][0]
    assert set(claim) >= {"id", "text", "sentence", "start", "end", "type", "score", "band", "reasons", "attribution",
                          "hedges", "entities", "dates"}
    assert 0.0 <= claim["score"] <= 1.0 and claim["band"] in ("high", "medium", "low")


def test_engine_check_many_matches_check(engine) -> None:
    texts = ["Unemployment fell to 4.1% in May, the ONS said.", "Both sides deny this."]
    many = list(engine.check_many({"id": str(i), "text": t, "published": "2024-06-19"} for i, t in enumerate(texts)))
    single = [engine.check(t, published="2024-06-19") for t in texts]
    assert [r.document.id for r in many] == ["0", "1"]
    assert [[c.text for c in r.claims] for r in many] == [[c.text for c in r.claims] for r in single]


def test_engine_long_document_is_parsed_in_parts(engine, monkeypatch) -> None:
    from claimcheck.analysis import nlp as nlp_module

    # Parts of 700 characters exercise the same split and join as 50,000 would,
    # in a fraction of the time (the full-size text took 13 s).
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 700)
    paragraph = "Unemployment fell to 4.1% in May, the ONS said. Both sides deny this.\n\n"
    text = paragraph * 40  # about 2,800 characters: four parser parts
    assert len(text) > 3 * nlp_module.CHUNK_CHARS
    report = engine.check(text, published="2024-06-19", min_score=0.0)
    last = max(report.claims, key=lambda c: c.start)
    assert text[last.start : last.end] == last.text
    assert last.start > len(text) - len(paragraph)  # the last part's claims are there, at whole-text offsets
    assert report.document.sentences >= 79


def test_engine_example_frames_stay_in_their_clause(example_all) -> None:
    """The "assumption" frames the ammunition claim; the "concern" of the next clause does not."""
    ammunition = next(c for c in example_all.claims if "sending Russia ammunition" in c.text)
    assert ammunition.hedges == ["assumption"]
    assert ammunition.attribution.speaker == "Washington"
    trade = next(c for c in example_all.claims if c.text == "trade will increase")
    assert trade.attribution.speaker == "Antony Blinken" and trade.type == "prediction"
