"""Find, read and validate claimcheck's configuration.

The configuration lives in ``[tool.claimcheck]`` of a ``pyproject.toml`` or in
a ``.claimcheck.yaml``, found by walking up from the input file's folder: in
each folder ``.claimcheck.yaml`` is tried first, then ``pyproject.toml`` (which
only counts when it has a ``[tool.claimcheck]`` table); the first found wins.
Command-line options win over the file, except ``rules.packs`` (``--rules``),
which adds to the file's packs.  Relative paths in a file are relative to it.

Every problem is a :class:`~claimcheck.errors.ConfigError` with code ``CC130``
naming the file, the line (YAML) and the key.

:class:`Config` is the one configuration object of a run: the command line,
the file and the library API all end in it, and the engine, the rule packs,
the lookups and the plugins read it.  Plugins written against the earlier
dict configuration keep working: every section also reads like a mapping
(``config["lookup"]["threshold"]``, ``config.get("db")``).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from claimcheck.errors import ConfigError, ErrorCode

CONFIG_FILES: tuple[str, ...] = (".claimcheck.yaml", "pyproject.toml")

SeverityName = Literal["info", "warning", "error"]


class Section(BaseModel):
    """A configuration table that can also be read like a mapping.

    Plugins were handed a plain dict before the configuration was typed;
    ``config["db"]``, ``config.get("lookup")`` and ``{**config}`` still work
    for them, reading the typed fields.
    """

    def keys(self) -> list[str]:
        """The table's keys: its fields, then any extra keys it allows."""
        return [*type(self).model_fields, *(self.model_extra or {})]

    def items(self) -> list[tuple[str, Any]]:
        """``(key, value)`` pairs, as a dict's ``items()``."""
        return [(key, getattr(self, key)) for key in self.keys()]

    def __getitem__(self, key: str) -> Any:
        if key not in self.keys():
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when the table has no such key."""
        return self[key] if key in self.keys() else default

    def __contains__(self, key: object) -> bool:
        return key in self.keys()


class RulesConfig(Section):
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


class LookupConfig(Section):
    """The ``lookup`` table (prior fact-check lookups); sources may add their own keys.

    ``threshold`` and ``limit`` left unset mean the lookup module's defaults.
    """

    model_config = ConfigDict(extra="allow")

    enabled: bool = Field(False, description="Attach prior fact-checks to each reported claim.")
    threshold: Optional[float] = Field(None, ge=0, le=1)
    limit: Optional[int] = Field(None, ge=1)


#: Options that hold for the whole life of an :class:`~claimcheck.engine.Engine`
#: (they choose what is loaded); the others may change with each check.
ENGINE_OPTIONS: frozenset[str] = frozenset({"pipeline", "model", "rules", "db", "plugins"})


class Config(Section):
    """The configuration of a run: what a file, the command line or the API may set."""

    model_config = ConfigDict(extra="forbid")

    min_score: float = Field(0.5, ge=0, le=1, description="Report claims scoring at least this.")
    all: bool = Field(False, description="Report every candidate claim, whatever its score.")
    genre: Literal["auto", "speech", "article"] = Field(
        "auto", description="Calibrate scores for a transcript of speech or a written article; auto: read it off the document."
    )
    fail_on: Optional[Literal["info", "warning", "error", "none"]] = Field(
        None, description="Exit 1 when a finding at or above this level is reported."
    )
    rules: RulesConfig = Field(default_factory=RulesConfig)
    lookup: LookupConfig = Field(default_factory=LookupConfig)
    db: Optional[str] = Field(None, description="The local fact-check store.")
    pipeline: Optional[str] = Field(None, description="The spaCy pipeline (package name or path).")
    model: Union[bool, str] = Field(
        True, description="The check-worthiness model: true (built-in), false (features only) or the path of an .npz."
    )
    plugins: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Settings for each plugin, by plugin name (see plugin_config)."
    )

    _file: Optional[str] = PrivateAttr(None)

    @field_validator("lookup", mode="before")
    @classmethod
    def _lookup_switch(cls, value: Any) -> Any:
        # `lookup: true` in a file, `lookup=True` in the API, `--lookup` on the command line.
        return {"enabled": value} if isinstance(value, bool) else value

    @property
    def config_file(self) -> str | None:
        """The configuration file this configuration was read from, if any."""
        return self._file

    def plugin_config(self, name: str) -> dict[str, Any] | None:
        """The ``plugins.NAME`` table, or ``None`` when the configuration has none.

        A value ``{"$env": "VAR"}`` is replaced by the environment variable
        ``VAR`` (``None`` when unset), so secrets stay out of configuration
        files, as in datasette.
        """
        table = self.plugins.get(name)
        return None if table is None else _resolve_env(table)

    def with_options(self, options: Mapping[str, Any], *, allowed: frozenset[str] | None = None) -> Config:
        """This configuration with per-call ``options`` applied and validated.

        Args:
            options: keys of :class:`Config` (``min_score=0.7``, ``lookup=True`` ...).
            allowed: the keys that may be given; others are refused with a
                message saying where they belong.

        Raises:
            ConfigError: ``CC111`` for an unknown or misplaced option (with a
                suggestion), ``CC130`` for an invalid value.
        """
        if not options:
            return self
        known = list(type(self).model_fields)
        for key in options:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
                raise ConfigError(ErrorCode.BAD_OPTION, f"unknown option {key!r}{hint}")
            if allowed is not None and key not in allowed:
                raise ConfigError(
                    ErrorCode.BAD_OPTION,
                    f"option {key!r} is fixed when the engine is built; give it as Engine(config={{{key!r}: ...}})",
                )
        overrides = dict(options)
        if isinstance(overrides.get("lookup"), bool):
            overrides["lookup"] = {"enabled": overrides["lookup"]}
        config = validate_config(_merge(self.model_dump(), overrides), "options")
        config._file = self._file
        return config


ConfigLike = Union[Config, Mapping[str, Any]]
"""A :class:`Config`, or a mapping read the same way (``config.get("rules")``)."""


def _resolve_env(value: Any) -> Any:
    """``{"$env": "VAR"}`` anywhere in a plugin's table replaced by ``$VAR``."""
    if isinstance(value, dict):
        if set(value) == {"$env"}:
            return os.environ.get(str(value["$env"]))
        return {key: _resolve_env(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve_env(item) for item in value]
    return value


def validate_config(data: Config | Mapping[str, Any] | None, origin: str = "configuration") -> Config:
    """A :class:`Config` from a mapping (or the given one unchanged).

    Raises:
        ConfigError: ``CC130`` naming each bad key, with a suggestion for a misspelt one.
    """
    if isinstance(data, Config):
        return data
    try:
        return Config.model_validate(dict(data or {}))
    except ValidationError as exc:
        raise ConfigError(ErrorCode.BAD_CONFIG, _explain(exc, origin, None)) from None


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
    if isinstance(data.get("model"), str):
        data["model"] = str((base / data["model"]).expanduser().resolve())
    return data


def load_config(
    start: Path | None = None, overrides: dict[str, Any] | None = None, *, explicit: Path | None = None
) -> Config:
    """The resolved configuration for a run.

    Args:
        start: the input file (or folder) to search up from; ``None``: the current folder.
        overrides: settings from the command line (``None`` values are ignored);
            they win over the file, except ``rules.packs``, which is added to.
        explicit: a configuration file given with ``--config``: used instead of searching.

    Returns:
        The validated :class:`Config`; ``config.config_file`` is the file
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
    config = validate_config(_merge(data, overrides or {}), "command line")
    config._file = str(path) if path is not None else None
    return config
