from tests.rules.service.flows import WELL_MADE


def test_no_person_reachable_from_the_start(lint):
    text = WELL_MADE.replace('"0": agent', '"0": civil').replace("    next: agent\n  agent:", "    next: goodbye\n  agent:")
    text = text.replace("on_max_retries: agent", "on_max_retries: callback")
    found, [finding] = lint(text, "no-agent-path")
    assert found == [("no-agent-path", 14, 8, None)]
    assert finding.scenario == "open"


def test_a_menu_with_no_way_to_a_person(lint):
    text = WELL_MADE.replace('      "2": agent\n    on_max_retries: callback', '      "2": goodbye\n    on_max_retries: callback')
    text = text.replace("    next: goodbye\n  closed-message", "    next: goodbye\n  closed-message")
    # the busy menu is only met when congested: not an opening-hours menu under normal load
    assert lint(text, "no-agent-path")[0] == []
    text = WELL_MADE.replace('"1": civil', '"1": sub').replace("  civil:\n", "  sub:\n    type: menu\n"
        "    prompt: \"Pour un acte, tapez 1.\"\n    options: {\"1\": goodbye}\n    on_max_retries: goodbye\n  civil:\n")
    found, _ = lint(text, "no-agent-path")
    assert found == [("no-agent-path", 31, 3, "sub")]


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "no-agent-path")[0] == []
