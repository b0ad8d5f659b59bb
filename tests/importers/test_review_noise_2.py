"""Findings on imports that a telephony engineer trusts: dial-by-extension menus, outbound calls, flows of unknown role."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS, run

# a switchboard: key 0 for the operator, or an extension of 2 to 4 digits starting with 2
SWITCHBOARD = """\
<include>
  <menu name="switchboard" tts-engine="flite" tts-voice="kal"
        greet-long="say:Dial the extension you want, or 0 for the operator."
        greet-short="say:Dial an extension, or 0."
        timeout="8000" inter-digit-timeout="{inter}" max-failures="2" max-timeouts="2" digit-len="4">
    <entry action="menu-exec-app" digits="0" param="transfer operator XML default"/>
    <entry action="menu-exec-app" digits="/^(2[0-9]{{1,3}})$/" param="transfer $1 XML internal"/>
  </menu>
</include>
"""


def check(path, rules: str) -> list[dict]:
    out = run("check", "--select", rules, "--format", "json", str(path))
    return json.loads(out.stdout)["findings"]


def dial_input(imported: str) -> str:
    start = imported.index("\n  switchboard-dial-2:\n")
    return imported[start:imported.index("\n\n", start)]


def test_the_digits_after_the_first_key_wait_the_gap_between_digits(tmp_path):
    path = tmp_path / "switchboard.xml"
    path.write_text(SWITCHBOARD.format(inter="1500"))
    imported = run("import", str(path)).stdout
    node = dial_input(imported)
    assert "    timeout: 1.5\n    digit_timeout: 1.5\n" in node  # inter-digit-timeout, after key 2
    assert "  switchboard:\n    type: menu\n" in imported and "    timeout: 8\n" in imported  # the first digit
    # one setting, one problem: one finding, at the entry of the extension, about the gap between digits
    found = [(f["rule"], f["line"], f["node"], f["message"]) for f in check(path, "short-timeout")]
    assert found == [("short-timeout", 7, "switchboard-dial-2", "input 'switchboard-dial-2' waits 1.5 s between "
                      "two digits (at least 3 s): a caller who types slowly is cut off")]


def test_without_inter_digit_timeout_the_menu_timeout_bounds_the_digits(tmp_path):
    path = tmp_path / "switchboard.xml"
    path.write_text(SWITCHBOARD.format(inter="").replace(' inter-digit-timeout=""', ""))
    imported = run("import", str(path)).stdout
    assert "    timeout: 8\n    digit_timeout: 8\n" in dial_input(imported)
    assert "  # no inter-digit-timeout: FreeSWITCH waits up to the menu's timeout for the digits\n" in imported
    assert check(path, "short-timeout") == []


def test_an_extension_dialled_is_one_answer_on_the_way_to_a_person(tmp_path):
    path = tmp_path / "switchboard.xml"
    path.write_text(SWITCHBOARD.format(inter="3000").replace("say:Dial the extension", "phrase:switchboard_menu")
                    .replace("say:Dial an extension, or 0.", "phrase:switchboard_short"))
    assert check(path, "slow-agent-path") == []
    # no key allowed: key 2 and the extension are two answers, and the way is audio nobody measured
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.ivr-lint.rules.slow-agent-path]\nmax_agent_keys = 1\n')
    out = run("check", "--config", str(config), "--select", "slow-agent-path", "--format", "json", str(path))
    [finding] = json.loads(out.stdout)["findings"]
    assert finding["message"].startswith("reaching a person needs at least 2 key presses (a number typed counts as "
                                         "one) (limit 1), and that way takes an unknown time (the prompt")
    assert (finding["seconds"], finding["seconds_at_least"], finding["keys"]) == (None, 0.0, 2)
    assert finding["unknown_length"] == ["switchboard"]


FREESWITCH = [CORPUS / "other" / n for n in ("freeswitch-curl-ivr.conf.xml", "freeswitch-demo-ivr.xml")
              if (CORPUS / "other" / n).is_file()]


@pytest.mark.parametrize("path", FREESWITCH, ids=lambda p: p.name)
def test_corpus_dial_by_extension_menus(path):
    found = check(path, "slow-agent-path,short-timeout")
    assert [f["rule"] for f in found if f["rule"] == "slow-agent-path"] == []
    # the extension's inter-digit-timeout of 2 s: one finding, about the gap between digits
    dial = [(f["rule"], f["node"], f["message"].split(": ")[0]) for f in found if "-dial-" in (f["node"] or "")]
    assert dial == [("short-timeout", "demo-ivr-dial-1", "input 'demo-ivr-dial-1' waits 2 s between two digits "
                     "(at least 3 s)")]


GENESYS = CORPUS / "genesys-archy"


@pytest.mark.skipif(not GENESYS.is_dir(), reason="corpus absent")
def test_corpus_outbound_callback_may_end_when_nobody_answers():
    assert check(GENESYS / "proactive-callback-connect-outbound.yaml", "hangup-on-error") == []


@pytest.mark.skipif(not GENESYS.is_dir(), reason="corpus absent")
@pytest.mark.parametrize("name", ["tfprovider-closedhours-ivr.yaml", "tfprovider-holiday-ivr.yaml",
                                  "trigger-proactive-callback-inbound.yaml"])
def test_corpus_flows_whose_role_the_export_cannot_tell_get_an_info(name):
    found = check(GENESYS / name, "no-agent-path")
    assert [(f["rule"], f["severity"]) for f in found] == [("no-agent-path", "info")]


@pytest.mark.skipif(not (CORPUS / "amazon-connect").is_dir(), reason="corpus absent")
def test_corpus_a_callback_flow_reaches_a_person():
    assert check(CORPUS / "amazon-connect" / "siqc-callback-outbound.json", "no-agent-path") == []
