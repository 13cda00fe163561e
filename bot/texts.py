"""What the gateway itself says to residents (Polish).

Rasa writes the assistant's answers; these are the gateway's own messages
for input it does not pass on and for outages.
"""

from bot import kck

KCK_CONTACT = kck.CONTACT

EMPTY_MESSAGE = "Wiadomość jest pusta. Napisz proszę, w czym mogę pomóc."
NO_WORDS = "Widzę same emotikony lub znaki 🙂 Napisz proszę słowami, w czym mogę pomóc."
LONG_MESSAGE = (
    "Twoja wiadomość jest bardzo długa, więc asystent przeczytał jej początek "
    "({chars} z {total} znaków). Całość zapisaliśmy w rozmowie. Jeśli sprawa "
    "jest złożona, najlepiej porozmawiać z konsultantem – " + KCK_CONTACT
)
TOO_LONG = (
    "Wiadomość jest za długa (najwyżej {limit} znaków). Skróć ją proszę lub podziel na części."
)
BODY_TOO_LARGE = "Przesłane dane są za duże. Skróć proszę wiadomość."
BAD_REQUEST = "Nie udało się odczytać wiadomości. Spróbuj jeszcze raz."
UNAUTHORIZED = "Ta rozmowa wygasła lub nie należy do Ciebie. Odśwież stronę, aby zacząć nową."
RASA_DOWN = (
    "Przepraszam, asystent jest chwilowo niedostępny. Twoja wiadomość została zapisana. "
    "Spróbuj za chwilę albo zadzwoń: " + KCK_CONTACT
)
WAITING = (
    "Zapisałem Twoją wiadomość – konsultant zobaczy ją, gdy przejmie rozmowę. "
    "Jeśli nie możesz czekać, poproś o oddzwonienie."
)
NO_ANSWER = (
    "Przepraszam, nie udało mi się teraz odpowiedzieć na tę wiadomość (zapisaliśmy ją). "
    "Spróbuj za chwilę albo zadzwoń: " + KCK_CONTACT
)
SERVER_ERROR = (
    "Przepraszam, wystąpił nieoczekiwany błąd i nie udało się wykonać tej operacji. "
    "Spróbuj za chwilę albo zadzwoń: " + KCK_CONTACT
)
BAD_CHARACTERS = (
    "Wiadomość zawiera znaki, których nie da się zapisać (uszkodzony tekst). "
    "Wpisz ją proszę jeszcze raz."
)
TOO_DEEP = "Nie udało się odczytać danych: są zbyt zagnieżdżone."
