"""A construct the importer unrolls into copies reports each problem once, at its export line.

A FreeSWITCH menu and its `-again` replay, a VoiceXML field and its `-wait` state are one
element of the export: the caller meets one menu, the author fixes one line.
"""

from __future__ import annotations

import json

from tests.conftest import run

FREESWITCH = """\
<configuration name="ivr.conf" description="IVR menus">
  <menus>
    <menu name="main" greet-long="say:Welcome. For sales press 1, support 2, billing 3, returns 4, jobs 5, press 6 for
    the press office, 7 for partners." greet-short="say:Press 1 to 7." invalid-sound="say:That is not a choice."
    exit-sound="say:Goodbye." timeout="5000" max-failures="3" max-timeouts="3">
      <entry action="menu-exec-app" digits="1" param="transfer 1001 XML default"/>
      <entry action="menu-exec-app" digits="2" param="transfer 1002 XML default"/>
      <entry action="menu-exec-app" digits="3" param="transfer 1003 XML default"/>
      <entry action="menu-exec-app" digits="4" param="transfer 1004 XML default"/>
      <entry action="menu-exec-app" digits="5" param="transfer 1005 XML default"/>
      <entry action="menu-exec-app" digits="6" param="transfer 1006 XML default"/>
      <entry action="menu-exec-app" digits="7" param="transfer 1007 XML default"/>
    </menu>
  </menus>
</configuration>
"""

VOICEXML = """\
<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="ask">
    <field name="choice">
      <prompt>Say or key in your customer number.</prompt>
      <grammar mode="dtmf" version="1.0" root="n" xmlns="http://www.w3.org/2001/06/grammar">
        <rule id="n"><one-of><item>1</item><item>2</item></one-of></rule>
      </grammar>
      <noinput>Please wait a moment.</noinput>
      <filled><disconnect/></filled>
    </field>
  </form>
</vxml>
"""


def check(path, rules: str) -> list[tuple[str, int, int, str]]:
    out = run("check", "--select", rules, "--format", "json", str(path))
    return [(f["rule"], f["line"], f["column"], f["node"]) for f in json.loads(out.stdout)["findings"]]


def test_a_freeswitch_menu_and_its_replay_report_too_many_choices_once(tmp_path):
    path = tmp_path / "ivr.conf.xml"
    path.write_text(FREESWITCH)
    imported = run("import", str(path)).stdout
    assert "\n  main-again:\n    type: menu\n" in imported  # the replay (greet-short) is its own node
    assert check(path, "too-many-choices") == [("too-many-choices", 3, 5, "main")]


def test_a_voicexml_field_and_its_wait_state_report_one_missing_error_handling(tmp_path):
    path = tmp_path / "ask.vxml"
    path.write_text(VOICEXML)
    nodes = run("import", str(path)).stdout
    assert "\n  ask-choice-wait:\n    type: menu\n" in nodes  # the field after a handler without <reprompt/>
    assert check(path, "missing-error-handling") == [("missing-error-handling", 4, 5, "ask-choice")]


def test_two_problems_of_one_node_at_one_line_are_both_kept(tmp_path):
    # silence and a wrong key end the call at two different hang-ups: two problems of one field
    path = tmp_path / "ask.vxml"
    path.write_text(VOICEXML.replace("<noinput>Please wait a moment.</noinput>",
                                     "<noinput>Goodbye.<disconnect/></noinput><nomatch>Goodbye.<exit/></nomatch>")
                    .replace("<filled><disconnect/></filled>", '<filled><transfer dest="tel:+15551234567"/></filled>'))
    found = check(path, "hangup-on-error")
    assert found == [("hangup-on-error", 4, 5, "ask-choice")] * 2
