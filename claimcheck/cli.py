"""The command line: parse arguments, call the engine, print, return an exit code.

Each subcommand lives in ``claimcheck/commands/<name>.py`` with
``add_parser(subparsers)`` and ``run(args) -> int``.  Errors the user can act
on are printed as one line on stderr with their code; exit codes are
:class:`claimcheck.errors.ExitCode` and documented in the README.  Anything
else that goes wrong is a bug: one line naming the version and how to report
it, exit 3, and the traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, TextIO

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("check", "db", "eval", "lookup", "plugins", "rules", "serve")

DEBUG_HELP = "on an internal error, show the full traceback (for a bug report)"


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit with our documented code 2 and one clear line.

    Every parser (the main one and each subcommand's) accepts ``--debug``, so
    that it can be added anywhere on the command line.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # SUPPRESS: a subcommand's parser must not reset a --debug given before it.
        self.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"claimcheck: error: [CC111] {message}\n")
        raise SystemExit(ExitCode.USAGE_ERROR)


class OutputError(ClaimcheckError):
    """The report cannot be written (a full disk, a closed or broken output)."""


class _OutputClosed(Exception):
    """The reader of a pipe stopped reading (``| head``): what it asked for, not an error.

    Not a :class:`BrokenPipeError`, which rich catches and turns into exit 1
    (the code that means findings).
    """


class _GuardedOutput:
    """Standard output that turns a failed write into a one-line :class:`OutputError`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def _fail(self, exc: OSError) -> OutputError:
        reason = exc.strerror or str(exc)
        return OutputError(ErrorCode.OUTPUT_FAILED, f"cannot write the output to standard output: {reason}; "
                           "check the disk or the file it is redirected to")

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise _OutputClosed from None
        except OSError as exc:
            raise self._fail(exc) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise _OutputClosed from None
        except OSError as exc:
            raise self._fail(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def requested_command(arguments: Sequence[str]) -> str | None:
    """The built-in subcommand a command line asks for, if it names one (its first word that is not an option)."""
    first = next((a for a in arguments if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: with ``command`` (a built-in), only that subcommand; else every one, plugins' too.

    Importing a subcommand imports what it runs on (the lookup store, the
    server, the evaluation harness ...): a cold ``claimcheck check`` imports
    only ``check`` (issue 11).  ``--help``, a plugin's command or a mistyped
    one get the full parser, so that help and "invalid choice" list them all.
    """
    parser = _Parser(
        prog="claimcheck",
        description="Find the checkable factual claims in a news article before it is published.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (command,) if command else COMMANDS:
        module = importlib.import_module(f"claimcheck.commands.{name}")
        module.add_parser(subparsers)
    if command is None:
        _plugin_commands(subparsers)
    return parser


def bug_message(exc: BaseException) -> str:
    """The one line shown for an unexpected exception: what, which version, how to report it."""
    detail = str(exc).splitlines()[0][:200].rstrip(". ") if str(exc).strip() else ""
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return (f"claimcheck: internal error: [{ErrorCode.INTERNAL.value}] {what}. This is a bug in claimcheck {__version__}; "
            "please report it with the input and the traceback that the same command prints with --debug")


def _run_command(args: argparse.Namespace) -> int:
    code = int(args.func(args))
    sys.stdout.flush()  # inside the guard: a full disk must fail here, not at interpreter exit
    return code


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
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    if sys.stderr is None:  # started with stderr closed (2>&-): diagnostics go nowhere, as asked
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 -- lives as long as the process
    stdout = sys.stdout
    if stdout is None:  # started with stdout closed (>&-): there is nowhere to put a report
        sys.stderr.write(f"claimcheck: error: [{ErrorCode.OUTPUT_FAILED.value}] standard output is closed; "
                         "redirect it to a file (> report.txt) or to /dev/null\n")
        return ExitCode.USAGE_ERROR
    sys.stdout = _GuardedOutput(stdout)  # type: ignore[assignment]
    try:
        try:
            parser = build_parser(requested_command(arguments))
            args = parser.parse_args(arguments)
        except SystemExit as exc:  # --help, --version, usage errors
            sys.stdout.flush()
            return int(exc.code) if isinstance(exc.code, int) else ExitCode.USAGE_ERROR
        debug = debug or bool(getattr(args, "debug", False))
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return ExitCode.USAGE_ERROR
        return _run_command(args)
    except ClaimcheckError as exc:
        if isinstance(exc, OutputError):
            _silence_stdout()  # what is still buffered would fail again at exit, with a traceback
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("claimcheck: interrupted\n")
        return ExitCode.INTERRUPTED
    except (BrokenPipeError, _OutputClosed):
        _silence_stdout()
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 -- any other exception is a bug: say so in one line, exit 3
        if debug:
            traceback.print_exc(file=sys.stderr)
        sys.stderr.write(bug_message(exc) + "\n")
        return ExitCode.INTERNAL_ERROR
    finally:
        sys.stdout = stdout


def _silence_stdout() -> None:
    """After a closed pipe or a failed write, point stdout at /dev/null so the exit-time flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests capture stdout): nothing is flushed at exit


#: Whether this process's cyclic garbage collector is paused until start-up is over (see :func:`run`).
_gc_paused = False


def _pause_gc(arguments: Sequence[str]) -> None:
    """Pause the cyclic garbage collector while ``claimcheck check`` starts up.

    Starting up allocates a few hundred thousand objects that live as long
    as the process (spaCy and its pipeline, the model, the rule packs), and
    the collector traversed them again and again as they were made: 0.15-0.2 s
    of CPU, a tenth of a cold ``claimcheck check`` (issue 11), for almost no
    garbage.  :func:`started` freezes what start-up made (later collections
    skip it, see :func:`gc.freeze`) and turns the collector back on before
    any document is checked.  Only the ``check`` command started as a
    program (:func:`run`) does this; every other command, and a caller of
    :func:`main`, runs with the collector as it was.
    """
    global _gc_paused
    if requested_command(arguments) == "check" and gc.isenabled():
        gc.disable()
        _gc_paused = True


def started() -> None:
    """Start-up is over: freeze what it made and turn the garbage collector back on (when :func:`run` paused it)."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def run() -> None:
    """Console-script entry point."""
    _pause_gc(sys.argv[1:])
    try:
        code = main()
    finally:
        started()  # a check that failed before it started up
    sys.exit(code)


if __name__ == "__main__":
    # ``python -m claimcheck.cli``: run the imported module, whose start-up
    # state the commands share (this file is also ``__main__`` here).
    from claimcheck import cli

    cli.run()
