from tests.rules.service.flows import WELL_MADE

NO_CONTACT = WELL_MADE.replace(" Vos démarches sont aussi sur testville.fr.", "")


def test_closed_path_without_another_contact(lint):
    found, [finding] = lint(NO_CONTACT, "closed-message-incomplete")
    assert found == [("closed-message-incomplete", 57, 3, "goodbye")]
    assert finding.scenario == "closed"
    assert finding.path == ["welcome", "check-hours", "closed-message", "goodbye"]
    assert "another way to contact the service" in finding.message


def test_holiday_branch_is_checked_too(lint):
    text = WELL_MADE.replace("    closed: closed-message\n", "    closed: closed-message\n    holiday: holiday-message\n")
    text += '  holiday-message:\n    type: hangup\n    prompt: "La mairie est fermée aujourd\'hui."\n'
    found, [finding] = lint(text, "closed-message-incomplete")
    assert found == [("closed-message-incomplete", 61, 3, "holiday-message")]
    assert finding.scenario == "holiday"
    assert "the opening hours or another way" in finding.message


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "closed-message-incomplete")[0] == []
