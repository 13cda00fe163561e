"""The danger lexicon: words that mean danger to life or health right now.

Each rule lists the ways of saying one danger as patterns of whole words of
the folded text, with the words that cancel it; how a rule reads a message
(folding, whole words, negation just before the match, news from elsewhere)
is ``bot.safety.matching``. The lexicon was reviewed against
tests/safety/danger.txt and tests/safety/near_miss.txt.
"""

from __future__ import annotations

from typing import FrozenSet, Tuple

from bot.safety.matching import NEGATORS, Rule, normalise, rule, whole_words

# What kind of danger: decides which lines follow 112 in the answer.
GENERAL = "general"
FIRE = "fire"
GAS = "gas"
LIVE_WIRE = "live_wire"

_PERSON = (
    r"czlowiek\w*|ludzi|ludziach|osob\w*|dziecko|dziecka|dzieci|dzieciak\w*|kogos|pieszego|"
    r"pieszych|pieszej|kobiet\w*|mezczyzn\w*|robotnik\w*|rowerzyst\w*|chlopc\w*|chlopak\w*|"
    r"dziewczyn\w*|pana|pania"
)
_LAMP = (
    r"latarni\w*|latarn\w*|lamp\w*|swiatl\w*|swiatel|oswietleni\w*|zarowk\w*|neon\w*|"
    r"kontrolk\w*|diod\w*"
)
# Fire kept where it belongs, or only named: a fireplace, a drill, the fire brigade.
_TAME_FIRE = (
    r"komink\w*|kominek|ognisk\w*|grill\w*|swieczk\w*|swiec|znicz\w*|cwiczeni\w*|"
    r"strazy pozarnej|straz pozarna|straz\w* pozarn\w*"
)
_GAS = r"gaz|gazu|gazem|gazie"
_GAS_LEAK = (
    r"czuc|czuje|czujemy|czuje sie|zapach\w*|smierdzi\w*|smrod\w*|ulatnia\w*|wyciek\w*|"
    r"ulatnianie|syczy|nieszczeln\w*|wali|jedzie"
)
_WIRE = r"kabel|kabl\w*|przewod\w*|drut\w*|lini\w* energetyczn\w*|lini\w* wysokiego napiecia"
_NOT_POWER = r"internet\w*|anten\w*|telekomunikac\w*|telefoniczn\w*|graffiti|kominow\w*"
_WATER = r"wody|stawu|rzeki|wisly|zalewu|jeziora|studni|kanalu|przerebla|dolu|wykopu|basenu|potoku"

