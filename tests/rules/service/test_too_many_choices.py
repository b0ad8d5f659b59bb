from tests.conftest import dedent, run_json
from tests.rules.service.flows import WELL_MADE, with_choices


def test_six_choices(lint):
    found, [finding] = lint(with_choices(5), "too-many-choices")
    assert found == [("too-many-choices", 28, 7, "main-menu")]
    assert finding.message.startswith("menu 'main-menu' offers 6 choices (limit 5)")
    assert lint(with_choices(5), "too-many-choices", max_choices=6)[0] == []


def test_keys_leading_to_one_node_are_one_choice(lint):
    # five keys all lead to the civil-status message: the caller chooses between it and an advisor
    assert lint(with_choices(5, same_target=True), "too-many-choices")[0] == []


def test_the_message_counts_keys_when_they_differ_from_choices(lint):
    text = with_choices(6).replace('      "6": topic-6\n', '      "6": topic-6\n      "7": topic-6\n      "8": topic-6\n')
    found, [finding] = lint(text, "too-many-choices")
    assert found == [("too-many-choices", 28, 7, "main-menu")]
    assert "offers 7 choices (9 keys) (limit 5)" in finding.message


def test_repeat_does_not_count(lint):
    text = with_choices(4).replace('      "0": agent\n', '      "0": agent\n      "*": {repeat: true}\n      "9": main-menu\n', 1)
    assert lint(text, "too-many-choices")[0] == []


def test_outbound_press_any_key_campaign(write):
    """Every key is captured and leads to the same message: one choice, English, outbound."""
    keys = "".join(f'      "{k}": {{next: confirm, label: "Any key"}}\n' for k in "0123456789*#")
    path = write(dedent('''
        ivr: 1
        kind: outbound
        language: en-GB
        start: reminder
        nodes:
          reminder:
            type: menu
            prompt: "This is a reminder of your appointment tomorrow. Press any key to confirm."
            options:
        ''') + keys + dedent('''
          confirm:
            type: hangup
            prompt: "Thank you, your appointment is confirmed."
        '''))
    _, data = run_json("check", "--select", "too-many-choices", str(path))
    assert data["findings"] == []
    text = path.read_text().replace('"9": {next: confirm', '"9": {next: cancel').replace(
        '"8": {next: confirm', '"8": {next: reschedule').replace(
        '"7": {next: confirm', '"7": {next: directions').replace(
        '"6": {next: confirm', '"6": {next: parking').replace(
        '"5": {next: confirm', '"5": {next: documents')
    for name in ("cancel", "reschedule", "directions", "parking", "documents"):
        text += f'  {name}:\n    type: hangup\n    prompt: "Noted, goodbye."\n'
    path.write_text(text)
    _, data = run_json("check", "--select", "too-many-choices", str(path))
    assert [(f["rule"], f["line"], f["column"], f["node"], f["choices"]) for f in data["findings"]] == [
        ("too-many-choices", 10, 7, "reminder", 6)]


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "too-many-choices")[0] == []
