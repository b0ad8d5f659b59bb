"""VoiceXML: menus, fields, event handlers with counts, transfer, record, goto and submit."""

import shutil

import pytest

from ivr_lint.importers import ImportFailure, convert
from tests.importers.util import FIXTURES, edges, imported, load, types


def test_nodes_and_types():
    result = imported("vxml_bank.vxml")
    flow = load(result)
    assert flow.start == "main"
    assert flow.language == "en-US"
    assert types(flow) == {
        "main": "menu", "main-noinput-prompt": "play", "main-nomatch-prompt": "play", "operator-block-prompt": "play",
        "account-pin": "input", "goto-vxml-other-vxml": "goto", "to-missing-vxml-start": "transfer",
        "operator-op": "transfer", "submit-balance": "transfer", "account-pin-nomatch-prompt": "play",
        "account-pin-noinput-prompt": "play", "operator-op-if": "branch", "operator-op-exit": "hangup",
        "operator-op-prompt": "play", "message-msg": "voicemail", "message-block-exit": "hangup",
        # the field in each state of its event counters (`count` selects the handler): after "Four digits,
        # please." (no <reprompt/>) the PIN prompt is not replayed (-wait)
        "main-n1m0": "menu", "main-nomatch-prompt-2": "play", "account-pin-n0m1": "input",
        "account-pin-n0m1-wait": "input", "account-pin-n0m2": "input", "account-pin-n0m2-wait": "input",
        "account-pin-noinput-prompt-2": "play", "account-pin-noinput-prompt-3": "play",
        "account-pin-nomatch-2-prompt": "play",
        # silence at the record: the document's <noinput> speaks, then the record again (<reprompt/>)
        "message-msg-noinput-prompt": "play"}


def test_menu_choices_enumerate_and_handlers_with_counts():
    flow = load(imported("vxml_bank.vxml"))
    menu = flow.nodes["main"]
    assert menu.prompt_text == ("Welcome. For account balance, press 1. For an operator, press 2. "
                                "For other services, press 3. For closed services, press 4.")
    assert menu.options["1"].speech == ("account balance",)
    assert edges(flow, "main") == {
        ("key", "1", "account-pin"), ("key", "2", "operator-block-prompt"), ("key", "3", "goto-vxml-other-vxml"),
        ("key", "4", "to-missing-vxml-start"), ("no-input", None, "main-noinput-prompt"),
        ("no-match", None, "main-nomatch-prompt")}
    # the document-level <noinput> speaks and reprompts; the second silence takes <noinput count="2">
    assert edges(flow, "main-noinput-prompt") == {("next", None, "main-n1m0")}
    assert edges(flow, "main-n1m0") - {e for e in edges(flow, "main") if e[0] == "key"} == {
        ("no-input", None, "operator-block-prompt"), ("no-match", None, "main-nomatch-prompt-2")}
    assert flow.nodes["main-n1m0"].prompt_text == menu.prompt_text
    assert flow.nodes["main-noinput-prompt"].prompt_text == "Sorry, I did not hear you."


def test_digits_field_and_submit():
    flow = load(imported("vxml_bank.vxml"))
    pin = flow.nodes["account-pin"]
    assert (pin.variable, pin.digits, pin.retries) == ("pin", (4, 4), -1)
    assert edges(flow, "account-pin") == {
        ("next", None, "submit-balance"), ("invalid", None, "account-pin-nomatch-prompt"),
        ("no-input", None, "account-pin-noinput-prompt")}
    # <nomatch count="1"> twice (without reprompt: the prompt is not replayed), then <nomatch count="3">
    assert edges(flow, "account-pin-nomatch-prompt") == {("next", None, "account-pin-n0m1-wait")}
    assert ("invalid", None, "account-pin-nomatch-2-prompt") in edges(flow, "account-pin-n0m1-wait")
    assert ("invalid", None, "operator-block-prompt") in edges(flow, "account-pin-n0m2-wait")
    assert flow.nodes["account-pin-n0m2-wait"].prompt == ()
    submit = flow.nodes["submit-balance"]
    assert (submit.agent, submit.label) == (False, "continues at https://bank.example/balance")


