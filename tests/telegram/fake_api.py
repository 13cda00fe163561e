"""A fake Telegram Bot API on loopback that records every call.

It implements what the bridge calls (getMe, getUpdates, sendMessage,
answerCallbackQuery, editMessageText, editMessageReplyMarkup, getFile and the
file download, setMyCommands, setWebhook, deleteWebhook) the way the real
server answers them, so the real python-telegram-bot ``Application`` runs
against it unchanged (``TELEGRAM_BASE_URL``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "KCK Kraków",
    "username": "kck_krakow_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Parameters python-telegram-bot sends JSON-encoded inside the form.
JSON_PARAMS = {"reply_markup", "commands", "allowed_updates", "link_preview_options"}


def fake_token() -> str:
    """A bot token of Telegram's shape, made up for one test run.

    Built at run time so that nothing token-like is committed; the fake Bot
    API accepts whatever token it is started with.
    """
    return f"{secrets.randbelow(9 * 10**9) + 10**9}:{secrets.token_urlsafe(26)}"


@dataclass
class Call:
    method: str
    params: Dict[str, Any]
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> Optional[int]:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def buttons(self) -> List[Dict[str, str]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


class LoopbackServer:
    """Serves an ASGI app with uvicorn in a thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                app, log_level="warning", lifespan="off", access_log=False, ws="none"
            )
        )
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def start(self) -> LoopbackServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the loopback server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class FakeBotApi:
    """The Bot API of one bot token, with its recorded calls and files."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: List[Call] = []
        self.files: Dict[str, bytes] = {}
        self.updates: List[Dict[str, Any]] = []
        # method -> how many of its next calls fail with 502 Bad Gateway (Telegram's
        # front end has bad moments too)
        self.failures: Dict[str, int] = {}
        self._lock = threading.Lock()
        self._message_ids = itertools.count(500)
        self._update_ids = itertools.count(800_000_000)
        self.app = Starlette(
            routes=[
                Route("/bot{token}/{method}", self.method, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self.download, methods=["GET"]),
            ]
        )
        self.server = LoopbackServer(self.app)

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> FakeBotApi:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    # --- what tests read and feed -------------------------------------------

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def push_update(self, update: Dict[str, Any]) -> None:
        """An update for getUpdates (polling mode)."""
        with self._lock:
            self.updates.append(update)

    def recorded(
        self, method: Optional[str] = None, chat_id: Optional[int] = None
    ) -> List[Call]:
        with self._lock:
            calls = list(self.calls)
        return [
            c
            for c in calls
            if (method is None or c.method == method)
            and (chat_id is None or c.chat_id == chat_id)
        ]

    def wait_for(
        self, condition: Callable[[List[Call]], bool], timeout: float = 60
    ) -> List[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.recorded()
            if condition(calls):
                return calls
            time.sleep(0.05)
        raise AssertionError(
            "the fake Bot API did not see the expected calls; it saw:\n"
            + "\n".join(f"{c.method} {c.params}" for c in self.recorded()[-15:])
        )

    # --- the API -------------------------------------------------------------

    async def method(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401
            )
        name = request.path_params["method"]
        params = await self._params(request)
        call = Call(name, params)
        if name != "getUpdates":  # long polls would drown the record
            with self._lock:
                self.calls.append(call)
        if self.failures.get(name, 0) > 0:
            self.failures[name] -= 1
            return Response("<html>502 Bad Gateway</html>", status_code=502)
        handler = getattr(self, f"api_{name}", None)
        if handler is None:
            return JSONResponse(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404
            )
        result = await handler(params)
        if isinstance(result, JSONResponse):
            return result
        call.result = result
        return JSONResponse({"ok": True, "result": result})

    async def _params(self, request: Request) -> Dict[str, Any]:
        if request.headers.get("content-type", "").startswith("application/json"):
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        # python-telegram-bot posts url-encoded forms (multipart only to upload files,
        # which the bridge never does).
        body = (await request.body()).decode("utf-8")
        params: Dict[str, Any] = {}
        for key, value in parse_qsl(body, keep_blank_values=True):
            params[key] = json.loads(value) if key in JSON_PARAMS else value
        return params

    async def api_getMe(self, params: Dict[str, Any]) -> Any:
        return BOT_USER

    async def api_setMyCommands(self, params: Dict[str, Any]) -> Any:
        return True

    async def api_setWebhook(self, params: Dict[str, Any]) -> Any:
        return True

    async def api_deleteWebhook(self, params: Dict[str, Any]) -> Any:
        return True

    async def api_getUpdates(self, params: Dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                ready = list(self.updates)
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.05)

    def _message(self, params: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "from": BOT_USER,
            "chat": {"id": chat_id, "first_name": "Jan", "type": "private"},
            "date": int(time.time()),
            **extra,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def api_sendMessage(self, params: Dict[str, Any]) -> Any:
        return self._message(params, text=params.get("text", ""))

    async def api_editMessageText(self, params: Dict[str, Any]) -> Any:
        return self._message(params, text=params.get("text", ""), edit_date=int(time.time()))

    async def api_editMessageReplyMarkup(self, params: Dict[str, Any]) -> Any:
        return self._message(params, text="", edit_date=int(time.time()))

    async def api_answerCallbackQuery(self, params: Dict[str, Any]) -> Any:
        return True

    async def api_getFile(self, params: Dict[str, Any]) -> Any:
        file_id = str(params.get("file_id"))
        data = self.files.get(file_id)
        if data is None:
            return JSONResponse(
                {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"},
                status_code=400,
            )
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(data),
            "file_path": f"photos/{file_id}.png",
        }

    async def download(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return Response(status_code=401)
        with self._lock:
            self.calls.append(Call("file", {"path": request.path_params["path"]}))
        file_id = request.path_params["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
        data = self.files.get(file_id)
        if data is None:
            return Response(status_code=404)
        return Response(data, media_type="image/png")
