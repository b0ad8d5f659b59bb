"""What a voice says for a prompt, and the duration estimate built on it."""

from __future__ import annotations

import pytest

from ivr_lint.text.spoken import (
    SENTENCE_PAUSE_SECONDS,
    estimate_seconds,
    number_words,
    spoken_words,
)

FRENCH = [
    ("Appelez le 3230.", "Appelez le trente-deux trente"),
    ("Composez le 0 809 401 401.", "Composez le zéro huit zéro neuf quarante quatorze zéro un"),
    (
        "Appelez le 01 23 45 67 89.",
        "Appelez le zéro un vingt-trois quarante-cinq soixante-sept quatre-vingt-neuf",
    ),
    (
        "Depuis l'étranger : +33 1 23 45 67 89.",
        "Depuis l'étranger plus trente-trois un vingt-trois quarante-cinq soixante-sept quatre-vingt-neuf",
    ),
    ("Tél. : 01.02.03.04.05", "téléphone zéro un zéro deux zéro trois zéro quatre zéro cinq"),
    ("Nous sommes ouverts de 8h30 à 12h.", "Nous sommes ouverts de huit heures trente à douze heures"),
    ("8h-12h et 14 h 05", "huit heures à douze heures et quatorze heures cinq"),
    ("à 1h, à 21h", "à une heure à vingt et une heures"),
    ("Rappel sous 48h.", "Rappel sous quarante-huit heures"),
    ("Écrivez à accueil@caf.fr.", "Écrivez à accueil arobase caf point fr"),
    ("jean.dupont@mairie-lyon.fr", "jean point dupont arobase mairie tiret lyon point fr"),
    ("Rendez-vous sur www.impots.gouv.fr.", "Rendez-vous sur w w w point impots point gouv point fr"),
    ("Rendez-vous sur caf.fr.", "Rendez-vous sur caf point fr"),
    (
        "https://www.service-public.fr/particuliers",
        "h t t p s deux points slash slash w w w point service tiret public point fr slash particuliers",
    ),
    ("Tapez * pour réécouter, # pour valider.", "Tapez étoile pour réécouter dièse pour valider"),
    ("Le tarif est de 12,50 €.", "Le tarif est de douze euros cinquante"),
    ("1 € ou 0,50 € ou 1 000 000 €", "un euro ou cinquante centimes ou un million d'euros"),
    ("Remise de 20 %.", "Remise de vingt pour cent"),
    ("Attente estimée : {wait_minutes}.", "Attente estimée {wait_minutes} {wait_minutes}"),
    ("En 2024, 1 500 personnes.", "En deux mille vingt-quatre mille cinq cents personnes"),
    ("3500 personnes", "trois mille cinq cents personnes"),
    (
        "Le 1er étage, la 2e porte, la 1re fois, le 21e jour.",
        "Le premier étage la deuxième porte la première fois le vingt et unième jour",
    ),
    ("24h/24 et 7j/7.", "vingt-quatre heures sur vingt-quatre et sept jours sur sept"),
    ("le 03/12/2024", "le trois décembre deux mille vingt-quatre"),
    ("La CPAM, la CAF, la SNCF.", "La c p a m la CAF la s n c f"),
    ("M. Dupont, Mme Durand, etc.", "monsieur Dupont madame Durand et cetera"),
    ("sous 5 min, 1 min", "sous cinq minutes une minute"),
    ("2,5 et 2,05", "deux virgule cinq et deux virgule zéro cinq"),
    (
        "71, 80, 91, 80 000, 200, 200 000",
        "soixante et onze quatre-vingts quatre-vingt-onze quatre-vingt mille deux cents deux cent mille",
    ),
    ("Tapez 1 ou 21 ; 1 heure, 21 heures.", "Tapez un ou vingt et un une heure vingt et une heures"),
    ("dossier n° 12", "dossier numéro douze"),
    ("L’accueil est-il ouvert aujourd'hui ?", "L’accueil est-il ouvert aujourd'hui"),
]

ENGLISH = [
    (
        "Monday to Friday from 8am to 6:30pm.",
        "Monday to Friday from eight a m to six thirty p m",
    ),
    ("Open 9 a.m. - 5 p.m.", "Open nine a m to five p m"),
    ("at 8:05am, 18:00, 8:00", "at eight oh five a m eighteen hundred eight o'clock"),
    ("Call 0300 123 4567.", "Call zero three zero zero one two three four five six seven"),
    (
        "Call +44 20 7946 0958.",
        "Call plus four four two zero seven nine four six zero nine five eight",
    ),
    ("Call 3939.", "Call thirty-nine thirty-nine"),
    (
        "Email help@gov.uk or visit www.gov.uk/contact.",
        "Email help at gov dot uk or visit w w w dot gov dot uk slash contact",
    ),
    (
        "It costs £5, €12.50, $0.99 and 15 euros.",
        "It costs five pounds twelve euros fifty ninety-nine cents and fifteen euros",
    ),
    ("Press * or #.", "Press star or hash"),
    ("20% off.", "twenty percent off"),
    ("Since 1990, in 2024, in 2005.", "Since nineteen ninety in twenty twenty-four in two thousand and five"),
    ("1,500 people, 3.14, 105", "one thousand five hundred people three point one four one hundred and five"),
    ("1st, 2nd, 3rd, 21st, 100th", "first second third twenty-first one hundredth"),
    ("24/7 support", "twenty-four seven support"),
    ("Dr. Who, e.g. this", "doctor Who for example this"),
    ("{queue_position} callers", "{queue_position} {queue_position} callers"),
    ("The NHS and the DVLA.", "The n h s and the d v l a"),
    ("Wait 5 mins or 1 min.", "Wait five minutes or one minute"),
]


