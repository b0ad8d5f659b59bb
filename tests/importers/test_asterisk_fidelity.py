"""Asterisk constructs that decide where a call goes: time windows, jumps to nowhere, spoken text."""

import json

import pytest

from ivr_lint.importers import ImportFailure, convert
from tests.conftest import run
from tests.importers.util import edges, load, types


def conf(text: str):
    result = convert(text.encode(), "extensions.conf")
    return result, load(result)


@pytest.mark.parametrize("line", [
    "GotoIfTime(${OPEN},${DAYS},*,*?open,s,1)",
    "GoToIfTime(${OPEN},${DAYS},*,*?open,s,1)",
    "GotoIf(${IFTIME(${OPEN},${DAYS},*,*?1:0)}?open,s,1)",
    "GotoIf($[${IFTIME(${OPEN},${DAYS},1-31,jan-dec?yes)}]?open,s,1)",
    "ExecIfTime(${OPEN},${DAYS},*,*?Goto(open,s,1))",
])
def test_a_daily_or_weekly_window_is_a_schedule_read_through_globals_and_general(line):
    result, flow = conf(f"""[general]
DAYS=Monday-Friday
[globals]
OPEN=08:30-17:00
[incoming]
exten => s,1,Answer()
 same => n,{line}
 same => n,Playback(closed)
 same => n,Hangup()
[open]
exten => s,1,Queue(support)
""")
    assert types(flow) == {"incoming-2": "hours", "open-1": "queue", "incoming-3": "play", "incoming-4": "hangup"}
    assert edges(flow, "incoming-2") == {("open", None, "open-1"), ("closed", None, "incoming-3")}
    assert flow.hours.weekly == {day: ((510, 1020),) for day in range(5)}
    assert not any("holiday" in w for w in result.warnings)


def test_a_window_set_at_run_time_is_an_hours_node_with_an_unknown_schedule():
    result, flow = conf("""[incoming]
exten => s,1,GotoIfTime(${DB(hours/open)},mon-fri,*,*?open,1)
 same => n,Hangup()
exten => open,1,Dial(SIP/desk)
""")
    assert edges(flow, "incoming-1") == {("open", None, "incoming-open-1"), ("closed", None, "incoming-2")}
    assert flow.hours is None
    assert ("incoming-1", "condition") in {(u.node, u.kind) for u in result.unknowns}


def test_dates_remain_a_holiday_check():
    result, flow = conf("""[incoming]
exten => s,1,GotoIfTime(*,*,25,dec?closed,1)
 same => n,Dial(SIP/desk)
exten => closed,1,Playback(xmas)
 same => n,Hangup()
""")
    assert edges(flow, "incoming-1") == {("open", None, "incoming-2"), ("closed", None, "incoming-2"),
                                         ("holiday", None, "incoming-closed-1")}


def test_exec_if_time_runs_its_application_inside_the_window():
    result, flow = conf("""[incoming]
exten => s,1,ExecIfTime(18:00-08:00,*,*,*?Playback(night-message))
 same => n,Dial(SIP/desk)
""")
    assert edges(flow, "incoming-1") == {("open", None, "incoming-1-playback"), ("closed", None, "incoming-2")}
    assert edges(flow, "incoming-1-playback") == {("next", None, "incoming-2")}
    assert flow.nodes["incoming-1-playback"].prompt_text == "[unknown: audio prompt 'night-message']"
    assert flow.hours.weekly[0] == ((0, 480), (1080, 1440))