def test_transfer_filled_record_and_disconnect():
    result = imported("vxml_bank.vxml")
    flow = load(result)
    assert flow.nodes["operator-op"].number == "+15555550100"
    assert edges(flow, "operator-op") == {("failure", None, "operator-op-if")}
    assert edges(flow, "operator-op-if") == {("case", "busy", "operator-op-prompt"),
                                            ("default", None, "operator-op-exit")}
    assert edges(flow, "message-msg") == {("next", None, "message-block-exit"),
                                          ("no-input", None, "message-msg-noinput-prompt")}
    assert edges(flow, "message-msg-noinput-prompt") == {("next", None, "message-msg")}
    assert flow.nodes["message-msg-noinput-prompt"].prompt_text == "Sorry, I did not hear you."
    assert flow.nodes["message-block-exit"].prompt_text == "Thank you. Goodbye."  # said before <disconnect/>
    assert result.origins["operator-op"] == (23, 5)
    assert result.origin_ids["operator-op"] == "<transfer name=op>"


def test_other_documents_goto_when_present_else_leave_the_flow():
    result = imported("vxml_bank.vxml")
    flow = load(result)
    goto = flow.nodes["goto-vxml-other-vxml"]
    assert (goto.flow, goto.node) == ("vxml_other.vxml", None)
    assert ("to-missing-vxml-start", "sub-flow") in {(u.node, u.kind) for u in result.unknowns}


def test_the_goto_resolves_when_the_documents_are_checked_together(tmp_path):
    from ivr_lint.config import Config
    from ivr_lint.engine import check_paths

    for name in ("vxml_bank.vxml", "vxml_other.vxml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    config = Config()
    config.select = ["unknown-target", "schema-error", "syntax-error"]
    result = check_paths([str(tmp_path / "vxml_bank.vxml")], config)
    assert result.findings == []


def test_boolean_field_routes_each_answer():
    flow = load(imported("vxml_other.vxml"))
    assert edges(flow, "services-sure") == {("key", "1", "services-sure-prompt"), ("key", "2", "services-end")}
    assert flow.nodes["services-sure"].retries == -1  # VoiceXML re-prompts without limit by default


def test_speech_only_menu_and_time_condition():
    data = b"""<vxml version="2.0">
  <form id="greet">
    <block><prompt cond="(new Date()).getHours() &lt; 12">Good morning.</prompt></block>
  </form>
  <menu id="lang">
    <prompt>Say English or French.</prompt>
    <choice next="#greet">English</choice>
    <choice next="#greet">French</choice>
  </menu>
</vxml>"""
    result = convert(data, "speech.vxml")
    flow = load(result)
    assert types(flow)["lang"] == "input" and types(flow)["lang-words"] == "branch"
    assert edges(flow, "lang-words") == {("case", "English", "greet-block-if"), ("case", "French", "greet-block-if"),
                                         ("default", None, "lang")}
    assert edges(flow, "greet-block-if") == {("case", "true", "greet-block-prompt"), ("default", None, "greet-end")}
    assert any(u.kind == "condition" and "time of day" in u.detail for u in result.unknowns)


def test_audio_is_unknown_text_with_its_fallback():
    data = b"""<vxml version="2.1"><form><block>
      <audio src="welcome.wav">Welcome to the bank.</audio><exit/></block></form></vxml>"""
    flow = load(convert(data, "audio.vxml"))
    assert flow.nodes["form-block-exit"].prompt_text == (
        "[unknown: audio prompt 'welcome.wav' (fallback text: \"Welcome to the bank.\")]")


def test_jsp_scriptlets_and_server_tags_are_read_through():
    data = b"""<%@ page contentType="application/voicexml+xml" %>
<vxml xmlns="http://www.w3.org/2001/vxml" xmlns:c="http://java.sun.com/jsp/jstl/core" version="2.1">
  <form id="f">
    <c:if test="${empty user}"><block><prompt>Who are you?</prompt><exit/></block></c:if>
    <block><prompt>Hello <% out.print(name); %>.</prompt></block>
  </form>
</vxml>"""
    result = convert(data, "page.jsp", "voicexml")
    flow = load(result)
    assert edges(flow, "f-server-if") == {("case", "true", "f-block-exit"), ("default", None, "f-block-prompt")}
    assert ("f-server-if", "condition") in {(u.node, u.kind) for u in result.unknowns}


def test_not_well_formed_xml_has_a_line_and_column():
    with pytest.raises(ImportFailure) as caught:
        convert(b'<vxml version="2.1">\n  <form>\n  </menu>\n</vxml>', "bad.vxml")
    assert (caught.value.line, caught.value.column) == (3, 5)
    assert "not well-formed XML" in caught.value.message
