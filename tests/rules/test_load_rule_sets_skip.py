"""A bad third-party pack is skipped with a CC140 warning naming it and its file:line; the run goes on."""

from __future__ import annotations

from pathlib import Path

from claimcheck.rules import load_rule_sets
from claimcheck.rules.plugin import builtin_rules_dir

BAD = "  - id: bad\n    message: m\n    match: {regex: '(oops'}\n    examples: {fire: [a], pass: [b]}\n"


def test_load_rule_sets_skips_bad_pack(write_pack) -> None:
    bad = write_pack(BAD, name="third-party.yaml")
    warnings: list = []
    ruleset = load_rule_sets([builtin_rules_dir(), bad], {}, warnings)
    assert {p.name for p in ruleset.packs} == {"editorial", "defence-security", "elections", "economy"}
    assert len(warnings) == 1
    assert warnings[0].code == "CC140"
    assert f"rule pack {bad} skipped: {bad}:9:" in warnings[0].message and "bad regular expression" in warnings[0].message


def test_load_rule_sets_duplicate_name_and_missing_path(write_pack, tmp_path: Path) -> None:
    first = write_pack("  - id: a\n    message: m\n    match: {phrases: [x]}\n    examples: {fire: [a], pass: [b]}\n", name="a.yaml")
    second = write_pack("  - id: b\n    message: m\n    match: {phrases: [y]}\n    examples: {fire: [a], pass: [b]}\n", name="b.yaml")
    warnings: list = []
    ruleset = load_rule_sets([first, second, tmp_path / "gone.yaml"], {}, warnings)
    assert [r.id for r in ruleset.all_rules] == ["demo.a"]
    messages = " | ".join(w.message for w in warnings)
    assert "already used by" in messages and "gone.yaml skipped: no such file or folder" in messages


def test_load_rule_sets_engine_run_with_bad_pack_still_reports(write_pack) -> None:
    from claimcheck.engine import Engine

    bad = write_pack(BAD, name="third-party.yaml")
    engine = Engine(config={"model": False, "rules": {"packs": [str(bad)]}})
    report = engine.check("Studies show that 40% of voters want change.", published="2024-06-19")
    assert any(w.code == "CC140" and "third-party.yaml" in w.message for w in report.warnings)
    assert any(f.rule == "editorial.weasel-words" for f in report.findings)


def test_load_rule_sets_builtin_packs_in_engine_report() -> None:
    from claimcheck.engine import Engine

    report = Engine(config={"model": False}).check(
        "North Korea is sending Russia ammunition, officials said. The pact includes a mutual defence clause.",
        published="2024-06-19",
        all=True,
    )
    rules = {f.rule for f in report.findings}
    assert {"defence-security.arms-transfer", "defence-security.defence-clause"} <= rules
    notes = [n for c in report.claims for n in c.notes]
    assert any("SIPRI" in n for n in notes) and any("Treaty text" in n for n in notes)
    assert any(f["rule"].startswith("defence-security.") for f in report.to_dict()["findings"])
