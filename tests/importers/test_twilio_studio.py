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
        "route": "branch", "dial-on-call": "transfer", "mystery": "play"}
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
    # a split whose noMatch is unwired has no default: the dead-end rule reports it
    assert flow.nodes["route"].default is None
    assert edges(flow, "route") == {("case", "yes", "dial-on-call")}
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
    # set-variables and a request whose failure is unwired lead straight on
    assert edges(flow, "main-menu")  # main_menu -> set_vars -> to_sales
    assert flow.nodes["main-menu"].options["1"].next == "to-sales"
    assert edges(flow, "say-closed") == {("next", None, "route")}
    assert "not shown as nodes: make-http-request, set-variables" in result.yaml_text


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
