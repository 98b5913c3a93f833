"""What keeps a shared server safe: a request size limit, a bearer token, security headers.

The size limit is plain ASGI middleware so that it stops a request before more
than the limit is read into memory: a ``Content-Length`` over the limit is
answered 413 at once, and a body without one is read up to the limit and
answered 413 as soon as it passes it.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimcheck.errors import ErrorCode

#: Headers on every answer: the page may load only what the server itself serves.
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", (b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                  b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def error_body(code: str, message: str) -> dict[str, Any]:
    """The JSON body of every error answer."""
    return {"error": {"code": code, "message": message}}


class GuardMiddleware:
    """Refuse bodies over ``max_bytes`` with 413 and add :data:`SECURITY_HEADERS` to every answer."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_bytes or declared < 0:
                    await self._refuse(send)
                    return
        # Read the whole body here, never more than the limit, and hand it on:
        # the application then never sees an oversized or endless body.
        chunks: list[bytes] = []
        received = 0
        more = scope["method"] not in ("GET", "HEAD")
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, replay, with_headers)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(error_body(ErrorCode.TOO_LARGE.value,
                                     f"the request is larger than this server's {self.max_bytes:,}-byte limit")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})


def token_ok(request: Request, token: str | None, api_key: str | None = None) -> bool:
    """Whether the request carries the server's token (always true when the server has none).

    The token is taken from ``Authorization: Bearer <token>``, or from
    ``api_key`` (LanguageTool clients send ``apiKey`` as a form field).
    """
    if not token:
        return True
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    candidates = [given.strip()] if scheme.lower() == "bearer" else []
    if api_key:
        candidates.append(api_key)
    return any(hmac.compare_digest(candidate.encode(), token.encode()) for candidate in candidates)
