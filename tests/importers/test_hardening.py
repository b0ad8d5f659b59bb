"""Imports that must not crash, hang, lie about a bug, or write YAML that `check` rejects.

Every import is loaded again with the loader and builder `check` uses before it is
returned; an export that yields an invalid flow fails naming its element, and the
writer quotes whatever text an export holds (control characters, long keys, nothing).
"""

from __future__ import annotations

import json

import pytest

from ivr_lint.importers import ImportFailure, convert
from ivr_lint.importers import twilio_studio
from ivr_lint.importers.asterisk.flow import Converter as AsteriskConverter
from ivr_lint.importers.draft import Draft
from tests.conftest import run
from tests.importers.util import FIXTURES, load

TWILIO = json.loads((FIXTURES / "twilio_flow.json").read_text())


def studio(*states: dict, description: str = "Hardening") -> bytes:
    trigger = {"name": "Trigger", "type": "trigger", "properties": {},
               "transitions": [{"event": "incomingCall", "next": states[0]["name"]}]}
    return json.dumps({"description": description, "states": [trigger, *states], "initial_state": "Trigger",
                       "flags": {}}).encode()


def say(name: str, text: str, next_state: str | None = None, type_: str = "say-play") -> dict:
    transitions = [{"event": "audioComplete", "next": next_state}] if next_state else []
    return {"name": name, "type": type_, "properties": {"say": text}, "transitions": transitions}


def with_property(state: str, key: str, raw: str) -> bytes:
    """The fixture with one property of one widget set to `raw` JSON text."""
    flow = json.loads(json.dumps(TWILIO))
    for widget in flow["states"]:
        if widget["name"] == state:
            widget["properties"][key] = "@@RAW@@"
    return json.dumps(flow, indent=1).replace('"@@RAW@@"', raw).encode()


# -- bugs are bugs, bad exports are bad exports -----------------------------------------------
def test_a_wrong_call_inside_an_importer_is_an_internal_error(monkeypatch):
    def buggy(self, state):
        self.draft.add("x", "hangup", label="a", **{"label": "b"})

    monkeypatch.setattr(twilio_studio.Converter, "on_say_play", buggy)
    with pytest.raises(TypeError, match="got multiple values for keyword argument 'label'"):
        convert(studio(say("Hello", "Bonjour.")), "flow.json")


def test_the_command_reports_an_importer_bug_as_an_internal_error(monkeypatch, tmp_path):
    def buggy(self):
        raise KeyError("node")

    monkeypatch.setattr(Draft, "emit", buggy)
    export = tmp_path / "flow.json"
    export.write_bytes(studio(say("Hello", "Bonjour.")))
    result = run("import", str(export))
    assert result.exit_code == 2
    assert result.stderr.startswith("ivr-lint: internal error: KeyError: 'node' at ivr_lint/importers/")
    assert "does not have the structure" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_value_of_the_wrong_type_is_a_bad_export():
    split = {"name": "Split", "type": "split-based-on", "properties": {"input": "{{flow.variables.x}}"},
             "transitions": [{"event": "noMatch", "next": "Bye"},
                             {"event": "match", "next": "Bye", "conditions": True}]}
    result = convert(studio(split, say("Bye", "Au revoir.")), "flow.json")  # `conditions: true`: none
    load(result)
    with pytest.raises(ImportFailure, match=r"state #2 needs a `name` and a `type`"):
        convert(studio({"name": "Odd", "type": ["say-play"], "transitions": []}), "flow.json")


def test_a_twiml_redirect_whose_name_is_not_its_id_imports():
    redirect = {"name": "Leave Studio", "type": "add-twiml-redirect", "properties": {"url": "https://x.test/t"},
                "transitions": []}
    flow = load(convert(studio(redirect), "flow.json"))
    assert flow.nodes["leave-studio"].label == "TwiML at https://x.test/t"


