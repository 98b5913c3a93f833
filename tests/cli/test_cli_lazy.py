"""A cold ``claimcheck check`` imports only what it runs (issue 11: cold start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from claimcheck.cli import COMMANDS, requested_command

PROBE = (
    "import sys\nfrom claimcheck.cli import main\ncode = main(sys.argv[1:])\n"
    "loaded = sorted(m for m in sys.modules if m.startswith(('claimcheck.commands.', 'claimcheck.lookups.store', "
    "'claimcheck.lookups.local', 'snowballstemmer')))\n"
    "sys.stderr.write(f'loaded={loaded}\\n')\nsys.exit(code)\n"
)


def test_cli_requested_command_is_the_first_word_that_is_not_an_option() -> None:
    assert requested_command(["--debug", "check", "a.txt"]) == "check"
    assert requested_command(["rules", "list"]) == "rules"
    assert requested_command(["--version"]) is None
    assert requested_command(["chek", "a.txt"]) is None  # a typo gets the full parser and its list of choices
    assert set(COMMANDS) >= {"check", "rules", "db", "lookup", "serve"}


def _run_probe(probe: str, tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``claimcheck check`` of a one-sentence article, run by ``probe`` in a fresh interpreter."""
    article = tmp_path / "a.txt"
    article.write_text("The minister said unemployment fell to 4.2% in May.\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-c", probe, "check", str(article), *options],
                          capture_output=True, text=True, check=False)


def test_cli_check_imports_neither_other_commands_nor_the_lookup_store(tmp_path: Path) -> None:
    result = _run_probe(PROBE, tmp_path, "--date", "2024-06-19")
    assert result.returncode == 0, result.stderr
    assert "loaded=['claimcheck.commands.check', 'claimcheck.commands.options']" in result.stderr


def test_python_dash_m_claimcheck_is_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, check=False)
    direct = subprocess.run([sys.executable, "-m", "claimcheck.cli", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == direct.stdout and "claimcheck" in result.stdout


def test_cli_check_pauses_the_garbage_collector_only_while_it_starts() -> None:
    import gc

    from claimcheck import cli

    assert gc.isenabled()
    cli._pause_gc(["rules", "list"])  # other commands run with the collector as it is
    assert gc.isenabled() and not cli._gc_paused
    cli._pause_gc(["--debug", "check", "a.txt"])
    try:
        assert not gc.isenabled() and cli._gc_paused
        cli.started()
        assert gc.isenabled() and not cli._gc_paused and gc.get_freeze_count() > 0
        cli.started()  # once only
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
        cli._gc_paused = False


GC_PROBE = (
    "import gc, sys\nimport claimcheck.engine as engine\nreal = engine.Engine.check\n"
    "def check(self, *args, **kwargs):\n"
    "    sys.stderr.write(f'collector={gc.isenabled()} frozen={gc.get_freeze_count() > 0}\\n')\n"
    "    return real(self, *args, **kwargs)\n"
    "engine.Engine.check = check\nsys.argv = ['claimcheck', *sys.argv[1:]]\nfrom claimcheck.cli import run\nrun()\n"
)


def test_cli_check_checks_with_the_collector_on(tmp_path: Path) -> None:
    result = _run_probe(GC_PROBE, tmp_path, "--date", "2024-06-19")
    assert result.returncode == 0, result.stderr
    assert "collector=True frozen=True" in result.stderr
    failed = _run_probe(GC_PROBE, tmp_path, "--pipeline", "no_such_pipeline_xyz")
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1 and "[CC120]" in failed.stderr
