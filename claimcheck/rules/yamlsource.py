"""Read a YAML rule pack safely, remembering where every key and value was written.

Packs are data: this module only ever uses PyYAML's ``SafeLoader`` (no Python
tags, no object construction), so a pack can never execute code.  Instead of
``yaml.safe_load`` it composes the node graph and converts it by hand, so that
each value's ``line:column`` is kept in a :class:`SourceMap` keyed by its path
(``("rules", 3, "match", "regex")``).  Validation errors from pydantic carry
the same paths, which is how every error message gets a ``file:line:column``.
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

PathKey = tuple[Union[str, int], ...]

#: A pack larger than this many YAML nodes is refused: aliases can otherwise
#: expand a tiny file into billions of values ("billion laughs").
MAX_NODES = 200_000


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document was written."""

    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def find(self, path: PathKey, *, key: bool = False) -> Position | None:
        """The position of ``path``, or of its nearest written ancestor.

        With ``key=True`` the position of the mapping key is preferred (where an
        unknown key should be pointed at) over the start of its value.
        """
        probe = tuple(path)
        if key and probe in self.keys:
            return self.keys[probe]
        while True:
            if probe in self.values:
                return self.values[probe]
            if probe in self.keys:
                return self.keys[probe]
            if not probe:
                return None
            probe = probe[:-1]


class YamlSyntaxError(Exception):
    """The text is not valid YAML (or uses a construct packs do not allow)."""

    def __init__(self, message: str, position: Position | None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


def _position(node: Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


class _Converter:
    """Turns a composed node graph into plain Python, recording positions."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.source = SourceMap()
        self.count = 0

    def convert(self, node: Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlSyntaxError(f"the pack has more than {MAX_NODES} values (aliases expanding too far?)", _position(node))
        self.source.values.setdefault(path, _position(node))
        if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in _PLAIN_TAGS:
            # Collections are converted by hand, so an explicit tag (``!!set``,
            # ``!!python/object``) would otherwise be silently ignored.
            raise YamlSyntaxError(f"YAML tag {node.tag!r} is not allowed in a rule pack", _position(node))
        if isinstance(node, MappingNode):
            # Resolves ``<<: *anchor`` merge keys the way safe_load does.
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise YamlSyntaxError("mapping keys must be plain scalars", _position(key_node))
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, bool, float)) and key is not None:
                    raise YamlSyntaxError(f"unsupported mapping key {key!r}", _position(key_node))
                if key in result:
                    raise YamlSyntaxError(f"duplicate key {key!r}", _position(key_node))
                child: tuple[Any, ...] = (*path, key)
                self.source.keys.setdefault(child, _position(key_node))
                result[key] = self.convert(value_node, child)
            return result
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            # SafeConstructor only knows the YAML core types (str, int, float,
            # bool, null, timestamps, binary); an unknown tag raises.
            return self.loader.construct_object(node, deep=True)
        raise YamlSyntaxError(f"unsupported YAML node {type(node).__name__}", _position(node))


def load_yaml(text: str, name: str = "<string>") -> tuple[Any, SourceMap]:
    """Parse one YAML document with the safe loader.

    Args:
        text: the YAML text.
        name: the file name shown in PyYAML's own marks.

    Returns:
        The data (``None`` for an empty document) and its :class:`SourceMap`.

    Raises:
        YamlSyntaxError: the text is not a single valid YAML document.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        # libyaml reads the built-in packs in a tenth of the time (0.4 s of a
        # cold start); anything it objects to is read again by the pure-Python
        # loader, so that errors and their messages stay the same.
        with contextlib.suppress(Exception):  # the Python loader below reports the problem
            return _load_yaml(text, name, fast)
    return _load_yaml(text, name, yaml.SafeLoader)


def _load_yaml(text: str, name: str, loader_class: Any) -> tuple[Any, SourceMap]:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    loader.name = name
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            position = Position(mark.line + 1, mark.column + 1) if mark else None
            problem = exc.problem or exc.context or "invalid YAML"
            if exc.context and exc.problem:
                started = exc.context_mark
                at = f" started at line {started.line + 1}, column {started.column + 1}" if started and started is not mark else ""
                problem = f"{exc.problem} ({exc.context}{at})"
            raise YamlSyntaxError(f"YAML syntax error: {problem}", position) from None
        except yaml.YAMLError as exc:
            raise YamlSyntaxError(f"YAML syntax error: {exc}", None) from None
        if node is None:
            return None, SourceMap()
        converter = _Converter(loader)
        try:
            data = converter.convert(node, ())
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            position = Position(mark.line + 1, mark.column + 1) if mark else None
            raise YamlSyntaxError(f"YAML error: {exc.problem}", position) from None
        return data, converter.source
    finally:
        loader.dispose()


def _reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlSyntaxError:
    """A control character YAML refuses (NUL, BEL ...), with where it is and what it is."""
    index = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    label = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "a control character")
    return YamlSyntaxError(
        f"the file contains the character U+{ord(char):04X} ({label}), which YAML does not allow; "
        "remove it (or write it as an escape such as \\x07 inside a double-quoted string)",
        Position(line, column),
    )


_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BACKSPACE", 27: "ESCAPE", 127: "DELETE"}


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Read and parse a YAML file (UTF-8); see :func:`load_yaml`."""
    return load_yaml(path.read_text(encoding="utf-8"), str(path))