@pytest.mark.parametrize(("text", "said"), FRENCH)
def test_french_words(text: str, said: str) -> None:
    assert spoken_words(text, "fr") == said.split()


@pytest.mark.parametrize(("text", "said"), ENGLISH)
def test_english_words(text: str, said: str) -> None:
    assert spoken_words(text, "en") == said.split()


def test_punctuation_alone_says_nothing() -> None:
    assert spoken_words("… ! ? ; , : ( ) « »", "fr") == []
    assert spoken_words("", "en") == []


def test_other_languages_fall_back_to_french_and_tags_are_reduced() -> None:
    assert spoken_words("tapez 1", "de") == ["tapez", "un"]
    assert spoken_words("press 1", "en-GB") == ["press", "one"]
    assert spoken_words("tapez 1", "fr-FR") == ["tapez", "un"]


def test_returned_list_is_a_fresh_copy() -> None:
    words = spoken_words("Tapez 1.", "fr")
    words.append("extra")
    assert spoken_words("Tapez 1.", "fr") == ["Tapez", "un"]


@pytest.mark.parametrize(
    ("n", "lang", "feminine", "said"),
    [
        (0, "fr", False, "zéro"),
        (17, "fr", False, "dix-sept"),
        (21, "fr", True, "vingt et une"),
        (81, "fr", True, "quatre-vingt-une"),
        (99, "fr", False, "quatre-vingt-dix-neuf"),
        (101, "fr", False, "cent un"),
        (1990, "fr", False, "mille neuf cent quatre-vingt-dix"),
        (2_000_000, "fr", False, "deux millions"),
        (80_000_000, "fr", False, "quatre-vingts millions"),
        (3_000_000_001, "fr", False, "trois milliards un"),
        (0, "en", False, "zero"),
        (42, "en", False, "forty-two"),
        (1005, "en", False, "one thousand and five"),
        (123_456, "en", False, "one hundred and twenty-three thousand four hundred and fifty-six"),
        (10**12, "en", False, "one zero zero zero zero zero zero zero zero zero zero zero zero"),
    ],
)
def test_number_words(n: int, lang: str, feminine: bool, said: str) -> None:
    assert number_words(n, lang, feminine) == said.split()


def test_duration_is_words_over_rate_plus_pauses_between_sentences() -> None:
    # 4 words, one break between the two sentences (none after the last one).
    assert estimate_seconds("Tapez 1. Tapez 2.", "fr") == pytest.approx(4 / 150 * 60 + SENTENCE_PAUSE_SECONDS)
    assert SENTENCE_PAUSE_SECONDS == 0.3


def test_duration_counts_spoken_words_not_written_tokens() -> None:
    # "Appelez le trente-deux trente": 4 words at 120 words per minute.
    assert estimate_seconds("Appelez le 3230", "fr", words_per_minute=120) == pytest.approx(2.0)
    # A placeholder is a number and its unit: two words.
    assert estimate_seconds("{wait_minutes}", "fr") == pytest.approx(0.8)
    # "accueil arobase caf point fr": 5 words.
    assert estimate_seconds("accueil@caf.fr", "fr", words_per_minute=60) == pytest.approx(5.0)


def test_duration_pause_is_configurable_and_blank_lines_are_breaks() -> None:
    assert estimate_seconds("Un. Deux! Trois?", "fr", 60, sentence_pause=0.0) == pytest.approx(3.0)
    assert estimate_seconds("Un. Deux! Trois?", "fr", 60, sentence_pause=1.0) == pytest.approx(5.0)
    assert estimate_seconds("Un\n\nDeux", "fr", 60, sentence_pause=1.0) == pytest.approx(3.0)
    assert estimate_seconds("Un\nDeux", "fr", 60, sentence_pause=1.0) == pytest.approx(2.0)


def test_empty_prompt_lasts_nothing() -> None:
    assert estimate_seconds("", "fr") == 0.0
    assert estimate_seconds("...", "en") == 0.0


def test_a_thirty_second_prompt() -> None:
    """75 words at the default 150 words per minute is 30 s: the long-prompt threshold."""
    text = " ".join(["mot"] * 75)
    assert estimate_seconds(text, "fr") == pytest.approx(30.0)


def test_long_digit_runs_are_said_digit_by_digit():
    """A 5,000-digit run must not crash the estimate (Python refuses such integers)."""
    from ivr_lint.text.spoken import estimate_seconds, spoken_words

    assert spoken_words("code 12345678901234567", "fr")[1:4] == ["un", "deux", "trois"]
    assert estimate_seconds("code " + "7" * 5000, "fr") > 1000
