"""Genesys Architect: a transfer's `failureTransferAudio` is what the caller hears when the transfer
fails, before its failure outputs (or, where nothing follows, before the call ends)."""

from ivr_lint.importers import convert
from tests.conftest import run, run_json
from tests.importers.util import edges, load

ARCHY = """inboundCall:
  name: Parcels
  defaultLanguage: en-gb
  startUpRef: "/inboundCall/menus/menu[Desk_1]"
  menus:
    - menu:
        name: Desk
        refId: Desk_1
        audio:
          tts: Tracking, press 1. Collections, press 2. The depot, press 3.
        choices:
          - menuTransferToAcd:
              name: Tracking
              dtmf: digit_1
              targetQueue:
                lit:
                  name: Tracking team
              failureTransferAudio:
                tts: Tracking cannot take your call. Track online at parcels dot example.
          - menuTask:
              name: Collections
              dtmf: digit_2
              task:
                actions:
                  - transferToUser:
                      name: Collections lead
                      targetUser:
                        lit:
                          name: Dana
                      failureTransferAudio:
                        lit:
                          name: dana_unavailable
                      outputs:
                        failure:
                          actions:
                            - jumpToMenu:
                                name: Back
                                targetMenuRef: "/inboundCall/menus/menu[Desk_1]"
          - menuTask:
              name: Depot
              dtmf: digit_3
              task:
                actions:
                  - transferToNumber:
                      name: Depot line
                      targetNumber:
                        lit: "+441632960123"
                      failureTransferAudio:
                        exp: AudioPlaybackOptions(ToAudioBlank(100), true)
                      outputs:
                        failure:
                          actions:
                            - playAudio:
                                name: Closed
                                audio:
                                  tts: The depot is closed.
                            - disconnect:
                                name: Bye
"""


def parcels():
    result = convert(ARCHY.encode(), "parcels.yaml")
    return result, load(result)


def test_a_menu_transfer_says_its_failure_audio_then_the_call_ends():
    _, flow = parcels()
    assert flow.nodes["desk"].options["1"].next == "desk-tracking"
    assert edges(flow, "desk-tracking") == {("case", "failure", "desk-tracking-failed"),
                                            ("default", None, "desk-tracking-queue")}
    said = flow.nodes["desk-tracking-failed"]
    assert (said.type, said.prompt_text) == (
        "hangup", "Tracking cannot take your call. Track online at parcels dot example.")
    assert flow.nodes["desk-tracking-queue"].queue == "Tracking team"


def test_a_task_transfer_says_its_failure_audio_before_its_failure_output():
    result, flow = parcels()
    node = flow.nodes["desk-collections-collections-lead"]
    assert (node.type, node.on) == ("branch", "error")
    said = node.cases["failure"]
    assert flow.nodes[said].type == "play"
    assert flow.nodes[said].prompt_text == "[unknown: audio prompt 'dana_unavailable']"
    assert edges(flow, said) == {("next", None, "desk")}
    assert any(u.node == said and u.kind == "audio" for u in result.unknowns)


def test_a_blank_failure_audio_adds_nothing():
    _, flow = parcels()
    depot = flow.nodes["desk-depot-depot-line"]
    assert depot.type == "transfer" and depot.number == "+441632960123"
    assert flow.nodes[depot.on_failure].prompt_text == "The depot is closed."
    assert not any(node_id.startswith("desk-depot-depot-line-failed") for node_id in flow.nodes)


def test_simulate_hears_the_failure_audio(write):
    path = write(ARCHY, "parcels.yaml")
    code, out = run_json("simulate", str(path), "--keys", "1", "--var", "error=failure")
    assert code == 0
    assert [s["prompt"] for s in out["steps"]][-1] == \
        "Tracking cannot take your call. Track online at parcels dot example."
    assert out["outcome"] == "hangup"
    outcome = run("simulate", str(path), "--keys", "1")
    assert "Outcome: agent" in outcome.output