def test_a_jump_to_a_label_or_extension_that_does_not_exist_is_kept_dangling_at_its_line():
    result, flow = conf("""[incoming]
exten => s,1,Background(welcome)
 same => n,WaitExten(5)
exten => 1,1,Goto(nolabel)
exten => 2,1,GotoIf($["${CALLERID(num)}"=""]?anonymous,1:incoming,s,later)
exten => 3,1,Goto(Elsewhere,s,1)
exten => 4,1,Goto(nolabel)
""")
    menu = flow.nodes["incoming-1"]
    assert menu.options["1"].next == "missing-incoming-1-nolabel"  # never a loop back to the menu
    assert edges(flow, "incoming-2-1") == {("case", "true", "missing-incoming-anonymous-1"),
                                           ("default", None, "missing-incoming-s-later")}
    assert menu.options["4"].next == "missing-incoming-4-nolabel"  # another Goto, another line: its own id
    assert not {"missing-incoming-1-nolabel", "missing-incoming-anonymous-1"} & set(flow.nodes)  # no made-up node
    jump = result.dangling["missing-incoming-1-nolabel"]
    assert (jump.target, jump.what, jump.line, jump.column) == ("incoming,1,nolabel", "Goto(nolabel)", 4, 1)
    assert result.dangling["missing-incoming-s-later"].line == 5
    assert "line 4: Goto(nolabel) goes to incoming,1,nolabel, which the export does not have (kept as the " \
           "unknown target 'missing-incoming-1-nolabel')" in result.warnings
    # a context this file does not have may be in another file: an opaque way out, as before
    assert flow.nodes["goto-elsewhere-s-1"].type == "transfer"


@pytest.mark.parametrize("step, prompt", [
    ('AGI(googletts.agi,"Welcome to Acme, press 1 for sales",en)', "Welcome to Acme, press 1 for sales"),
    ('AGI(picotts.agi,"Bonjour ${CALLERID(name)}",fr-FR)', "Bonjour [unknown: value of CALLERID(name)]"),
    ("Festival(Our offices are closed)", "Our offices are closed"),
    ('Flite("Press 2 for billing")', "Press 2 for billing"),
    ("Espeak(Goodbye,any)", "Goodbye"),
    ("SayAlpha(abc)", "a b c"),
    ("SayDigits(1234)", "1 2 3 4"),
    ("SayNumber(42)", "42"),
    ("SayNumber(${QUEUE_WAITING_COUNT})", "[unknown: value of QUEUE_WAITING_COUNT]"),
])
def test_text_to_speech_gives_the_prompt_its_words(step, prompt):
    result, flow = conf(f"[incoming]\nexten => s,1,{step}\n same => n,Hangup()\n")
    assert flow.nodes["incoming-1"].type == "play"
    assert flow.nodes["incoming-1"].prompt_text == prompt


def test_a_dialplan_entirely_in_block_comments_is_refused():
    text = b""";--
[incoming]
exten => s,1,Playback(hello)
 same => n,Hangup()
--;
"""
    with pytest.raises(ImportFailure, match=r"every context of the dialplan \(1\) is inside a ;-- --; block comment"):
        convert(text, "extensions.conf")


READ_MENU = """[main]
exten => s,1,Answer()
 same => n,Read(choice,menu-options,1,,2,5)
 same => n,GotoIf($[${choice} = 1]?sales,1)
 same => n,GotoIf($["${choice}" != "2"]?bye,1)
 same => n,Dial(SIP/200,20)
 same => n,Hangup()
exten => sales,1,Queue(sales)
exten => bye,1,Playback(goodbye)
 same => n,Hangup()
"""


def test_a_test_on_what_read_stored_is_decided_by_the_callers_digits(tmp_path):
    """`GotoIf($[${choice} = 1]?...)` and `!=` after `Read(choice,...)` branch on the input's variable
    (the simulated caller's digits take them), and Read's 2 attempts replay its prompt once on silence."""
    result, flow = conf(READ_MENU)
    assert (flow.nodes["main-3"].on, flow.nodes["main-3"].cases, flow.nodes["main-3"].default) == (
        "choice", {"1": "main-sales-1"}, "main-4")
    assert (flow.nodes["main-4"].on, flow.nodes["main-4"].cases, flow.nodes["main-4"].default) == (
        "choice", {"2": "main-5"}, "main-bye-1")
    read = flow.nodes["main-2"]
    assert (read.type, read.variable, read.retries, read.on_no_input, read.on_max_retries) == (
        "input", "choice", 1, None, "main-3")
    assert not [u for u in result.unknowns if u.kind == "condition"]  # the caller decides, not the server
    path = tmp_path / "extensions.conf"
    path.write_text(READ_MENU)
    ends = {}
    for keys in ("1", "2", "3"):
        out = run("simulate", str(path), "--keys", keys, "-f", "json")
        ends[keys] = flow.nodes[json.loads(out.stdout)["steps"][-1]["node"]].type
    assert ends == {"1": "queue", "2": "transfer", "3": "hangup"}
