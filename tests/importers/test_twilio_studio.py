"""Twilio Studio: widgets as nodes, gather + split menus, unwired events, the hours heuristic."""

from ivr_lint.importers import convert
from tests.importers.util import edges, imported, load, types


def test_nodes_types_and_start():
    result = imported("twilio_flow.json")
    flow = load(result)
    assert flow.start == "check-hours"
    assert types(flow) == {
        "check-hours": "branch", "is-open": "hours", "say-goodbye": "hangup", "main-menu": "menu",
        "say-closed": "play", "main-menu-timeout-unwired": "hangup", "to-sales": "queue", "record": "voicemail",
        "route": "branch", "dial-on-call": "transfer", "mystery": "play", "lookup": "branch",
        "lookup-failed-unwired": "hangup", "route-no-match-unwired": "hangup"}
    assert flow.language == "en-GB"
    assert flow.nodes["main-menu"].label == "main_menu"  # the widget's own name


def test_gather_and_split_are_one_menu():
    flow = load(imported("twilio_flow.json"))
    assert edges(flow, "main-menu") == {
        ("key", "1", "to-sales"), ("key", "2", "record"), ("no-match", None, "main-menu"),
        ("no-input", None, "main-menu-timeout-unwired"), ("max-retries", None, "main-menu-timeout-unwired")}
    menu = flow.nodes["main-menu"]
    assert menu.options["1"].label == "Sales"
    assert menu.options["2"].label is None  # Studio's generated "If value equal_to 2" is no label
    assert (menu.timeout, menu.retries) == (6, 0)


def test_unwired_events_are_never_guessed():
    result = imported("twilio_flow.json")
    flow = load(result)
    # a message whose audioComplete is unwired is the call's last words
    assert flow.nodes["say-goodbye"].prompt_text == "Goodbye."
    # a split whose noMatch is unwired ends the call: an explicit hang-up says so
    assert edges(flow, "route") == {("case", "yes", "dial-on-call"), ("default", None, "route-no-match-unwired")}
    assert flow.nodes["route-no-match-unwired"].prompt == ()
    # a request whose `failed` is unwired ends the call too
    assert edges(flow, "lookup") == {("case", "failed", "lookup-failed-unwired"), ("default", None, "route")}
    assert "unwired events (Studio ends the call there): main_menu.timeout, main_menu.speech, lookup.failed, " \
           "route.noMatch" in result.warnings


def test_function_answer_about_business_hours_is_an_hours_node():
    result = imported("twilio_flow.json")
    flow = load(result)
    assert edges(flow, "is-open") == {("open", None, "main-menu"), ("closed", None, "say-closed")}
    assert edges(flow, "check-hours") == {("case", "fail", "say-goodbye"), ("default", None, "is-open")}
    assert ("is-open", "condition") in {(u.node, u.kind) for u in result.unknowns}


def test_queue_transfer_voicemail_and_silent_widgets():
    result = imported("twilio_flow.json")
    flow = load(result)
    assert edges(flow, "to-sales") == {("congestion", None, "say-goodbye")}
    assert flow.nodes["to-sales"].queue == "Flex workflow (sales)"
    assert flow.nodes["dial-on-call"].number == "+15005550006"
    assert edges(flow, "dial-on-call") == {("failure", None, "say-goodbye")}
    # set-variables leads straight on
    assert edges(flow, "main-menu")  # main_menu -> set_vars -> to_sales
    assert flow.nodes["main-menu"].options["1"].next == "to-sales"
    assert edges(flow, "say-closed") == {("next", None, "lookup")}
    assert "not shown as nodes: set-variables" in result.yaml_text


def test_runtime_values_and_origins():
    result = imported("twilio_flow.json")
    flow = load(result)
    assert flow.nodes["say-closed"].prompt_text == "We are closed, [unknown: value of flow.variables.name]."
    assert result.origins["main-menu"] == (34, 5)
    assert result.origins["main-menu-timeout-unwired"] == (34, 5)
    assert result.origin_ids["main-menu"] == "gather-input-on-call main_menu"


def test_unknown_widget_is_opaque():
    result = imported("twilio_flow.json")
    flow = load(result)
    assert flow.nodes["mystery"].label == "brand-new-widget (not understood)"
    assert any("brand-new-widget" in w for w in result.warnings)


