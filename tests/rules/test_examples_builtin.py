"""Every built-in rule's examples: each ``fire`` text triggers it, each ``pass`` text does not."""

from __future__ import annotations

import pytest

from claimcheck.rules import load_packs
from claimcheck.rules.examples import ExampleResult, run_examples
from claimcheck.rules.plugin import builtin_rules_dir

BUILTIN = load_packs([builtin_rules_dir()], [])
RULES = [(pack, rule) for pack in BUILTIN for rule in pack.model.rules]


def test_builtin_packs_load_without_warnings() -> None:
    warnings: list = []
    packs = load_packs([builtin_rules_dir()], warnings)
    assert warnings == []
    assert {p.name for p in packs} == {"editorial", "defence-security", "elections", "economy"}


@pytest.mark.parametrize(("pack", "rule"), RULES, ids=[f"{p.name}.{r.id}" for p, r in RULES])
def test_examples_builtin_rule(pack, rule, firing) -> None:
    only = pack.model.model_copy(update={"rules": [rule]})
    single = type(pack)(pack.path, only, pack.source)
    results: list[ExampleResult] = run_examples([single], firing)
    assert len(results) == len(rule.examples.fire) + len(rule.examples.pass_)
    assert [r.describe() for r in results if not r.ok] == []


@pytest.mark.parametrize(("pack", "rule"), RULES, ids=[f"{p.name}.{r.id}" for p, r in RULES])
def test_examples_builtin_rule_has_real_examples(pack, rule) -> None:
    assert rule.examples.fire and rule.examples.pass_
    assert not set(rule.examples.fire) & set(rule.examples.pass_)


def test_examples_builtin_beat_rules_say_which_source_confirms() -> None:
    for pack in BUILTIN:
        if pack.name in ("defence-security", "elections", "economy"):
            missing = [r.id for r in pack.model.rules if not r.note and r.id != "large-sum"]
            assert missing == [], f"{pack.name}: rules without a note on sources: {missing}"
