"""The Host header check: a server bound to this machine answers only to this machine's names.

A page on any web site can point a name of its own at 127.0.0.1 (DNS rebinding) and then
read `http://thatname:8000/api/...` as same-origin: the browser sends `Host: thatname`.
Refusing every Host but the loopback names (and those the user allows) closes that door;
the port part of the header is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable

from hadath.web.security import ASGIApp, Receive, Scope, Send, send_json_error

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The Host names a server bound to `bind` answers to; None: any (bound to a public
    address the names users reach it by are not known here, unless `extra` lists them)."""
    names = {name.strip().lower() for name in extra if name.strip()}
    if bind in LOOPBACK_NAMES:
        return frozenset({*LOOPBACK_NAMES, *names})
    if names:
        return frozenset({bind.lower(), *names})
    return None


def host_name(value: str) -> str:
    """`example.org:8000` → `example.org`; `[::1]:8000` → `::1`."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    name, _, port = value.rpartition(":")
    return name if name and port.isdigit() else value


class HostCheckMiddleware:
    """Answers 421 (misdirected request) to a request whose Host is not allowed."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._allowed(scope):
            await _misdirected(send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"host":
                return host_name(value.decode("latin-1")) in self.hosts
        return False  # HTTP/1.1 requires a Host; a request without one is not a browser's


async def _misdirected(send: Send) -> None:
    await send_json_error(send, 421, b"unknown Host header")
