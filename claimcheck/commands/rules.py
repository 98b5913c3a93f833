"""``claimcheck rules``: list, show, test and validate YAML rule packs.

* ``rules list``            every loaded rule, its severity and whether it is on;
* ``rules show RULE``       one rule in full (or every rule of a pack);
* ``rules test [PACK...]``  run the rules' examples through the engine; exit 1 on a failure;
* ``rules validate PATH...`` check packs without running anything; one line per problem
  (``file:line:column: error: rule 'id': what is wrong``); exit 2 when a pack is invalid;
* ``rules schema``          print the JSON Schema of a pack.

The loaded packs are the plugins' (built-ins first) plus the configuration's
``rules.packs`` and ``--rules PATH``; problems loading them go to stderr.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.report import Diagnostic
from claimcheck.rules import RulePackError, RuleSet, load_rule_sets
from claimcheck.rules.loader import (
    LoadedPack,
    Problem,
    expand_pack_paths,
    load_pack,
    require_packs,
)

if TYPE_CHECKING:
    from claimcheck.config import Config


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``claimcheck rules ...`` to the command line."""
    parser = subparsers.add_parser(
        "rules",
        help="list, show, test and validate YAML rule packs",
        description="Work with YAML rule packs: the built-in ones, plugins' and your own (see docs/rules.md).",
    )
    parser.set_defaults(func=_help(parser))
    actions = parser.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=type(parser))

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--rules", action="append", default=[], metavar="PATH", help="also load this pack (repeatable)")
        p.add_argument("--config", metavar="PATH", help="configuration file (default: found from the current folder)")

    p = actions.add_parser("list", help="list the loaded rules", description="List every loaded rule with its severity and status.")
    common(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_list)

    p = actions.add_parser("show", help="show one rule (or a pack's rules) in full", description="Show a rule: match, effects, examples.")
    common(p)
    p.add_argument("rule", metavar="RULE", help="a rule id (pack.rule) or a pack name")
    p.set_defaults(func=run_show)

    p = actions.add_parser(
        "test",
        help="run the rules' examples",
        description="Run every rule's examples through the engine with only its pack loaded: each 'fire' text must "
        "trigger the rule, each 'pass' text must not. Exit 1 when one fails.",
    )
    common(p)
    p.add_argument("packs", nargs="*", metavar="PACK", help="pack names or pack files/folders (default: every loaded pack)")
    p.add_argument("-v", "--verbose", action="store_true", help="list passing examples too")
    p.set_defaults(func=run_test)

    p = actions.add_parser(
        "validate",
        help="check packs without running them",
        description="Validate rule packs (schema, regexes, spaCy patterns) without running anything. "
        "Prints one line per problem; exit 2 when a pack has errors (with --strict, warnings too).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders")
    p.add_argument("--strict", action="store_true", help="treat warnings (unknown keys) as errors")
    p.set_defaults(func=run_validate)

    p = actions.add_parser("schema", help="print the JSON Schema of a rule pack", description="Print the pack JSON Schema.")
    p.set_defaults(func=run_schema)


