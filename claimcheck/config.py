"""Find, read and validate claimcheck's configuration.

The configuration lives in ``[tool.claimcheck]`` of a ``pyproject.toml`` or in
a ``.claimcheck.yaml``, found by walking up from the input file's folder: in
each folder ``.claimcheck.yaml`` is tried first, then ``pyproject.toml`` (which
only counts when it has a ``[tool.claimcheck]`` table); the first found wins.
Command-line options win over the file, except ``rules.packs`` (``--rules``),
which adds to the file's packs.  Relative paths in a file are relative to it.

Every problem is a :class:`~claimcheck.errors.ConfigError` with code ``CC130``
naming the file, the line (YAML) and the key.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from claimcheck.errors import ConfigError, ErrorCode

CONFIG_FILES: tuple[str, ...] = (".claimcheck.yaml", "pyproject.toml")

SeverityName = Literal["info", "warning", "error"]


class RulesConfig(BaseModel):
    """The ``rules`` table: which packs and rules run, and at what level."""

    model_config = ConfigDict(extra="forbid")

    enable: list[str] = Field(default_factory=list, description="Only these packs / pack.rule ids run (empty: all).")
    disable: list[str] = Field(default_factory=list, description="Packs / pack.rule ids that do not run.")
    severity: dict[str, SeverityName] = Field(default_factory=dict, description="pack or pack.rule -> info/warning/error.")
    packs: list[str] = Field(default_factory=list, description="Extra rule-pack files or folders.")

    @field_validator("enable", "disable", "packs", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class LookupConfig(BaseModel):
    """The ``lookup`` table (prior fact-check lookups); sources may add their own keys."""

    model_config = ConfigDict(extra="allow")

    enabled: Optional[bool] = None
    threshold: Optional[float] = Field(None, ge=0, le=1)
    limit: Optional[int] = Field(None, ge=1)


class Config(BaseModel):
    """Everything a configuration file may set."""

    model_config = ConfigDict(extra="forbid")

    min_score: float = Field(0.5, ge=0, le=1, description="Report claims scoring at least this.")
    all: bool = Field(False, description="Report every candidate claim, whatever its score.")
    fail_on: Optional[Literal["info", "warning", "error", "none"]] = Field(
        None, description="Exit 1 when a finding at or above this level is reported."
    )
    rules: RulesConfig = Field(default_factory=RulesConfig)
    lookup: Optional[LookupConfig] = None
    db: Optional[str] = Field(None, description="The local fact-check store.")
    pipeline: Optional[str] = Field(None, description="The spaCy pipeline (package name or path).")
    model: Optional[Union[bool, str]] = Field(None, description="The check-worthiness model: true (built-in), false (features only) or a path.")


def find_config(start: Path | None) -> Path | None:
    """The first configuration file found walking up from ``start`` (a file or folder; default: cwd)."""
    folder = (start or Path.cwd()).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and _toml_table(candidate) is None:
                continue
            return candidate
    return None


def _toml_table(path: Path) -> dict[str, Any] | None:
    """``[tool.claimcheck]`` of a pyproject.toml, or ``None`` when it has none."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ImportError:
            raise ConfigError(ErrorCode.BAD_CONFIG, f"{path}: reading pyproject.toml on Python 3.10 needs `pip install tomli`") from None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(ErrorCode.BAD_CONFIG, f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(ErrorCode.BAD_CONFIG, f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("claimcheck")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(ErrorCode.BAD_CONFIG, f"{path}: [tool.claimcheck] must be a table")
    return table


def read_config_file(path: Path) -> tuple[dict[str, Any], Any]:
    """The raw settings of one file, and its source map (YAML only, for line numbers)."""
    from claimcheck.rules.yamlsource import YamlSyntaxError, read_yaml

    if path.suffix == ".toml":
        table = _toml_table(path)
        if table is None and path.name != "pyproject.toml":
            raise ConfigError(ErrorCode.BAD_CONFIG, f"{path}: has no [tool.claimcheck] table")
        return table or {}, None
    try:
        data, source = read_yaml(path)
    except YamlSyntaxError as exc:
        where = f"{path}:{exc.position.line}:{exc.position.column}" if exc.position else str(path)
        raise ConfigError(ErrorCode.BAD_CONFIG, f"{where}: {exc.message}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(ErrorCode.BAD_CONFIG, f"{path}: cannot read: {exc}") from None
    if data is None:
        return {}, source
    if not isinstance(data, dict):
        raise ConfigError(ErrorCode.BAD_CONFIG, f"{path}: the configuration must be a mapping of keys to values")
    return data, source


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Overrides win; ``None`` means "not given"; ``rules.packs`` adds to the file's."""
    merged = dict(base)
    for key, value in overrides.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            inner = _merge(merged[key], value)
            if key == "rules" and "packs" in value and value["packs"] is not None:
                inner["packs"] = [*(_as_list(merged[key].get("packs"))), *_as_list(value["packs"])]
            merged[key] = inner
        else:
            merged[key] = value
    return merged


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return [value] if isinstance(value, (str, Path)) else list(value)


def _explain(exc: ValidationError, origin: str, source: Any) -> str:
    """One line per problem: ``file:line:col: key.path: what is wrong``."""
    lines = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
        key = ".".join(str(part) for part in loc) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            parent = Config if len(loc) == 1 else RulesConfig if loc[:1] == ("rules",) else None
            known = list(parent.model_fields) if parent else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            message = "unknown key" + (f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})")
        where = origin
        position = source.find(loc, key=error["type"] == "extra_forbidden") if source is not None else None
        if position is not None:
            where += f":{position.line}:{position.column}"
        lines.append(f"{where}: {key}: {message}")
    return "; ".join(lines)


def _resolve_paths(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """Make the file's relative paths relative to the file's folder."""
    data = dict(data)
    rules = data.get("rules")
    if isinstance(rules, dict) and rules.get("packs") is not None:
        rules = dict(rules)
        rules["packs"] = [str((base / p).resolve()) if isinstance(p, str) else p for p in _as_list(rules["packs"])]
        data["rules"] = rules
    if isinstance(data.get("db"), str):
        data["db"] = str((base / data["db"]).expanduser().resolve())
    return data


def load_config(
    start: Path | None = None, overrides: dict[str, Any] | None = None, *, explicit: Path | None = None
) -> dict[str, Any]:
    """The resolved configuration for a run.

    Args:
        start: the input file (or folder) to search up from; ``None``: the current folder.
        overrides: settings from the command line (``None`` values are ignored);
            they win over the file, except ``rules.packs``, which is added to.
        explicit: a configuration file given with ``--config``: used instead of searching.

    Returns:
        A plain dict of the settings that are set (defaults filled in for
        ``min_score``, ``all`` and ``rules``; unset optional keys are left out so
        that the engine's own defaults apply) plus ``config_file``: the file
        used, or ``None``.

    Raises:
        ConfigError: ``CC130`` when the file or an override is invalid.
    """
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(ErrorCode.BAD_CONFIG, f"{explicit}: no such configuration file")
        path: Path | None = explicit
    else:
        path = find_config(start)
    data: dict[str, Any] = {}
    source = None
    if path is not None:
        data, source = read_config_file(path)
        data = _resolve_paths(data, path.parent)
        try:
            Config.model_validate(data)
        except ValidationError as exc:
            raise ConfigError(ErrorCode.BAD_CONFIG, _explain(exc, str(path), source)) from None
    merged = _merge(data, overrides or {})
    try:
        config = Config.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(ErrorCode.BAD_CONFIG, _explain(exc, "command line", None)) from None
    result = config.model_dump(mode="python", exclude_none=True)
    result["config_file"] = str(path) if path is not None else None
    return result
