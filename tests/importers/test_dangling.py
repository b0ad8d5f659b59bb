"""A jump an export makes to a place it does not have: one mechanism for every importer.

The import keeps the jump dangling (never a loop, a hang-up or a guess), `check` reports
`unknown-target` at the line (and column) of the jump in the export, `simulate` runs the
calls that do not take it and stops, with the outcome `unknown-target`, the one that does.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run

ASTERISK = """\
[incoming]
exten => s,1,Answer()
 same => n,Background(welcome)
 same => n,WaitExten(5)
exten => 1,1,Playback(sales-closed)
 same => n,Hangup()
exten => 2,1,Playback(transferring)
   same => n,Goto(billing-desk)
"""

VOICEXML = """\
<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="main" dtmf="true">
    <prompt>For opening hours press 1. For billing press 2.</prompt>
    <choice dtmf="1" next="#hours"/>
    <choice dtmf="2" next="#billing"/>
  </menu>
  <form id="hours">
    <block><prompt>We are open from nine to five.</prompt><disconnect/></block>
  </form>
</vxml>
"""

TWILIO = json.dumps({
    "description": "dangling", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": True},
    "states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingCall", "next": "menu"}]},
        {"name": "menu", "type": "gather-input-on-call",
         "properties": {"say": "For opening hours press 1. For billing press 2.", "number_of_digits": 1},
         "transitions": [{"event": "keypress", "next": "split"}, {"event": "timeout", "next": "bye"}]},
        {"name": "split", "type": "split-based-on", "properties": {"input": "{{widgets.menu.Digits}}"},
         "transitions": [{"event": "noMatch", "next": "bye"},
                         {"event": "match", "next": "hours",
                          "conditions": [{"type": "equal_to", "arguments": ["{{widgets.menu.Digits}}"],
                                          "value": "1"}]},
                         {"event": "match", "next": "billing_widget",
                          "conditions": [{"type": "equal_to", "arguments": ["{{widgets.menu.Digits}}"],
                                          "value": "2"}]}]},
        {"name": "hours", "type": "say-play", "properties": {"say": "We are open from nine to five."},
         "transitions": [{"event": "audioComplete", "next": "bye"}]},
        {"name": "bye", "type": "say-play", "properties": {"say": "Goodbye."}, "transitions": []},
    ]}, indent=2)

CONNECT = json.dumps({
    "Version": "2019-10-30", "StartAction": "menu", "Actions": [
        {"Identifier": "menu", "Type": "GetParticipantInput",
         "Parameters": {"Text": "For opening hours press 1. For billing press 2.", "InputTimeLimitSeconds": "5"},
         "Transitions": {"NextAction": "bye", "Conditions": [
             {"NextAction": "hours", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
             {"NextAction": "billing-block", "Condition": {"Operator": "Equals", "Operands": ["2"]}}],
             "Errors": [{"NextAction": "bye", "ErrorType": "InputTimeLimitExceeded"},
                        {"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                        {"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "hours", "Type": "MessageParticipant",
         "Parameters": {"Text": "We are open from nine to five."}, "Transitions": {"NextAction": "bye"}},
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    ]}, indent=2)

GENESYS = """\
inboundCall:
  name: Dangling
  defaultLanguage: en-us
  startUpRef: "/inboundCall/menus/menu[Main_10]"
  initialGreeting:
    tts: Welcome.
  menus:
    - menu:
        name: Main
        refId: Main_10
        audio:
          tts: For opening hours press 1. For billing press 2.
        choices:
          - menuDisconnect:
              name: Hours
              dtmf: digit_1
          - menuJumpToMenu:
              name: Billing
              dtmf: digit_2
              targetMenuRef: "/inboundCall/menus/menu[Billing_20]"