def test_liquid_template_becomes_a_choice_of_texts():
    data = b'''{"states": [
      {"name": "Trigger", "type": "trigger", "transitions": [{"next": "closed", "event": "incomingCall"}]},
      {"name": "closed", "type": "say-play", "transitions": [{"event": "audioComplete"}],
       "properties": {"say": "{% if flow.data.holiday %}Happy holidays.{% else %}We are closed.{% endif %} Bye."}}],
     "initial_state": "Trigger"}'''
    flow = load(convert(data, "liquid.json"))
    assert flow.nodes["closed"].prompt_text == (
        '[unknown: one of these texts, chosen at run time: "Happy holidays." / "We are closed."] Bye.')


def test_gather_of_several_digits_is_an_input():
    data = b'''{"states": [
      {"name": "Trigger", "type": "trigger", "transitions": [{"next": "pin", "event": "incomingCall"}]},
      {"name": "pin", "type": "gather-input-on-call", "transitions": [{"next": "bye", "event": "keypress"},
        {"next": "bye", "event": "timeout"}], "properties": {"say": "Your PIN?", "number_of_digits": 4}},
      {"name": "bye", "type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": "Bye"}}],
     "initial_state": "Trigger"}'''
    flow = load(convert(data, "pin.json"))
    node = flow.nodes["pin"]
    assert (node.type, node.variable, node.digits) == ("input", "widgets.pin.Digits", (4, 4))
    assert edges(flow, "pin") == {("next", None, "bye"), ("no-input", None, "bye"), ("max-retries", None, "bye")}


def _flow(*states: dict) -> bytes:
    import json

    trigger = {"name": "Trigger", "type": "trigger",
               "transitions": [{"next": states[0]["name"], "event": "incomingCall"}]}
    return json.dumps({"description": "t", "initial_state": "Trigger", "states": [trigger, *states]}).encode()


def _say(name: str, text: str) -> dict:
    return {"name": name, "type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": text}}


def _split(name: str, variable: str, cases: list[tuple[str, str, str | None]], no_match: str | None) -> dict:
    transitions = [{"event": "noMatch", **({"next": no_match} if no_match else {})}]
    transitions += [{"event": "match", **({"next": nxt} if nxt else {}),
                     "conditions": [{"type": kind, "value": value, "friendly_name": value,
                                     "arguments": [variable]}]} for kind, value, nxt in cases]
    return {"name": name, "type": "split-based-on", "transitions": transitions, "properties": {"input": variable}}


def test_speech_split_gives_the_menu_options_their_words():
    data = _flow(
        {"name": "ask", "type": "gather-input-on-call", "properties": {"say": "Press 1 or say sales, 2 for billing."},
         "transitions": [{"event": "keypress", "next": "keys"}, {"event": "speech", "next": "words"},
                         {"event": "timeout", "next": "bye"}]},
        _split("keys", "{{widgets.ask.Digits}}", [("equal_to", "1", "sales"), ("equal_to", "2", "billing")], "bye"),
        _split("words", "{{widgets.ask.SpeechResult}}",
               [("matches_any_of", "sales, buy", "sales"), ("contains", "bill", "billing")], "bye"),
        _say("sales", "Sales."), _say("billing", "Billing."), _say("bye", "Bye."))
    result = convert(data, "speech.json")
    flow = load(result)
    menu = flow.nodes["ask"]
    assert menu.type == "menu" and set(flow.nodes) == {"ask", "sales", "billing", "bye"}
    assert (menu.options["1"].speech, menu.options["2"].speech) == (("sales", "buy"), ("bill",))
    assert edges(flow, "ask") == {("key", "1", "sales"), ("key", "2", "billing"), ("no-match", None, "bye"),
                                  ("no-input", None, "bye"), ("max-retries", None, "bye")}


