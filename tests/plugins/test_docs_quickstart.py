"""The issue's "done means": a plugin package written from the docs alone
(entry point + YAML pack) changes the report once installed, and
``claimcheck plugins`` shows it.

The package's files are taken verbatim from the "Quick start" section of
docs/plugins.md, written to a temporary folder and installed there the way
pip lays out a distribution (package + ``*.dist-info`` with the entry points
of its pyproject.toml), on a temporary ``sys.path`` entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.rules.loader import load_pack
from claimcheck.testing import run_cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
FILE_BLOCK = re.compile(r"^\*\*`([^`]+)`\*\*\n\n```\w*\n(.*?)^```", re.MULTILINE | re.DOTALL)
TEXT = "The council voted to close three libraries on Monday, saving 2 million pounds."
CHECK = ["check", "--format", "json", "--no-model", "--date", "2024-06-19", "-"]


def quick_start_files() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Quick start") : text.index("\n## ", text.index("## Quick start") + 1)]
    return {path: body for path, body in FILE_BLOCK.findall(section)}


@pytest.fixture
def city_desk(tmp_path: Path, install_project: Callable[[Path], None]) -> Path:
    files = quick_start_files()
    assert set(files) == {
        "city-desk/pyproject.toml",
        "city-desk/src/claimcheck_city_desk/__init__.py",
        "city-desk/src/claimcheck_city_desk/rules/city-desk.yaml",
    }
    for relative, body in files.items():
        target = tmp_path / "project" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    project = tmp_path / "project" / "city-desk"
    install_project(project)
    return project


def test_docs_quickstart_plugin_is_listed(city_desk: Path) -> None:
    result = run_cli(["plugins"], load_entrypoints=True)
    assert result.exit_code == 0, result.stderr
    row = next(line.split() for line in result.stdout.splitlines() if line.startswith("city-desk "))
    assert row == ["city-desk", "0.1.0", "claimcheck-city-desk", "claimcheck_rule_packs"]


def test_docs_quickstart_plugin_changes_the_report(city_desk: Path) -> None:
    before = json.loads(run_cli(CHECK, stdin=TEXT).stdout)
    result = run_cli(CHECK, stdin=TEXT, load_entrypoints=True)
    assert result.exit_code == 0, result.stderr
    after = json.loads(result.stdout)
    assert "city-desk.council-vote" not in {f["rule"] for f in before["findings"]}
    (finding,) = [f for f in after["findings"] if f["rule"] == "city-desk.council-vote"]
    assert finding["message"] == "Council decision 'council voted': confirm it in the published minutes."
    assert TEXT[finding["start"] : finding["end"]] == "council voted"
    assert not [w for w in after["warnings"] if w["code"] in ("CC140", "CC150", "CC151")]


def test_docs_quickstart_pack_examples_hold(city_desk: Path) -> None:
    pack = city_desk / "src" / "claimcheck_city_desk" / "rules" / "city-desk.yaml"
    assert load_pack(pack).warnings == []
    result = run_cli(["rules", "test", str(pack)])
    assert result.exit_code == 0, result.stdout + result.stderr
