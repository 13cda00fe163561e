"""Security headers on every HTTP answer of the gateway, even an unexpected error's.

The headers keep injected markup inert even if escaping ever failed (CSP),
keep other sites from framing the pages, keep residents' and consultants'
answers out of shared caches (``no-store`` on the APIs) and, behind TLS, tell
browsers never to use plain HTTP (HSTS). The middleware is the innermost
wrapper that sees every answer, so it also turns an exception nobody caught
into a Polish 500 *with* those headers: Starlette's own error page is made
outside the app's middleware and would go out bare.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Dict, List, Tuple
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import texts

log = logging.getLogger(__name__)

BASE_HEADERS: Tuple[Tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = (b"cache-control", b"no-store")
# Answers that carry a conversation or a consultant's view: never kept by any cache.
NO_STORE_PREFIXES = ("/api/", "/console/api/")
# Hosts whose headers are kept built (SecurityHeaders.headers_for).
_KEPT_HOSTS = 64
# A Host header as browsers send it: a name or an address, maybe a port.
_HOST = re.compile(r"[A-Za-z0-9.\-]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?")


def content_security_policy(websocket_hosts: List[str]) -> bytes:
    """The CSP; WebSockets only to the gateway itself (``'self'`` alone does not cover
    ws:/wss: in every browser, so the gateway's own host is named explicitly)."""
    sockets = " ".join(f"ws://{h} wss://{h}" for h in websocket_hosts)
    return (
        f"default-src 'self'; connect-src 'self' {sockets}; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; frame-ancestors 'self'"
    ).replace("  ", " ").encode("ascii")


class SecurityHeaders:
    """Adds the security headers; answers an uncaught exception with a Polish 500."""

    def __init__(self, app: ASGIApp, public_url: str = "", hsts: bool = False) -> None:
        self.app = app
        self.public_host = urlsplit(public_url).netloc.lower() if public_url else ""
        self.hsts = hsts
        self._built: Dict[bytes, Tuple[Tuple[bytes, bytes], ...]] = {}

    def _websocket_hosts(self, host: bytes) -> List[str]:
        """The public URL's host when configured, else the Host the browser used."""
        if self.public_host:
            return [self.public_host]
        name = host.decode("latin-1").lower()
        return [name] if _HOST.fullmatch(name) else []

    def headers_for(self, scope: Scope) -> Tuple[Tuple[bytes, bytes], ...]:
        """The headers for this request's answer: the same for every request to one Host
        (the public URL's, when set), so built once per Host and kept (a few hosts in
        practice, and at most ``_KEPT_HOSTS``: a Host is the client's to choose)."""
        host = b""
        if not self.public_host:
            for name, value in scope.get("headers", ()):
                if name == b"host":
                    host = value  # the last one counts
        headers = self._built.get(host)
        if headers is None:
            if len(self._built) >= _KEPT_HOSTS:
                self._built.clear()
            headers = self._built[host] = self._build(host)
        return headers

    def _build(self, host: bytes) -> Tuple[Tuple[bytes, bytes], ...]:
        headers = list(BASE_HEADERS)
        csp = content_security_policy(self._websocket_hosts(host))
        headers.append((b"content-security-policy", csp))
        if self.hsts:
            headers.append(HSTS)
        return tuple(headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers_for(scope)
        no_store = str(scope.get("path", "")).startswith(NO_STORE_PREFIXES)
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                if no_store:
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.append(NO_STORE)
                headers.extend(extra)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # The route's first segments only: ids and the request's data stay out of the log.
            route = "/".join(str(scope.get("path", "")).split("/")[:3])
            log.exception("unexpected error answering %s %s/…", scope.get("method"), route)
            if started:
                raise
            body = json.dumps({"error": texts.SERVER_ERROR}, ensure_ascii=False).encode("utf-8")
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/json; charset=utf-8"),
                        (b"content-length", str(len(body)).encode("ascii")),
                        NO_STORE,
                    ],
                }
            )
            await send_with_headers({"type": "http.response.body", "body": body})
