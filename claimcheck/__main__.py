"""``python -m claimcheck``: the same command line as the ``claimcheck`` script (handy for ``python -X importtime``)."""

from claimcheck.cli import run

run()
