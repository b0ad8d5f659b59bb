import pytest

from ivr_lint.findings import Severity
from tests.rules.service.flows import WELL_MADE


@pytest.mark.parametrize("number", ["08 92 68 01 01", "0 820 00 00 00", "+33 8 99 00 00 00", "118 712"])
def test_surcharged_service_number(lint, number):
    text = WELL_MADE.replace('phone: "01 23 45 67 89"', f'phone: "{number}"')
    assert lint(text, "surcharged-number")[0] == [("surcharged-number", 6, 10, None)]


def test_short_number_without_tariff_is_info(lint):
    text = WELL_MADE.replace('phone: "01 23 45 67 89"', 'phone: "3939"')
    found, [finding] = lint(text, "surcharged-number")
    assert found == [("surcharged-number", 6, 10, None)] and finding.severity is Severity.INFO
    assert lint(text.replace('phone: "3939"', 'phone: "3939"\n  tariff: free'), "surcharged-number")[0] == []


def test_number_spoken_in_a_prompt(lint):
    text = WELL_MADE.replace("Vos démarches sont aussi sur testville.fr.", "Appelez le 08 92 68 01 01.")
    assert lint(text, "surcharged-number")[0] == [("surcharged-number", 55, 13, "closed-message")]


def test_uk_premium_number_in_an_english_flow(lint):
    text = WELL_MADE.replace("language: fr-FR", "language: en-GB").replace(
        'phone: "01 23 45 67 89"', 'phone: "0113 222 4404"')
    assert lint(text, "surcharged-number")[0] == []
    assert lint(text.replace("0113 222 4404", "0906 123 4567"), "surcharged-number")[0] == [
        ("surcharged-number", 6, 10, None)]


@pytest.mark.parametrize("number", ["01 23 45 67 89", "0 800 12 34 56", "0 809 40 14 01", "+33 1 23 45 67 89"])
def test_standard_and_free_numbers_pass(lint, number):
    assert lint(WELL_MADE.replace('phone: "01 23 45 67 89"', f'phone: "{number}"'), "surcharged-number")[0] == []
