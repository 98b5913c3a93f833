"""End-to-end tests of ``claimcheck check``: output formats, batch mode, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.errors import ExitCode
from tests.conftest import EXAMPLE


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _shared_engine(engine, monkeypatch):
    """Reuse the session's engine instead of loading the pipeline for every CLI call."""
    import claimcheck.engine as engine_module

    original = engine_module.Engine

    class _Cached(original):  # type: ignore[misc,valid-type]
        def __new__(cls, *args, **kwargs):
            # The session engine has the default configuration: reuse it only for that.
            cfg = kwargs.get("config")
            if args or (cfg is not None and cfg.model_dump(exclude_defaults=True)):
                return original(*args, **kwargs)
            return engine

        def __init__(self, *args, **kwargs):
            pass

    monkeypatch.setattr(engine_module, "Engine", _Cached)


def test_cli_check_text_report(capsys) -> None:
    code, out, err = run(capsys, "check", str(EXAMPLE / "article.txt"), "--date", "2024-06-19")
    assert code == ExitCode.OK
    assert "mutual defence clause" in out and "Findings" in out
    assert "Subscribe to Updates" not in out.split("Findings")[0]
    assert "Traceback" not in err


def test_cli_check_json_report(capsys) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLE / "article.txt"), "--date", "2024-06-19", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["version"] == "1.3" and data["document"]["published"] == "2024-06-19"
    assert all(c["score"] >= 0.5 for c in data["claims"])
    code, out_all, _ = run(capsys, "check", str(EXAMPLE / "article.txt"), "--date", "2024-06-19", "--format", "json", "--all")
    assert len(json.loads(out_all)["claims"]) > len(data["claims"])
    code, out_hi, _ = run(capsys, "check", str(EXAMPLE / "article.txt"), "--format", "json", "--min-score", "0.8")
    assert all(c["score"] >= 0.8 for c in json.loads(out_hi)["claims"])


def test_cli_check_stdin(capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Unemployment fell to 4.1% in May, the ONS said.")))
    code, out, _ = run(capsys, "check", "-", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["document"]["source"] == "<stdin>" and data["claims"]


def test_cli_check_jsonl_batch(capsys, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(json.dumps({"id": f"s{i}", "text": t}) for i, t in enumerate(
            ["Unemployment fell to 4.1% in May, the ONS said.", "Thank you very much.", "The treaty bans nuclear tests."])) + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(batch), "--input-format", "jsonl", "--format", "jsonl", "--date", "2024-06-19")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["document"]["id"] for r in lines] == ["s0", "s1", "s2"]
    assert lines[1]["claims"] == []


def test_cli_check_fail_on(capsys) -> None:
    code, _, _ = run(capsys, "check", str(EXAMPLE / "article.txt"), "--fail-on", "warning")
    assert code == ExitCode.FINDINGS
    code, _, _ = run(capsys, "check", str(EXAMPLE / "article.txt"), "--fail-on", "error", "--format", "json")
    assert code in (ExitCode.OK, ExitCode.FINDINGS)


@pytest.mark.parametrize(
    "setup,code_text",
    [
        (lambda p: p / "missing.txt", "CC101"),
        (lambda p: p, "CC102"),
        (lambda p: (p / "empty.txt").write_text("") and p / "empty.txt" or p / "empty.txt", "CC103"),
        (lambda p: (p / "bin.dat").write_bytes(b"\x00\x01\x02binary\x00") and p / "bin.dat" or p / "bin.dat", "CC104"),
        (lambda p: (p / "latin.txt").write_bytes("caf\u00e9".encode("latin-1")) and p / "latin.txt" or p / "latin.txt", "CC105"),
    ],
)
def test_cli_check_bad_input(capsys, tmp_path: Path, setup, code_text: str) -> None:
    path = setup(tmp_path)
    code, out, err = run(capsys, "check", str(path))
    assert code == ExitCode.USAGE_ERROR
    assert code_text in err and err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_cli_check_20mb_input_is_refused(capsys, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"The minister said prices rose. " * (20 * 1024 * 1024 // 31))
    code, _, err = run(capsys, "check", str(path))
    assert code == ExitCode.USAGE_ERROR and "CC106" in err and "5 MiB" in err


@pytest.mark.parametrize(
    "args,code_text",
    [
        (["--date", "2024-13-45"], "CC110"),
        (["--date", "not a date"], "CC110"),
        (["--min-score", "2"], "CC111"),
        (["--format", "nope"], "CC111"),
    ],
)
def test_cli_check_bad_options(capsys, args: list[str], code_text: str) -> None:
    code, _, err = run(capsys, "check", str(EXAMPLE / "article.txt"), *args)
    assert code == ExitCode.USAGE_ERROR and code_text in err and "Traceback" not in err


def test_cli_usage_error_exit_code(capsys) -> None:
    code, _, err = run(capsys, "check")
    assert code == ExitCode.USAGE_ERROR and "CC111" in err
    code, _, _ = run(capsys)
    assert code == ExitCode.USAGE_ERROR


def test_cli_console_script_runs(tmp_path: Path) -> None:
    """The installed entry point works as a real process (no traceback on bad input)."""
    result = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", str(tmp_path / "nope.txt")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "CC101" in result.stderr and "Traceback" not in result.stderr


def test_readme_shows_what_check_prints_on_the_bundled_example(capsys, monkeypatch) -> None:
    """The README's "What it prints" is the shipped build's output, line for line (its "..." lines elided)."""
    root = Path(__file__).resolve().parents[2]
    block = (root / "README.md").read_text(encoding="utf-8").split("## What it prints", 1)[1].split("```", 2)[1]
    shown = [line for line in block.splitlines() if line.strip() and "..." not in line and not line.startswith("$ ")]
    monkeypatch.chdir(root)  # the header names the file as the README's command does
    code, out, _ = run(capsys, "check", "examples/putin-pyongyang.txt", "--date", "2024-06-19")
    assert code == 0 and len(shown) >= 10
    printed = out.splitlines()
    assert [line for line in shown if line not in printed] == []
