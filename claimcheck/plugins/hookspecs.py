"""Hook specifications: every way a plugin can extend claimcheck.

This module is the plugin contract.  Each hook says when it is called, what
it receives and what its return value means; ``docs/plugins.md`` documents
every hook with an example (a test fails when one is missing).

Hooks evolve only by gaining arguments: pluggy lets an implementation accept
fewer arguments than the specification, so a plugin written against an older
claimcheck keeps working.  An implementation whose name matches no hook here
is an error at load time (``pm.check_pending()``).

pluggy calls the implementations (see
:meth:`claimcheck.plugins.manager.Plugins.call`); an exception in one plugin
becomes a ``CC150`` warning naming the plugin and the hook, and the others
still run.  Results are collected from every plugin; none of these hooks
stops at the first result.

The data flows one way and each arrow has a hook::

    text --normalise--> spaCy Doc --extract--> claims --enrich--> report --> format
          claimcheck_spacy_components  claimcheck_claims      claimcheck_report
                                       claimcheck_findings    claimcheck_report_formats
                                       claimcheck_rule_packs
                                       claimcheck_lookup_sources
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import argparse

    from spacy.language import Language
    from spacy.tokens import Doc

    from claimcheck.config import Config
    from claimcheck.context import RunContext
    from claimcheck.formats.base import ReportFormat
    from claimcheck.lookups.base import LookupSource
    from claimcheck.report import Claim, Finding, Report

PROJECT_NAME = "claimcheck"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def claimcheck_rule_packs() -> list[str | Path] | None:
    """Return YAML rule packs this plugin ships.

    Called once when the rules are loaded (the first check of a run, and by
    ``claimcheck rules ...``).  Return a list of paths: YAML files, or folders
    whose ``*.yaml``/``*.yml`` files are each a pack.  A pack that fails to
    load is skipped with a warning naming the pack; the run goes on.
    """


@hookspec
def claimcheck_lookup_sources(config: Config) -> list[LookupSource] | None:
    """Return lookup sources that find evidence related to a claim.

    Called once per run when lookups are enabled (``--lookup``), with the
    run's :class:`~claimcheck.config.Config` (``config.lookup`` holds the lookup
    options, ``config.db`` the local store's path and
    ``config.plugin_config(name)`` this plugin's own table).  Return objects implementing
    :class:`claimcheck.lookups.base.LookupSource`, or ``None`` / ``[]`` when
    this plugin has nothing to offer (for example, no API key configured).
    A source that raises while looking up is reported as a warning.
    """


@hookspec
def claimcheck_spacy_components(nlp: Language, config: Config) -> None:
    """Add or configure spaCy pipeline components.

    Called once, right after the spaCy pipeline is loaded and before any text
    is parsed.  Use ``nlp.add_pipe(...)`` (with a factory registered through
    ``spacy.language.Language.factory``) to add a component; its ``Doc`` and
    ``Span`` extensions are then available to the other hooks.  The return
    value is ignored.
    """


@hookspec
def claimcheck_claims(doc: Doc, claims: list[Claim], context: RunContext) -> list[Claim] | None:
    """Adjust the extracted claims, or add new ones.

    Called once per document after the claims have been extracted, typed,
    attributed, dated and scored, and before the rule packs run.  Mutate the
    claims in place (``claim.type``, ``claim.score``, ``claim.notes`` ...) and/or
    return new :class:`~claimcheck.report.Claim` objects to add;
    ``context.new_claim(span)`` builds one from a ``doc`` span with correct
    offsets.  ``context.spans[claim.id]`` is the spaCy span of each claim.
    Setting ``claim.score`` clamps it to [0, 1]; ``claim.band`` follows it.
    """


@hookspec
def claimcheck_findings(doc: Doc, claims: list[Claim], findings: list[Finding], context: RunContext) -> list[Finding] | None:
    """Return additional editorial findings for a document.

    Called once per document after the rule packs have run.  The core's own
    findings (anonymous attribution, unsourced statistics, relative dates,
    quotes without a speaker) come from the built-in plugin
    :mod:`claimcheck.analysis.findings` on this hook, which runs first and adds
    them to ``findings``.  Return new :class:`~claimcheck.report.Finding`
    objects (offsets into the original text: use ``context.to_original(start,
    end)`` to map ``doc`` character offsets); you may also mutate ``findings``
    in place.  ``context.candidates`` and ``context.sources`` hold the
    analysis behind each claim.
    """


@hookspec
def claimcheck_report(report: Report, context: RunContext) -> None:
    """Inspect or adjust the finished report before it is filtered and printed.

    Called once per document, after lookups (attached to the claims at or
    above ``min_score``) and before the report is filtered: ``report.claims``
    holds every candidate claim, most check-worthy first.  Mutate ``report``
    in place; claims then below ``min_score`` are dropped afterwards.  The
    return value is ignored.
    """


@hookspec
def claimcheck_report_formats() -> list[ReportFormat] | None:
    """Return report formats (``--format NAME``).

    Called once when the command line starts.  Return objects implementing
    :class:`claimcheck.formats.base.ReportFormat`, new ones on each call (a
    format may keep state between the documents of a run).  A format whose
    name is already taken by an earlier plugin (the built-ins come first) is
    ignored with a warning.
    """


@hookspec
def claimcheck_register_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add subcommands to the ``claimcheck`` command line.

    Called once when the command line starts, after the built-in commands
    are added.  ``subparsers`` is the :mod:`argparse` sub-parser action: add a
    parser with ``subparsers.add_parser(NAME, help=...)`` and give it
    ``set_defaults(func=run)``, where ``run(args)`` returns the exit code.
    Errors a user can act on should be raised as
    :class:`~claimcheck.errors.ClaimcheckError` (one line, exit 2).  A name
    already taken (built-in commands come first) is refused by argparse and
    reported as a warning.  The return value is ignored.
    """
