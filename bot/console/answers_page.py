"""Ready answers in the console: supervisors edit them at ``/console/answers``;
the chat view reads them, with the conversation's variables filled, at
``/console/api/conversations/{id}/answers``.

The editing page is plain forms (no script needed, read well by screen readers);
every change is audited. The FAQ answers from Rasa's response files follow the
supervisors' own in the chat view's list.
"""

from __future__ import annotations

from typing import Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.console import answer_store
from bot.console.answers import ready_answers
from bot.console.api import visible_entry
from bot.console.auth import audit, authenticate, read_form
from bot.console.errors import ConsoleError
from bot.console.i18n import _
from bot.console.templates import render_page
from bot.http.requests import BadInput

EDITORS = frozenset({"supervisor"})


async def answers_page(request: Request) -> Response:
    user = await authenticate(request, roles=EDITORS)
    rows = await run_in_threadpool(answer_store.list_answers, request.app.state.db)
    return render_page(
        "/console/answers.html",
        user=user,
        active_nav="answers",
        rows=rows,
        saved=request.query_params.get("saved") == "1",
        variables=answer_store.VARIABLES,
    )


async def _save(request: Request, answer_id: Optional[int]) -> Response:
    user = await authenticate(request, roles=EDITORS)
    form = await read_form(request)
    title, text = form.get("title", "").strip(), form.get("text", "").strip()
    if not title or not text:
        raise ConsoleError(422, _("Give the answer a title and a text."))
    db = request.app.state.db
    saved = await run_in_threadpool(answer_store.save_answer, db, answer_id, title, text)
    if saved is None:
        raise ConsoleError(404, _("This ready answer no longer exists."))
    await run_in_threadpool(audit, db, user.id, "save_answer", str(saved))
    return RedirectResponse("/console/answers?saved=1", status_code=303)


async def add_answer(request: Request) -> Response:
    return await _save(request, None)


async def change_answer(request: Request) -> Response:
    return await _save(request, int(request.path_params["answer_id"]))


async def delete_answer(request: Request) -> Response:
    user = await authenticate(request, roles=EDITORS)
    answer_id = int(request.path_params["answer_id"])
    db = request.app.state.db
    if await run_in_threadpool(answer_store.delete_answer, db, answer_id):
        await run_in_threadpool(audit, db, user.id, "delete_answer", str(answer_id))
    return RedirectResponse("/console/answers?saved=1", status_code=303)


async def conversation_answers(request: Request) -> Response:
    """Supervisors' answers, then the FAQ's, with this conversation's values filled in."""
    user = await authenticate(request)
    try:
        entry = await visible_entry(request, user)
    except BadInput as error:
        return error.response()
    db = request.app.state.db
    values = await run_in_threadpool(answer_store.conversation_values, db, entry.conversation_id)
    own = await run_in_threadpool(answer_store.list_answers, db)
    answers = [{"title": a.title, "text": a.text} for a in own]
    answers += [{"title": a.title, "text": a.text} for a in ready_answers()]
    return JSONResponse(
        {"answers": [{**a, "text": answer_store.fill(a["text"], values)} for a in answers]}
    )


routes = [
    Route("/console/answers", answers_page, methods=["GET"]),
    Route("/console/answers", add_answer, methods=["POST"]),
    Route("/console/answers/{answer_id:int}", change_answer, methods=["POST"]),
    Route("/console/answers/{answer_id:int}/delete", delete_answer, methods=["POST"]),
    Route("/console/api/conversations/{conversation_id}/answers", conversation_answers,
          methods=["GET"]),
]
