"""Findings on imports that a telephony engineer reads once: one per export element or jump."""

from __future__ import annotations

import json

from tests.conftest import run

GENESYS = """\
inboundCall:
  name: Unused menu
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Start_1]"
  tasks:
    - task:
        name: Start
        refId: Start_1
        actions:
          - playAudio:
              name: Hello
              audio:
                tts: We are closed today. Goodbye.
          - disconnect:
              name: Bye
  menus:
    - menu:
        name: Old menu
        refId: Old_2
        audio:
          tts: For billing press 1.
        choices:
          - menuDisconnect:
              name: Billing
              dtmf: digit_1
"""

ASTERISK = """\
[incoming]
exten => s,1,Answer()
 same => n,Queue(sales,,,,300)
 same => n,Goto(operator,1)
"""


def findings(path, rules):
    out = run("check", "--select", rules, "--format", "json", str(path))
    return [(f["rule"], f["line"], f["node"], f["message"]) for f in json.loads(out.stdout)["findings"]]


def test_an_unused_menu_of_an_export_is_one_unreachable_finding_with_what_follows(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text(GENESYS)
    found = findings(path, "unreachable-node,hangup-on-error")
    assert [(rule, line, node) for rule, line, node, _ in found] == [("unreachable-node", 17, "old-menu")]
    assert found[0][3].endswith("(nor the 2 nodes after it)")  # its choice and its no-selection end


def test_a_goto_that_two_ways_out_of_a_queue_take_is_one_unknown_target(tmp_path):
    path = tmp_path / "extensions.conf"
    path.write_text(ASTERISK)
    found = findings(path, "unknown-target")
    assert [(rule, line) for rule, line, _, _ in found] == [("unknown-target", 4)]
    assert "Goto(operator,1) goes to incoming,operator,1" in found[0][3]
