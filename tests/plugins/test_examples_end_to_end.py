"""The example plugins in plugins/ work end to end: installed (laid out as pip
would), discovered through their entry points, and changing the report."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from claimcheck.rules.loader import load_pack
from claimcheck.testing import run_check, run_cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PLUGINS = REPO / "plugins"
HEALTH = EXAMPLE_PLUGINS / "claimcheck-health-rules"
MARKDOWN = EXAMPLE_PLUGINS / "claimcheck-markdown"
PACK = HEALTH / "src" / "claimcheck_health_rules" / "rules" / "health.yaml"
TEXT = (
    "Unemployment rose to 5 last year, the minister said. "
    "Officials recorded 4,000 new cases of measles this year. "
    "Campaigners claim the vaccine causes infertility in young women."
)
CHECK = ["check", "--no-model", "--date", "2024-06-19"]


@pytest.fixture
def both_installed(install_project: Callable[[Path], None]) -> None:
    install_project(HEALTH)
    install_project(MARKDOWN)


def test_examples_end_to_end_listed_by_claimcheck_plugins(both_installed: None) -> None:
    result = run_cli(["plugins", "--json"], load_entrypoints=True)
    found = {p["name"]: p for p in json.loads(result.stdout)["plugins"] if not p["builtin"]}
    assert found["health-rules"] == {
        "name": "health-rules", "version": "0.1.0", "distribution": "claimcheck-health-rules",
        "hooks": ["claimcheck_rule_packs"], "builtin": False,
    }
    assert found["markdown"]["hooks"] == ["claimcheck_claims", "claimcheck_report_formats"]


def test_examples_end_to_end_installed_plugins_change_the_report(both_installed: None) -> None:
    base = json.loads(run_cli([*CHECK, "--format", "json", "-"], stdin=TEXT).stdout)
    result = run_cli([*CHECK, "--format", "json", "-"], stdin=TEXT, load_entrypoints=True)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    rules = {f["rule"] for f in report["findings"]}
    assert {"health.case-death-count", "health.vaccine-harm"} <= rules
    assert not any(rule.startswith("health.") for rule in {f["rule"] for f in base["findings"]})
    notes = [note for claim in report["claims"] for note in claim["notes"]]
    assert any(note.startswith("Number without a unit: '5'.") for note in notes)
    assert not any("without a unit" in note for claim in base["claims"] for note in claim["notes"])


def test_examples_end_to_end_cms_comment_format(both_installed: None) -> None:
    result = run_cli([*CHECK, "--format", "cms-comment", "-"], stdin=TEXT, load_entrypoints=True)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("### claimcheck: ")
    assert "health.vaccine-harm" in result.stdout
    # Without the plugin the format does not exist: a clear usage error, not a traceback.
    missing = run_cli([*CHECK, "--format", "cms-comment", "-"], stdin=TEXT)
    assert missing.exit_code == 2 and "cms-comment" in missing.stderr and "Traceback" not in missing.stderr


def test_examples_end_to_end_allow_list_picks_one(both_installed: None) -> None:
    result = run_cli([*CHECK, "--format", "json", "-"], stdin=TEXT, load_entrypoints=True,
                     env={"CLAIMCHECK_LOAD_PLUGINS": "claimcheck-markdown"})
    report = json.loads(result.stdout)
    assert not any(f["rule"].startswith("health.") for f in report["findings"])
    assert any("without a unit" in note for claim in report["claims"] for note in claim["notes"])


@pytest.mark.parametrize("action", ["validate", "test"])
def test_examples_end_to_end_health_pack_validates_and_its_examples_hold(action: str) -> None:
    result = run_cli(["rules", action, str(PACK)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower()
    assert load_pack(PACK).warnings == []


def test_examples_end_to_end_health_rules_listed_once_installed(both_installed: None) -> None:
    listed = run_cli(["rules", "list"], load_entrypoints=True).stdout
    assert "health.vaccine-harm" in listed
    assert "health.vaccine-harm" not in run_cli(["rules", "list"]).stdout


def test_examples_end_to_end_registered_module(example_plugin: Callable[[str, str], Any]) -> None:
    health = example_plugin("claimcheck-health-rules", "claimcheck_health_rules")
    report = run_check(TEXT, plugins=[health], published="2024-06-19", model=False)
    assert "health.case-death-count" in {f.rule for f in report.findings}


@pytest.mark.parametrize("project", [HEALTH, MARKDOWN], ids=lambda p: p.name)
def test_examples_end_to_end_package_data_is_declared(project: Path, project_files: Callable[[Path], list[Path]]) -> None:
    """Every non-Python file in the package is covered by package-data, or pip would leave it out."""
    config = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    declared = config.get("tool", {}).get("setuptools", {}).get("package-data", {})
    src = project / "src"
    for path in project_files(project):
        if path.suffix != ".py":
            package, _, inside = str(path.relative_to(src)).partition("/")
            assert any(fnmatch.fnmatch(inside, pattern) for pattern in declared.get(package, [])), path


@pytest.mark.slow
@pytest.mark.parametrize("project", [HEALTH, MARKDOWN], ids=lambda p: p.name)
def test_examples_end_to_end_own_test_suites_pass(project: Path) -> None:
    """Each example plugin's own tests/ pass (run as their author would, from the plugin's folder)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(project / "src")]), "CLAIMCHECK_LOAD_PLUGINS": ""}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
