"""Tariffs of French and UK numbers, and phone numbers spotted in prompts."""

from __future__ import annotations

import pytest

from ivr_lint.text.numbers import NumberVerdict, Tariff, classify_number, find_phone_numbers

FREE, STANDARD, SURCHARGED = Tariff.FREE, Tariff.STANDARD, Tariff.SURCHARGED
UNDECLARED, UNKNOWN = Tariff.SHORT_UNDECLARED, Tariff.UNKNOWN

# (number as written, region, normalized, tariff)
TARIFFS = [
    # French plan (ARCEP), reference section 3
    ("01 23 45 67 89", "FR", "0123456789", STANDARD),
    ("05 56 00 00 00", "FR", "0556000000", STANDARD),
    ("09 69 32 15 15", "FR", "0969321515", STANDARD),
    ("06 12 34 56 78", "FR", "0612345678", STANDARD),
    ("07 12 34 56 78", "FR", "0712345678", STANDARD),
    ("0800 12 34 56", "FR", "0800123456", FREE),
    ("0805 12 34 56", "FR", "0805123456", FREE),
    ("0806 12 34 56", "FR", "0806123456", STANDARD),
    ("0 809 401 401", "FR", "0809401401", STANDARD),
    ("0810 12 34 56", "FR", "0810123456", SURCHARGED),
    ("0820 12 34 56", "FR", "0820123456", SURCHARGED),
    ("08 92 68 01 01", "FR", "0892680101", SURCHARGED),
    ("0891 12 34 56", "FR", "0891123456", SURCHARGED),
    ("0870 12 34 56", "FR", "0870123456", SURCHARGED),
    ("08.36.12.34.56", "FR", "0836123456", SURCHARGED),
    ("118 712", "FR", "118712", SURCHARGED),
    ("118218", "FR", "118218", SURCHARGED),
    ("116 000", "FR", "116000", FREE),
    ("3000", "FR", "3000", FREE),
    ("3007", "FR", "3007", FREE),
    ("3008", "FR", "3008", UNKNOWN),
    ("3009", "FR", "3009", FREE),
    ("3169", "FR", "3169", FREE),
    ("3170", "FR", "3170", UNKNOWN),
    ("3180", "FR", "3180", FREE),
    ("3199", "FR", "3199", FREE),
    ("3200", "FR", "3200", UNDECLARED),
    ("39 39", "FR", "3939", UNDECLARED),
    ("3646", "FR", "3646", UNDECLARED),
    ("15", "FR", "15", FREE),
    ("114", "FR", "114", FREE),
    ("1234", "FR", "1234", UNKNOWN),
    ("00 12 34 56 78", "FR", "+12345678", UNKNOWN),
    # international forms map to the French table, whatever the region
    ("+33 1 23 45 67 89", "FR", "0123456789", STANDARD),
    ("+33 (0)8 92 68 01 01", "FR", "0892680101", SURCHARGED),
    ("0033 8 10 12 34 56", "FR", "0810123456", SURCHARGED),
    ("+33 8 00 12 34 56", "GB", "0800123456", FREE),
    # UK plan through phonenumbers
    ("0113 222 4404", "GB", "+441132224404", STANDARD),
    ("020 7946 0958", "GB", "+442079460958", STANDARD),
    ("0300 123 1234", "GB", "+443001231234", STANDARD),
    ("0345 300 1010", "GB", "+443453001010", STANDARD),
    ("0800 123 4567", "GB", "+448001234567", FREE),
    ("0808 157 0000", "GB", "+448081570000", FREE),
    ("0870 123 4567", "GB", "+448701234567", SURCHARGED),
    ("0871 123 4567", "GB", "+448711234567", SURCHARGED),
    ("0872 123 4567", "GB", "+448721234567", SURCHARGED),
    ("0873 123 4567", "GB", "+448731234567", SURCHARGED),
    ("0909 123 4567", "GB", "+449091234567", SURCHARGED),
    ("+44 (0)113 222 4404", "FR", "+441132224404", STANDARD),
    ("0044 800 123 4567", "FR", "+448001234567", FREE),
    ("0113 222 4404", "en-GB", "+441132224404", STANDARD),
    ("999", "GB", "999", FREE),
    ("111", "GB", "111", UNKNOWN),
    ("0113 222 4404", "en", "01132224404", UNKNOWN),
    ("0113 222", "GB", "0113222", UNKNOWN),
    # elsewhere
    ("+1 800 555 0100", "FR", "+18005550100", FREE),
    ("+1 900 555 0100", "FR", "+19005550100", SURCHARGED),
    ("", "FR", "", UNKNOWN),
    ("call us", "GB", "", UNKNOWN),
]