RULES: Tuple[Rule, ...] = (
    # --- fire, smoke, explosion ------------------------------------------------------
    rule(
        FIRE,
        r"(pali|pala|palil\w*|zapalil\w*|zajal\w*) sie",
        r"sie (pali|pala|palil\w*)",
        unless=(_LAMP,),
    ),
    rule(
        FIRE,
        r"pozar|pozaru|pozarem|pozarze|pozary|pozarow|plon\w*|w plomieniach",
        r"ogien|ognia|ogniem|ogniu",
        unless=(_TAME_FIRE,),
    ),
    rule(
        FIRE,
        r"dym|dymu|dymem|dymi\w*|zadymion\w*|kopci sie",
        r"czad|czadu|czadem|tlenk\w* wegla|czujnik\w* (czadu|dymu) (\w+ )?(piszcz\w*|wyj\w*)",
        unless=(r"komin\w*|papieros\w*|grill\w*|smog\w*|ognisk\w*|piec\w*",),
    ),
    rule(FIRE, r"wybuch\w*|eksplozj\w*|wybuchl\w*|podpal\w*"),
    # --- gas -------------------------------------------------------------------------
    rule(
        GAS,
        r"^(gaz|gazu|czuc gaz|czuje gaz)$",
        rf"({_GAS_LEAK}) (\w+ )?({_GAS})",
        rf"({_GAS}) (\w+ )?({_GAS_LEAK})",
        r"ulatnia sie|wyciek\w* gazu",
    ),
    # --- electricity -----------------------------------------------------------------
    rule(
        LIVE_WIRE,
        rf"({_WIRE}) (\w+ ){{0,3}}(pod napieciem|iskrz\w*|zerwan\w*)",
        rf"(zerwan\w*|iskrzac\w*) (\w+ )?({_WIRE})",
        r"pod napieciem|iskrzy\w*|iskrza",
        unless=(_NOT_POWER,),
    ),
    rule(LIVE_WIRE, r"poraz\w* pradem|poraz\w* go|poraz\w* ja|porazil\w*|porazenie\w*"),
    # --- the body: heart, breath, consciousness, blood -------------------------------
    rule(GENERAL, r"zawal|zawalu|zawalem|atak\w* serca|zatrzyman\w* krazenia|za serce"),
    rule(GENERAL, r"nieprzytomn\w*|stracil\w* przytomnosc|zemdl\w*|zaslabl\w*|omdleni\w*"),
    rule(
        GENERAL,
        r"nie oddycha\w*|nie moze oddychac|nie mo\w* zlapac oddechu",
        r"dusi sie|sie dusi|dlawi sie|udlawil\w*",
    ),
    rule(
        GENERAL,
        r"nie zyje|nie rusza sie|nie mo\w* wstac",
        r"reanimac\w*|reanimowa\w*|drgawk\w*|padaczk\w*|udar\w*",
    ),
    rule(GENERAL, r"(upadl\w*|lezy|zemdlal\w*|uderzyl\w* sie) (\w+ ){0,8}nie reaguje"),
    rule(
        GENERAL,
        r"krwawi\w*|zakrwawion\w*|duzo krwi|mnostwo krwi|kaluz\w* krwi",
        r"(krew|krwi) (\w+ )?(leje|leci|cieknie)|(leje|leci|cieknie) sie krew",
    ),
    rule(
        GENERAL,
        r"ranny|ranna|ranni|rannych|rannego|rannej|rannemu|rannym",
        r"zranion\w*|poszkodowan\w*|poturbowan\w*",
        unless=(r"ranny ptaszek|ranne ptaszki",),
    ),
    rule(GENERAL, r"polknel\w*|polknal\w*|polknela|zatru\w*|przedawkowa\w*"),
    # --- accidents -------------------------------------------------------------------
    rule(
        GENERAL,
        r"potraci\w*|potracon\w*|potracen\w*|karambol\w*",
        r"przejechal\w* (\w+ )?(czlowieka|pieszego|dziecko|rowerzyst\w*)",
    ),
    rule(
        GENERAL,
        rf"(wjechal\w*|uderzyl\w*|wjechala|uderzyla) (\w+ )?w ({_PERSON}|przystanek|tlum)",
    ),
    rule(GENERAL, r"pijan\w* kierowc\w*|kierowca (\w+ )?pijany"),
    rule(
        GENERAL,
        r"wypadek|wypadku",
        unless=(r"przy pracy|zus\w*|odszkodowan\w*|ubezpiecz\w*",),
        negators=NEGATORS | {"po", "wczoraj", "wczorajszym", "wczorajszy", "poprzednim"},
    ),
    rule(GENERAL, r"(lez\w*|lezy) (\w+ )?na torach|na torach (\w+ )?lez\w*"),
    rule(
        GENERAL,
        r"(wpadl\w*|wpadla|wjechal\w*) pod (tramwaj|samochod|auto|autobus|pociag|ciezarowke)",
        r"lez\w* pod (drzewem|samochodem|autem|gruzami|tramwajem|autobusem|konarem)",
    ),
    # --- falling, trapped, crushed, collapsing ---------------------------------------
    rule(GENERAL, rf"(spadl\w*|spadla|runel\w*|przewrocil\w*) (\w+ )?na ({_PERSON})"),
    rule(
        GENERAL,
        r"(spadl\w*|wypadl\w*|skoczyl\w*) (\w+ )?z "
        r"(dachu|rusztowania|balkonu|okna|drabiny|wysokosci|mostu|pietra)",
    ),
    rule(
        GENERAL,
        r"(ktos|ludzie|czlowiek|dziecko|kierowca|pasazer\w*) (\w+ )?(jest |sa |zostal\w* )?"
        r"w srodku",
    ),
    rule(
        GENERAL,
        r"uwiezi\w*|zakleszcz\w*|pod gruzami|przygni\w*",
        r"zasypal\w* (\w+ )?(ludzi|kogos|robotnik\w*|czlowieka|dziecko)",
    ),
    rule(
        GENERAL,
        r"(zawalil\w*|zawalila|runel\w*|runela|zapadl\w*) sie",
        r"sie (zawalil\w*|zawalila|zapadl\w*)|runal strop",
    ),
    rule(
        GENERAL,
        r"(utkn\w*|uwiezl\w*) (\w+ ){0,2}(w windzie|na zalan\w*|w wodzie|pod)",
        r"woda po szyby|po szyje",
    ),
    rule(GENERAL, r"(zamkniet\w*|zatrzasniet\w*) (\w+ ){0,3}w (\w+ )?(samochodzie|aucie)"),
    # --- water and ice ---------------------------------------------------------------
    rule(
        GENERAL,
        r"topi sie|sie topi|tonie|utonal\w*|utopil\w*|pod lodem",
        rf"(wpadl\w*|wpadla) (\w+ )?do ({_WATER})",
    ),
    rule(
        GENERAL,
        r"(zalamal\w*|zarwal\w*) sie lod|lod sie (zalamal\w*|zarwal\w*)",
        r"(ktos|czlowiek|dziecko|mezczyzna|kobieta) (\w+ )?(jest )?"
        r"w (wodzie|wisle|rzece|stawie|zalewie|jeziorze)|plynie z nurtem",
    ),
    # --- violence --------------------------------------------------------------------
    rule(
        GENERAL,
        r"nozem|nozami|maczet\w*|siekier\w*|pistolet\w*|bronia palna",
        r"strzelanin\w*|strzela do|strzelaj\w* do|strzaly|strzalow|slychac strzal\w*",
    ),
    rule(
        GENERAL,
        r"atakuj\w*|zaatakowa\w*|napad|napadl\w*|napadnie\w*",
        r"pobit\w*|pobili|pobil|pobila|bojk\w*|bojce|gwalt\w*",
        r"dzga\w*|dzgnal\w*|pchnal\w* nozem",
    ),
    rule(
        GENERAL,
        r"gon\w* mnie|ratunku|pogryzl\w*|pogryzion\w*|wlamuj\w*|wlamal\w*",
        r"(krzycz\w*|wola\w*|wzywa\w*) o pomoc|wzywa pomocy|slychac (krzyki|jeki|wolanie)|jeczy",
        r"grozi (\w+ )?(smiercia|pobiciem|nozem|pistoletem|bronia)",
    ),
    # --- harming oneself -------------------------------------------------------------
    rule(
        GENERAL,
        r"(zabic|zabije|zabija) sie|sie (zabic|zabije|zabija)",
        r"samobojstw\w*|samobojcz\w*|odebrac sobie zycie",
    ),
    rule(
        GENERAL,
        r"nie chc\w* (juz )?zyc|chc\w* skoczyc",
        r"(skoczyc|skacze|skacza) z (mostu|dachu|okna|balkonu)",
        r"podci\w* (sobie )?zyly|powiesic sie|sie powiesic",
    ),
    # --- birth, a lost child, said outright ------------------------------------------
    rule(
        GENERAL,
        r"rodzi (w|na)|zaczela rodzic|odeszly (jej )?wody",
        r"dziecko (\w+ )?(zgubilo|zaginelo) sie",
    ),
    rule(
        GENERAL,
        r"zagraz\w* (zyciu|zdrowiu)|zagrozeni\w* (zycia|zdrowia)",
        r"w niebezpieczenstwie|umiera|umrze",
    ),
)

# "To nie jest nagłe", "nikomu nic nie grozi": the resident says there is no danger.
DISMISSAL = whole_words(
    r"nie (jest )?(to )?(nagl\w*|pilne|pilna|zagrozeni\w*|niebezpieczn\w*|nic powaznego)|"
    r"(nic|nikomu|nikt) (\w+ ){0,2}nie grozi|nie ma (zadnego )?zagrozenia|to nie zagrozenie|"
    r"nikt nie jest (w niebezpieczenstwie|zagrozony)|nic (sie )?nikomu nie stalo|"
    r"nikomu nic (sie )?nie stalo|nikt nie ucierpial|falszywy alarm"
)


def danger_kinds(text: str) -> FrozenSet[str]:
    """The kinds of danger the message speaks of; empty when none (or denied)."""
    normalised = normalise(text)
    if not normalised or DISMISSAL.search(normalised):
        return frozenset()
    return frozenset(rule.kind for rule in RULES if rule.matches(normalised))


def is_dismissal(text: str) -> bool:
    """Whether the resident says it is not an emergency (after the 112 answer)."""
    return bool(DISMISSAL.search(normalise(text)))
