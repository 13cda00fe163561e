"""The router's answer to "usuń moje dane", split from the router (bot/router.py).

Rasa asks the resident to confirm and then answers with a ``kck_control`` of
``erasure.CONTROL``; the router erases the conversation (``bot.privacy.erasure``)
instead of storing that turn, and tells the resident what happened.
"""

from __future__ import annotations

import logging
from typing import List

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from bot import clock
from bot.privacy import erasure
from bot.transcript import OutMessage

logger = logging.getLogger(__name__)


async def erase(
    eraser: erasure.Eraser | None, conversation_id: str, replies: List[OutMessage]
) -> List[OutMessage]:
    """The resident confirmed "usuń moje dane": Rasa has saved its tracker by now
    (it answers only after saving), so the erasure removes every trace of it."""
    shown = [reply for reply in replies if reply.control is None]
    if eraser is None:
        return [*shown, OutMessage("system", erasure.FAILED)]
    try:
        result = await run_in_threadpool(eraser.erase, conversation_id, clock.now())
    except erasure.NotErasable:
        return [*shown, OutMessage("system", erasure.NOT_NOW)]
    except SQLAlchemyError as error:
        logger.error("erasure failed: %s", type(error).__name__)
        return [*shown, OutMessage("system", erasure.FAILED)]
    logger.info("a conversation was erased at its resident's request")
    return [*shown, OutMessage("system", erasure.describe(result))]
