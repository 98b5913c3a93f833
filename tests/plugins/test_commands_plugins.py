"""``claimcheck plugins``: lists plugins, versions and hooks as text, JSON or a table."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.commands.plugins import write_plain, write_table
from claimcheck.plugins.manager import PluginInfo
from claimcheck.testing import run_cli

DESK = "from claimcheck.plugins import hookimpl\n\n@hookimpl\ndef claimcheck_rule_packs():\n    return []\n"
INFOS = [
    PluginInfo("claimcheck.rules.plugin", "0.1.0", "claimcheck", ["claimcheck_rule_packs"], builtin=True),
    PluginInfo("desk", "1.2.3", "claimcheck-desk", ["claimcheck_claims", "claimcheck_report"]),
]


def test_commands_plugins_plain_text_is_aligned_columns() -> None:
    out = io.StringIO()
    write_plain(INFOS, out)
    assert out.getvalue().splitlines() == [
        "NAME                     VERSION  DISTRIBUTION           HOOKS",
        "claimcheck.rules.plugin  0.1.0    claimcheck (built-in)  claimcheck_rule_packs",
        "desk                     1.2.3    claimcheck-desk        claimcheck_claims, claimcheck_report",
    ]


def test_commands_plugins_table_on_a_terminal() -> None:
    out = io.StringIO()
    write_table(INFOS, out)
    text = out.getvalue()
    assert "claimcheck plugins" in text and "claimcheck-desk" in text and "claimcheck_report" in text


@pytest.fixture
def desk_installed(distribution: Callable[..., Path]) -> None:
    distribution("claimcheck-desk", "1.2.3", {"desk": "cc_desk_cmd"}, {"cc_desk_cmd.py": DESK})


@pytest.mark.parametrize(("env", "listed"), [(None, True), ("", False), ("desk", True), ("claimcheck-desk", True)])
def test_commands_plugins_lists_installed_plugins(desk_installed: None, env: str | None, listed: bool) -> None:
    result = run_cli(["plugins"], load_entrypoints=True, env={"CLAIMCHECK_LOAD_PLUGINS": env})
    assert result.exit_code == 0, result.stderr
    lines = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:]}
    assert ("desk" in lines) is listed
    if listed:
        assert lines["desk"] == ["desk", "1.2.3", "claimcheck-desk", "claimcheck_rule_packs"]


def test_commands_plugins_json(desk_installed: None) -> None:
    result = run_cli(["plugins", "--json"], load_entrypoints=True)
    data = json.loads(result.stdout)
    assert set(data) == {"plugins", "warnings"}
    desk = [p for p in data["plugins"] if p["name"] == "desk"]
    assert desk == [
        {"name": "desk", "version": "1.2.3", "distribution": "claimcheck-desk", "hooks": ["claimcheck_rule_packs"], "builtin": False}
    ]
    assert all(p["builtin"] for p in data["plugins"] if p["name"].startswith("claimcheck."))


def test_commands_plugins_load_problems_go_to_stderr(distribution: Callable[..., Path]) -> None:
    distribution("claimcheck-broken", "0.1", {"broken": "cc_broken_cmd"}, {"cc_broken_cmd.py": "raise RuntimeError('bad install')\n"})
    result = run_cli(["plugins"], load_entrypoints=True)
    assert result.exit_code == 0
    assert (
        "claimcheck: warning: [CC151] plugin 'broken' (from claimcheck-broken 0.1) could not be loaded: "
        "RuntimeError: bad install"
    ) in result.stderr
    assert "broken" not in result.stdout


def test_commands_plugins_misspelt_hook_is_an_error_exit_2(distribution: Callable[..., Path]) -> None:
    source = "def claimcheck_finding(findings):\n    return []\n"
    distribution("claimcheck-typo", "0.1", {"typo": "cc_typo_cmd"}, {"cc_typo_cmd.py": source})
    result = run_cli(["plugins"], load_entrypoints=True)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "claimcheck: error: [CC151] plugin 'typo' implements unknown hook 'claimcheck_finding'; "
        "did you mean 'claimcheck_findings'?"
    )


def test_commands_plugins_registered_for_one_call() -> None:
    class Desk:
        def claimcheck_report(self, report: object) -> None:
            pass

    assert "Desk" in run_cli(["plugins"], plugins=[Desk()]).stdout
    assert "Desk" not in run_cli(["plugins"]).stdout