@pytest.mark.parametrize(("number", "region", "normalized", "tariff"), TARIFFS)
def test_tariff(number: str, region: str, normalized: str, tariff: Tariff) -> None:
    verdict = classify_number(number, region)
    assert (verdict.number, verdict.normalized, verdict.tariff) == (number, normalized, tariff)
    assert verdict.reason


def test_reason_texts() -> None:
    assert classify_number("0810 12 34 56") == NumberVerdict(
        "0810 12 34 56",
        "0810123456",
        SURCHARGED,
        "081 numbers are surcharged under the French numbering plan (ARCEP)",
    )
    assert "declare" in classify_number("3939").reason
    assert classify_number("0870 123 4567", "GB").reason == "premium-rate number in the GB plan"
    assert classify_number("0800 123 4567", "GB").reason == "toll-free number in the GB plan"
    assert classify_number("999", "GB").reason == "free short number in the GB plan"
    assert classify_number("111", "GB").reason == "unknown-cost short number in the GB plan"


def test_verdict_is_frozen() -> None:
    verdict = classify_number("3939")
    with pytest.raises(AttributeError):
        verdict.tariff = FREE  # type: ignore[misc]


# (lang, prompt, numbers found as written)
SPOKEN = [
    ("fr", "Pour toute question, appelez le 08 92 68 01 01.", ["08 92 68 01 01"]),
    ("fr", "Composez le 3939, Allô Service Public.", ["3939"]),
    ("fr", "Vous pouvez nous joindre au 0 809 401 401, service gratuit et prix d'un appel.", ["0 809 401 401"]),
    ("fr", "Depuis l'étranger, appelez le +33 1 23 45 67 89.", ["+33 1 23 45 67 89"]),
    ("fr", "Pour les renseignements téléphoniques, le 118 712.", ["118 712"]),
    ("fr", "En cas d'urgence médicale, appelez le 15.", ["15"]),
    ("fr", "Contactez notre service client au 09 69 32 15 15.", ["09 69 32 15 15"]),
    ("fr", "Contactez La Poste au 3631.", ["3631"]),
    ("fr", "Le 3939 est ouvert du lundi au vendredi de 8h30 à 18h.", ["3939"]),
    ("fr", "Vous pouvez nous joindre en composant le 3646.", ["3646"]),
    ("fr", "Tél. : 01 23 45 67 89", ["01 23 45 67 89"]),
    ("fr", "Rendez-vous sur www.caf.fr ou appelez le 32 30.", ["32 30"]),
    ("fr", "Numéro vert : 0800.12.34.56, appel gratuit.", ["0800.12.34.56"]),
    ("fr", "Appelez le 3939 ou le 0 806 000 126.", ["3939", "0 806 000 126"]),
    ("fr", "Depuis l'étranger : 0033 1 23 45 67 89.", ["0033 1 23 45 67 89"]),
    ("fr", "Nous sommes ouverts de 8h30 à 17h.", []),
    ("fr", "Votre numéro de dossier est le 0123456789.", []),
    ("fr", "Pour les allocations, tapez 1. Pour le RSA, tapez 2.", []),
    ("fr", "Le temps d'attente est estimé à {wait_minutes} minutes.", []),
    ("fr", "Notre accueil se trouve au 12 rue de la Paix, 75002 Paris.", []),
    ("fr", "Appelez avant le 15 mars 2025.", []),
    ("fr", "Le montant de 1 200 euros sera versé le 5.", []),
    ("fr", "Depuis 2024, la prestation est versée le 5 de chaque mois.", []),
    ("fr", "Vous êtes le 3e en ligne.", []),
    ("fr", "Votre numéro fiscal 0123456789012 vous sera demandé.", []),
    ("fr", "Composez le 1 pour les allocations familiales.", []),
    ("fr", "Munissez-vous de votre numéro d'allocataire, par exemple 1234567.", []),
    ("fr", "Nous sommes fermés du 24.12.2024 au 02.01.2025.", []),
    ("fr", "Le rendez-vous est fixé le 12/03/2025 à 14:30.", []),
    ("fr", "Envoyez vos pièces au 3939 rue de Paris.", []),
    ("fr", "Composez le 3939 24h sur 24.", ["3939"]),
    ("fr", "Appelez le 01\u00a023\u00a045\u00a067\u00a089.", ["01\u00a023\u00a045\u00a067\u00a089"]),
    ("fr", "Le montant de 1.200,50 euros vous sera versé.", []),
    ("en", "Please call 0113 222 4404 during office hours.", ["0113 222 4404"]),
    ("en", "Call us free on 0800 123 4567.", ["0800 123 4567"]),
    ("en", "In an emergency, dial 999.", ["999"]),
    ("en", "For non-emergencies call 101.", ["101"]),
    ("en", "In case of emergency call 999.", ["999"]),
    ("en", "Call +44 (0)113 222 4404 from abroad.", ["+44 (0)113 222 4404"]),
    ("en", "Please ring 0345 300 1010.", ["0345 300 1010"]),
    ("en", "Call NHS 111 for urgent advice.", ["111"]),
    ("en", "Call 1-800-555-0100 or (800) 555-0100.", ["1-800-555-0100", "(800) 555-0100"]),
    ("en", "Our number is 020 7946 0958.", ["020 7946 0958"]),
    ("en", "You can phone us on 01632 960123.", ["01632 960123"]),
    ("en", "You are number 4 in the queue.", []),
    ("en", "Our offices are open from 9am to 5pm.", []),
    ("en", "Your case number 01234567890 is ready.", []),
    ("en", "Press 1 for council tax.", []),
    ("en", "Our office is at 110 Merrion Centre, Leeds LS2 8BT.", []),
    ("en", "The fee is £1,200, payable by 31 March 2025.", []),
    ("en", "We received 3939 calls in 2023.", []),
    ("en", "Your estimated wait is {wait_minutes} minutes.", []),
    ("en", "Please have your National Insurance number, for example QQ 12 34 56 C, ready.", []),
    ("en", "Lines open at 8:30 and close at 17.00.", []),
    ("en", "Enter your PIN 4821 followed by the hash key.", []),
    ("en", "Visit leeds.gov.uk/2024 or email help123@leeds.gov.uk.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SPOKEN, ids=[t[:50] for _, t, _ in SPOKEN])
def test_find_phone_numbers(lang: str, text: str, expected: list[str]) -> None:
    found = find_phone_numbers(text, lang)
    assert [raw for _, _, raw in found] == expected
    for start, end, raw in found:
        assert text[start:end] == raw


def test_spoken_corpus_size() -> None:
    assert sum(1 for lang, _, _ in SPOKEN if lang == "fr") >= 25
    assert sum(1 for lang, _, _ in SPOKEN if lang == "en") >= 20


def test_found_numbers_classify() -> None:
    """The finder and the classifier agree on what a spoken number is."""
    text = "Appelez le 08 92 68 01 01, le 3939 ou le 118 712."
    tariffs = [classify_number(raw).tariff for _, _, raw in find_phone_numbers(text, "fr")]
    assert tariffs == [SURCHARGED, UNDECLARED, SURCHARGED]
