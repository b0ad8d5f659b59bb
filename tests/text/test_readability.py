"""Sentences, words, syllables, Kandel-Moles / Flesch scores and unexplained acronyms."""

from __future__ import annotations

import pytest

from ivr_lint.text.readability import (
    DEFAULT_KNOWN_ACRONYMS,
    MIN_WORDS,
    english_syllables,
    french_syllables,
    readability,
    sentence_word_count,
    split_sentences,
    syllable_count,
    unexplained_acronyms,
)

# --- sentences and words -------------------------------------------------------------------


def test_split_sentences_keeps_abbreviations_addresses_and_decimals() -> None:
    text = (
        "Bonjour. M. Dupont vous répond ! Rendez-vous sur caf.fr. Le montant est de 3.5 "
        "euros… Écrivez à contact@caf.fr. Vraiment ?"
    )
    assert split_sentences(text) == [
        "Bonjour.",
        "M. Dupont vous répond !",
        "Rendez-vous sur caf.fr.",
        "Le montant est de 3.5 euros…",
        "Écrivez à contact@caf.fr.",
        "Vraiment ?",
    ]


def test_split_sentences_on_line_breaks() -> None:
    text = "Pour les allocations, tapez 1\nPour le RSA, tapez 2\n\n  \nPour un conseiller, tapez 0"
    assert split_sentences(text) == [
        "Pour les allocations, tapez 1",
        "Pour le RSA, tapez 2",
        "Pour un conseiller, tapez 0",
    ]


def test_split_sentences_english_abbreviations() -> None:
    assert split_sentences("Mr. Smith is away, e.g. on leave. Call again.") == [
        "Mr. Smith is away, e.g. on leave.",
        "Call again.",
    ]


def test_split_sentences_empty() -> None:
    assert split_sentences("") == []
    assert split_sentences(" ... \n ") == []


@pytest.mark.parametrize(
    ("sentence", "lang", "words"),
    [
        ("Bienvenue à la Caisse d'allocations familiales.", "fr", 6),
        ("C'est-à-dire : rendez-vous sur www.caf.fr – merci.", "fr", 5),
        ("Écrivez à contact@caf.fr ou attendez {wait_minutes} minutes.", "fr", 7),
        ("Appelez le 01 23 45 67 89.", "fr", 7),
        ("Please visit leeds.gov.uk/council-tax today.", "en", 4),
        ("You're number {queue_position} in the queue.", "en", 6),
        ("", "en", 0),
    ],
)
def test_sentence_word_count(sentence: str, lang: str, words: int) -> None:
    assert sentence_word_count(sentence, lang) == words


# --- syllables -----------------------------------------------------------------------------

FRENCH_WORDS = {
    # one-letter syllables that hyphenation dictionaries (pyphen) never split off
    "école": 2, "été": 2, "idée": 2, "ami": 2, "agréable": 3, "réunion": 3,
    "aéroport": 4, "poésie": 3, "payée": 2, "louer": 2, "client": 2, "réel": 2,
    # mute final e, -es and plural -ent
    "caisse": 1, "familiales": 3, "sociale": 2, "âge": 1, "disponibles": 3, "doivent": 1,
    "appellent": 2, "souvent": 2, "argent": 2, "également": 4,
    # vowel groups that make one syllable
    "bonjour": 2, "oui": 1, "lieu": 1, "eau": 1, "pièce": 1, "veuillez": 2, "rue": 1,
    "accueil": 2, "conseiller": 3, "vieillesse": 2, "question": 2, "bienvenue": 3,
    # elisions and compounds
    "d'allocations": 4, "aujourd'hui": 3, "rendez-vous": 3, "c'est-à-dire": 3,
    "attestation": 4, "téléphone": 3, "administration": 5, "numéro": 3,
}  # fmt: skip

ENGLISH_WORDS = {
    "area": 3, "idea": 3, "every": 3, "people": 2, "table": 2, "being": 2, "going": 2,
    "calling": 2, "available": 4, "advisor": 3, "queue": 1, "hours": 1, "minutes": 2,
    "please": 1, "council": 2, "appointment": 3, "information": 4, "services": 3,
    "through": 1, "website": 2, "estimated": 4, "called": 1, "wanted": 2, "boxes": 2,
    "changes": 2, "year": 1, "you": 1, "yellow": 2, "period": 3, "actual": 3, "quiet": 2,
    "social": 2, "question": 2, "emergency": 4, "tuesday": 2, "opening": 3, "variety": 4,
}  # fmt: skip


@pytest.mark.parametrize(("word", "count"), FRENCH_WORDS.items())
def test_french_syllables(word: str, count: int) -> None:
    assert french_syllables(word) == count


@pytest.mark.parametrize(("word", "count"), ENGLISH_WORDS.items())
def test_english_syllables(word: str, count: int) -> None:
    assert english_syllables(word) == count


