"""What the gateway says to a resident who writes in Ukrainian or English.

The assistant's answers are Polish only for now, so a Ukrainian or English
message gets, instead of a guess by the Polish NLU, a short note in the
resident's language: what the assistant can do, that its answers are in
Polish, the emergency number, and two buttons whose payloads are the
existing intents (``/request_human``, ``/request_callback``, as on the Polish
buttons in ``domain.yml``), so pressing one continues the usual (Polish)
hand-off or callback flow.

The texts live here, not in a babel catalog: there are two of them, the
gateway's other resident texts are plain Python too (``bot.texts``), and
the Polish version of this message does not exist (Polish goes to Rasa).
Every fact in them (phone, hours, 112) is in ``shared/knowledge/facts.md``.
"""

from __future__ import annotations

from typing import Dict, List

from bot import kck
from bot.language_detection import Lang
from bot.transcript import OutMessage

HUMAN_PAYLOAD = "/request_human"
CALLBACK_PAYLOAD = "/request_callback"

EXPLANATIONS: Dict[str, str] = {
    "uk": (
        "Вітаю! Я чат-асистент Краківського центру контакту (Krakowskie Centrum Kontaktu). "
        "Поки що я відповідаю лише польською мовою: про посвідчення особи, реєстрацію "
        "місця проживання (meldunek), акти цивільного стану, центр зайнятості, дерева, "
        "геодезію та зелені насадження, а також підкажу, куди повідомити про проблему "
        "в місті чи подати ідею.\n"
        f"Можете написати запитання польською або попросити консультанта (пн–пт {kck.HOURS}) "
        f"чи зворотний дзвінок. Телефон KCK: {kck.PHONE}.\n"
        "У разі загрози життю чи здоров'ю телефонуйте 112."
    ),
    "en": (
        "Hello! I am the chat assistant of Kraków's city contact centre (Krakowskie Centrum "
        "Kontaktu). For now I answer in Polish only: about ID cards, registering your "
        "address (meldunek), civil status records, the labour office, trees, surveying "
        "and green areas, and I can tell you where to report a problem in the city or "
        "submit an idea.\n"
        "You can write your question in Polish, or ask for a consultant (Mon–Fri "
        f"{kck.HOURS}) or a callback. KCK phone: {kck.PHONE}.\n"
        "If life or health is in danger, call 112."
    ),
}

BUTTON_TITLES: Dict[str, Dict[str, str]] = {
    "uk": {"human": "Поговорити з консультантом", "callback": "Попросити зворотний дзвінок"},
    "en": {"human": "Talk to a consultant", "callback": "Ask for a callback"},
}


def explanation(lang: Lang) -> List[OutMessage]:
    """The note for a resident writing in ``lang`` ("uk" or "en"), with its two buttons."""
    titles = BUTTON_TITLES[lang]
    buttons = [
        {"title": titles["human"], "payload": HUMAN_PAYLOAD},
        {"title": titles["callback"], "payload": CALLBACK_PAYLOAD},
    ]
    return [OutMessage("bot", EXPLANATIONS[lang], buttons, lang=lang)]
