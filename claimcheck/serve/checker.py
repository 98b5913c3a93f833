"""One engine for the whole server, loaded once, used by one worker thread at a time.

The engine holds a spaCy pipeline, a model and rule packs that take seconds
to load, so it is built once.  spaCy pipelines and the engine's lazily loaded
parts are not documented as safe to share between threads, so checks run one
at a time in a single worker thread: the event loop stays free to answer
other requests (health, the page, 413/401/408 answers) while a check runs,
and concurrent checks queue instead of racing.  A check that is still
waiting when its time is up is cancelled; one already running cannot be
interrupted (Python threads cannot be killed) and finishes before the next
starts, which the time limit's answer says.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError, ErrorCode

if TYPE_CHECKING:
    from claimcheck.engine import Engine
    from claimcheck.report import Report


class CheckTimeout(ClaimcheckError):
    """A check took longer than the server's time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(ErrorCode.SERVE_TIMEOUT, f"the check took longer than the server's {seconds:g} s limit; "
                         "send a shorter text or ask the operator to raise --timeout")


class SharedEngine:
    """The server's engine and the thread that runs it.

    Args:
        engine: the engine to share.
        timeout: seconds a check may take, waiting time included.
    """

    def __init__(self, engine: Engine, timeout: float) -> None:
        self.engine = engine
        self.timeout = timeout
        self._worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimcheck-engine")

    def warm_up(self) -> None:
        """Load what the engine loads lazily (model, rule packs) before the first request."""
        self.engine.check("The council said it would close 3 libraries on Monday.", published=dt.date(2024, 6, 19))

    async def check(self, text: str, *, published: str | None, source: str, options: dict[str, Any]) -> Report:
        """Check ``text`` in the worker thread; raises :class:`CheckTimeout` when the limit is reached."""
        future = self._worker.submit(self.engine.check, text, published=published, source=source, **options)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:
            future.cancel()  # only succeeds while it is still queued
            raise CheckTimeout(self.timeout) from None

    def close(self) -> None:
        """Stop the worker thread (after the check it is running, if any)."""
        self._worker.shutdown(wait=False, cancel_futures=True)
