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
