"""Reading request bodies safely: bounded size, JSON, bearer tokens."""

from __future__ import annotations

import json
from typing import Any, Dict

from starlette.requests import Request
from starlette.responses import JSONResponse

from bot import texts


class BadInput(Exception):
    """A request the gateway refuses, with the status and Polish text to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def response(self) -> JSONResponse:
        return JSONResponse({"error": self.message}, status_code=self.status)


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refusing bodies over ``limit`` bytes without reading them whole."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BadInput(413, texts.BODY_TOO_LARGE)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BadInput(413, texts.BODY_TOO_LARGE)
    return body


async def read_json(request: Request, limit: int) -> Dict[str, Any]:
    """The JSON object in the body (at most ``limit`` bytes).

    Refused with 400: anything but an object, nesting deeper than Python's parser
    goes (``[[[[…`` in 60 kB), and text that is not Unicode (``"\\ud800"``, a lone
    surrogate JSON allows but no database can store).
    """
    body = await read_body(request, limit)
    if not body:
        return {}
    try:
        data = json.loads(body)
    except RecursionError as error:
        raise BadInput(400, texts.TOO_DEEP) from error
    except (UnicodeDecodeError, ValueError) as error:
        raise BadInput(400, texts.BAD_REQUEST) from error
    if not isinstance(data, dict):
        raise BadInput(400, texts.BAD_REQUEST)
    if _has_surrogates(data):
        raise BadInput(400, texts.BAD_CHARACTERS)
    return data


def _has_surrogates(data: Any) -> bool:
    """Whether any text in the parsed JSON (keys too) holds a lone surrogate."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except RecursionError:  # json's C parser nests deeper than its encoder
        raise BadInput(400, texts.TOO_DEEP) from None
    return False


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
