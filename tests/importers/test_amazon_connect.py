"""Amazon Connect: flow language, DescribeContactFlow wrapper, legacy modules."""

import json

import pytest

from ivr_lint.importers import convert
from tests.conftest import run
from tests.importers.util import FIXTURES, edges, imported, load, types


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
        "to-number-f6a5": "transfer", "to-queue-07b6": "queue", "to-flow-18c7": "branch",
        "to-flow-18c7-voicemail": "voicemail"}
    # Loop (LoopCount 2) that brings the caller back to the menu after a failure: the menu's two retries,
    # then DoneLooping; the key that goes round the loop replays the menu
    assert edges(flow, "menu-c3d2") == {
        ("key", "1", "to-queue-07b6"), ("key", "2", "menu-c3d2"), ("no-match", None, "to-number-f6a5"),
        ("max-retries", None, "to-flow-18c7")}
    menu = flow.nodes["menu-c3d2"]
    assert (menu.retries, menu.on_no_input, menu.options["2"].repeat) == (2, None, True)
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
    assert "next: missing-gone" in result.yaml_text
    assert result.dangling["missing-gone"].target == "gone"
    assert (result.dangling["missing-gone"].line, result.dangling["missing-gone"].column) == (2, 7)
    assert any("gone" in w and "'missing-gone'" in w for w in result.warnings)


# -- customer queue flows, loops, metrics, display names, input errors --------------------------------
def test_customer_queue_flow_keeps_the_hold_loop_and_ends_back_in_the_queue():
    result = imported("connect_customer_queue.json")
    flow = load(result)
    assert flow.kind == "in-queue"  # Metadata.type customerQueue
    # the loop messages, in order; InterruptFrequencySeconds leads on to the offer (MessagesInterrupted)
    assert [p.text for p in flow.nodes["hold-loop"].prompt] == [
        "Thank you for waiting. An advisor will answer shortly.", "[unknown: audio prompt 'CustomerQueue.wav']"]
    assert edges(flow, "hold-loop") == {("next", None, "hold-loop-result")}
    assert edges(flow, "hold-loop-result") == {("case", "NoMatchingError", "back-to-queue"),
                                               ("default", None, "offer")}
    # End flow / Resume in a queue flow: the caller goes on waiting in the queue
    assert flow.nodes["back-to-queue"].type == "queue"
    assert edges(flow, "full") == {("next", None, "back-to-queue")}
    # CheckMetricData NumberGreaterThan 0 is a comparison, stated, on the named queue
    staffed = flow.nodes["staffed"]
    assert staffed.on == "NumberOfAgentsOnline of queue Allocations greater than 0"
    assert edges(flow, "staffed") == {("case", "true", "hold-loop"), ("default", None, "no-agents")}
    # an attribute name with a space stays one name
    assert flow.nodes["capacity"].on == "$.External.At capacity"
    assert edges(flow, "capacity") == {("case", "true", "full"), ("default", None, "callback")}
    assert flow.nodes["callback"].label == "callback in Allocations callbacks"
    assert {(u.node, u.kind) for u in result.unknowns} == {
        ("staffed", "condition"), ("capacity", "condition"), ("hold-loop", "audio"), ("hold-loop-pass-2", "audio"),
        ("hold-loop-pass-3", "audio")}


def test_loop_count_is_unrolled_into_counted_passes():
    flow = load(imported("connect_customer_queue.json"))
    # Loop(2) after a wrong key: the offer, then the hold loop it returns to, are met again twice;
    # the third wrong key is DoneLooping (back to the first hold loop, where Connect starts counting again)
    assert edges(flow, "offer") == {
        ("key", "1", "capacity"), ("key", "2", "hold-loop"), ("no-input", None, "hold-loop"),
        ("no-match", None, "sorry"), ("max-retries", None, "hold-loop")}
    assert edges(flow, "sorry") == {("next", None, "offer-pass-2")}
    assert edges(flow, "offer-pass-2") == {
        ("key", "1", "capacity"), ("key", "2", "hold-loop-pass-2"), ("no-input", None, "hold-loop-pass-2"),
        ("no-match", None, "sorry-pass-2"), ("max-retries", None, "hold-loop-pass-2")}
    assert edges(flow, "hold-loop-result-pass-2") == {("case", "NoMatchingError", "back-to-queue"),
                                                      ("default", None, "offer-pass-2")}
    assert edges(flow, "sorry-pass-2") == {("next", None, "offer-pass-3")}
    assert edges(flow, "sorry-pass-3") == {("next", None, "hold-loop")}
    assert not any(n.startswith("retry") for n in flow.nodes)


