"""Configuration chooses rules: disable packs or single rules, enable as an allow-list, change severities."""

from __future__ import annotations

import pytest
from helpers import apply_to_text

from claimcheck.report import Finding
from claimcheck.rules import RulePolicy, load_rule_sets

RULES = """\
  - id: weasel
    message: m
    match: {phrases: [studies show]}
    examples: {fire: [a], pass: [b]}
  - id: record
    message: m
    severity: info
    match: {phrases: [record high]}
    examples: {fire: [a], pass: [b]}
"""
TEXT = "Studies show prices hit a record high."


@pytest.mark.parametrize(
    ("rules_config", "expected"),
    [
        ({}, {"demo.weasel": "warning", "demo.record": "info"}),
        ({"disable": ["demo"]}, {}),
        ({"disable": ["demo.record"]}, {"demo.weasel": "warning"}),
        ({"disable": ["demo"], "enable": ["demo.record"]}, {"demo.record": "info"}),
        ({"enable": ["demo.weasel"]}, {"demo.weasel": "warning"}),
        ({"enable": ["other-pack"]}, {}),
        ({"severity": {"demo.record": "error"}}, {"demo.weasel": "warning", "demo.record": "error"}),
        ({"severity": {"demo": "error", "demo.weasel": "info"}}, {"demo.weasel": "info", "demo.record": "error"}),
    ],
    ids=["default", "disable-pack", "disable-rule", "rule-beats-pack", "allow-list", "allow-list-other", "severity-rule", "severity-pack"],
)
def test_policy_overrides(write_pack, nlp, rules_config, expected) -> None:
    warnings: list = []
    ruleset = load_rule_sets([write_pack(RULES)], {"rules": rules_config}, warnings)
    findings, _ = apply_to_text(ruleset, nlp, TEXT)
    assert {f.rule: f.severity for f in findings} == expected


def test_policy_overrides_unknown_names_warn(write_pack) -> None:
    warnings: list = []
    load_rule_sets([write_pack(RULES)], {"rules": {"disable": ["demo.wesel", "editorial.relative-date"]}}, warnings)
    assert [(w.code, w.message) for w in warnings] == [
        ("CC130", "rules.disable names 'demo.wesel', which is no loaded pack or rule")
    ]


def test_policy_overrides_core_findings() -> None:
    policy = RulePolicy.from_config({"rules": {"disable": ["editorial.relative-date"], "severity": {"editorial": "error"}}})
    core = [
        Finding("editorial.relative-date", "info", "m", "today", 0, 5),
        Finding("editorial.unsourced-statistic", "warning", "m", "40%", 9, 12),
    ]
    assert [(f.rule, f.severity) for f in policy.filter_findings(core)] == [("editorial.unsourced-statistic", "error")]
