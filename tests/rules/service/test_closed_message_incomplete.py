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


def test_a_counter_address_is_another_contact(lint):
    text = WELL_MADE.replace(" Vos démarches sont aussi sur testville.fr.",
                             " Vous pouvez aussi vous présenter à l'accueil, 3 place de la Mairie.")
    assert lint(text, "closed-message-incomplete")[0] == []


def test_an_unsure_contact_is_an_info_that_quotes_it(lint):
    text = WELL_MADE.replace(" Vos démarches sont aussi sur testville.fr.", " Consultez aussi la plateforme.")
    found, [finding] = lint(text, "closed-message-incomplete")
    assert found == [("closed-message-incomplete", 57, 3, "goodbye")]
    assert finding.severity.name == "INFO"
    assert "could not confirm that the caller hears another way to contact the service" in finding.message
    assert '"Consultez aussi la plateforme."' in finding.message


def test_a_denied_contact_is_no_contact(lint):
    text = WELL_MADE.replace(" Vos démarches sont aussi sur testville.fr.",
                             " Ces démarches ne sont pas possibles en ligne.")
    found, [finding] = lint(text, "closed-message-incomplete")
    assert found == [("closed-message-incomplete", 57, 3, "goodbye")]
    assert finding.severity.name == "ERROR"


def test_a_path_without_any_contact_wins_over_an_unsure_one(lint):
    text = NO_CONTACT.replace("    closed: closed-message\n", "    closed: closed-menu\n")
    text += ('  closed-menu:\n    type: menu\n    prompt: "Pour nos horaires, tapez 1. Pour nos services, tapez 2."\n'
             '    options: {"1": closed-message, "2": app}\n    on_max_retries: closed-message\n'
             '  app:\n    type: play\n    prompt: "Consultez la plateforme."\n    next: closed-message\n')
    found, [finding] = lint(text, "closed-message-incomplete")
    assert found == [("closed-message-incomplete", 57, 3, "goodbye")]
    assert finding.severity.name == "ERROR"
