"""Unknown keys warn (schema 1) with file:line:column, and the pack still loads."""

from __future__ import annotations

from claimcheck.cli import main
from claimcheck.rules import load_pack, load_packs

RULES = """\
  - id: good
    message: m
    match: {phrases: [experts say], claim: {hedgd: true}}
    examples: {fire: [Experts say so.], pass: [Dr Lee says so.], fires: [x]}
    severty: info
"""


def test_loader_warnings_unknown_keys(write_pack) -> None:
    path = write_pack(RULES)
    pack = load_pack(path)
    messages = [str(p) for p in pack.warnings]
    assert len(messages) == 3
    assert f"{path}:11:3: warning: rule 'good': unknown key 'severty' is ignored; did you mean 'severity'?" in messages[0]
    assert any("'hedgd'" in m and "did you mean 'hedged'" in m for m in messages)
    assert any(":10:" in m and "'fires'" in m for m in messages)
    assert all("an error from pack schema 2 on" in m for m in messages)


def test_loader_warnings_reported_as_diagnostics(write_pack) -> None:
    warnings: list = []
    packs = load_packs([write_pack(RULES)], warnings)
    assert len(packs) == 1
    assert {w.code for w in warnings} == {"CC140"}


def test_loader_warnings_validate_exit_codes(write_pack, capsys) -> None:
    path = write_pack(RULES)
    assert main(["rules", "validate", str(path)]) == 0
    assert "warning" in capsys.readouterr().out
    assert main(["rules", "validate", "--strict", str(path)]) == 2
