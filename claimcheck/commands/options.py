"""Command-line options that more than one command turns into configuration."""

from __future__ import annotations

import argparse


def engine_overrides(args: argparse.Namespace) -> dict[str, object]:
    """The configuration that ``--lookup``, ``--db``, ``--pipeline`` and ``--no-model`` ask for.

    Args:
        args: the parsed command line of a command that has those options.

    Returns:
        Configuration overrides, for ``load_config``; only the options given.
    """
    overrides: dict[str, object] = {}
    if args.lookup:
        overrides["lookup"] = {"enabled": True}
    if args.db:
        overrides["db"] = args.db
    if args.pipeline:
        overrides["pipeline"] = args.pipeline
    if args.no_model:
        overrides["model"] = False
    return overrides
