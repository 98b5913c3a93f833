"""claimcheck_register_commands: plugins add subcommands to the command line."""

from __future__ import annotations

import argparse
from typing import Any

from claimcheck.plugins import hookimpl
from claimcheck.testing import run_cli


class Words:
    @hookimpl
    def claimcheck_register_commands(self, subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        parser = subparsers.add_parser("words", help="count the words of a text")
        parser.add_argument("text")
        parser.set_defaults(func=self.run)

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        print(len(args.text.split()))
        return 0


class Clash:
    @hookimpl
    def claimcheck_register_commands(self, subparsers: Any) -> None:
        subparsers.add_parser("check")


def test_cli_commands_hook_plugin_command_runs_and_is_listed() -> None:
    result = run_cli(["words", "three short words"], plugins=[Words()])
    assert (result.exit_code, result.stdout.strip()) == (0, "3")
    assert "words" in run_cli(["--help"], plugins=[Words()]).stdout


def test_cli_commands_hook_clash_is_a_warning_and_builtins_still_work() -> None:
    result = run_cli(["words", "a b"], plugins=[Clash(), Words()])
    assert result.exit_code == 0 and result.stdout.strip() == "2"
    assert "[CC150] plugin 'Clash' failed in claimcheck_register_commands" in result.stderr
