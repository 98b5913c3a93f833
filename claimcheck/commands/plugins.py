"""``claimcheck plugins``: list the installed plugins, their versions and their hooks.

A table on a terminal, aligned plain text when piped, JSON with ``--json``.
Problems met while loading plugins go to stderr as warnings; a plugin that
implements an unknown hook is an error (exit 2), as for every command.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import IO

from claimcheck.errors import ExitCode
from claimcheck.plugins.manager import LOAD_PLUGINS_ENV, PluginInfo, get_plugins
from claimcheck.report import Diagnostic

_COLUMNS = ("NAME", "VERSION", "DISTRIBUTION", "HOOKS")


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``claimcheck plugins`` to the command line."""
    parser = subparsers.add_parser(
        "plugins",
        help="list installed plugins and the hooks they implement",
        description=(
            "List the plugins claimcheck loads (built-ins and those installed under the "
            f"'claimcheck' entry-point group), their versions and the hooks each implements. "
            f"{LOAD_PLUGINS_ENV}=name,name limits which installed plugins load; set but empty loads none."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List the plugins; returns :attr:`ExitCode.OK`."""
    plugins = get_plugins()
    infos = plugins.list_plugins()
    for warning in plugins.load_warnings:
        print(f"claimcheck: warning: [{warning.code}] {warning.message}", file=sys.stderr)
    out = sys.stdout
    if args.json:
        write_json(infos, plugins.load_warnings, out)
    elif out.isatty():
        write_table(infos, out)
    else:
        write_plain(infos, out)
    return ExitCode.OK


def write_json(infos: list[PluginInfo], warnings: list[Diagnostic], out: IO[str]) -> None:
    """``{"plugins": [...], "warnings": [...]}``, one object per plugin."""
    json.dump(
        {"plugins": [asdict(info) for info in infos], "warnings": [asdict(w) for w in warnings]},
        out,
        indent=2,
    )
    out.write("\n")


def _row(info: PluginInfo) -> tuple[str, str, str, str]:
    distribution = info.distribution or "-"
    if info.builtin:
        distribution += " (built-in)"
    return (info.name, info.version or "-", distribution, ", ".join(info.hooks) or "-")


def write_plain(infos: list[PluginInfo], out: IO[str]) -> None:
    """Aligned columns without colour, one plugin a line (for pipes and logs)."""
    rows = [_COLUMNS, *(_row(info) for info in infos)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")


def write_table(infos: list[PluginInfo], out: IO[str]) -> None:
    """A rich table (respects ``NO_COLOR``)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="claimcheck plugins", title_justify="left")
    for column in _COLUMNS:
        table.add_column(column.title(), overflow="fold")
    for info in infos:
        name, version, distribution, _ = _row(info)
        table.add_row(name, version, distribution, "\n".join(info.hooks) or "-")
    Console(file=out).print(table)
