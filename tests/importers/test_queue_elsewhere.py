"""A queue whose saturation handling is in another export is an unknown, not a missing branch.

A Genesys `transferToAcd` hands the caller to the queue's in-queue flow (a separate Architect
flow), a Twilio Studio `send-to-flex` to a TaskRouter workflow: what a caller on a saturated
line hears is decided there. `congestion-options` says where to look (info), never an error.
"""

from __future__ import annotations

import json

from tests.conftest import run

GENESYS = """\
inboundCall:
  name: Sales line
  defaultLanguage: en-us
  startUpRef: "/inboundCall/menus/menu[Main_10]"
  menus:
    - menu:
        name: Main
        refId: Main_10
        audio:
          tts: For sales press 1.
        choices:
          - menuTransferToAcd:
              name: Sales
              dtmf: digit_1
              targetQueue:
                lit:
                  name: Sales queue
              overrideInQueueFlow:
                name: Sales hold flow
"""

TWILIO = json.dumps({
    "description": "flex", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": True},
    "states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingCall", "next": "to_agents"}]},
        {"name": "to_agents", "type": "send-to-flex",
         "properties": {"workflow": "WW0123", "channel": "TC0123", "attributes": "{\"type\": \"inbound\"}"},
         "transitions": [{"event": "callComplete"}]},
    ]}, indent=2)


def congestion(path) -> list[tuple[str, int, str, str]]:
    out = run("check", "--select", "congestion-options", "--format", "json", str(path))
    return [(f["severity"], f["line"], f["node"], f["message"]) for f in json.loads(out.stdout)["findings"]]


def test_a_genesys_queue_names_its_in_queue_flow_and_is_only_an_info(tmp_path):
    path = tmp_path / "sales.yaml"
    path.write_text(GENESYS)
    [(severity, line, node, message)] = congestion(path)
    assert (severity, line, node) == ("info", 12, "main-sales")  # the menu choice
    assert "decided in the in-queue flow 'Sales hold flow' (a separate export)" in message
    out = run("check", "--select", "congestion-options", str(path))
    assert out.exit_code == 0  # an info is no failure


def test_without_an_override_the_queue_s_own_in_queue_flow_is_named(tmp_path):
    path = tmp_path / "sales.yaml"
    path.write_text(GENESYS.replace("              overrideInQueueFlow:\n                name: Sales hold flow\n", ""))
    [(severity, _, _, message)] = congestion(path)
    assert severity == "info" and "the in-queue flow of queue 'Sales queue'" in message


def test_a_flex_queue_points_at_the_taskrouter_workflow(tmp_path):
    path = tmp_path / "flow.json"
    path.write_text(TWILIO)
    [(severity, line, node, message)] = congestion(path)
    assert (severity, line, node) == ("info", 19, "to-agents")  # the widget
    assert "TaskRouter workflow or wait URL of Flex workflow (inbound)" in message


def test_an_imported_queue_with_a_wired_congestion_is_judged_as_usual(tmp_path):
    """Twilio's failedToEnqueue is the export's own saturation branch: a hang-up there offers nothing."""
    data = json.loads(TWILIO)
    data["states"][1]["transitions"].append({"event": "failedToEnqueue", "next": "sorry"})
    data["states"].append({"name": "sorry", "type": "say-play", "properties": {"say": "Sorry, goodbye."},
                           "transitions": []})
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(data, indent=2))
    [(severity, _, node, message)] = congestion(path)
    assert (severity, node) == ("error", "to-agents") and "are offered nothing" in message
