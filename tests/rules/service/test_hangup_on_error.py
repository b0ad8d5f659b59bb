from tests.rules.service.flows import WELL_MADE


def test_last_retry_hangs_up(lint):
    text = WELL_MADE.replace("    on_max_retries: agent\n  civil:", "    on_max_retries: goodbye\n  civil:")
    found, [finding] = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 30, 21, "main-menu")]
    assert finding.path == ["main-menu", "goodbye"]


def test_hangup_after_a_message_with_another_contact_is_fine(lint):
    text = WELL_MADE.replace("    on_max_retries: agent\n  civil:", "    on_max_retries: closed-message\n  civil:")
    assert lint(text, "hangup-on-error")[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "hangup-on-error")[0] == []