def test_loop_with_a_dynamic_count_stays_a_branch_on_its_passes():
    data = b'''{"StartAction": "m", "Actions": [
      {"Identifier": "m", "Type": "GetParticipantInput", "Parameters": {"Text": "Press 1.", "StoreInput": "False"},
       "Transitions": {"Conditions": [{"NextAction": "q", "Condition": {"Operator": "Equals", "Operands": ["1"]}}],
                       "Errors": [{"NextAction": "l", "ErrorType": "NoMatchingError"}]}},
      {"Identifier": "l", "Type": "Loop", "Parameters": {"LoopCount": "$.Attributes.tries"},
       "Transitions": {"Conditions": [
         {"NextAction": "m", "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}},
         {"NextAction": "d", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}}]}},
      {"Identifier": "q", "Type": "TransferContactToQueue", "Parameters": {}, "Transitions": {}},
      {"Identifier": "d", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}'''
    result = convert(data, "dynamic.json")
    flow = load(result)
    assert edges(flow, "l") == {("case", "DoneLooping", "d"), ("default", None, "m")}
    assert flow.nodes["l"].on == "l passes"
    assert ("l", "condition") in {(u.node, u.kind) for u in result.unknowns}


def test_lex_and_input_tell_silence_no_match_and_platform_errors_apart():
    result = imported("connect_inbound_lex.json")
    flow = load(result)
    assert edges(flow, "welcome") == {("case", "NoMatchingError", "bye"), ("default", None, "welcome-lex")}
    assert edges(flow, "welcome-lex") == {("next", None, "welcome-intent"), ("no-input", None, "menu"),
                                          ("max-retries", None, "menu")}
    assert edges(flow, "welcome-intent") == {("case", "Billing", "billing-flow"), ("case", "Advisor", "menu"),
                                             ("default", None, "sorry")}
    assert flow.nodes["welcome-lex"].variable == "lex intent (FrontDesk)"  # the bot's name, not its alias ARN
    assert edges(flow, "menu") == {("case", "NoMatchingError", "bye"), ("default", None, "menu-keys")}
    assert edges(flow, "menu-keys") == {
        ("key", "1", "billing-flow"), ("key", "0", "to-queue"), ("no-input", None, "timeout-msg"),
        ("no-match", None, "wrong-key"), ("max-retries", None, "timeout-msg")}


def test_display_names_from_the_metadata():
    result = imported("connect_inbound_lex.json")
    flow = load(result)
    assert flow.nodes["hours"].label == "hours of Office hours"
    assert flow.nodes["closed"].prompt_text == "[unknown: audio prompt 'Closed.wav']"
    assert flow.nodes["billing-flow"].label == "continues in flow 'Billing self-service' (not in this export)"
    assert flow.nodes["to-queue"].queue == "Advisors"
    assert [u.detail for u in result.unknowns] == [
        "audio prompt 'Closed.wav'",
        "the call continues in flow 'Billing self-service', which is not in this export"]


@pytest.mark.parametrize(("flow_type", "kind", "end"), [
    ("customerWhisper", "in-queue", "transfer"), ("outboundWhisper", "outbound", "transfer"),
    ("customerHold", "in-queue", "transfer"), ("agentTransfer", "in-queue", "hangup"),
    ("contactFlow", "inbound", "hangup")])
def test_flow_type_sets_kind_and_what_the_end_of_the_flow_means(flow_type, kind, end):
    data = json.dumps({"Version": "2019-10-30", "StartAction": "hi", "Metadata": {"type": flow_type},
                       "Actions": [
                           {"Identifier": "hi", "Type": "MessageParticipant", "Parameters": {"Text": "Hello."},
                            "Transitions": {"NextAction": "end"}},
                           {"Identifier": "end", "Type": "EndFlowExecution", "Parameters": {}, "Transitions": {}}]})
    flow = load(convert(data.encode(), "typed.json"))
    assert flow.kind == kind
    assert flow.nodes["end"].type == end
    if end == "transfer":
        assert flow.nodes["end"].is_human  # the whisper or hold ends with the agent on the line


def test_prompt_that_is_one_attribute_with_a_spaced_name_stays_one_name():
    data = b'''{"StartAction": "a", "Actions": [
      {"Identifier": "a", "Type": "MessageParticipant", "Parameters": {"Text": "$.External.Closed message"},
       "Transitions": {"NextAction": "b"}},
      {"Identifier": "b", "Type": "MessageParticipant",
       "Parameters": {"Text": "We open at $.Attributes['Opening time']. Goodbye."}, "Transitions": {}}]}'''
    flow = load(convert(data, "attrs.json"))
    assert flow.nodes["a"].prompt_text == "[unknown: prompt text from $.External.Closed message]"
    assert flow.nodes["b"].prompt_text == "We open at [unknown: value of $.Attributes('Opening time')]. Goodbye."


