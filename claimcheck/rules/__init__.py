"""YAML rule packs: the newsroom's own checks, written as data.

A pack is a YAML file with a header and ``rules``; see ``docs/rules.md`` for
the format.  The pieces:

* :mod:`claimcheck.rules.schema` -- the pack format (pydantic models);
* :mod:`claimcheck.rules.loader` -- safe loading and validation with ``file:line:column`` errors;
* :mod:`claimcheck.rules.ruleset` -- compiled rules applied to a parsed document;
* :mod:`claimcheck.rules.policy` -- enable/disable and severity overrides from the configuration;
* :mod:`claimcheck.rules.plugin` -- the built-in packs, registered through the plugin hook.

The engine uses :func:`rules_for_run` (or :func:`load_rule_sets` with paths it
collected itself), then ``ruleset.prepare(nlp)`` once and
``ruleset.apply(doc, claims, context)`` per document.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from claimcheck.errors import ErrorCode
from claimcheck.report import Diagnostic
from claimcheck.rules.loader import LoadedPack, Problem, RulePackError, expand_pack_paths, load_pack
from claimcheck.rules.policy import RulePolicy
from claimcheck.rules.ruleset import CompiledRule, Hit, RuleSet

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike
    from claimcheck.plugins.manager import Plugins

__all__ = [
    "CompiledRule",
    "Hit",
    "LoadedPack",
    "Problem",
    "RulePackError",
    "RulePolicy",
    "RuleSet",
    "config_pack_paths",
    "load_packs",
    "load_rule_sets",
    "rules_for_run",
]


def config_pack_paths(config: ConfigLike | None) -> list[Path]:
    """The extra pack paths named in the configuration (``rules.packs``, ``--rules``)."""
    rules = (config or {}).get("rules") or {}
    return [Path(p) for p in rules.get("packs") or ()]


def load_packs(paths: Iterable[str | Path], warnings: list[Diagnostic]) -> list[LoadedPack]:
    """Load every pack under ``paths``; a pack that fails is skipped with a ``CC140`` warning.

    Packs' own warnings (unknown keys) are added to ``warnings`` too.  A pack
    whose name is already taken by an earlier one is skipped.
    """
    files, missing = expand_pack_paths(paths)
    for problem in missing:
        warnings.append(Diagnostic(ErrorCode.BAD_RULE_PACK.value, f"rule pack {problem.file} skipped: {problem.message}"))
    packs: list[LoadedPack] = []
    names: dict[str, Path] = {}
    for file in files:
        try:
            pack = load_pack(file)
        except RulePackError as exc:
            more = f" (and {len(exc.problems) - 1} more problems)" if len(exc.problems) > 1 else ""
            warnings.append(
                Diagnostic(ErrorCode.BAD_RULE_PACK.value, f"rule pack {file} skipped: {exc.problems[0]}{more}")
            )
            continue
        for problem in pack.warnings:
            warnings.append(Diagnostic(ErrorCode.BAD_RULE_PACK.value, str(problem)))
        if pack.name in names:
            warnings.append(
                Diagnostic(
                    ErrorCode.BAD_RULE_PACK.value,
                    f"rule pack {file} skipped: its name {pack.name!r} is already used by {names[pack.name]}",
                )
            )
            continue
        names[pack.name] = file
        packs.append(pack)
    return packs


def load_rule_sets(paths: Iterable[str | Path], config: ConfigLike | None, warnings: list[Diagnostic]) -> RuleSet:
    """Load the packs at ``paths`` plus the configuration's ``rules.packs`` into one :class:`RuleSet`.

    Args:
        paths: pack files or folders (what plugins returned from ``claimcheck_rule_packs``).
        config: the resolved configuration; its ``rules`` table chooses and re-levels rules.
        warnings: skipped packs, pack warnings and unknown rule names in the configuration are appended here.

    Returns:
        The compiled rule set (call ``prepare(nlp)`` once before ``apply``).
    """
    packs = load_packs([*paths, *config_pack_paths(config)], warnings)
    ruleset = RuleSet(packs, RulePolicy.from_config(config))
    warnings.extend(ruleset.policy.unknown_names((p.name for p in packs), (r.id for r in ruleset.all_rules)))
    return ruleset


def rules_for_run(config: ConfigLike | None, warnings: list[Diagnostic], plugins: Plugins | None = None) -> RuleSet:
    """The rule set for a run: every plugin's packs (built-ins first) plus the configuration's."""
    if plugins is None:
        from claimcheck.plugins.manager import get_plugins

        plugins = get_plugins()
    return load_rule_sets(plugins.rule_pack_paths(warnings), config, warnings)