def test_speech_first_gather_is_an_input_whose_words_route_the_call():
    data = _flow(
        {"name": "ask", "type": "gather-input-on-call", "properties": {"say": "How can we help?"},
         "transitions": [{"event": "keypress"}, {"event": "speech", "next": "words"},
                         {"event": "timeout", "next": "bye"}]},
        _split("words", "{{widgets.ask.SpeechResult}}", [("contains", "agent", "agent")], None),
        {"name": "agent", "type": "connect-call-to", "properties": {"to": "+15005550006", "noun": "number"},
         "transitions": [{"event": "callCompleted"}]},
        _say("bye", "Bye."))
    flow = load(convert(data, "speech-first.json"))
    assert (flow.nodes["ask"].type, flow.nodes["ask"].variable) == ("input", "widgets.ask.SpeechResult")
    assert edges(flow, "ask") == {("next", None, "ask-answer"), ("no-input", None, "bye"),
                                  ("max-retries", None, "bye")}
    assert edges(flow, "ask-answer") == {("case", "speech", "words"), ("default", None, "ask-keypress-unwired")}
    assert edges(flow, "words") == {("case", "contains agent", "agent"),
                                    ("default", None, "words-no-match-unwired")}
    assert {flow.nodes[n].type for n in ("ask-keypress-unwired", "words-no-match-unwired")} == {"hangup"}


def test_speech_leading_where_no_key_leads_keeps_both_routes():
    data = _flow(
        {"name": "ask", "type": "gather-input-on-call", "properties": {"say": "Press 1, or say operator."},
         "transitions": [{"event": "keypress", "next": "keys"}, {"event": "speech", "next": "words"},
                         {"event": "timeout", "next": "bye"}]},
        _split("keys", "{{widgets.ask.Digits}}", [("equal_to", "1", "bye")], "ask"),
        _split("words", "{{widgets.ask.SpeechResult}}", [("contains", "operator", "op")], "bye"),
        _say("op", "Operator."), _say("bye", "Bye."))
    flow = load(convert(data, "mixed.json"))
    assert flow.nodes["ask"].type == "input"
    assert edges(flow, "ask-answer") == {("case", "speech", "words"), ("default", None, "keys")}
    assert edges(flow, "keys") == {("case", "1", "bye"), ("default", None, "ask")}
    assert edges(flow, "words") == {("case", "contains operator", "op"), ("default", None, "bye")}


def test_every_unwired_event_is_an_explicit_hangup():
    data = _flow(
        {"name": "fn", "type": "run-function", "properties": {"url": "https://x/f"},
         "transitions": [{"event": "success", "next": "pick"}, {"event": "fail"}]},
        _split("pick", "{{widgets.fn.parsed.ok}}", [("equal_to", "yes", "code"), ("equal_to", "no", None)], None),
        {"name": "code", "type": "gather-input-on-call", "properties": {"say": "Code?", "number_of_digits": 3},
         "transitions": [{"event": "keypress"}, {"event": "speech"}, {"event": "timeout"}]},
        {"name": "vars", "type": "set-variables", "transitions": [{"event": "next"}]})
    result = convert(data, "unwired.json")
    flow = load(result)
    assert edges(flow, "fn") == {("case", "fail", "fn-fail-unwired"), ("default", None, "pick")}
    assert edges(flow, "pick") == {("case", "yes", "code"), ("case", "no", "pick-match-unwired"),
                                   ("default", None, "pick-no-match-unwired")}
    assert edges(flow, "code") == {("next", None, "code-answer"), ("no-input", None, "code-timeout-unwired"),
                                   ("max-retries", None, "code-timeout-unwired")}
    assert edges(flow, "code-answer") == {("case", "speech", "code-speech-unwired"),
                                          ("default", None, "code-keypress-unwired")}
    hangups = {n for n, node in flow.nodes.items() if node.type == "hangup"}
    assert hangups == {"fn-fail-unwired", "pick-match-unwired", "pick-no-match-unwired", "code-timeout-unwired",
                       "code-keypress-unwired", "code-speech-unwired"}
    assert result.warnings == ["unwired events (Studio ends the call there): fn.fail, pick.match, pick.noMatch, "
                               "code.timeout, code.keypress, code.speech, vars.next"]


def test_unwired_imports_simulate(tmp_path):
    from tests.conftest import run

    path = tmp_path / "flow.json"
    path.write_bytes(_flow(
        {"name": "fn", "type": "run-function", "properties": {"url": "https://x/f"},
         "transitions": [{"event": "success"}, {"event": "fail"}]}))
    outcome = run("simulate", str(path), "--keys", "", "-f", "json")
    assert outcome.exit_code in (0, 1), outcome.output
    assert "fn-success-unwired" in outcome.output
