import pytest

from tests.rules.service.flows import WELL_MADE


def test_queue_without_congestion_branch(lint):
    text = WELL_MADE.replace("    congestion: busy\n", "")
    found, [finding] = lint(text, "congestion-options")
    assert found == [("congestion-options", 35, 3, "agent")]
    assert "has no `congestion` branch" in finding.message


def test_congestion_offering_only_a_callback(lint):
    text = WELL_MADE.replace("L'attente est estimée à {wait_minutes} minutes. ", "")
    found, [finding] = lint(text, "congestion-options")
    assert found == [("congestion-options", 39, 17, "agent")]
    assert finding.extra == {"offered": ["a callback"],
                             "missing": ["an estimated wait or queue position", "a pointer to quieter hours"]}


def test_wait_and_quieter_hours_without_callback_pass(lint):
    text = WELL_MADE.replace(
        "Pour être rappelé, tapez 1. Pour patienter, tapez 2.", "Nos lignes sont moins chargées l'après-midi. Tapez 2.")
    text = text.replace('      "1": callback\n      "2": agent\n    on_max_retries: callback',
                        '      "2": agent\n    on_max_retries: agent')
    assert lint(text, "congestion-options")[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "congestion-options")[0] == []


def _without_wait(prompt: str) -> str:
    """The well-made flow whose congestion menu says ``prompt`` instead of the wait estimate."""
    return WELL_MADE.replace("L'attente est estimée à {wait_minutes} minutes. ", prompt + " ")


@pytest.mark.parametrize("said", [
    "Les lignes sont plus calmes après 14 heures.",
    "Appelez de préférence l'après-midi.",
    "Le jeudi, nos conseillers sont nettement moins sollicités.",
    "Vous patienterez moins longtemps en fin de matinée.",
    "Si possible, privilégiez le mercredi.",
    "Notre standard est plus fluide à partir de 15h30.",
])
def test_quieter_hours_said_in_other_words_count(lint, said):
    """A pointer to quieter hours, said as teams say it, is one of the two offers: no error."""
    assert lint(_without_wait(said), "congestion-options")[0] == []


def test_unsure_reading_is_an_info_that_quotes_the_sentence(lint):
    found, [finding] = lint(_without_wait("Le lundi matin, la ligne est chargée."), "congestion-options")
    assert found == [("congestion-options", 39, 17, "agent")]
    assert finding.severity.name == "INFO"
    assert '"Le lundi matin, la ligne est chargée."' in finding.message
    assert "does not say the time is quieter or busier" in finding.message
    assert finding.extra["unsure"] == ["a pointer to quieter hours"]


def test_a_vague_wait_is_unsure_not_an_offer(lint):
    found, [finding] = lint(_without_wait("Votre attente sera de quelques minutes."), "congestion-options")
    assert found == [("congestion-options", 39, 17, "agent")]
    assert finding.severity.name == "INFO" and "gives no figure" in finding.message


@pytest.mark.parametrize("said", [
    "Nous ne pouvons pas vous indiquer de période plus calme.",
    "Nous sommes ouverts du lundi au vendredi de 8h30 à 17h.",
    "Nos lignes sont saturées.",
])
def test_negated_or_plain_hours_are_no_offer(lint, said):
    found, [finding] = lint(_without_wait(said), "congestion-options")
    assert found == [("congestion-options", 39, 17, "agent")]
    assert finding.severity.name == "ERROR"


def test_english_quieter_hours(lint):
    text = (WELL_MADE.replace("language: fr-FR", "language: en-GB")
            .replace("L'attente est estimée à {wait_minutes} minutes. ", "We tend to be less busy after 3pm. ")
            .replace("Pour être rappelé, tapez 1. Pour patienter, tapez 2.", "To be called back, press 1."))
    assert lint(text, "congestion-options")[0] == []
    text = text.replace("We tend to be less busy after 3pm. ", "The line is busy. ")
    assert lint(text, "congestion-options")[0] == [("congestion-options", 39, 17, "agent")]


def test_a_congestion_node_with_a_schema_error_is_not_judged(lint):
    """The schema error is the finding; what the broken node would have said is unknown."""
    text = WELL_MADE.replace("  busy:\n    type: menu\n", "  busy:\n    type: mneu\n")
    assert "type: mneu" in text
    assert lint(text, "congestion-options")[0] == []
