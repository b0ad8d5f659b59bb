"""Amazon Connect: flow language, DescribeContactFlow wrapper, legacy modules."""

from ivr_lint.importers import convert
from tests.importers.util import edges, imported, load, types


def test_flow_language_nodes_types_and_transitions():
    result = imported("connect_flow.json")
    flow = load(result)
    assert types(flow) == {
        "welcome": "play", "check-hours": "hours", "main-menu": "menu", "closed": "play", "goodbye": "hangup",
        "set-queue": "branch", "callback": "callback", "mystery": "play", "to-queue": "branch",
        "to-queue-queue": "queue", "busy": "play",
    }
    assert flow.start == "welcome"
    # the logging action is plumbing: the welcome message leads straight to the hours check
    assert edges(flow, "welcome") == {("next", None, "check-hours")}
    # an hours error that goes where `closed` goes needs no extra branch
    assert edges(flow, "check-hours") == {("open", None, "main-menu"), ("closed", None, "closed")}
    assert edges(flow, "main-menu") == {
        ("key", "1", "set-queue"), ("key", "2", "callback"), ("no-input", None, "main-menu"),
        ("no-match", None, "goodbye"), ("max-retries", None, "main-menu")}
    menu = flow.nodes["main-menu"]
    assert (menu.timeout, menu.retries) == (7, 0)
    # a platform error of the queue transfer is a branch before the queue; a full queue is congestion
    assert edges(flow, "to-queue") == {("case", "NoMatchingError", "goodbye"), ("default", None, "to-queue-queue")}
    assert edges(flow, "to-queue-queue") == {("congestion", None, "busy")}
    assert flow.nodes["to-queue-queue"].queue == "sales"  # from the UpdateContactTargetQueue before it
    assert edges(flow, "callback") == {("next", None, "goodbye")}


def test_prompts_ssml_audio_and_runtime_values():
    result = imported("connect_flow.json")
    flow = load(result)
    assert flow.nodes["welcome"].prompt_text == "Welcome to Example Bank."
    assert flow.nodes["busy"].prompt_text == "[unknown: audio prompt 'all-busy']"
    assert flow.nodes["closed"].prompt_text == "We are closed. We open at [unknown: value of $.Attributes.opening]."
    assert [(u.node, u.kind, u.line) for u in result.unknowns] == [
        ("busy", "audio", 62), ("closed", "dynamic-prompt", 74), ("mystery", "opaque", 80)]


def test_origins_point_at_each_action():
    result = imported("connect_flow.json")
    assert result.origins["welcome"] == (6, 5)
    assert result.origins["to-queue"] == result.origins["to-queue-queue"] == (53, 5)
    assert result.origin_ids["to-queue-queue"] == "TransferContactToQueue to-queue"
    assert "  # line 30, column 5: GetParticipantInput main-menu\n  main-menu:\n" in result.yaml_text


def test_unknown_action_type_is_an_opaque_step_with_a_warning():
    result = imported("connect_flow.json")
    flow = load(result)
    assert flow.nodes["mystery"].label == "ShinyNewBlock (not understood)"
    assert edges(flow, "mystery") == {("next", None, "goodbye")}
    assert any("ShinyNewBlock" in w for w in result.warnings)


def test_store_input_and_compare_make_a_menu_and_uuid_ids_are_short():
    result = imported("connect_store_input.json")
    flow = load(result)
    assert types(flow) == {
        "lambda-a1f0": "branch", "compare-b2e1": "hours", "disconnect-29d8": "hangup", "menu-c3d2": "menu",
        "menu-c3d2-pass-2": "menu", "menu-c3d2-pass-3": "menu", "to-number-f6a5": "transfer",
        "to-queue-07b6": "queue", "to-flow-18c7": "branch", "to-flow-18c7-voicemail": "voicemail"}
    # Loop (LoopCount 2) after the menu: two more passes of the menu, then DoneLooping
    assert edges(flow, "menu-c3d2") == {
        ("key", "1", "to-queue-07b6"), ("key", "2", "menu-c3d2-pass-2"), ("no-input", None, "menu-c3d2-pass-2"),
        ("no-match", None, "to-number-f6a5"), ("max-retries", None, "menu-c3d2-pass-2")}
    assert edges(flow, "menu-c3d2-pass-2") == {
        ("key", "1", "to-queue-07b6"), ("key", "2", "menu-c3d2-pass-3"), ("no-input", None, "menu-c3d2-pass-3"),
        ("no-match", None, "to-number-f6a5"), ("max-retries", None, "menu-c3d2-pass-3")}
    assert edges(flow, "menu-c3d2-pass-3") == {
        ("key", "1", "to-queue-07b6"), ("key", "2", "to-flow-18c7"), ("no-input", None, "to-flow-18c7"),
        ("no-match", None, "to-number-f6a5"), ("max-retries", None, "to-flow-18c7")}
    assert "StoreInput with the Compare d4c32d3e-0000-4000-8000-000000000004" in result.yaml_text
    # a Lambda then a Compare on $.External.HolidayStatus: a holiday check
    assert edges(flow, "compare-b2e1") == {("open", None, "menu-c3d2"), ("closed", None, "menu-c3d2"),
                                            ("holiday", None, "disconnect-29d8")}
    assert edges(flow, "lambda-a1f0") == {("case", "NoMatchingError", "disconnect-29d8"),
                                           ("default", None, "compare-b2e1")}
    assert flow.nodes["to-queue-07b6"].queue == "Billing"  # display name from the metadata
    assert flow.nodes["to-number-f6a5"].number == "+33123456789"
    kinds = {(u.node, u.kind) for u in result.unknowns}
    assert kinds == {("lambda-a1f0", "external-result"), ("compare-b2e1", "condition"),
                     ("to-flow-18c7-voicemail", "sub-flow")}


def test_describe_contact_flow_wrapper_has_no_lines():
    result = imported("connect_wrapper.json")
    flow = load(result)
    assert result.title == "Wrapped inbound"
    assert types(flow) == {"hello": "play", "bye": "hangup"}
    assert result.origins == {"hello": None, "bye": None}
    assert result.origin_ids["hello"] == "MessageParticipant hello"


def test_legacy_modules():
    result = imported("connect_legacy.json")
    flow = load(result)
    assert types(flow) == {"m-menu": "menu", "m-bye": "hangup", "m-hours": "hours", "m-queue": "branch",
                           "m-closed": "play", "m-transfer": "branch", "m-transfer-queue": "queue"}
    assert edges(flow, "m-menu") == {("key", "1", "m-hours"), ("key", "9", "m-menu"), ("no-input", None, "m-bye"),
                                     ("no-match", None, "m-menu"), ("max-retries", None, "m-bye")}
    assert flow.nodes["m-menu"].timeout == 8
    assert flow.nodes["m-transfer-queue"].queue == "Support"
    assert edges(flow, "m-transfer-queue") == {("congestion", None, "m-closed")}
    assert flow.nodes["m-closed"].prompt_text == "[unknown: prompt text from $.External.closedMessage]"
    assert result.origin_ids["m-menu"] == "GetUserInput m-menu"
    assert result.origins["m-menu"] == (1, 14)  # a one-line export: the column tells the module apart


def test_dangling_transition_is_kept_and_reported():
    data = b'''{"StartAction": "a", "Actions": [
      {"Identifier": "a", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"},
       "Transitions": {"NextAction": "gone"}}]}'''
    result = convert(data, "dangling.json")
    assert "next: gone" in result.yaml_text
    assert any("'gone'" in w for w in result.warnings)