"""

#: (file name, text, where the jump is: line, column, the target's id, the keys that take it, a key that does not)
CASES = {
    "asterisk": ("extensions.conf", ASTERISK, 8, 4, "missing-incoming-2-billing-desk", "2", "1"),
    "voicexml": ("menu.vxml", VOICEXML, 6, 5, "missing-billing", "2", "1"),
    # the split's transition object (a gather and its split are one menu)
    "twilio": ("flow.json", TWILIO, 61, 9, "missing-billing-widget", "2", "1"),
    "connect": ("flow.json", CONNECT, 5, 5, "missing-billing-block", "2", "1"),  # the action that names it
    "genesys": ("flow.yaml", GENESYS, 17, 13, "missing-billing-20", "2", "1"),
}


@pytest.fixture(params=sorted(CASES))
def export(request, tmp_path):
    name, text, line, column, target, taking, other = CASES[request.param]
    path = tmp_path / name
    path.write_text(text)
    return str(path), line, column, target, taking, other


def test_check_reports_the_jump_at_its_line_and_column_in_the_export(export):
    path, line, column, target, _, _ = export
    out = run("check", "--select", "unknown-target", "--format", "json", path)
    assert out.exit_code == 1, out.output
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(out.stdout)["findings"]]
    assert found == [("unknown-target", line, column)]
    message = json.loads(out.stdout)["findings"][0]["message"]
    assert f"leads to an unknown node {target!r}: " in message and ", which the export does not have" in message
    assert "did you mean" not in message  # the export's own jump, not a typo in a flow


def test_import_keeps_the_jump_and_says_so(export):
    path, line, _, target, _, _ = export
    out = run("import", path)
    assert out.exit_code == 0, out.output
    assert f"next: {target}" in out.stdout  # the YAML names the missing place, no node stands for it
    assert f"\n  {target}:\n" not in out.stdout
    assert f"(kept as the unknown target {target!r})" in out.stderr


def test_simulate_runs_the_calls_that_do_not_take_the_jump(export):
    path, _, _, _, _, other = export
    out = run("simulate", path, "--keys", other, "--format", "json")
    assert out.exit_code == 0, out.output
    transcript = json.loads(out.stdout)
    assert transcript["outcome"] == "hangup" and "stopped" not in transcript
    assert transcript["steps"][1]["node"] != transcript["steps"][0]["node"]  # the call went on past the menu


def test_simulate_stops_at_the_jump_and_says_where_the_export_makes_it(export):
    path, line, _, target, taking, _ = export
    out = run("simulate", path, "--keys", taking)
    assert out.exit_code == 1, out.output
    assert f"at {path}:{line}, named by " in out.stdout
    assert "Outcome: unknown-target (ended at " in out.stdout
    as_json = json.loads(run("simulate", path, "--keys", taking, "--format", "json").stdout)
    assert as_json["outcome"] == "unknown-target"
    assert as_json["stopped"].startswith("unknown target ") and f"{path}:{line}" in as_json["stopped"]
    assert as_json["steps"][-1]["took"].endswith(f"-> {target}")


def test_a_journey_through_the_jump_fails_unless_it_expects_it(tmp_path, export):
    path, _, _, _, taking, other = export
    journeys = tmp_path / "journeys.yaml"
    journeys.write_text(f"""flow: {path}
journeys:
  - name: billing is broken in the export
    keys: ["{taking}"]
    expect: {{outcome: unknown-target}}
  - name: the hours are fine
    keys: ["{other}"]
    expect: {{outcome: hangup}}
  - name: billing without saying so
    keys: ["{taking}"]
""")
    out = run("test", str(tmp_path))
    assert out.exit_code == 1, out.output
    assert "3 journeys in 1 file: 2 passed, 1 failed" in out.output, out.output
    assert "FAIL  billing without saying so" in out.output
    assert "      the call stops at an unknown target " in out.output


def test_a_flow_written_by_hand_with_an_unknown_target_is_still_refused(tmp_path):
    flow = tmp_path / "flow.yaml"
    flow.write_text("ivr: 1\nstart: menu\nnodes:\n  menu:\n    type: menu\n    prompt: \"Press 1.\"\n"
                    "    options:\n      \"1\": {next: nowhere}\n    on_max_retries: bye\n  bye:\n    type: hangup\n")
    out = run("simulate", str(flow), "--keys", "1")
    assert out.exit_code == 2
    assert "unknown-target" in out.stderr


def test_var_takes_an_imported_condition_that_holds_equals_signs_whole(tmp_path):
    """A VoiceXML `<if cond>` is imported as a branch on the condition's own text: `--var` names it as
    written, `==` included, and the value after the last `=` of that name steers it."""
    path = tmp_path / "sunday.vxml"
    path.write_text("""<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="start">
    <block>
      <if cond="(new Date()).getDay() == 0">
        <prompt>We are closed on Sundays.</prompt>
      <else/>
        <prompt>Welcome, an advisor will answer.</prompt>
      </if>
      <disconnect/>
    </block>
  </form>
</vxml>
""")
    heard = {}
    for value in ("true", "false"):
        out = run("simulate", str(path), "--var", f"(new Date()).getDay() == 0={value}", "--keys", "", "-f", "json")
        assert out.exit_code == 0, out.output
        heard[value] = " ".join(s["prompt"] for s in json.loads(out.stdout)["steps"])
    assert "closed on Sundays" in heard["true"] and "closed" not in heard["false"]
    assert "Welcome" in heard["false"]
