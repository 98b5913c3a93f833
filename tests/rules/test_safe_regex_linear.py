"""Pack regexes run on RE2: a backtracking pattern cannot hang a run, and what RE2 cannot run is refused at load time."""

from __future__ import annotations

import json
import time

import pytest
from helpers import apply_to_text

from claimcheck.cli import main
from claimcheck.errors import ExitCode
from claimcheck.rules import RuleSet, load_pack
from claimcheck.rules.safe_regex import UnsafeRegex, ascii_class_warning, compile_regex

# With Python's re, (a+)+$ on n a's and a b takes about 3.6 s at n=24 and doubles with each a.
EVIL = "a" * 34 + "b"


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)+$", r"(\w+\s?)+$", r"^(([a-z])+.)+[A-Z]([a-z])+$"])
def test_safe_regex_backtracking_patterns_are_linear(pattern: str) -> None:
    compiled = compile_regex(pattern)
    started = time.perf_counter()
    for text in (EVIL, "a" * 100_000 + "!"):
        compiled.search(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        (r"(?<!not )approved", "no lookaround or backreferences"),
        (r"approved(?= by)", "not supported by RE2"),
        (r"(\w+) \1", "not supported by RE2"),
        (r"(unclosed", "bad regular expression"),
        (r"((a{100}){100}){100}", "count too high for RE2"),
    ],
)
def test_safe_regex_refuses_what_re2_cannot_run(pattern: str, fragment: str) -> None:
    with pytest.raises(UnsafeRegex, match=fragment):
        compile_regex(pattern)


def test_safe_regex_offsets_are_characters() -> None:
    text = "Le budget de la défense – Défense spending rose."
    match = compile_regex(r"(?i)défense spending").search(text)
    assert match is not None and text[match.start() : match.end()] == "Défense spending"


def test_safe_regex_warns_about_ascii_classes_next_to_accents() -> None:
    assert ascii_class_warning(r"\bété\b") is not None and "\\p{L}" in ascii_class_warning(r"\bété\b")
    assert ascii_class_warning(r"\bsummer\b") is None
    assert ascii_class_warning(r"été") is None
    assert ascii_class_warning(r"[$£€]\s?\b\d+") is None  # symbols are not word characters in either engine


def test_safe_regex_catastrophic_pack_finishes(write_pack, nlp) -> None:
    pack = write_pack("  - id: evil\n    message: m\n    match: {regex: '(a+)+b'}\n    examples: {fire: [aab], pass: [c]}\n")
    ruleset = RuleSet([load_pack(pack)])
    started = time.perf_counter()
    findings, _ = apply_to_text(ruleset, nlp, f"He wrote {'a' * 34}c and then {EVIL}.")
    assert time.perf_counter() - started < 5.0
    assert [f.text for f in findings] == [EVIL + "."] or [f.text for f in findings] == [EVIL]


def test_safe_regex_validate_warns_ascii_classes(write_pack, capsys) -> None:
    path = write_pack("  - id: ete\n    message: m\n    match: {regex: '\\bété\\b'}\n    examples: {fire: [un été], pass: [b]}\n")
    assert main(["rules", "validate", str(path)]) == ExitCode.OK
    assert "warning: rule 'ete': regular expression" in capsys.readouterr().out
    assert main(["rules", "validate", "--strict", str(path)]) == ExitCode.USAGE_ERROR


def test_cli_check_with_catastrophic_pack_does_not_hang(write_pack, tmp_path, capsys) -> None:
    pack = write_pack("  - id: evil\n    message: 'saw {match}'\n    match: {regex: '(a+)+$'}\n    examples: {fire: [aa], pass: [c]}\n")
    article = tmp_path / "a.txt"
    article.write_text(f"The minister said unemployment fell by 3% last year.\n{EVIL}\n", encoding="utf-8")
    started = time.perf_counter()
    code = main(["check", str(article), "--rules", str(pack), "--format", "json", "--all", "--no-model"])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, err
    assert time.perf_counter() - started < 120  # Python's re would take hours here
    assert "Traceback" not in err and isinstance(json.loads(out)["findings"], list)


@pytest.mark.parametrize(
    ("make", "code_text"),
    [
        (lambda tmp, write: str(tmp / "missing.yaml"), "[CC101] --rules"),
        (lambda tmp, write: str(write('  - id: b\n    message: "x\x07"\n    match: {phrases: [x]}\n    examples: {fire: [x], pass: [y]}\n')), "U+0007 (BEL)"),
        (lambda tmp, write: str(write("  - id: l\n    message: m\n    match: {regex: '(?<=a)b'}\n    examples: {fire: [ab], pass: [b]}\n")), "not supported by RE2"),
        (lambda tmp, write: str((tmp / "empty").mkdir() or tmp / "empty"), "no *.yaml or *.yml pack files"),
    ],
    ids=["missing", "bel-byte", "lookbehind", "empty-folder"],
)
@pytest.mark.parametrize("command", [["check"], ["rules", "list"]])
def test_cli_rules_option_refuses_bad_packs(write_pack, tmp_path, capsys, make, code_text: str, command: list[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The minister said unemployment fell.\n", encoding="utf-8")
    path = make(tmp_path, write_pack)
    args = [*command, str(article), "--rules", path] if command == ["check"] else [*command, "--rules", path]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == ExitCode.USAGE_ERROR and out == ""
    assert code_text in err and err.count("\n") == 1 and "Traceback" not in err


def test_config_pack_with_control_byte_is_skipped_with_a_warning(write_pack) -> None:
    from claimcheck.rules import load_rule_sets

    bad = write_pack('  - id: b\n    message: "x\x00"\n    match: {phrases: [x]}\n    examples: {fire: [x], pass: [y]}\n')
    warnings: list = []
    ruleset = load_rule_sets([], {"rules": {"packs": [str(bad)]}}, warnings)
    assert len(ruleset.packs) == 0
    assert any(w.code == "CC140" and "U+0000 (NUL)" in w.message and f"{bad}:8:" in w.message for w in warnings)
