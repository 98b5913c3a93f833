"""The linguistic analysis: from a parsed document to claims and what is known of them.

Data flows one way through these modules: ``nlp`` parses normalised text,
``document`` finds the byline, dateline and furniture, ``claims`` finds the
checkable clauses, and ``enrich`` gives each claim its type (``claim_types``),
speaker (``attribution``), hedges, dates and score (``scoring``), and the
core's own editorial findings (``findings``).
"""
