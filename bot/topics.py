"""Polish names of the assistant's topics: suggestion buttons and the console's ready answers.

A suggestion button must lead the resident to the right answer when pressed.
Plain intents are triggered directly (``/intent``); FAQ keys cannot be (Rasa
has no payload for a retrieval intent's key), so their buttons carry a plain
question that the model maps to that key (tests/test_nlu_heldout.py checks it).
Every ``utter_faq/<key>`` in data/responses/ needs a title here, or the console
shows the raw key (tests/unit/test_facts_tables.py checks both ways).
"""

from __future__ import annotations

from typing import Dict, Tuple

# intent -> button title; intents missing here are never suggested
INTENT_TITLES: Dict[str, str] = {
    "help": "Co potrafisz?",
    "report_intervention": "Zgłoszenie problemu",
    "submit_idea": "Pomysł dla miasta",
    "request_human": "Rozmowa z konsultantem",
    "request_callback": "Prośba o oddzwonienie",
    "ask_case_status": "Moja sprawa w urzędzie",
    "ask_report_status": "Status zgłoszenia",
    "emergency": "Nagły wypadek (112)",
}

# FAQ key -> (button title, question that the model answers with that key)
FAQ_TOPICS: Dict[str, Tuple[str, str]] = {
    "kck_kontakt": ("Kontakt z KCK", "jak skontaktować się z Krakowskim Centrum Kontaktu"),
    "godziny_urzedu": ("Godziny otwarcia urzędu", "w jakich godzinach jest otwarty urząd"),
    "umawianie_wizyt": ("Umówienie wizyty", "jak umówić wizytę w urzędzie przez internet"),
    "oplaty": ("Opłaty w urzędzie", "jak zapłacić opłatę urzędową"),
    "sprawy_online": ("Sprawy przez internet", "jak załatwić sprawę urzędową przez internet"),
    "dowod_osobisty": ("Dowód osobisty", "jak wyrobić dowód osobisty"),
    "dowod_utrata": ("Zgubiony dowód", "zgubiłem dowód osobisty"),
    "dowod_odbior": ("Odbiór dowodu", "czy mój dowód osobisty jest gotowy do odbioru"),
    "meldunek": ("Zameldowanie", "jak się zameldować"),
    "wymeldowanie": ("Wymeldowanie", "jak się wymeldować"),
    "zaswiadczenie_meldunkowe": (
        "Zaświadczenie o zameldowaniu",
        "jak dostać zaświadczenie o zameldowaniu",
    ),
    "rejestracja_pojazdu": ("Rejestracja auta", "jak zarejestrować samochód"),
    "zbycie_pojazdu": ("Sprzedaż auta", "sprzedałem samochód co muszę zgłosić"),
    "prawo_jazdy": ("Prawo jazdy", "jak wyrobić prawo jazdy"),
    "prawo_jazdy_wymiana": ("Wymiana prawa jazdy", "jak wymienić prawo jazdy"),
    "odpis_aktu": ("Odpis aktu", "jak zamówić odpis aktu urodzenia"),
    "rejestracja_urodzenia": ("Rejestracja urodzenia", "jak zarejestrować urodzenie dziecka"),
    "slub": ("Ślub cywilny", "jakie dokumenty do ślubu cywilnego"),
    "rejestracja_zgonu": ("Rejestracja zgonu", "jak zarejestrować zgon"),
    "rejestracja_bezrobotnego": (
        "Rejestracja w urzędzie pracy",
        "jak zarejestrować się jako bezrobotny",
    ),
    "zasilek_dla_bezrobotnych": ("Zasiłek dla bezrobotnych", "ile wynosi zasiłek dla bezrobotnych"),
    "oferty_pracy": ("Oferty pracy", "gdzie znajdę oferty pracy z urzędu pracy"),
    "wycinka_drzewa": (
        "Wycinka drzewa",
        "czy potrzebuję zezwolenia na wycinkę drzewa na mojej działce",
    ),
    "drzewo_po_burzy": (
        "Drzewo złamane przez burzę",
        "burza złamała drzewo na mojej działce co robić",
    ),
    "wypis_wyrys": ("Wypis i wyrys", "jak uzyskać wypis i wyrys z ewidencji gruntów"),
    "mapa_do_celow_projektowych": (
        "Mapa do celów projektowych",
        "skąd wziąć mapę do celów projektowych",
    ),
    "zasob_geodezyjny": ("Zasób geodezyjny", "jak dostać kopię materiałów z zasobu geodezyjnego"),
    "zielen_miejska": ("Zieleń miejska", "kto zajmuje się parkami i zielenią w Krakowie"),
    "budzet_obywatelski": ("Budżet obywatelski", "jak zgłosić projekt do budżetu obywatelskiego"),
}