# -- what is written is what `check` reads -------------------------------------------------------
def test_an_export_that_yields_an_invalid_flow_names_its_element(tmp_path):
    export = tmp_path / "studio.json"
    export.write_bytes(with_property("main_menu", "timeout", "-3"))
    with pytest.raises(ImportFailure) as caught:
        convert(export.read_bytes(), str(export))
    assert caught.value.element == "gather-input-on-call main_menu"
    assert caught.value.line == 70
    assert "`timeout` in node `main-menu` must be a number of seconds from 0 to 3600, not -3" in caught.value.message
    out = tmp_path / "studio.yaml"
    result = run("import", str(export), "-o", str(out))
    assert result.exit_code == 2
    assert "element gather-input-on-call main_menu" in result.stderr
    assert not out.exists()


def test_a_5000_digit_integer_is_an_out_of_range_number_not_a_crash(tmp_path):
    export = tmp_path / "studio.json"
    export.write_bytes(with_property("main_menu", "timeout", "9" * 5000))
    with pytest.raises(ImportFailure, match="`timeout` in node `main-menu` must be a number of seconds from 0 to 3600, "
                                            "not 'inf'"):
        convert(export.read_bytes(), str(export))
    checked = run("check", "--select", "structure", str(export))
    assert checked.exit_code == 1
    assert "ValueError" not in checked.stdout and "must be a number of seconds from 0 to 3600, not 'inf'" in checked.stdout
    ignored = with_property("Trigger", "offset", "-" + "7" * 5000)  # where the number means nothing
    load(convert(ignored, "studio.json"))


@pytest.mark.parametrize("text", [
    "Bonjour\x00, tapez\x07 1.", "del\x7f and c1 \x85\x9b[31m", "line\u2028separator", "bom\ufeffinside",
    "quote \" backslash \\ tab\t", "é" * 3000,
])
def test_any_prompt_text_is_written_so_that_it_loads_exactly(text):
    flow = load(convert(studio(say("Hello", text, "Bye"), say("Bye", "Au revoir.")), "flow.json"))
    # Studio prompts are read with their runs of whitespace collapsed (YAML's line breaks too)
    assert flow.nodes["hello"].prompt[0].text == " ".join(text.split())


def test_half_a_surrogate_pair_is_replaced_not_written():
    flow = load(convert(studio(say("Hello", "lone \ud800 half", "Bye"), say("Bye", "Au revoir.")), "flow.json"))
    assert flow.nodes["hello"].prompt[0].text == "lone \ufffd half"


def test_control_characters_in_comments_are_escaped():
    result = convert(studio(say("Hello", "Bonjour.", "W"), {"name": "W", "type": "say\x00play\x1b]0;x\x07",
                                                            "transitions": []}), "flow.json")
    load(result)
    assert ": say\\x00play\\x1b]0;x\\x07 W\n" in result.yaml_text
    assert "\x00" not in result.yaml_text and "\x1b" not in result.yaml_text


def test_a_split_with_no_branches_ends_the_call():
    split = {"name": "Split", "type": "split-based-on", "properties": {"input": "{{flow.variables.x}}"},
             "transitions": []}
    result = convert(studio(split), "flow.json")
    flow = load(result)  # every value takes the unwired noMatch: Studio ends the call
    assert (flow.start, flow.nodes[flow.start].type) == ("split-no-match-unwired", "hangup")


def test_a_form_id_over_1024_characters_becomes_a_bounded_node_id():
    form = "f" + "a" * 1100
    vxml = (f'<vxml version="2.1"><form id="{form}"><block><prompt>Bonjour.</prompt>'
            f'<goto next="#{form}"/></block></form></vxml>').encode()
    flow = load(convert(vxml, "long.vxml"))
    assert all(len(node_id) <= 64 for node_id in flow.nodes)
    assert len(flow.nodes) == 1


