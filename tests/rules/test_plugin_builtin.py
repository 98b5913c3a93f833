"""The built-in packs are offered through the same hook as third-party packs."""

from __future__ import annotations

from claimcheck.plugins.manager import get_plugins
from claimcheck.rules.plugin import builtin_rules_dir, claimcheck_rule_packs


def test_plugin_builtin_folder() -> None:
    folder = builtin_rules_dir()
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["defence-security.yaml", "economy.yaml", "editorial.yaml", "elections.yaml"]
    assert claimcheck_rule_packs() == [folder]


def test_plugin_builtin_registered_through_manager() -> None:
    warnings: list = []
    paths = get_plugins(load_entrypoints=False).rule_pack_paths(warnings)
    assert builtin_rules_dir() in paths and warnings == []
