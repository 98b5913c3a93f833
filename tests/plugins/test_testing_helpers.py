"""claimcheck.testing: the engine and the CLI with a plugin registered for one call.

Also the issue's promise: a plugin that raises in a hook never kills a run.
The trained model is turned off (``model=False`` / ``--no-model``): these
tests are about plugins, and feature-only scoring keeps them fast.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimcheck.plugins import hookimpl
from claimcheck.plugins.manager import _pushed
from claimcheck.report import Claim, Report
from claimcheck.testing import CliResult, run_check, run_cli

TEXT = "Russia delivered 40 tanks to North Korea in 2023, the ministry said on Monday."
DATE = "2024-06-19"


class NoteEveryClaim:
    """Adds a note to every claim, so the report shows the plugin ran."""

    @hookimpl
    def claimcheck_claims(self, claims: list[Claim]) -> None:
        for claim in claims:
            claim.notes.append("seen by NoteEveryClaim")


class RaisesInClaims:
    @hookimpl
    def claimcheck_claims(self, doc: Any, claims: list[Claim], context: Any) -> None:
        raise RuntimeError("plugin bug")


class RaisesInReport:
    @hookimpl
    def claimcheck_report(self, report: Report) -> None:
        raise ZeroDivisionError("division by zero")


def notes(report: Report) -> list[str]:
    return [note for claim in report.claims for note in claim.notes]


def test_testing_helpers_run_check_registers_for_one_call() -> None:
    with_plugin = run_check(TEXT, plugins=[NoteEveryClaim()], published=DATE, model=False)
    assert with_plugin.claims and "seen by NoteEveryClaim" in notes(with_plugin)
    without = run_check(TEXT, published=DATE, model=False)
    assert "seen by NoteEveryClaim" not in notes(without)
    assert _pushed == []


@pytest.mark.parametrize(
    ("plugin", "hook", "message"),
    [
        (RaisesInClaims(), "claimcheck_claims", "plugin 'RaisesInClaims' failed in claimcheck_claims: RuntimeError: plugin bug"),
        (RaisesInReport(), "claimcheck_report", "plugin 'RaisesInReport' failed in claimcheck_report: ZeroDivisionError: division by zero"),
    ],
)
def test_testing_helpers_failing_plugin_still_gives_a_report(plugin: object, hook: str, message: str) -> None:
    report = run_check(TEXT, plugins=[plugin, NoteEveryClaim()], published=DATE, model=False)
    assert report.claims, "the run went on"
    assert "seen by NoteEveryClaim" in notes(report), "the other plugins still ran"
    failures = [w for w in report.warnings if w.code == "CC150"]
    assert [(w.plugin, w.hook, w.message) for w in failures] == [(type(plugin).__name__, hook, message)]


def test_testing_helpers_failing_plugin_cli_reports_and_warns() -> None:
    result = run_cli(["check", "--format", "json", "--no-model", "--date", DATE, "-"], plugins=[RaisesInClaims()], stdin=TEXT)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["claims"]
    assert {"code": "CC150", "plugin": "RaisesInClaims", "hook": "claimcheck_claims",
            "message": "plugin 'RaisesInClaims' failed in claimcheck_claims: RuntimeError: plugin bug"} in report["warnings"]
    assert "RaisesInClaims" in result.stderr and "claimcheck_claims" in result.stderr


def test_testing_helpers_run_cli_isolates_installed_plugins(distribution: Callable[..., Path]) -> None:
    distribution("claimcheck-noisy", "0.1", {"noisy": "cc_noisy_helpers"},
                 {"cc_noisy_helpers.py": "def claimcheck_rule_packs():\n    return []\n"})
    assert "noisy" not in run_cli(["plugins"]).stdout
    assert "noisy" in run_cli(["plugins"], load_entrypoints=True).stdout


def test_testing_helpers_run_cli_restores_environment_and_exit_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_LOAD_PLUGINS", "kept")
    result = run_cli(["--version"], env={"NO_COLOR": "1"})
    assert isinstance(result, CliResult) and result.exit_code == 0
    assert os.environ["CLAIMCHECK_LOAD_PLUGINS"] == "kept"
    assert run_cli(["no-such-command"]).exit_code == 2


def test_testing_helpers_fixtures(claimcheck_check: Callable[..., Report], claimcheck_cli: Callable[..., CliResult]) -> None:
    report = claimcheck_check(TEXT, published=DATE, model=False)
    assert "seen by NoteEveryClaim" in notes(report)
    assert "NoteEveryClaim" in claimcheck_cli(["plugins"]).stdout


@pytest.fixture
def claimcheck_plugins() -> list[object]:
    """Overrides the fixture from claimcheck.testing, as a plugin's conftest would."""
    return [NoteEveryClaim()]


from claimcheck.testing import claimcheck_check, claimcheck_cli  # noqa: E402,F401  (fixtures, as a plugin author imports them)
