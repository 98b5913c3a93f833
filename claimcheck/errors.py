"""Errors with stable codes, and the command line's exit codes.

Every error a user can meet carries a code (``CC101`` ...) so that it can be
searched for and asserted on in tests; the message text may improve, the code
does not change.  Exit codes are an :class:`ExitCode` ``IntEnum`` and are part
of the public interface (see README, "Exit codes").
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What ``claimcheck`` returns to the shell."""

    OK = 0
    """The run finished (claims and findings may have been reported)."""
    FINDINGS = 1
    """Findings at or above the level given with ``--fail-on`` were reported."""
    USAGE_ERROR = 2
    """Bad arguments, unusable input, or output that cannot be written."""
    INTERNAL_ERROR = 3
    """A bug in claimcheck itself; please report it with the input."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C."""


class ErrorCode(str, enum.Enum):
    """Stable identifiers for every user-facing error."""

    FILE_NOT_FOUND = "CC101"
    IS_A_DIRECTORY = "CC102"
    EMPTY_INPUT = "CC103"
    BINARY_INPUT = "CC104"
    NOT_UTF8 = "CC105"
    TOO_LARGE = "CC106"
    UNREADABLE = "CC107"
    OUTPUT_FAILED = "CC108"
    BAD_DATE = "CC110"
    BAD_OPTION = "CC111"
    BAD_JSONL = "CC112"
    NO_PIPELINE = "CC120"
    BAD_CONFIG = "CC130"
    BAD_RULE_PACK = "CC140"
    PLUGIN_FAILED = "CC150"
    PLUGIN_LOAD = "CC151"
    LOOKUP_FAILED = "CC160"
    DATABASE = "CC170"
    IMPORT_FORMAT = "CC171"
    MODEL = "CC180"
    SERVE_TIMEOUT = "CC190"
    SERVE_UNAUTHORIZED = "CC191"
    CHECK_FAILED = "CC200"
    """claimcheck failed on one document of a batch (a bug); the batch went on."""
    INTERNAL = "CC900"
    """A bug in claimcheck that stopped the command (exit 3)."""


class ClaimcheckError(Exception):
    """An error the user can act on: shown as one line, never a traceback.

    Args:
        code: the stable :class:`ErrorCode`.
        message: what went wrong and, where possible, what to do about it.
        exit_code: what the command line returns for it.
    """

    def __init__(self, code: ErrorCode, message: str, exit_code: ExitCode = ExitCode.USAGE_ERROR) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"[{self.code.value}] {self.message}"


class InputError(ClaimcheckError):
    """The input text cannot be read or is not text."""


class ConfigError(ClaimcheckError):
    """A configuration file or option is invalid."""
