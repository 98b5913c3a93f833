"""Helpers for testing claimcheck plugins: run the engine or the command line
with a plugin registered for one call, without installing it.

Plain functions::

    from claimcheck.testing import run_check, run_cli
    import my_plugin

    def test_my_plugin_adds_a_note():
        report = run_check("Cases rose to 4,000 last week.", plugins=[my_plugin], published="2024-06-19")
        assert any("unit" in note for claim in report.claims for note in claim.notes)

    def test_my_format():
        result = run_cli(["check", "--format", "markdown", "-"], plugins=[my_plugin], stdin="...")
        assert result.exit_code == 0, result.stderr

and pytest fixtures (import them into your ``conftest.py``; override
``claimcheck_plugins`` to say which plugins the tests run with)::

    from claimcheck.testing import claimcheck_check, claimcheck_cli  # noqa: F401

    @pytest.fixture
    def claimcheck_plugins():
        return [my_plugin]

    def test_it(claimcheck_check):
        report = claimcheck_check("text ...")

By default only the built-ins and the given plugins are loaded, so other
plugins installed in the same environment cannot change the results; pass
``load_entrypoints=True`` to load them too.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimcheck.plugins.manager import LOAD_PLUGINS_ENV, get_plugins, registered_plugins

if TYPE_CHECKING:
    from claimcheck.engine import Engine
    from claimcheck.report import Report

__all__ = [
    "CliResult",
    "make_engine",
    "registered_plugins",
    "run_check",
    "run_cli",
]


@dataclass
class CliResult:
    """What one ``claimcheck`` command line run produced."""

    exit_code: int
    stdout: str
    stderr: str


def make_engine(
    *,
    plugins: Sequence[object] = (),
    config: Mapping[str, Any] | None = None,
    load_entrypoints: bool = False,
) -> Engine:
    """An :class:`~claimcheck.engine.Engine` with the built-ins and ``plugins`` registered.

    Build one per test module when a test checks many texts: the spaCy
    pipeline is shared, but rules and lookups are set up per engine.

    Args:
        plugins: plugin objects (modules, classes or instances) to register.
        config: engine configuration (``min_score``, ``all``, ``rules`` ...).
        load_entrypoints: also load the plugins installed in the environment.
    """
    from claimcheck.engine import Engine

    manager = get_plugins(load_entrypoints=load_entrypoints, extra=plugins)
    return Engine(config=dict(config) if config else None, plugins=manager)


def run_check(
    text: str,
    *,
    plugins: Sequence[object] = (),
    published: str | dt.date | None = None,
    source: str | None = None,
    load_entrypoints: bool = False,
    **options: Any,
) -> Report:
    """Check ``text`` with ``plugins`` registered for this one call.

    Args:
        text: the article.
        plugins: plugin objects to register.
        published: the publication date (``YYYY-MM-DD`` or a date).
        source: the input's name in the report.
        load_entrypoints: also load the plugins installed in the environment.
        **options: configuration, as for :class:`~claimcheck.engine.Engine`
            (``min_score=0.3``, ``all=True`` ...).

    Returns:
        The report; ``report.warnings`` holds any plugin failure.
    """
    engine = make_engine(plugins=plugins, config=options, load_entrypoints=load_entrypoints)
    if isinstance(published, dt.date):
        published = published.isoformat()
    return engine.check(text, published=published, source=source)


@contextmanager
def _environ(changes: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, with ``None``, remove) environment variables for the block."""
    saved = {key: os.environ.get(key) for key in changes}
    try:
        for key, value in changes.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_cli(
    args: Sequence[str],
    *,
    plugins: Sequence[object] = (),
    stdin: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
    load_entrypoints: bool = False,
) -> CliResult:
    """Run ``claimcheck ARGS`` in this process with ``plugins`` registered.

    Args:
        args: the arguments after ``claimcheck`` (``["check", "-"]``).
        plugins: plugin objects to register for this run.
        stdin: what the command reads as standard input (text, or raw bytes).
        env: environment variables to set (``None`` removes one) for the run.
        load_entrypoints: also load the plugins installed in the environment
            (otherwise ``CLAIMCHECK_LOAD_PLUGINS`` is set empty for the run,
            unless ``env`` sets it).

    Returns:
        The exit code and everything written to stdout and stderr.
    """
    from claimcheck.cli import main

    changes: dict[str, str | None] = {} if load_entrypoints else {LOAD_PLUGINS_ENV: ""}
    changes.update(env or {})
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    # A text stream over bytes, as a real stdin is: commands may read either.
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with registered_plugins(*plugins), _environ(changes), redirect_stdout(out), redirect_stderr(err):
            try:
                code: Any = main(list(args))
            except SystemExit as exc:  # argparse exits on --help and usage errors
                code = exc.code
    finally:
        sys.stdin = saved_stdin
    if code is None:
        code = 0
    elif not isinstance(code, int):
        err.write(f"{code}\n")
        code = 1
    return CliResult(int(code), out.getvalue(), err.getvalue())


try:
    import pytest
except ImportError:  # pytest is a test dependency, not a run-time one: fixtures only exist with it
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture
    def claimcheck_plugins() -> list[object]:
        """The plugin objects the other fixtures register; override it in your conftest."""
        return []

    @pytest.fixture
    def claimcheck_check(claimcheck_plugins: list[object]) -> Callable[..., Report]:
        """``claimcheck_check(text, **options) -> Report`` with ``claimcheck_plugins`` registered."""

        def check(text: str, **options: Any) -> Report:
            return run_check(text, plugins=claimcheck_plugins, **options)

        return check

    @pytest.fixture
    def claimcheck_cli(claimcheck_plugins: list[object]) -> Callable[..., CliResult]:
        """``claimcheck_cli(args, stdin=None, env=None) -> CliResult`` with ``claimcheck_plugins`` registered."""

        def cli(args: Sequence[str], **kwargs: Any) -> CliResult:
            return run_cli(args, plugins=claimcheck_plugins, **kwargs)

        return cli

    __all__ += ["claimcheck_plugins", "claimcheck_check", "claimcheck_cli"]
