from ivr_lint.findings import Severity
from tests.rules.service.flows import WELL_MADE


def test_unexplained_acronym_is_info_by_default(lint):
    text = WELL_MADE.replace("Vos actes d'état civil se demandent", "Vos actes et votre dossier RSA se demandent")
    found, [finding] = lint(text, "unclear-language")
    assert found == [("unclear-language", 33, 13, "civil")]
    assert finding.severity is Severity.INFO and "RSA" in finding.message
    assert lint(text, "unclear-language", known_acronyms=["RSA"])[0] == []


def test_explained_acronym_passes(lint):
    text = WELL_MADE.replace("Vos actes d'état civil se demandent",
                             "Le revenu de solidarité active (RSA) et vos actes se demandent")
    assert lint(text, "unclear-language")[0] == []


def test_long_sentence(lint):
    long = "Pour " + " ".join(["toutes vos questions"] * 9) + " appelez-nous."
    text = WELL_MADE.replace('"Merci de votre appel, au revoir."', f'"{long}"')
    found, [finding] = lint(text, "unclear-language")
    assert found == [("unclear-language", 59, 13, "goodbye")]
    assert "a sentence of 29 words (limit 25)" in finding.message


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "unclear-language")[0] == []
