"""A forged call to the action server, as an attacker without the shared secret would send."""

from __future__ import annotations

from typing import Any, Dict


def forged_call(sender: str, description: str) -> Dict[str, Any]:
    """What Rasa would post to run ``action_submit_report`` on a confirmed report form."""
    slots = {
        "report_category": "oswietlenie",
        "report_location": "Rynek Główny 1",
        "report_description": description,
        "report_contact_consent": "tak",
        "report_contact": "Jan Podrobiony 600 700 800",
        "report_confirmation": "ok",
        "report_photo": None,
        "report_lat": None,
        "report_lon": None,
    }
    return {
        "next_action": "action_submit_report",
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": slots,
            "latest_message": {"text": "tak", "intent": {"name": "affirm"}, "entities": []},
            "latest_event_time": None,
            "followup_action": None,
            "paused": False,
            "events": [],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
    }

