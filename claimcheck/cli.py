"""The command line: parse arguments, call the engine, print, return an exit code.

Each subcommand lives in ``claimcheck/commands/<name>.py`` with
``add_parser(subparsers)`` and ``run(args) -> int``.  Errors the user can act
on are printed as one line on stderr with their code; exit codes are
:class:`claimcheck.errors.ExitCode` and documented in the README.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, ExitCode

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("check", "db", "eval", "lookup", "plugins", "rules", "serve")


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit with our documented code 2 and one clear line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"claimcheck: error: [CC111] {message}\n")
        raise SystemExit(ExitCode.USAGE_ERROR)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every subcommand."""
    parser = _Parser(
        prog="claimcheck",
        description="Find the checkable factual claims in a news article before it is published.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"claimcheck.commands.{name}")
        module.add_parser(subparsers)
    _plugin_commands(subparsers)
    return parser


def _plugin_commands(subparsers: argparse._SubParsersAction) -> None:
    """Let plugins add their subcommands (``claimcheck_register_commands``); failures are warnings."""
    from claimcheck.plugins.manager import get_plugins
    from claimcheck.report import Diagnostic

    warnings: list[Diagnostic] = []
    try:
        plugins = get_plugins()
    except ClaimcheckError:
        return  # a broken plugin contract is reported by the command that uses the plugins
    plugins.call("claimcheck_register_commands", warnings, subparsers=subparsers)
    for w in warnings:
        sys.stderr.write(f"claimcheck: warning: [{w.code}] {w.message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code) if isinstance(exc.code, int) else ExitCode.USAGE_ERROR
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE_ERROR
    try:
        return int(args.func(args))
    except ClaimcheckError as exc:
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("claimcheck: interrupted\n")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