def test_simulate_var_sets_imported_names_with_spaces_and_dots():
    path = str(FIXTURES / "connect_customer_queue.json")
    steer = ["--var", "NumberOfAgentsOnline of queue Allocations greater than 0=true"]
    out = run("simulate", path, *steer, "--var", "$.External.At capacity=true", "--keys", "1", "-f", "json")
    assert out.exit_code in (0, 1), out.output
    assert [s["node"] for s in json.loads(out.stdout)["steps"]] == [
        "staffed", "hold-loop", "hold-loop-result", "offer", "capacity", "full", "back-to-queue"]
    out = run("simulate", path, *steer, "--var", "$.External.At capacity=false", "--keys", "1", "-f", "json")
    assert [s["node"] for s in json.loads(out.stdout)["steps"]][-3:] == ["callback", "confirm", "bye"]
    out = run("simulate", path, "--var", " =x", "--keys", "")
    assert out.exit_code == 2 and "use NAME=VALUE" in out.stderr


@pytest.mark.parametrize(("flow_type", "end", "human"), [
    ("customerQueue", "back-to-queue", True), ("customerHold", "back-to-agent", True)])
def test_hold_loop_without_interruption_plays_until_an_agent_takes_the_call(flow_type, end, human):
    data = json.dumps({"StartAction": "loop", "Metadata": {"type": flow_type}, "Actions": [
        {"Identifier": "loop", "Type": "MessageParticipantIteratively",
         "Parameters": {"Messages": [{"Text": "Please hold."}, {"SSML": "<speak>Thank you.</speak>"}]},
         "Transitions": {}}]})
    flow = load(convert(data.encode(), "hold.json"))
    assert [p.text for p in flow.nodes["loop"].prompt] == ["Please hold.", "Thank you."]
    assert edges(flow, "loop") == {("next", None, end)}
    assert flow.nodes[end].is_human is human


def test_legacy_loop_prompts_is_the_hold_loop():
    data = json.dumps({"modules": [
        {"id": "loop", "type": "LoopPrompts", "branches": [{"condition": "Timeout", "transition": "offer"}],
         "parameters": [{"name": "Text", "value": "<speak>Still there? <break time=\"5s\"/></speak>", "key": "ssml"},
                        {"name": "InterruptSeconds", "value": 60}]},
        {"id": "offer", "type": "PlayPrompt", "branches": [{"condition": "Success", "transition": "end"}],
         "parameters": [{"name": "Text", "value": "An advisor will answer soon."}]},
        {"id": "end", "type": "EndFlowExecution", "branches": [], "parameters": []}],
        "version": "1", "type": "customerQueue", "start": "loop"})
    flow = load(convert(data.encode(), "legacy-queue.json"))
    assert flow.kind == "in-queue"
    assert flow.nodes["loop"].prompt_text == "Still there?"
    assert edges(flow, "loop") == {("next", None, "offer")}
    assert edges(flow, "offer") == {("next", None, "back-to-queue")}


def test_a_hold_loop_without_a_flow_type_is_read_as_a_customer_queue_flow():
    data = json.dumps({"StartAction": "loop", "Actions": [
        {"Identifier": "loop", "Type": "MessageParticipantIteratively",
         "Parameters": {"Messages": [{"Text": "Please hold."}], "InterruptFrequencySeconds": "30"},
         "Transitions": {"Conditions": [{"NextAction": "end", "Condition": {
             "Operator": "Equals", "Operands": ["MessagesInterrupted"]}}]}},
        {"Identifier": "end", "Type": "EndFlowExecution", "Parameters": {}, "Transitions": {}}]})
    result = convert(data.encode(), "untyped.json")
    flow = load(result)
    assert flow.kind == "in-queue"
    assert edges(flow, "loop") == {("next", None, "back-to-queue")}
    assert "read as a customer queue flow" in result.yaml_text


def test_transfer_to_a_number_says_where_connect_resumes():
    """ContinueFlowExecution (true unless said otherwise): the flow goes on after the third party hangs
    up; a transfer ends the call in ivr-lint, so the node's comment says where Connect would go on."""
    result = imported("connect_store_input.json")
    assert ("# when the third party hangs up, Connect goes on at disconnect-29d8 (ContinueFlowExecution); "
            "here the call ends at the transfer\n  to-number-f6a5:\n") in result.yaml_text
