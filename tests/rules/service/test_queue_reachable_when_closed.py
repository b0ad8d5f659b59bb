from tests.rules.service.flows import WELL_MADE


def test_closed_message_leading_to_the_queue(lint):
    text = WELL_MADE.replace("    next: goodbye\n  goodbye:", "    next: agent\n  goodbye:")
    found, [finding] = lint(text, "queue-reachable-when-closed")
    assert found == [("queue-reachable-when-closed", 35, 3, "agent")]
    assert finding.scenario == "closed"
    assert finding.path == ["welcome", "check-hours", "closed-message", "agent"]


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "queue-reachable-when-closed")[0] == []
