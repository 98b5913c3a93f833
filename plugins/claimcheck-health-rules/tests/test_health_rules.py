"""The health pack is valid, its examples hold, and it changes claimcheck's report."""

from __future__ import annotations

import pytest

import claimcheck_health_rules
from claimcheck.rules.loader import load_pack
from claimcheck.testing import run_check, run_cli

PACK = claimcheck_health_rules.RULES_DIR / "health.yaml"


def test_pack_is_valid_without_warnings() -> None:
    pack = load_pack(PACK)
    assert pack.name == "health"
    assert pack.warnings == []


@pytest.mark.parametrize("action", ["validate", "test"])
def test_claimcheck_rules_validate_and_test(action: str) -> None:
    """`claimcheck rules validate` checks the pack; `claimcheck rules test` runs every rule's examples."""
    result = run_cli(["rules", action, str(PACK)])
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Officials recorded 4,000 new cases of measles this year.", "health.case-death-count"),
        ("Campaigners claim the vaccine causes infertility in young women.", "health.vaccine-harm"),
        ("The FDA approved the drug for children aged five to eleven on Tuesday.", "health.drug-approval"),
    ],
)
def test_plugin_adds_findings(text: str, rule: str) -> None:
    report = run_check(text, plugins=[claimcheck_health_rules], published="2024-06-19", model=False)
    assert rule in {finding.rule for finding in report.findings}


def test_plugin_is_listed() -> None:
    result = run_cli(["plugins"], plugins=[claimcheck_health_rules])
    assert "claimcheck_health_rules" in result.stdout and "claimcheck_rule_packs" in result.stdout
