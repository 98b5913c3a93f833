"""claimcheck-markdown: a Markdown report format and a unitless-number check.

* ``claimcheck check --format cms-comment``: a compact list to paste into a
  CMS comment (:mod:`claimcheck_markdown.format`; the desk's full checklist,
  ``--format markdown``, is built into claimcheck);
* every claim quoting a number without a unit ("unemployment rose to 5")
  gets a note asking for it (:mod:`claimcheck_markdown.units`).

The hooks are in :mod:`claimcheck_markdown.plugin`, the entry point.
"""

__version__ = "0.1.0"
