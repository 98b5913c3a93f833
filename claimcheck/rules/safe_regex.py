"""Rule packs' regular expressions, run by RE2 so that no pack can hang a run.

Python's ``re`` backtracks: a pattern such as ``(a+)+$`` takes minutes on
34 a's followed by a b, and a pack is data anyone can write.  RE2 (Google's
engine, the one Go and Vale use) runs in time linear in the text for every
pattern it accepts; it refuses the few constructs that need backtracking
(lookaround ``(?=...)``, ``(?<=...)``, backreferences ``\\1``), and those
are refused here with a message, at load time, so ``rules validate`` reports
them with ``file:line``.

RE2's ``\\b``, ``\\w``, ``\\d`` and ``\\s`` are ASCII; ``\\p{L}`` matches a
letter of any script.  :func:`ascii_class_warning` points out patterns where
that difference can change what matches.
"""

from __future__ import annotations

import re
from typing import Any

import re2  # type: ignore[import-untyped]  # google-re2 ships no type information

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would otherwise print every refused pattern on stderr itself

_ASCII_CLASSES = re.compile(r"(?<!\\)(?:\\\\)*\\([bBwWdDsS])")


class UnsafeRegex(ValueError):
    """A pattern RE2 cannot run (or that is not a regular expression at all)."""


def compile_regex(pattern: str) -> Any:
    """Compile a rule pack's regular expression with RE2.

    Args:
        pattern: the pattern as written in the pack (Python/RE2 syntax; ``(?i)`` for case-insensitive).

    Returns:
        The compiled pattern (``search``, ``finditer`` and ``match`` as in ``re``, offsets in characters).

    Raises:
        UnsafeRegex: the pattern is invalid, or uses a construct that needs backtracking.
    """
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise UnsafeRegex(f"bad regular expression {pattern!r}: {exc}") from None
    if "too large" in reason or "repetition" in reason:
        hint = "repetitions nest too deeply or count too high for RE2 (at most 1000); shorten them"
    elif "perl operator" in reason or "escape sequence" in reason:
        hint = "RE2 has no lookaround or backreferences, which can make a run hang: rewrite it without them"
    else:
        hint = "see RE2's syntax"
    raise UnsafeRegex(
        f"regular expression {pattern!r} is not supported by RE2, the linear-time engine packs run on ({reason}); "
        f"{hint} (docs/rules.md, regex)"
    )


def ascii_class_warning(pattern: str) -> str | None:
    """Say when a pattern mixes non-ASCII letters or digits with RE2's ASCII-only ``\\b \\w \\d \\s``.

    ``\\bété\\b`` never matches in RE2 (there is no ASCII word boundary
    before "é"); such a pattern deserves a look, not a refusal.
    """
    # Only letters and digits: a symbol such as "£" is not a word character in either engine.
    if not any(not ch.isascii() and ch.isalnum() for ch in pattern):
        return None
    classes = sorted({m.group(1) for m in _ASCII_CLASSES.finditer(pattern)})
    if not classes:
        return None
    found = " ".join(f"\\{c}" for c in classes)
    return (f"regular expression {pattern!r} has non-ASCII letters and {found}, which only know ASCII "
            "here: use \\p{L} for a letter of any script, (?:^|\\P{L}) instead of \\b next to one")
