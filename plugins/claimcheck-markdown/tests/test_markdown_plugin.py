"""The markdown format and the unitless-number note, through claimcheck itself."""

from __future__ import annotations

from claimcheck.testing import run_check, run_cli
from claimcheck_markdown import plugin

TEXT = "Unemployment rose to 5 last year, the minister said. The army has 4,000 soldiers in the region."


def test_unitless_number_gets_a_note() -> None:
    report = run_check(TEXT, plugins=[plugin], published="2024-06-19", model=False, all=True)
    notes = {claim.text: claim.notes for claim in report.claims}
    unemployment = next(text for text in notes if text.startswith("Unemployment"))
    assert any(note.startswith("Number without a unit: '5'.") for note in notes[unemployment])
    assert not any("without a unit" in note for text, claim_notes in notes.items() if "soldiers" in text for note in claim_notes)


def test_cms_comment_format_from_the_command_line() -> None:
    result = run_cli(["check", "--format", "cms-comment", "--no-model", "--date", "2024-06-19", "-"], plugins=[plugin], stdin=TEXT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("### claimcheck: ")
    assert "   - Note: Number without a unit: '5'." in result.stdout


def test_plugin_is_listed_with_both_hooks() -> None:
    result = run_cli(["plugins"], plugins=[plugin])
    line = next(line for line in result.stdout.splitlines() if line.startswith("claimcheck_markdown.plugin"))
    assert line.endswith("claimcheck_claims, claimcheck_report_formats")
