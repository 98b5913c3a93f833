"""Recurring claims across a corpus: the same claim in several documents groups; another figure does not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from claimcheck.lookups.recurring import RecurringClaims, format_text
from claimcheck.report import Attribution, Claim, DocumentInfo, Report


def report(doc_id: str, published: str, *claims: tuple[str, str | None]) -> Report:
    made = [Claim(id=f"c{i}", text=text, sentence=text, start=0, end=len(text), sentence_start=0,
                  sentence_end=len(text), type="quantity", score=0.8, band="high",
                  attribution=Attribution(speaker=who, cue="said", kind="person") if who else None)
            for i, (text, who) in enumerate(claims, start=1)]
    document = DocumentInfo(source=None, published=published, published_from="argument", byline=None,
                            byline_span=None, characters=100, sentences=len(claims), id=doc_id)
    return Report(document=document, claims=made, findings=[], candidates=len(made), min_score=0.5)


def test_recurring_groups_the_same_claim_across_documents() -> None:
    collector = RecurringClaims()
    collector.add(report("a", "2024-03-01", ("Two in five voters in Ohio back the plan.", "Jane Roe"),
                         ("The hearing is set for May.", None)))
    collector.add(report("b", "2024-03-04", ("40 percent of Ohio voters support the plan.", "Jane Roe")))
    collector.add(report("c", "2024-03-05", ("45 percent of Ohio voters support the plan.", "Jane Roe")))
    collector.add(report("d", "2024-03-06", ("Crowds at the rally were large.", None)))
    (group,) = collector.groups()
    assert group.documents == 2
    assert [(o.document, o.published, o.speaker) for o in group.occurrences] == [
        ("a", "2024-03-01", "Jane Roe"), ("b", "2024-03-04", "Jane Roe")]
    assert group.claim == "Two in five voters in Ohio back the plan."  # first made
    assert "2 documents" in format_text([group])


def test_recurring_ignores_repeats_within_one_document() -> None:
    collector = RecurringClaims()
    collector.add(report("a", "2024-03-01", ("Taxes rose 5 percent.", None), ("Taxes rose 5 percent.", None)))
    collector.add(report("b", "2024-03-02", ("Jobs fell in May.", None)))
    assert collector.groups() == []
    assert "none" in format_text([])


def test_cli_check_recurring_jsonl(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"id": "a", "published": "2024-03-01", "text": "Unemployment in Ohio fell to 3.9 percent in May. Crowds were large."},
        {"id": "b", "published": "2024-03-04", "text": "Ohio's unemployment rate dropped to 3.9% in May."},
    ]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", str(corpus), "--input-format", "jsonl",
                           "--recurring", "--all", "--format", "jsonl"], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    *reports, last = proc.stdout.strip().splitlines()
    assert len(reports) == 2
    groups = json.loads(last)["recurring"]
    assert len(groups) == 1 and groups[0]["documents"] == 2
    assert {o["document"] for o in groups[0]["occurrences"]} == {"a", "b"}
