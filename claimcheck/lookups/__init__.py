"""Lookup sources: what is already known about a claim (prior fact-checks)."""