def test_syllables_of_numbers_addresses_and_placeholders() -> None:
    # digits: one syllable per digit, at most four; an address: its letter runs plus one
    # per "." or "@"; a placeholder: one
    assert syllable_count("3939", "fr") == 4
    assert syllable_count("15", "fr") == 2
    assert syllable_count("caf.fr", "fr") == 3  # caf + fr + "point"
    assert syllable_count("contact@caf.fr", "fr") == 6  # con-tact + caf + fr + @ + .
    assert syllable_count("{wait_minutes}", "en") == 1
    assert syllable_count("", "en") == 0


# --- readability ---------------------------------------------------------------------------

FR_EASY = "Bienvenue à la Caisse d'allocations familiales. Pour connaître vos droits, rendez-vous sur notre site."
EN_EASY = "Thank you for calling Leeds City Council. Please listen to the following options."
FR_HARD = (
    "Conformément aux dispositions réglementaires applicables, les administrés sollicitant "
    "une attestation dématérialisée doivent impérativement s'authentifier préalablement."
)
EN_HARD = (
    "In accordance with applicable regulatory provisions, individuals requesting electronic "
    "certification must authenticate themselves in advance."
)


def test_kandel_moles_easy_french() -> None:
    # Bien-ve-nue à la Caisse d'al-lo-ca-tions fa-mi-liales: 6 words, 13 syllables.
    # Pour con-naî-tre vos droits, ren-dez-vous sur no-tre si-te: 8 words, 11 syllables.
    assert [sentence_word_count(s, "fr") for s in split_sentences(FR_EASY)] == [6, 8]
    assert syllable_count(FR_EASY, "fr") == 24
    # 207 - 1.015 x 14/2 - 73.6 x 24/14 = 207 - 7.105 - 126.171 = 73.72
    assert readability(FR_EASY, "fr") == pytest.approx(73.7236, abs=1e-4)


def test_flesch_easy_english() -> None:
    # Thank you for call-ing Leeds Ci-ty Coun-cil: 7 words, 10 syllables.
    # Please lis-ten to the fol-low-ing op-tions: 6 words, 10 syllables.
    assert [sentence_word_count(s, "en") for s in split_sentences(EN_EASY)] == [7, 6]
    assert syllable_count(EN_EASY, "en") == 20
    # 206.835 - 1.015 x 13/2 - 84.6 x 20/13 = 206.835 - 6.5975 - 130.1538 = 70.08
    assert readability(EN_EASY, "en") == pytest.approx(70.0837, abs=1e-4)


def test_kandel_moles_administrative_french() -> None:
    # 15 words in one sentence; syllables: con-for-mé-ment 4, aux 1, dis-po-si-tions 4,
    # ré-gle-men-tai-res 4, ap-pli-ca-bles 3, les 1, ad-mi-nis-trés 4, sol-li-ci-tant 4,
    # une 1, at-tes-ta-tion 4, dé-ma-té-ria-li-sée 6, doivent 1, im-pé-ra-ti-ve-ment 6,
    # s'au-then-ti-fier 4, pré-a-la-ble-ment 5 = 52
    assert syllable_count(FR_HARD, "fr") == 52
    # 207 - 1.015 x 15 - 73.6 x 52/15 = 207 - 15.225 - 255.147 = -63.37
    score = readability(FR_HARD, "fr")
    assert score == pytest.approx(-63.3717, abs=1e-4)
    assert score < 40  # the rule's default min_readability


def test_flesch_administrative_english() -> None:
    # In 1, ac-cor-dance 3, with 1, ap-pli-ca-ble 4, reg-u-la-to-ry 5, pro-vi-sions 3,
    # in-di-vid-u-als 5, re-quest-ing 3, e-lec-tron-ic 4, cer-ti-fi-ca-tion 5, must 1,
    # au-then-ti-cate 4, them-selves 2, in 1, ad-vance 2 = 44 syllables, 15 words
    assert syllable_count(EN_HARD, "en") == 44
    # 206.835 - 1.015 x 15 - 84.6 x 44/15 = 206.835 - 15.225 - 248.16 = -56.55
    assert readability(EN_HARD, "en") == pytest.approx(-56.55, abs=1e-4)


def test_short_prompts_get_no_score() -> None:
    assert MIN_WORDS == 8
    assert readability("Tapez 1.", "fr") is None
    assert readability("Bienvenue à la CAF.", "fr") is None
    assert readability("Press 1 for council tax.", "en") is None
    assert readability("", "en") is None
    # on request, a raw score: 207 - 1.015 x 2 - 73.6 x 3/2 = 94.57
    assert readability("Tapez 1.", "fr", min_words=1) == pytest.approx(94.57, abs=1e-4)


def test_language_fallback() -> None:
    """Anything but English uses the French formula (the package's rule of thumb)."""
    assert readability(FR_EASY, "fr-FR") == readability(FR_EASY, "de") == readability(FR_EASY, "fr")
    assert readability(EN_EASY, "en-GB") == readability(EN_EASY, "en")


