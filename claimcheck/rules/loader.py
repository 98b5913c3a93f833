"""Load and validate rule packs: YAML file -> checked :class:`Pack`, or precise problems.

Every problem is a :class:`Problem` with the file, ``line:column``, the rule id
(when it concerns one rule) and what is wrong, so that ``claimcheck rules
validate`` and the warnings of a run can point an author at the exact spot.
Validation covers the schema (pydantic), regexes (compiled here) and spaCy
token and dependency patterns (added to matchers on a blank English vocab,
so a pattern spaCy would reject fails at load time, not mid-run).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ValidationError

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.rules.schema import CURRENT_SCHEMA, Pack, Rule
from claimcheck.rules.yamlsource import PathKey, Position, SourceMap, YamlSyntaxError, read_yaml

PACK_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a pack, with where it is."""

    file: str
    position: Position | None
    message: str
    rule: str | None = None
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.file
        if self.position is not None:
            where += f":{self.position.line}:{self.position.column}"
        about = f"rule {self.rule!r}: " if self.rule else ""
        return f"{where}: {self.level}: {about}{self.message}"


class RulePackError(ClaimcheckError):
    """A pack cannot be used; ``problems`` lists every error found in it."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        first = str(problems[0]) if problems else f"{path}: invalid rule pack"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(ErrorCode.BAD_RULE_PACK, first + more)


@dataclass
class LoadedPack:
    """A validated pack, where it came from, and the warnings it raised."""

    path: Path
    model: Pack
    source: SourceMap
    warnings: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The pack's name (the ``pack`` key)."""
        return self.model.pack

    def rule_position(self, index: int) -> Position | None:
        """Where rule number ``index`` starts in the file."""
        return self.source.find(("rules", index))


@functools.lru_cache(maxsize=1)
def claimcheck_version() -> str | None:
    """The running claimcheck's version (installed metadata, else ``claimcheck.__version__``).

    ``None`` when neither is known (a bare source tree), in which case packs'
    ``claimcheck`` specifiers are not enforced.  Read once per process: the
    metadata lookup scans the installed distributions (10 ms, for every pack).
    """
    from importlib import metadata

    try:
        from claimcheck import DISTRIBUTION

        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        import claimcheck

        version = getattr(claimcheck, "__version__", None)
        return str(version) if version else None


def expand_pack_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Turn files and folders into the list of pack files they hold.

    A folder contributes its ``*.yaml``/``*.yml`` files (not recursively), in
    name order.  The same file given twice is loaded once.

    Returns:
        The pack files, and a problem for each path that does not exist.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
        elif path.is_file():
            found = [path]
        else:
            what = "not a regular file or folder" if path.exists() else "no such file or folder"
            problems.append(Problem(str(path), None, what))
            continue
        for item in found:
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                files.append(item)
    return files, problems


def require_packs(paths: Iterable[str | Path], option: str = "--rules") -> None:
    """Refuse pack paths the user named that are missing, hold no pack, or hold an invalid one.

    A pack from a plugin or a configuration file that fails is skipped with a
    warning, so that one bad pack never stops a newsroom's runs; a pack named
    on the command line was asked for by name, and running without it would
    report silence as "no findings".

    Raises:
        ClaimcheckError: ``CC101`` for a missing path, ``CC140`` for an invalid pack (exit 2).
    """
    paths = list(paths)
    files, missing = expand_pack_paths(paths)
    if missing:
        raise ClaimcheckError(ErrorCode.FILE_NOT_FOUND, f"{option} {missing[0].file}: {missing[0].message}")
    for raw in paths:
        if Path(raw).is_dir() and not any(f.parent == Path(raw) for f in files):
            raise ClaimcheckError(ErrorCode.BAD_RULE_PACK, f"{option} {raw}: no *.yaml or *.yml pack files in this folder")
    for file in files:
        try:
            load_pack(file)
        except RulePackError as exc:
            raise ClaimcheckError(
                ErrorCode.BAD_RULE_PACK,
                f"{option} {file}: invalid rule pack: {exc.message}; `claimcheck rules validate {file}` lists every problem",
            ) from None


