"""What the Telegram bridge itself says (Polish); the assistant's answers come from Rasa."""

from bot.texts import KCK_CONTACT

STICKER = "Naklejki są miłe 🙂, ale ich nie rozumiem. Napisz proszę słowami, w czym mogę pomóc."
VOICE = "Nie odsłuchuję nagrań ani filmów. Napisz proszę swoją sprawę tekstem."
DOCUMENT = (
    "Nie otwieram plików. Zdjęcie do zgłoszenia wyślij jako zdjęcie (📎 → Galeria), "
    "a sprawę opisz tekstem."
)
EDITED = (
    "Poprawionej wiadomości nie uwzględnię – asystent przeczytał ją już wcześniej. "
    "Jeśli coś się zmieniło, napisz proszę nową wiadomość."
)
UNSUPPORTED = "Tego rodzaju wiadomości nie obsługuję. Napisz proszę tekstem, w czym mogę pomóc."
STALE_BUTTON = "Ten przycisk jest już nieaktualny. Napisz proszę, w czym mogę pomóc."
PHOTO_FAILED = "Nie udało się pobrać zdjęcia z Telegrama. Spróbuj wysłać je jeszcze raz."
ERROR = (
    "Przepraszam, coś poszło nie tak. Spróbuj jeszcze raz za chwilę albo zadzwoń: " + KCK_CONTACT
)
CONSULTANT = "👤 Konsultant KCK:\n{text}"
CHOOSE = "Wybierz:"
# The bot's menu in Telegram (setMyCommands).
COMMANDS = [
    ("start", "Początek rozmowy i informacja o prywatności"),
    ("pomoc", "W czym mogę pomóc"),
    ("konsultant", "Rozmowa z konsultantem KCK"),
]
