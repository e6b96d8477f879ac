"""Headers every response carries, the request body limit, and the write-token check.

The pages load nothing from elsewhere: scripts, styles and the vendored cytoscape.js are
served by us, so the Content-Security-Policy allows only 'self' and a browser refuses any
injected inline script even if escaping ever failed.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


class BodyTooLargeError(Exception):
    pass


class SecurityMiddleware:
    """Adds `SECURITY_HEADERS` to every response and refuses bodies over `max_body_bytes`.

    The limit holds for chunked bodies too: `receive` is wrapped and counts what arrives,
    so a client cannot get past it by leaving out Content-Length.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared_length(scope) > self.max_body_bytes:
            await _too_large(send)
            return
        state = {"started": False, "too_large": False}

        async def send_with_headers(message: Message) -> None:
            if state["too_large"]:
                # The app answered a body it could not finish reading (FastAPI turns the error
                # into a 400 "error parsing the body"): answer 413 instead, once.
                if message["type"] == "http.response.start" and not state["started"]:
                    state["started"] = True
                    await _too_large(send)
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, self._counting(receive, state), send_with_headers)
        except BodyTooLargeError:
            if not state["started"]:
                await _too_large(send)

    def _counting(self, receive: Receive, state: dict[str, bool]) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    state["too_large"] = True
                    raise BodyTooLargeError
            return message

        return counted


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def _too_large(send: Send) -> None:
    await send_json_error(send, 413, b"request body too large", SECURITY_HEADERS)


async def send_json_error(
    send: Send, status: int, detail: bytes, headers: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """A whole JSON error response `{"detail": ...}` sent from an ASGI middleware."""
    body = b'{"detail":"' + detail + b'"}'
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def token_matches(authorization: str | None, expected: str | None) -> bool:
    """`Authorization: Bearer TOKEN`, compared in constant time."""
    if not expected or not authorization:
        return False
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), expected.encode())
