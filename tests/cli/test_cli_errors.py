"""End-to-end tests of how the command line fails: bugs exit 3, closed input and full output exit 2.

These run ``claimcheck`` as a real process, because what is under test (the
exit code, what reaches stderr, the interpreter's own flush at exit) only
exists there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import __version__
from claimcheck.errors import ExitCode

ARTICLE = "Unemployment fell to 4.1% in May, the Office for National Statistics said on Tuesday.\n"

# A command whose implementation raises an unexpected exception, as a bug would.
_BUGGY = """
import sys
import claimcheck.commands.rules as rules
from claimcheck.cli import run

def buggy(args):
    raise RuntimeError("kaboom\\nsecond line")

rules.run_schema = buggy
sys.argv[0] = "claimcheck"
run()
"""


def _claimcheck(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMCHECK_LOAD_PLUGINS": ""}
    return subprocess.run([sys.executable, "-m", "claimcheck.cli", *args], capture_output=True, text=True,
                          check=False, env=env, **kwargs)


def _buggy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _BUGGY, *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "CLAIMCHECK_LOAD_PLUGINS": ""})


def test_cli_bug_exits_3_with_one_line() -> None:
    result = _buggy("rules", "schema")
    assert result.returncode == ExitCode.INTERNAL_ERROR
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "[CC900]" in lines[0] and "RuntimeError: kaboom" in lines[0] and "second line" not in lines[0]
    assert f"claimcheck {__version__}" in lines[0] and "report" in lines[0] and "--debug" in lines[0]


@pytest.mark.parametrize("where", ["before", "after"])
def test_cli_bug_debug_shows_traceback(where: str) -> None:
    args = ["--debug", "rules", "schema"] if where == "before" else ["rules", "schema", "--debug"]
    result = _buggy(*args)
    assert result.returncode == ExitCode.INTERNAL_ERROR
    assert "Traceback (most recent call last)" in result.stderr and "second line" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("claimcheck: internal error: [CC900]")


def test_cli_check_closed_stdin_is_an_input_error() -> None:
    result = _claimcheck("check", "-", preexec_fn=lambda: os.close(0))
    assert result.returncode == ExitCode.USAGE_ERROR
    assert "[CC107]" in result.stderr and "standard input is closed" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_cli_check_full_disk_is_an_output_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", str(article)],
                                stdout=full, stderr=subprocess.PIPE, text=True, check=False,
                                env={**os.environ, "CLAIMCHECK_LOAD_PLUGINS": ""})
    assert result.returncode == ExitCode.USAGE_ERROR
    expected = ("claimcheck: error: [CC108] cannot write the output to standard output: No space left on device; "
                "check the disk or the file it is redirected to")
    assert result.stderr.strip().splitlines() == [expected]


@pytest.mark.slow
def test_cli_check_closed_pipe_exits_cleanly(tmp_path: Path) -> None:
    """``claimcheck check a.txt | head -1``: the reader stops early; that is not a finding (exit 1) nor an error."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 50, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck.cli", "check", str(article), "--all"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "CLAIMCHECK_LOAD_PLUGINS": ""})
    assert proc.stdout is not None
    proc.stdout.close()  # before the report is written: loading the pipeline takes seconds
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == ExitCode.OK and err == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_cli_output_error_for_other_commands() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "claimcheck.cli", "rules", "schema"], stdout=full,
                                stderr=subprocess.PIPE, text=True, check=False)
    assert result.returncode == ExitCode.USAGE_ERROR and "[CC108]" in result.stderr and "Traceback" not in result.stderr


def test_cli_closed_stdout_is_an_output_error() -> None:
    result = _claimcheck("rules", "list", preexec_fn=lambda: os.close(1))
    assert result.returncode == ExitCode.USAGE_ERROR
    assert "[CC108] standard output is closed" in result.stderr and "Traceback" not in result.stderr


def test_cli_closed_stderr_still_exits_with_the_right_code() -> None:
    result = _claimcheck("check", "missing.txt", preexec_fn=lambda: os.close(2))
    assert result.returncode == ExitCode.USAGE_ERROR


@pytest.mark.slow
def test_cli_check_quote_mark_mix_is_checked(tmp_path: Path) -> None:
    """Issue 12 A1 end to end: a curly opening quote then straight ones used to raise IndexError (E1002)."""
    article = tmp_path / "m.txt"
    article.write_bytes(b'He said \xe2\x80\x9cthey said " ".\n')
    result = _claimcheck("check", str(article), "--format", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    report = json.loads(result.stdout)
    text = article.read_text(encoding="utf-8")
    assert report["document"]["characters"] == len(text)
    for claim in report["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
