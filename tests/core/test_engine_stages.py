"""Stages pass what they need: band derived from the score, core findings a plugin, claimcheck_report before filtering."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from claimcheck.report import Claim
from claimcheck.testing import make_engine

PACKAGE = Path(__file__).resolve().parents[2] / "claimcheck"
TEXT = "Some say unemployment rose to 5.2% last week. The minister said the plan will fail."


def _claim(score: float, band: str = "low") -> Claim:
    return Claim(id="c1", text="x", sentence="x", start=0, end=1, sentence_start=0, sentence_end=1,
                 type="other", score=score, band=band)


@pytest.mark.parametrize(("score", "expected"), [(1.3, (1.0, "high")), (-0.2, (0.0, "low")),
                                                  (0.55555, (0.556, "medium")), (0.7, (0.7, "high"))])
def test_engine_stages_band_is_derived_from_the_clamped_score(score: float, expected: tuple[float, str]) -> None:
    claim = _claim(score, band="nonsense")
    assert (claim.score, claim.band) == expected


def test_engine_stages_band_follows_later_score_changes() -> None:
    claim = _claim(0.9)
    claim.score -= 0.5
    assert (claim.score, claim.band) == (0.4, "low")
    claim.band = "high"  # older plugins still assign it; the score decides
    assert claim.band == "low"


def test_engine_stages_analysis_does_not_import_the_engine() -> None:
    for path in (PACKAGE / "analysis").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "claimcheck.engine" not in imported, path.name


def test_engine_stages_core_findings_are_a_plugin_others_can_see() -> None:
    seen: list[set[str]] = []

    class Observer:
        @staticmethod
        def claimcheck_findings(findings):  # type: ignore[no-untyped-def]
            seen.append({f.rule for f in findings})

    engine = make_engine(plugins=[Observer()], config={"model": False})
    names = {info.name: info.hooks for info in engine.plugins.list_plugins()}
    assert names["claimcheck.analysis.findings"] == ["claimcheck_findings"]
    report = engine.check(TEXT, published="2024-06-19")
    core = {"editorial.anonymous-attribution", "editorial.relative-date"}
    assert core <= {f.rule for f in report.findings}
    assert seen and core <= seen[0]


def test_engine_stages_core_findings_follow_the_rules_configuration() -> None:
    engine = make_engine(config={"model": False, "rules": {"disable": ["editorial.relative-date"],
                                                           "severity": {"editorial.anonymous-attribution": "error"}}})
    report = engine.check(TEXT, published="2024-06-19")
    rules = {f.rule: f.severity for f in report.findings}
    assert "editorial.relative-date" not in rules and rules["editorial.anonymous-attribution"] == "error"


def test_engine_stages_report_hook_sees_every_candidate_before_filtering() -> None:
    counts: list[tuple[int, int]] = []

    class Promote:
        @staticmethod
        def claimcheck_report(report):  # type: ignore[no-untyped-def]
            counts.append((len(report.claims), report.candidates))
            for claim in report.claims:
                claim.score = 1.0

    engine = make_engine(plugins=[Promote()], config={"model": False, "min_score": 0.99})
    report = engine.check(TEXT, published="2024-06-19")
    (seen, candidates), = counts
    assert seen == candidates and len(report.claims) == candidates
    assert all(claim.band == "high" for claim in report.claims)
