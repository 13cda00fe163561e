"""Static pages: the widget demo page and the privacy notice."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent.parent
TEMPLATES = HERE / "templates"


async def index(request: Request) -> Response:
    return FileResponse(TEMPLATES / "index.html", media_type="text/html; charset=utf-8")


async def privacy(request: Request) -> Response:
    return FileResponse(TEMPLATES / "prywatnosc.html", media_type="text/html; charset=utf-8")


routes = [
    Route("/", index),
    Route("/prywatnosc", privacy),
    Mount("/widget", StaticFiles(directory=HERE / "static" / "widget"), name="widget"),
]
