"""Genesys Cloud Architect flows in Archy YAML."""

from ivr_lint.importers import convert
from tests.importers.util import edges, imported, load, types


def test_inbound_call_nodes_and_start():
    result = imported("genesys_inbound.yaml")
    flow = load(result)
    assert result.title == "{{flow_name}}"  # Terraform substitutions stay as text
    assert flow.start == "initial-greeting"
    assert types(flow) == {
        "initial-greeting": "play", "startup-hours": "hours", "main-menu": "menu",
        "startup-hours-closed-closed": "play", "startup-hours-holiday-holiday": "play",
        "main-menu-no-selection": "hangup", "main-menu-billing": "queue", "main-menu-message-say-beep": "play",
        "more": "menu", "main-menu-hang-up": "hangup", "startup-bye": "hangup",
        "main-menu-message-to-voicemail": "branch", "more-no-selection": "hangup",
        "main-menu-message-to-voicemail-voicemail": "voicemail", "main-menu-message-to-voicemail-failure-sorry": "play",
        "main-menu-message-end": "hangup"}
    assert flow.nodes["initial-greeting"].prompt_text == "Welcome to {{company}}."
    assert flow.language == "en-US"


def test_schedule_group_outputs_continue_after_the_action():
    flow = load(imported("genesys_inbound.yaml"))
    assert edges(flow, "initial-greeting") == {("next", None, "startup-hours")}  # updateData is plumbing
    assert edges(flow, "startup-hours") == {("open", None, "main-menu"),
                                            ("closed", None, "startup-hours-closed-closed"),
                                            ("holiday", None, "startup-hours-holiday-holiday")}
    assert edges(flow, "startup-hours-closed-closed") == {("next", None, "startup-bye")}


def test_menu_choices():
    flow = load(imported("genesys_inbound.yaml"))
    menu = flow.nodes["main-menu"]
    assert menu.prompt_text == "For billing press 1. For a message press 2."
    assert (menu.timeout, menu.retries) == (8, 2)
    assert edges(flow, "main-menu") == {
        ("key", "1", "main-menu-billing"), ("key", "2", "main-menu-message-say-beep"), ("key", "3", "more"),
        ("key", "*", "main-menu"), ("key", "9", "main-menu-hang-up"),
        ("max-retries", None, "main-menu-no-selection")}
    assert menu.options["*"].repeat
    assert menu.options["1"].speech == ("billing", "invoice")
    assert menu.options["1"].label == "Billing"
    assert flow.nodes["main-menu-billing"].queue == "Billing queue"
    assert flow.nodes["main-menu-billing"].prompt_text == "Connecting you to billing."
    assert flow.nodes["more"].retries == 1  # the menu's own repeatCount wins over the flow's


def test_task_failure_output_and_end_of_task():
    result = imported("genesys_inbound.yaml")
    flow = load(result)
    assert edges(flow, "main-menu-message-to-voicemail") == {
        ("case", "failure", "main-menu-message-to-voicemail-failure-sorry"),
        ("default", None, "main-menu-message-to-voicemail-voicemail")}
    assert edges(flow, "main-menu-message-to-voicemail-failure-sorry") == {("next", None, "main-menu-message-end")}
    assert "Architect disconnects" in result.yaml_text


def test_origins_are_lines_of_the_yaml():
    result = imported("genesys_inbound.yaml")
    assert result.origins["main-menu"] == (15, 7)
    assert result.origins["startup-hours"] == (92, 13)
    assert result.origin_ids["main-menu-billing"] == "transferToAcd 'Billing'"


def test_in_queue_flow_offer_is_a_menu_and_the_caller_keeps_waiting():
    result = imported("genesys_inqueue.yaml")
    flow = load(result)
    assert types(flow) == {"wait-time": "play", "offer": "menu", "music": "play", "offer-1-yes-callback": "callback",
                           "in-queue": "transfer", "offer-1-yes-done": "hangup"}
    assert "{wait_minutes}" in flow.nodes["wait-time"].prompt_text
    assert edges(flow, "offer") == {("key", "1", "offer-1-yes-callback"), ("no-input", None, "music"),
                                    ("no-match", None, "music"), ("max-retries", None, "music")}
    assert edges(flow, "music") == {("next", None, "in-queue")}
    assert {u.kind for u in result.unknowns} == {"audio"}


def test_speech_only_menu_is_an_input_and_a_branch():
    data = b"""outboundCall:
  name: Confirm
  startUpRef: "/outboundCall/menus/menu[M_1]"
  menus:
    - menu:
        name: Confirm
        refId: M_1
        audio:
          tts: Do you want an agent?
        choices:
          - menuTransferToAcd:
              name: Agent
              targetQueue:
                lit:
                  name: Support
              speechRecTerms:
                en-us:
                  terms: [yes, sure]
          - menuDisconnect:
              name: No
              speechRecTerms:
                en-us:
                  terms: [no]
"""
    flow = load(convert(data, "confirm.yaml"))
    assert types(flow) == {"confirm": "input", "confirm-words": "branch", "confirm-agent": "queue",
                           "confirm-no": "hangup", "confirm-no-selection": "hangup"}
    assert edges(flow, "confirm-words") == {("case", "yes", "confirm-agent"), ("case", "sure", "confirm-agent"),
                                            ("case", "no", "confirm-no"), ("default", None, "confirm")}


def test_reference_to_a_missing_menu_names_it():
    data = b'inboundCall:\n  name: x\n  startUpRef: "/inboundCall/menus/menu[Nope_1]"\n'
    try:
        convert(data, "x.yaml")
    except Exception as error:  # noqa: BLE001 - the type is asserted below
        assert type(error).__name__ == "ImportFailure"
        assert "names a menu that is not in the flow" in str(error)
        assert error.element == "/inboundCall/menus/menu[Nope_1]"
    else:
        raise AssertionError("expected an ImportFailure")


def test_in_queue_flows_say_their_kind():
    result = imported("genesys_inqueue.yaml")
    assert "\nkind: in-queue\n" in result.yaml_text
    assert load(result).kind == "in-queue"
