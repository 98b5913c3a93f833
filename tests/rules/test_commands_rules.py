"""``claimcheck rules list/show/test/validate/schema`` through the real command line."""

from __future__ import annotations

import json

import pytest

from claimcheck.cli import main

PACK_RULES = """\
  - id: weasel
    message: "Vague: {match}"
    match: {phrases: [studies show]}
    examples: {fire: [Studies show it works.], pass: [A 2020 trial found it works.]}
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configuration file from the repository


def test_commands_rules_list(capsys) -> None:
    assert main(["rules", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rules"]
    ids = {row["id"] for row in rows}
    assert {"editorial.weasel-words", "defence-security.sanctions", "elections.opinion-poll", "economy.inflation"} <= ids
    assert all(row["enabled"] for row in rows)


def test_commands_rules_list_shows_disabled(tmp_path, capsys) -> None:
    (tmp_path / ".claimcheck.yaml").write_text("rules:\n  disable: [economy]\n", encoding="utf-8")
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "economy.inflation" in out and "(disabled)" in out


def test_commands_rules_show(capsys) -> None:
    assert main(["rules", "show", "defence-security.sanctions"]) == 0
    out = capsys.readouterr().out
    assert "defence-security.sanctions" in out and "OFAC" in out and "fire:" in out and "defence-security.yaml:" in out


def test_commands_rules_show_unknown(capsys) -> None:
    assert main(["rules", "show", "editorial.wesel-words"]) == 2
    assert "did you mean 'editorial.weasel-words'" in capsys.readouterr().err


def test_commands_rules_test_pack_file(write_pack, capsys, monkeypatch) -> None:
    monkeypatch.setattr("claimcheck.commands.rules._config", lambda args: {"model": False})
    assert main(["rules", "test", str(write_pack(PACK_RULES))]) == 0
    assert "2 passed, 0 failed" in capsys.readouterr().out


def test_commands_rules_test_failure_exits_1(write_pack, capsys, monkeypatch) -> None:
    monkeypatch.setattr("claimcheck.commands.rules._config", lambda args: {"model": False})
    failing = PACK_RULES.replace("pass: [A 2020 trial", "pass: [Studies show nothing. A 2020 trial")
    assert main(["rules", "test", str(write_pack(failing))]) == 1
    out = capsys.readouterr().out
    assert "FAIL demo.weasel: fired but should not" in out and "1 failed" in out


def test_commands_rules_test_unknown_pack(capsys) -> None:
    assert main(["rules", "test", "editorail"]) == 2
    assert "did you mean 'editorial'" in capsys.readouterr().err


def test_commands_rules_validate_builtin(capsys) -> None:
    from claimcheck.rules.plugin import builtin_rules_dir

    assert main(["rules", "validate", str(builtin_rules_dir())]) == 0
    assert capsys.readouterr().out.count(": ok: pack ") == 4


def test_commands_rules_schema(capsys) -> None:
    assert main(["rules", "schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("claimcheck rule pack")
