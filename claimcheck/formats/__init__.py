"""Report formats: turn a :class:`~claimcheck.report.Report` into text."""
