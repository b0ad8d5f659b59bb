from tests.rules.service.flows import WELL_MADE


def test_menu_whose_only_way_to_a_person_is_another_menu(lint):
    text = WELL_MADE.replace('      "0": agent\n    on_max_retries: agent', '      "0": busy\n    on_max_retries: agent')
    text = text.replace("testville.fr.\"\n    next: agent", "testville.fr.\"\n    next: goodbye")
    found, [finding] = lint(text, "agent-not-offered")
    assert found == [("agent-not-offered", 28, 7, "main-menu")]
    assert "without another menu" in finding.message


def test_direct_option_through_a_message_counts(lint):
    text = WELL_MADE.replace('      "0": agent\n    on_max_retries: agent', '      "0": civil\n    on_max_retries: agent')
    assert lint(text, "agent-not-offered")[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "agent-not-offered")[0] == []