def _help(parser: argparse.ArgumentParser) -> Any:
    def show_help(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return ExitCode.USAGE_ERROR

    return show_help


def _config(args: argparse.Namespace) -> Config:
    from claimcheck.config import load_config

    overrides = {"rules": {"packs": list(args.rules)}} if getattr(args, "rules", None) else {}
    if overrides:
        require_packs(args.rules)
    explicit = Path(args.config) if getattr(args, "config", None) else None
    return load_config(Path.cwd(), overrides, explicit=explicit)


def _warn(warnings: list[Diagnostic]) -> None:
    for warning in warnings:
        print(f"claimcheck: warning: [{warning.code}] {warning.message}", file=sys.stderr)


def _loaded(args: argparse.Namespace) -> tuple[RuleSet, Config]:
    """Every pack a run would load, with the configuration's policy."""
    from claimcheck.plugins.manager import get_plugins

    config = _config(args)
    warnings: list[Diagnostic] = []
    plugins = get_plugins()
    warnings.extend(plugins.load_warnings)
    ruleset = load_rule_sets(plugins.rule_pack_paths(warnings), config, warnings)
    _warn(warnings)
    return ruleset, config


def _effects(rule: Any) -> list[str]:
    effects = ["finding"] if rule.finding else []
    if rule.set_type:
        effects.append(f"type={rule.set_type}")
    if rule.score is not None:
        effects.append(f"score{rule.score:+.2f}")
    if rule.note:
        effects.append("note")
    return effects


def run_list(args: argparse.Namespace) -> int:
    """``rules list``: one line per rule."""
    ruleset, _ = _loaded(args)
    enabled = {r.id for r in ruleset.rules}
    rows: list[dict[str, Any]] = [
        {
            "id": r.id,
            "severity": r.severity,
            "match": r.kind,
            "effects": _effects(r.rule),
            "enabled": r.id in enabled,
            "pack_file": str(next(p.path for p in ruleset.packs if p.name == r.pack)),
        }
        for r in ruleset.all_rules
    ]
    if args.json:
        json.dump({"rules": rows}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    width = max((len(row["id"]) for row in rows), default=2)
    for row in rows:
        status = "" if row["enabled"] else "  (disabled)"
        print(f"{row['id']:<{width}}  {row['severity']:<7}  {row['match']:<10}  {','.join(row['effects'])}{status}")
    packs = len(ruleset.packs)
    print(f"{len(rows)} rules in {packs} pack{'s' if packs != 1 else ''}, {len(enabled)} enabled", file=sys.stderr)
    return ExitCode.OK


def run_show(args: argparse.Namespace) -> int:
    """``rules show RULE``: a rule's every field, or all rules of a pack."""
    ruleset, _ = _loaded(args)
    wanted = [r for r in ruleset.all_rules if r.id == args.rule or r.pack == args.rule]
    if not wanted:
        names = [r.id for r in ruleset.all_rules] + [p.name for p in ruleset.packs]
        close = difflib.get_close_matches(args.rule, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; see `claimcheck rules list`"
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"no rule or pack named {args.rule!r}{hint}")
    enabled = {r.id for r in ruleset.rules}
    for number, compiled in enumerate(wanted):
        pack = next(p for p in ruleset.packs if p.name == compiled.pack)
        index = pack.model.rules.index(compiled.rule)
        position = pack.rule_position(index)
        where = f"{pack.path}:{position.line}" if position else str(pack.path)
        rule = compiled.rule
        if number:
            print()
        print(compiled.id)
        print(f"  defined at: {where} (pack {pack.name} {pack.model.version})")
        print(f"  severity:   {compiled.severity}" + (f" (pack says {rule.severity})" if compiled.severity != rule.severity else ""))
        print(f"  status:     {'enabled' if compiled.id in enabled else 'disabled by configuration'}")
        print(f"  message:    {rule.message}")
        if rule.description:
            print(f"  about:      {' '.join(rule.description.split())}")
        if rule.link:
            print(f"  link:       {rule.link}")
        print(f"  effects:    {', '.join(_effects(rule))}")
        if rule.note:
            print(f"  note:       {' '.join(rule.note.split())}")
        match = rule.match.model_dump(exclude_none=True, by_alias=True)
        print("  match:")
        for line in yaml.safe_dump(match, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None).splitlines():
            print(f"    {line}")
        print("  examples:")
        for text in rule.examples.fire:
            print(f"    fire: {text}")
        for text in rule.examples.pass_:
            print(f"    pass: {text}")
    return ExitCode.OK


def _packs_for_test(args: argparse.Namespace) -> list[LoadedPack]:
    if not args.packs:
        ruleset, _ = _loaded(args)
        return ruleset.packs
    chosen: list[LoadedPack] = []
    by_name: dict[str, LoadedPack] | None = None
    for item in args.packs:
        if Path(item).exists():
            files, _ = expand_pack_paths([item])
            for file in files:
                try:
                    chosen.append(load_pack(file))
                except RulePackError as exc:
                    for problem in exc.problems:
                        print(problem, file=sys.stderr)
                    raise ClaimcheckError(ErrorCode.BAD_RULE_PACK, f"{file}: invalid rule pack, not tested") from None
            continue
        if by_name is None:
            ruleset, _ = _loaded(args)
            by_name = {p.name: p for p in ruleset.packs}
        if item not in by_name:
            close = difflib.get_close_matches(item, list(by_name), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (loaded: {', '.join(by_name) or 'none'})"
            raise ClaimcheckError(ErrorCode.BAD_OPTION, f"no pack named {item!r} and no such file{hint}")
        chosen.append(by_name[item])
    return chosen


def run_test(args: argparse.Namespace) -> int:
    """``rules test``: run the examples; exit 1 when one fails."""
    from claimcheck.rules.examples import EngineFiring, run_examples

    packs = _packs_for_test(args)
    config = _config(args)
    results = run_examples(packs, EngineFiring({k: v for k, v in config.items() if k in ("pipeline", "model")}))
    failures = [r for r in results if not r.ok]
    for result in results:
        if not result.ok:
            print(f"FAIL {result.describe()}")
        elif args.verbose:
            print(f"ok   {result.rule}: {result.kind}: {result.text!r}")
    rules = len({r.rule for r in results})
    summary = f"{len(results)} examples of {rules} rules in {len(packs)} packs: {len(results) - len(failures)} passed, {len(failures)} failed"
    print(summary)
    return ExitCode.FINDINGS if failures else ExitCode.OK


def run_validate(args: argparse.Namespace) -> int:
    """``rules validate PATH...``: one line per problem, exit 2 (an input error) when a pack is invalid."""
    files, missing = expand_pack_paths(args.paths)
    for problem in missing:
        raise ClaimcheckError(ErrorCode.FILE_NOT_FOUND, f"{problem.file}: {problem.message}")
    if not files:
        raise ClaimcheckError(ErrorCode.FILE_NOT_FOUND, f"no *.yaml or *.yml pack files in {', '.join(args.paths)}")
    failed = 0
    for file in files:
        problems: list[Problem]
        try:
            pack = load_pack(file)
            problems = pack.warnings
            summary = f"{file}: ok: pack {pack.name} {pack.model.version}, {len(pack.model.rules)} rules"
        except RulePackError as exc:
            problems = exc.problems
            summary = ""
        for problem in problems:
            print(f"{problem}")
        errors = [p for p in problems if p.level == "error" or args.strict]
        if errors:
            failed += 1
            print(f"{file}: invalid: {len(errors)} problem{'s' if len(errors) != 1 else ''}", file=sys.stderr)
        else:
            print(summary)
    return ExitCode.USAGE_ERROR if failed else ExitCode.OK


def run_schema(args: argparse.Namespace) -> int:
    """``rules schema``: print the pack JSON Schema."""
    from claimcheck.rules.schema_export import render

    sys.stdout.write(render())
    return ExitCode.OK


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action (``args.func`` is set by each action's parser)."""
    return int(args.func(args))
