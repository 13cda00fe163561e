"""`POST /telegram/webhook`: Telegram's updates in webhook mode (bot/telegram/bridge.py).

Every update must carry the secret given to setWebhook in the
``X-Telegram-Bot-Api-Secret-Token`` header; a wrong or missing one gets 403
before the body is read, and nothing is processed.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.http.requests import BadInput, read_json

SECRET_HEADER = "x-telegram-bot-api-secret-token"  # noqa: S105 - a header name


async def webhook(request: Request) -> Response:
    bridge = getattr(request.app.state, "telegram", None)
    if bridge is None or not bridge.webhook:
        return JSONResponse({"error": "Telegram webhook is off"}, status_code=404)
    if not bridge.secret_matches(request.headers.get(SECRET_HEADER)):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    try:
        data = await read_json(request, request.app.state.settings.max_body_bytes)
    except BadInput as error:
        return error.response()
    if not await bridge.accept(data):
        # Not connected to Telegram yet: Telegram delivers the update again later.
        return JSONResponse({"error": "not ready"}, status_code=503)
    return Response(status_code=200)


routes = [Route("/telegram/webhook", webhook, methods=["POST"])]
