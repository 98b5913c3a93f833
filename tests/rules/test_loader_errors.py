"""Malformed packs: each gives one clear error with file:line:column and the rule id, and
``claimcheck rules validate`` exits non-zero."""

from __future__ import annotations

import pytest

from claimcheck.cli import main
from claimcheck.errors import ErrorCode, ExitCode
from claimcheck.rules import RulePackError, load_pack

GOOD_RULE = """\
  - id: good
    message: "Found {match}"
    match: {phrases: [experts say]}
    examples: {fire: [Experts say so.], pass: [Dr Lee says so.]}
"""

# (case id, rules YAML, expected line, expected column or None, fragment of the message, rule id or None)
MALFORMED = [
    (
        "bad-yaml-syntax",
        "  - id: broken\n    message: [unclosed\n    match: {phrases: [x]}\n",
        9,
        8,
        "(while parsing a flow sequence started at line 8, column 12)",
        None,
    ),
    (
        "unknown-match-kind",
        "  - id: kinds\n    message: m\n    match:\n      wordlist: [x]\n    examples: {fire: [a], pass: [b]}\n",
        10,
        5,
        "unknown match kind 'wordlist'",
        "kinds",
    ),
    (
        "missing-message",
        "  - id: silent\n    match: {phrases: [x]}\n    examples: {fire: [a], pass: [b]}\n",
        7,
        3,
        "'message' is required",
        "silent",
    ),
    (
        "bad-regex",
        "  - id: rx\n    message: m\n    match:\n      regex:\n        - 'fine'\n        - '(unclosed'\n    examples: {fire: [a], pass: [b]}\n",
        12,
        9,
        "bad regular expression '(unclosed'",
        "rx",
    ),
    (
        "regex-lookbehind-not-linear",
        "  - id: look\n    message: m\n    match:\n      regex: ['(?<!not )approved']\n    examples: {fire: [a], pass: [b]}\n",
        10,
        None,
        "is not supported by RE2",
        "look",
    ),
    (
        "regex-backreference-not-linear",
        "  - id: twice\n    message: m\n    match:\n      regex:\n        - '\\b(\\w+) \\1\\b'\n    examples: {fire: [a], pass: [b]}\n",
        11,
        9,
        "no lookaround or backreferences",
        "twice",
    ),
    (
        "bel-byte",
        '  - id: bell\n    message: "ding\x07"\n    match: {phrases: [x]}\n    examples: {fire: [a], pass: [b]}\n',
        8,
        17,
        "U+0007 (BEL), which YAML does not allow",
        None,
    ),
    (
        "nul-byte",
        "  - id: nul\n    message: m\x00\n    match: {phrases: [x]}\n    examples: {fire: [a], pass: [b]}\n",
        8,
        13,
        "U+0000 (NUL), which YAML does not allow",
        None,
    ),
    (
        "token-pattern-spacy-rejects",
        "  - id: tok\n    message: m\n    match:\n      tokens:\n        - {LOWER: a}\n        - {LOWR: b}\n    examples: {fire: [a], pass: [b]}\n",
        12,
        10,
        "rejected by spaCy: token 2, LOWR",
        "tok",
    ),
    (
        "dependency-pattern-spacy-rejects",
        "  - id: dep\n    message: m\n    match:\n      dependency:\n"
        "        - {RIGHT_ID: a, RIGHT_ATTRS: {LEMMA: x}}\n"
        "        - {LEFT_ID: a, REL_OP: '>>>', RIGHT_ID: b, RIGHT_ATTRS: {}}\n"
        "    examples: {fire: [a], pass: [b]}\n",
        12,
        None,
        "Unsupported DependencyMatcher operator",
        "dep",
    ),
    (
        "yaml-boolean-in-pattern",
        "  - id: onoff\n    message: m\n    match:\n      tokens: [{LOWER: {IN: [on, off]}}]\n    examples: {fire: [a], pass: [b]}\n",
        10,
        None,
        "YAML reads them as true/false",
        "onoff",
    ),
    (
        "missing-pass-example",
        "  - id: nopass\n    message: m\n    match: {phrases: [x]}\n    examples: {fire: [a]}\n",
        10,
        13,
        "'pass' is required",
        "nopass",
    ),
    (
        "empty-fire-examples",
        "  - id: nofire\n    message: m\n    match: {phrases: [x]}\n    examples: {fire: [], pass: [b]}\n",
        10,
        None,
        "at least 1 item",
        "nofire",
    ),
    (
        "unknown-placeholder",
        "  - id: ph\n    message: 'Saw {matched}'\n    match: {phrases: [x]}\n    examples: {fire: [a], pass: [b]}\n",
        8,
        12,
        "unknown placeholder {matched}",
        "ph",
    ),
    (
        "two-match-kinds",
        "  - id: two\n    message: m\n    match: {phrases: [x], regex: [y]}\n    examples: {fire: [a], pass: [b]}\n",
        9,
        10,
        "one kind, got phrases and regex",
        "two",
    ),
    (
        "bad-severity",
        "  - id: sev\n    message: m\n    severity: fatal\n    match: {phrases: [x]}\n    examples: {fire: [a], pass: [b]}\n",
        9,
        13,
        "severity: Input should be 'info', 'warning' or 'error'",
        "sev",
    ),
    (
        "duplicate-rule-id",
        GOOD_RULE + GOOD_RULE.replace("good", "good"),
        11,
        7,
        "rule id is used twice",
        "good",
    ),
    (
        "python-tag",
        "  - id: evil\n    message: !!python/object/apply:os.system [echo pwned]\n",
        8,
        12,
        "not allowed in a rule pack",
        None,
    ),
]


