"""Asterisk dialplans: extensions.conf and AEL."""

import pytest

from ivr_lint.importers import ImportFailure, convert
from tests.importers.util import edges, imported, load, types


def test_conf_entry_is_where_calls_arrive():
    result = imported("asterisk_ivr.conf")
    flow = load(result)
    assert result.title == "from-trunk, extension 5550100"
    assert flow.start == "from-trunk-5550100-2"
    assert any("entry from-trunk,5550100" in w and "unused" in w for w in result.warnings)


def test_conf_time_condition_is_an_hours_node_with_the_schedule_it_states():
    flow = load(imported("asterisk_ivr.conf"))
    assert types(flow)["from-trunk-5550100-2"] == "hours"
    assert edges(flow, "from-trunk-5550100-2") == {("open", None, "ivr-main-menu"),
                                                   ("closed", None, "from-trunk-5550100-3")}
    assert flow.hours is not None and flow.hours.timezone == "Europe/Paris"
    assert flow.hours.weekly == {day: ((510, 1020),) for day in range(5)}


def test_conf_menu_options_and_handlers():
    flow = load(imported("asterisk_ivr.conf"))
    assert edges(flow, "ivr-main-menu") == {
        ("key", "0", "macro-operator-1-s-1"), ("key", "1", "ivr-main-1-1"), ("key", "2", "ivr-main-2-1"),
        ("no-input", None, "ivr-main-end"), ("no-match", None, "ivr-main-i-1"), ("max-retries", None, "ivr-main-end")}
    menu = flow.nodes["ivr-main-menu"]
    assert menu.timeout == 5
    assert menu.prompt_text == "[unknown: audio prompt 'main-welcome'] [unknown: audio prompt 'press-1-sales']"
    assert menu.options["1"].label == "Sales"  # the comment on the extension's line
    assert edges(flow, "ivr-main-i-1") == {("next", None, "ivr-main-menu")}
    assert types(flow)["ivr-main-end"] == "hangup"  # no `t`: silence runs off the extension's end


def test_conf_queue_dial_voicemail_gotoif_and_macro():
    flow = load(imported("asterisk_ivr.conf"))
    queue = flow.nodes["ivr-main-1-1"]
    assert (queue.type, queue.queue, queue.max_wait) == ("queue", "sales", 120)
    assert edges(flow, "ivr-main-1-1") == {("congestion", None, "voicemail-1"), ("timeout", None, "voicemail-1")}
    dial = flow.nodes["ivr-main-2-1"]
    assert (dial.type, dial.number) == ("transfer", "PJSIP/2001")  # a [globals] variable
    assert edges(flow, "ivr-main-2-2") == {("case", "true", "voicemail-1"), ("default", None, "ivr-main-menu")}
    assert flow.nodes["ivr-main-2-2"].on == '"${DIALSTATUS}" = "BUSY"'
    # Macro(operator,2000) is inlined with its argument
    assert flow.nodes["macro-operator-1-s-1"].number == "PJSIP/2000"
    assert edges(flow, "macro-operator-1-s-1") == {("failure", None, "macro-operator-1-s-2")}
    assert flow.nodes["macro-operator-1-s-2"].label == "congestion tone"
    assert flow.nodes["voicemail-1"].type == "voicemail"


def test_conf_origins():
    result = imported("asterisk_ivr.conf")
    assert result.origins["ivr-main-menu"] == (14, 2)
    assert result.origin_ids["ivr-main-menu"] == "ivr-main, s, priority 2: Background/WaitExten"
    assert result.origin_ids["macro-operator-1-s-1"].endswith("(inlined call 1 of macro-operator): Dial")


def test_entry_can_be_chosen():
    result = imported("asterisk_ivr.conf", entry="voicemail")
    flow = load(result)
    assert types(flow) == {"voicemail-1": "voicemail"}
    with pytest.raises(ImportFailure, match="no context 'nope'"):
        imported("asterisk_ivr.conf", entry="nope")


def test_ael_menu_holiday_check_and_macro_with_switch():
    result = imported("asterisk_ivr.ael")
    flow = load(result)
    assert flow.start == "incoming-2"
    assert edges(flow, "incoming-2") == {("open", None, "incoming-restart"), ("closed", None, "incoming-restart"),
                                         ("holiday", None, "incoming-3")}
    assert any("date condition '* * 25 dec'" in w for w in result.warnings)
    assert edges(flow, "incoming-restart") == {
        ("key", "1", "agent-1-s-1"), ("key", "2", "agent-2-s-1"), ("no-input", None, "incoming-t-1"),
        ("no-match", None, "incoming-restart-invalid"), ("max-retries", None, "incoming-t-1")}
    menu = flow.nodes["incoming-restart"]
    assert menu.timeout == 4
    assert (menu.options["1"].label, menu.options["2"].label) == ("Ann", "Bob")
    assert "Welcome. Press 1 for Ann, 2 for Bob." in menu.prompt_text  # the dialplan's comment, kept
    assert edges(flow, "agent-1-s-2") == {("case", "BUSY", "agent-1-s-3"), ("default", None, "agent-1-s-5")}
    assert flow.nodes["agent-1-s-3"].label == "voicemail ann (busy greeting)"
    # after the macro returns, extension 2 goes back to the menu; extension 1 runs off its end
    assert edges(flow, "agent-2-s-5") == {("next", None, "incoming-restart")}
    assert edges(flow, "agent-1-s-5") == set()
    assert result.origins["incoming-restart"] == (22, 3)


def test_ael_syntax_error_has_a_line():
    with pytest.raises(ImportFailure) as caught:
        convert(b"context x {\n  s => {\n    Dial(a;\n", "x.ael")
    assert caught.value.line == 3


def test_goto_loop_with_nothing_in_between_is_refused():
    data = b"[loop]\nexten => s,1,Goto(s,2)\n same => n,Goto(s,1)\n"
    with pytest.raises(ImportFailure, match="cycle of jumps"):
        convert(data, "loop.conf", "asterisk")


def test_recursive_macro_is_a_loop_not_an_endless_expansion():
    data = b"""macro deep(level) {
    if (${level} == 0) { return; }
    Playback(down);
    &deep($[${level}-1]);
    return;
};
context incoming {
    s => { &deep(3); Background(menu); WaitExten(); };
    1 => Hangup();
};
"""
    result = convert(data, "deep.ael")
    load(result)
    assert any("calls itself" in w for w in result.warnings)