def load_pack(path: str | Path) -> LoadedPack:
    """Read, validate and check one pack file.

    Raises:
        RulePackError: the pack cannot be used; every problem found is listed.
    """
    path = Path(path)
    name = str(path)
    try:
        data, source = read_yaml(path)
    except YamlSyntaxError as exc:
        raise RulePackError(path, [Problem(name, exc.position, exc.message)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(path, [Problem(name, None, f"cannot read the pack: {exc}")]) from None
    return check_pack_data(data, source, name)


def check_pack_data(data: Any, source: SourceMap, name: str) -> LoadedPack:
    """Validate already-parsed pack data (see :func:`load_pack`)."""
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}"
        raise RulePackError(Path(name), [Problem(name, source.find(()), f"a rule pack is a mapping with 'pack' and 'rules', this is {what}")])
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise RulePackError(Path(name), _pydantic_problems(exc, data, source, name)) from None
    problems = _check_rule_ids(pack, source, name) + _check_spacy_patterns(pack, source, name) + _check_version(pack, source, name)
    if problems:
        raise RulePackError(Path(name), problems)
    return LoadedPack(Path(name), pack, source, _unknown_keys(pack, source, name) + _regex_warnings(pack, source, name))


def _rule_id(data: Any, loc: PathKey) -> str | None:
    """The id of the rule a location is in, read from the raw data."""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rules = data.get("rules") if isinstance(data, dict) else None
        if isinstance(rules, list) and 0 <= loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            rule_id = rules[loc[1]].get("id")
            return str(rule_id) if rule_id is not None else f"#{loc[1] + 1}"
    return None


def _pydantic_problems(exc: ValidationError, data: Any, source: SourceMap, name: str) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc: PathKey = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
        ctx = error.get("ctx") or {}
        point_at_key = False
        if error["type"] == "pack":
            loc = (*loc, *ctx.get("at", ()))
            point_at_key = bool(ctx.get("key"))
        message = error["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if error["type"] == "missing":
            message = f"{loc[-1]!r} is required"
            loc = loc[:-1]
        elif loc and error["type"] != "pack" and isinstance(loc[-1], str):
            message = f"{loc[-1]}: {message}"
        problems.append(Problem(name, source.find(loc, key=point_at_key), message, _rule_id(data, loc)))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for problem in problems:
        key = (problem.position, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def _check_rule_ids(pack: Pack, source: SourceMap, name: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, rule in enumerate(pack.rules):
        if rule.id in seen:
            problems.append(
                Problem(name, source.find(("rules", index, "id")), f"rule id is used twice (first at rule #{seen[rule.id] + 1})", rule.id)
            )
        seen.setdefault(rule.id, index)
    return problems


_SPACY_PATTERN_LOC = re.compile(r"\[pattern -> (\d+)(?: -> ([A-Za-z_]+))?")


def _spacy_message(text: str) -> tuple[str, tuple[int | str, ...]]:
    """Shorten spaCy's multi-line pattern error; find the token it is about."""
    lines = [line.strip(" -") for line in text.splitlines() if line.strip()]
    details = [line for line in lines if line.startswith("[pattern")] or lines[:1]
    message = details[0]
    sub: tuple[int | str, ...] = ()
    found = _SPACY_PATTERN_LOC.match(message)
    if found:
        sub = (int(found.group(1)),) + ((found.group(2),) if found.group(2) else ())
        message = message[found.end() :]
        message = message.split("]", 1)[-1].strip() if "]" in message else message.strip()
        message = f"token {int(found.group(1)) + 1}" + (f", {found.group(2)}" if found.group(2) else "") + f": {message}"
    if "valid string" in message:
        message += " (quote words such as on, off, yes, no: YAML reads them as true/false)"
    return message, sub


def _check_spacy_patterns(pack: Pack, source: SourceMap, name: str) -> list[Problem]:
    """Add every token/dependency pattern to spaCy matchers; report what spaCy rejects."""
    from spacy.matcher import DependencyMatcher, Matcher

    problems: list[Problem] = []
    vocab = _blank_vocab()
    for index, rule in enumerate(pack.rules):
        for kind in ("tokens", "dependency"):
            patterns = getattr(rule.match, kind)
            if not patterns:
                continue
            single = _is_single(source, index, kind)
            for number, pattern in enumerate(patterns):
                matcher = Matcher(vocab, validate=True) if kind == "tokens" else DependencyMatcher(vocab, validate=True)
                try:
                    matcher.add(f"{pack.pack}.{rule.id}", [pattern])
                except Exception as exc:  # spaCy raises MatchPatternError, ValueError or KeyError
                    message, sub = _spacy_message(str(exc))
                    sub = sub or _offending_token(pattern, message)
                    base: PathKey = ("rules", index, "match", kind) + (() if single else (number,))
                    problems.append(Problem(name, source.find(base + sub, key=len(sub) > 1), f"{kind} pattern rejected by spaCy: {message}", rule.id))
    return problems


def _offending_token(pattern: list[dict[str, Any]], message: str) -> tuple[int | str, ...]:
    """Guess the token spec a spaCy error is about from the value it quotes."""
    quoted = set(re.findall(r"'([^']+)'", message))
    for number, spec in enumerate(pattern):
        for key, value in spec.items():
            if isinstance(value, str) and value in quoted:
                return (number, key)
    return ()


def _is_single(source: SourceMap, index: int, kind: str) -> bool:
    """Was ``match.<kind>`` written as one pattern (a list of token specs)?"""
    return ("rules", index, "match", kind, 0, 0) not in source.values


_VOCAB: Any = None


def _blank_vocab() -> Any:
    global _VOCAB
    if _VOCAB is None:
        # A bare vocab is all the matchers need to check a pattern; a blank
        # pipeline would build a tokenizer too (0.2 s of every cold start).
        from spacy.vocab import Vocab

        _VOCAB = Vocab()
    return _VOCAB


def _check_version(pack: Pack, source: SourceMap, name: str) -> list[Problem]:
    from packaging.specifiers import SpecifierSet
    from packaging.version import InvalidVersion, Version

    version = claimcheck_version()
    if version is None:
        return []
    try:
        ok = SpecifierSet(pack.claimcheck).contains(Version(version), prereleases=True)
    except InvalidVersion:
        return []
    if ok:
        return []
    return [Problem(name, source.find(("claimcheck",)), f"the pack supports claimcheck {pack.claimcheck}, this is claimcheck {version}")]


def _regex_warnings(pack: Pack, source: SourceMap, name: str) -> list[Problem]:
    """Warn where RE2's ASCII-only classes meet non-ASCII letters (see :mod:`claimcheck.rules.safe_regex`)."""
    from claimcheck.rules.safe_regex import ascii_class_warning

    problems = []
    for index, rule in enumerate(pack.rules):
        for number, pattern in enumerate(rule.match.regex or ()):
            message = ascii_class_warning(pattern)
            if message:
                position = source.find(("rules", index, "match", "regex", number))
                problems.append(Problem(name, position, message, rule.id, "warning"))
    return problems


def _fields(model: type[BaseModel]) -> list[str]:
    return [info.alias or key for key, info in model.model_fields.items()]


def _unknown_keys(pack: Pack, source: SourceMap, name: str) -> list[Problem]:
    """Warn about each key the schema does not know (errors from schema 2 on)."""
    found: list[tuple[PathKey, BaseModel, str | None]] = [((), pack, None)]
    for index, rule in enumerate(pack.rules):
        found.append((("rules", index), rule, rule.id))
        found.append((("rules", index, "examples"), rule.examples, rule.id))
        if rule.match.claim is not None:
            found.append((("rules", index, "match", "claim"), rule.match.claim, rule.id))
    problems = []
    for path, model, rule_id in found:
        for key in model.model_extra or {}:
            known = _fields(type(model))
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
            problems.append(
                Problem(
                    name,
                    source.find((*path, key), key=True),
                    f"unknown key {key!r} is ignored{hint} (an error from pack schema {CURRENT_SCHEMA + 1} on)",
                    rule_id,
                    "warning",
                )
            )
    return problems


def iter_rules(pack: LoadedPack) -> Iterable[tuple[int, Rule]]:
    """The pack's rules with their index in the file."""
    return enumerate(pack.model.rules)
