"""The photos residents agreed to publish, at the public address Open311 gives as media_url.

``GET /open311/v2/media/{number}`` answers a report's photo only when the resident
said yes to showing it publicly with the report (the report form asks after the
photo: actions/report_photo.py). A report without a photo, one whose photo is kept for
the unit, an idea, or no report at all answer the same 404, so the route tells nothing
about photos that are not public. The staff's address of every photo
(``/console/reports/{number}/photo``, bot/console/report_page.py) stays scoped and
audited. A stored photo is re-encoded without EXIF (bot/photos.py): only its pixels go
out. Caches must ask again each time (``no-cache``), so a photo that erasure or
retention removes stops being served at once.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from bot.http.requests import BadInput
from bot.reports.private import public_photo_name
from bot.reports.store import ReportView
from bot.web.open311_json import error_response

MEDIA_PATH = "/open311/v2/media"
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
NO_PUBLIC_PHOTO = "To zgłoszenie nie ma zdjęcia udostępnionego publicznie."


def media_url(base_url: str, view: ReportView) -> str | None:
    """The public address of the report's photo; None unless the resident agreed."""
    if not (view.photo_public and view.kind == "intervention"):
        return None
    return f"{base_url.rstrip('/')}{MEDIA_PATH}/{view.reference}"


async def public_photo(request: Request) -> Response:
    reference = str(request.path_params["reference"]).strip().upper()
    name = await run_in_threadpool(public_photo_name, request.app.state.db, reference)
    path = request.app.state.settings.photo_dir / name if name else None
    if path is None or not path.is_file():
        return error_response(BadInput(404, NO_PUBLIC_PHOTO))
    return FileResponse(
        path,
        media_type=PHOTO_TYPES[path.suffix.lstrip(".")],
        headers={"Cache-Control": "no-cache", "Content-Disposition": "inline"},
    )


routes = [Route(f"{MEDIA_PATH}/{{reference}}", public_photo, methods=["GET"])]
