"""Subcommands of the ``claimcheck`` command line, one module each."""
