"""The Rasa leg of a resident's turn, split from the router (bot/router.py).

What the router needs of Rasa besides the words: an answer even when Rasa says
nothing (a tracker left paused after a hand-off is resumed and asked again), a
form's buttons marked with the question they answer (``bot.offered``: they
expire with it; Rasa's answer names the question, bot/rasa_channel.py, and only
an answer that does not is followed by a read of the tracker), the question a
form asks now, and whether a form is open at all. Rasa being down is never an
exception for the router: the resident is told so in Polish and the message stays
in the transcript.
"""

from __future__ import annotations

import logging
from typing import List, Tuple

from bot import offered, texts
from bot.rasa_client import RasaClient, RasaTurn, RasaUnavailable
from bot.transcript import OutMessage

logger = logging.getLogger(__name__)


class RasaLeg:
    """Sends a resident's words to Rasa and reads what its form asks."""

    def __init__(self, rasa: RasaClient) -> None:
        self.rasa = rasa

    async def reply(self, conversation_id: str, text: str) -> List[OutMessage]:
        """Rasa's replies to ``text`` (already cut to what NLU reads), in order."""
        try:
            turn = await self.rasa.turn(conversation_id, text)
            if not turn.replies:
                turn = await self._unpause_and_retry(conversation_id, text)
            replies = turn.replies
            if any(reply.buttons for reply in replies):
                asked = turn.form_question
                if asked is None:  # the answer did not say: read the tracker
                    asked, _ = await self.form_question(conversation_id)
                if asked:
                    # A form's question: its buttons count while the form asks it.
                    for reply in replies:
                        reply.buttons = offered.scoped_to_question(reply.buttons, asked)
        except RasaUnavailable as error:
            logger.warning("Rasa unavailable for a message: %s", error)
            replies = [OutMessage("system", texts.RASA_DOWN)]
        return replies

    async def form_question(self, conversation_id: str) -> Tuple[str | None, bool]:
        """The question Rasa's form asks now ("form:slot", None outside a form), and
        whether Rasa could say (it may be down)."""
        try:
            return await self.rasa.form_question(conversation_id), True
        except RasaUnavailable:
            return None, False

    async def filling_form(self, conversation_id: str) -> bool:
        """Whether Rasa is in a form: there a Cyrillic name or an English description is
        an answer to the form's question, not a sign the resident cannot write Polish."""
        try:
            return await self.rasa.active_loop(conversation_id) is not None
        except RasaUnavailable:
            return False

    async def _unpause_and_retry(self, conversation_id: str, text: str) -> RasaTurn:
        """Rasa said nothing. If its tracker is still paused although the gateway holds
        the chat for the bot (a consultant ended it while Rasa was down, so the resume
        never arrived), resume it and ask again; otherwise a custom action failed
        (action server down): never leave the resident hanging."""
        if await self.rasa.is_paused(conversation_id):
            logger.warning("resuming a tracker left paused after a hand-off")
            await self.rasa.resume(conversation_id)
            turn = await self.rasa.turn(conversation_id, text)
            if turn.replies:
                return turn
        return RasaTurn([OutMessage("system", texts.NO_ANSWER)], "")