def test_a_key_over_1024_characters_is_written_as_an_explicit_key():
    word = "w" * 1500
    menu = {"name": "Menu", "type": "gather-input-on-call", "properties": {"say": "Dites un mot."},
            "transitions": [{"event": "speech", "next": "Split"}]}
    split = {"name": "Split", "type": "split-based-on", "properties": {"input": "{{widgets.Menu.SpeechResult}}"},
             "transitions": [{"event": "match", "next": "Bye",
                              "conditions": [{"type": "equal_to", "value": word}]}]}
    result = convert(studio(menu, split, say("Bye", "Au revoir.")), "flow.json")
    assert f'      ? "{word}"\n      : bye\n' in result.yaml_text
    assert load(result).nodes["split"].cases == {word: "bye"}


# -- Asterisk include diamonds -------------------------------------------------------------------
def diamond(levels: int) -> bytes:
    lines = ["[ivr-main]", "exten => s,1,Answer()", " same => n,Background(welcome)", " same => n,WaitExten(5)",
             "exten => 1,1,Goto(missing,1)", "include => l0a", "include => l0b", ""]
    for level in range(levels):
        for side in "ab":
            lines.append(f"[l{level}{side}]")
            if level + 1 < levels:
                lines += [f"include => l{level + 1}a", f"include => l{level + 1}b"]
            lines += [f"exten => x{level}{side},1,Goto(nowhere{level},1)", ""]
    return "\n".join(lines).encode()


def test_include_diamonds_are_searched_once_per_context(monkeypatch):
    calls = []
    find = AsteriskConverter.find

    def counting(self, context, exten, seen=None):
        calls.append(context)
        return find(self, context, exten, seen)

    monkeypatch.setattr(AsteriskConverter, "find", counting)
    result = convert(diamond(16), "extensions.conf")
    load(result)
    searches = calls.count("ivr-main")
    # each search enters each of the 33 contexts at most once, plus one refused re-entry per include
    assert 0 < len(calls) <= searches * (1 + 2 * 33)


def test_a_40_level_include_diamond_imports(tmp_path):
    export = tmp_path / "extensions.conf"
    export.write_bytes(diamond(40))
    result = run("import", str(export), "-q")
    assert result.exit_code == 0, result.stderr
    assert '"1": {next: missing-ivr-main-missing-1}' in result.stdout  # the Goto kept dangling
    assert "# Goto(missing,1) (line 5) goes to ivr-main,missing,1, which the export does not have" in result.stdout


# -- XML external entities -----------------------------------------------------------------------
def test_external_entities_are_not_read_and_the_report_says_so(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    export = tmp_path / "menu.vxml"
    export.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE vxml [ <!ENTITY greeting SYSTEM "file://{secret}"> ]>
<vxml version="2.1"><form id="hello"><block><prompt>Bonjour &greeting; merci.</prompt></block></form></vxml>
""")
    result = run("import", str(export))
    assert result.exit_code == 0, result.stderr
    assert "TOP SECRET" not in result.stdout + result.stderr
    assert (f"  - line 3: the external entity &greeting; ('file://{secret}') is not read, for safety: its text "
            "is missing from the imported flow") in result.stderr


def test_check_reports_an_importer_bug_as_exit_2_and_checks_the_other_files(monkeypatch, tmp_path, write):
    def buggy(self):
        raise KeyError("node")

    monkeypatch.setattr(Draft, "emit", buggy)
    export = tmp_path / "flow.json"
    export.write_bytes(studio(say("Hello", "Bonjour.")))
    from tests.conftest import MINIMAL
    result = run("check", "--select", "structure", str(export), str(write(MINIMAL)))
    assert result.exit_code == 2
    assert result.stderr == (f"ivr-lint: error: {export}: internal error while importing this twilio-studio export: "
                             "KeyError: 'node' (a bug in ivr-lint: please report it)\n")
    assert result.stdout == "No finding in the 1 file checked; the check is incomplete (1 error above).\n"
