"""Fixtures for the command-line tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def shared_engine(engine, monkeypatch):
    """Make ``claimcheck`` reuse the session's engine when the configuration allows, instead of loading the pipeline."""
    import claimcheck.engine as engine_module

    original = engine_module.Engine

    class _Cached(original):  # type: ignore[misc,valid-type]
        def __new__(cls, *args, **kwargs):
            cfg = kwargs.get("config") or {}
            if not isinstance(cfg, dict) or set(cfg) - {"min_score", "all", "fail_on", "model", "rules"} or cfg.get("rules", {}).get("packs"):
                return original(*args, **kwargs)
            return engine

        def __init__(self, *args, **kwargs):
            pass

    monkeypatch.setattr(engine_module, "Engine", _Cached)
    return engine