# --- acronyms ------------------------------------------------------------------------------

ACRONYMS = [
    # flagged
    ("fr", "Pour la CAF, tapez 1.", ["CAF"]),
    ("fr", "Votre NIR vous sera demandé.", ["NIR"]),
    ("fr", "OK, les APL sont versées le 5.", ["APL"]),
    ("fr", "L'URSSAF vous répond.", ["URSSAF"]),
    ("fr", "Pour le RSA, rendez-vous sur ameli.fr.", ["RSA"]),
    ("fr", "Pour la CAF, le service est fermé.", ["CAF"]),
    ("fr", "Les APLs sont versées. Votre attestation CPAM est prête.", ["APL", "CPAM"]),
    ("fr", "Pour la CPAM tapez 1, pour la CPAM de Paris tapez 2.", ["CPAM", "CPAM"]),
    ("fr", "Pour la CAF : tapez 1 pour les allocations familiales.", ["CAF"]),
    ("fr", "Si vous êtes en CDI ou en CDD, tapez 2.", ["CDI", "CDD"]),
    ("en", "Contact the DWP or HMRC.", ["DWP", "HMRC"]),
    ("en", "Press 2 for BSL.", ["BSL"]),
    ("en", "The DWP's helpline is open.", ["DWP"]),
    # explained
    ("fr", "Bienvenue à la Caisse d'allocations familiales (CAF).", []),
    ("fr", "CAF, la caisse d'allocations familiales, vous répond.", []),
    ("fr", "Pour le revenu de solidarité active, RSA, tapez 2.", []),
    ("fr", "Le numéro d'inscription au répertoire, NIR, vous sera demandé.", []),
    ("fr", "Pour la MDPH, maison départementale des personnes handicapées, tapez 3.", []),
    ("fr", "Service des impôts des particuliers (SIP).", []),
    ("fr", "L'URSSAF (organisme de recouvrement des cotisations) vous répond.", []),
    ("fr", "La DGFIP : direction générale des finances publiques.", []),
    ("fr", "Pour la CPAM tapez 1. La caisse primaire d'assurance maladie (CPAM) ferme à 17h.", []),
    ("en", "Contact the Department for Work and Pensions (DWP).", []),
    ("en", "Use British Sign Language (BSL).", []),
    # not acronyms
    ("fr", "ATTENTION : nos bureaux ferment. Louis XIV, chapitre III.", []),
    ("fr", "Écrivez à contact@CAF.FR ou consultez {CAF_NAME}.", []),
    ("fr", "Tapez les lettres AB puis dièse.", []),
    ("fr", "Envoyez votre RIB par SMS, le PDF suffit, ou regardez la TV. OK ?", []),
    ("en", "Send an SMS with the code, or watch TV. Lines open at 9 AM.", []),
    ("en", "Enter the letters XY, then press hash.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ACRONYMS, ids=[t[:45] for _, t, _ in ACRONYMS])
def test_unexplained_acronyms(lang: str, text: str, expected: list[str]) -> None:
    found = unexplained_acronyms(text, DEFAULT_KNOWN_ACRONYMS, lang)
    assert [a for _, _, a in found] == expected
    for start, end, acronym in found:
        assert text[start:end] == acronym


def test_known_acronyms_are_configurable() -> None:
    assert unexplained_acronyms("Pour la CAF, tapez 1.", frozenset({"CAF"}), "fr") == ()
    assert unexplained_acronyms("Send an SMS.", frozenset(), "en") == ((8, 11, "SMS"),)
    assert unexplained_acronyms("Pour la CAF, tapez 1.", frozenset({"caf"}), "fr") == ()


def test_default_known_acronyms_stay_conservative() -> None:
    assert {"SMS", "PDF", "RIB", "SNCF"} <= DEFAULT_KNOWN_ACRONYMS
    assert not {"CAF", "CPAM", "RSA", "APL", "ANTS", "NIR", "SIP", "DWP", "HMRC"} & DEFAULT_KNOWN_ACRONYMS


@pytest.mark.parametrize("lang, plain, address", [
    ("en", "Tell us about a change online, at our website. Have your bill to hand when you do.",
     "Tell us about a change online, at glasgow.gov.uk/counciltax. Have your bill to hand when you do."),
    ("fr", "Nous répondons le lundi et le jeudi de 9h à 12h. Écrivez-nous par courriel, nous vous répondrons.",
     "Nous répondons le lundi et le jeudi de 9h à 12h. Écrivez-nous à action-sociale.roubaix@caf59.caf.fr, "
     "nous vous répondrons."),
])
def test_an_address_does_not_make_a_prompt_read_hard(lang, plain, address):
    """Giving the website or e-mail (what M3 and M5 ask) is not hard prose."""
    assert readability(address, lang) >= readability(plain, lang) - 5
