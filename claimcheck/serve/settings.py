"""What ``claimcheck serve`` may do: one typed object built from the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike

#: The largest request body accepted, in bytes (an article is tens of kilobytes;
#: a Word file with pictures a few megabytes).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: The longest a check may take before the client gets 408, in seconds.
DEFAULT_TIMEOUT = 60.0


@dataclass
class ServeSettings:
    """The server's settings.

    Attributes:
        host: the address to bind; loopback unless the operator says otherwise.
        port: the TCP port.
        token: when set, every API call needs ``Authorization: Bearer <token>``
            (or, for LanguageTool clients, ``apiKey=<token>``).
        max_bytes: the largest request body; larger ones get 413.
        timeout: seconds a check may take; slower ones get 408.
        cors_origins: origins allowed to call the API from a browser; empty: CORS off.
        config: the engine's configuration (from the configuration file and options).
    """

    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    cors_origins: list[str] = field(default_factory=list)
    config: ConfigLike = field(default_factory=dict)