@pytest.mark.parametrize(("rules", "line", "column", "fragment", "rule_id"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_loader_errors_malformed_pack(write_pack, rules, line, column, fragment, rule_id) -> None:
    path = write_pack(rules)
    with pytest.raises(RulePackError) as raised:
        load_pack(path)
    error = raised.value
    assert error.code == ErrorCode.BAD_RULE_PACK
    assert len(error.problems) == 1, [str(p) for p in error.problems]
    problem = error.problems[0]
    text = str(problem)
    assert text.startswith(f"{path}:{line}:"), text
    if column is not None:
        assert problem.position is not None and problem.position.column == column, text
    assert fragment in text
    if rule_id is not None:
        assert f"rule {rule_id!r}" in text


@pytest.mark.parametrize(("rules", "line", "column", "fragment", "rule_id"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_loader_errors_validate_command_exits_non_zero(write_pack, capsys, rules, line, column, fragment, rule_id) -> None:
    path = write_pack(rules)
    code = main(["rules", "validate", str(path)])
    out = capsys.readouterr().out
    assert code == ExitCode.USAGE_ERROR  # an invalid pack is an input error, as the README says
    assert f"{path}:{line}:" in out and fragment in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ('pack: demo\nversion: "1"\ndescription: d\nschema: 2\nclaimcheck: ">=0.1"\nrules:\n', "schema 2 is not supported"),
        ('pack: demo\nversion: "1"\ndescription: d\nschema: 1\nclaimcheck: "not a spec"\nrules:\n', "not a PEP 440 version specifier"),
        ('pack: Demo Pack\nversion: "1"\ndescription: d\nschema: 1\nclaimcheck: ">=0.1"\nrules:\n', "pack: String should match"),
        ('version: "1"\ndescription: d\nschema: 1\nclaimcheck: ">=0.1"\nrules:\n', "'pack' is required"),
        ('pack: demo\nversion: "1"\ndescription: d\nschema: 1\nclaimcheck: "<0.0.1"\nrules:\n', "the pack supports claimcheck <0.0.1"),
    ],
    ids=["future-schema", "bad-specifier", "bad-pack-name", "missing-pack-name", "unsupported-claimcheck"],
)
def test_loader_errors_header(write_pack, header, fragment) -> None:
    path = write_pack(GOOD_RULE, header=header)
    with pytest.raises(RulePackError) as raised:
        load_pack(path)
    assert fragment in str(raised.value.problems[0])
    assert raised.value.problems[0].position is not None


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "pack: x\npack: y\n"], ids=["empty", "not-a-mapping", "duplicate-key"])
def test_loader_errors_not_a_pack(tmp_path, text) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as raised:
        load_pack(path)
    assert str(raised.value).startswith(f"[CC140] {path}")


def test_loader_errors_validate_missing_path(capsys) -> None:
    assert main(["rules", "validate", "/nonexistent/pack.yaml"]) == 2
    assert "[CC101]" in capsys.readouterr().err


def test_loader_errors_validate_good_pack(write_pack, capsys) -> None:
    path = write_pack(GOOD_RULE)
    assert main(["rules", "validate", str(path)]) == 0
    assert "ok: pack demo 1.0, 1 rules" in capsys.readouterr().out
