"""The optional contact questions, shared by the report and the idea form.

Asked only after saying why; the contact is kept only when the resident says
yes and gives a phone or e-mail that checks out.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_input


def say_and_keep(
    dispatcher: CollectingDispatcher, slot: str, checked: form_input.Checked
) -> Dict[str, Any]:
    """Tells the resident what the check found (if anything) and fills or re-asks the slot."""
    if checked.message:
        dispatcher.utter_message(text=checked.message)
    return {slot: checked.value}


class ContactQuestions:
    """Validators of ``report_contact_consent`` and ``report_contact`` for a form."""

    def _interrupt(self, value: Any, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
        """Slot values that stop the form (cancel), or None to go on."""
        raise NotImplementedError

    async def validate_report_contact_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        answer = form_input.consent_answer(str(value))
        if answer is None:
            dispatcher.utter_message(text="Wybierz proszę: zostawiasz kontakt czy nie?")
            return {"report_contact_consent": None}
        return {"report_contact_consent": "tak" if answer else "nie"}

    async def validate_report_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        if form_input.consent_answer(str(value)) is False:
            return {"report_contact_consent": "nie", "report_contact": None}
        return say_and_keep(dispatcher, "report_contact", form_input.check_contact(str(value)))
