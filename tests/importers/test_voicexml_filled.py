"""VoiceXML: a `<filled>` that tests the field's own value routes by the caller's answer, and a
counted handler that is the last one repeats for ever (VoiceXML 2.0 §5.2.4: the catch with the
highest `count` not above the event counter is selected, and the counter keeps rising)."""

from ivr_lint.importers import convert
from tests.conftest import run, run_json
from tests.importers.util import edges, load

LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="en-GB">
  <form id="desk">
    <field name="need">
      <prompt>Renewals, press 2. Lost cards, press 5. Opening times, press 7.</prompt>
      <option dtmf="2" value="renew">renewals</option>
      <option dtmf="5" value="lost">lost cards</option>
      <option dtmf="7" value="times">opening times</option>
      <filled>
        <prompt>Thanks.</prompt>
        <if cond="need == 'renew'">
          <goto next="#renewals"/>
        <elseif cond="need != 'times'"/>
          <prompt>Cards are blocked at once.</prompt>
          <goto next="#cards"/>
        </if>
        <prompt>We open at nine.</prompt>
      </filled>
    </field>
    <field name="card" type="digits?length=5">
      <prompt>Type your five digit card number.</prompt>
      <filled>
        <if cond="card != '99999'">
          <prompt>Noted.</prompt>
        <else/>
          <prompt>That is a staff card.</prompt>
          <exit/>
        </if>
      </filled>
    </field>
    <block><prompt>See you soon.</prompt><disconnect/></block>
  </form>
  <form id="renewals"><block><prompt>Renewals are online.</prompt><disconnect/></block></form>
  <form id="cards"><block><prompt>A new card costs two pounds.</prompt><disconnect/></block></form>
</vxml>
"""


def library():
    return load(convert(LIBRARY.encode(), "library.vxml"))


def test_each_key_takes_the_branch_its_value_selects():
    flow = library()
    menu = flow.nodes["desk-need"]
    thanks = {key: option.next for key, option in menu.options.items()}
    assert {key: flow.nodes[target].prompt_text for key, target in thanks.items()} == \
        {"2": "Thanks.", "5": "Thanks.", "7": "Thanks."}
    after = {key: edges(flow, target) for key, target in thanks.items()}
    assert after["2"] == {("next", None, "renewals-block-exit")}
    cards = next(iter(after["5"]))[2]
    assert flow.nodes[cards].prompt_text == "Cards are blocked at once."
    assert edges(flow, cards) == {("next", None, "cards-block-exit")}
    times = next(iter(after["7"]))[2]
    assert flow.nodes[times].prompt_text == "We open at nine."
    assert edges(flow, times) == {("next", None, "desk-card")}
    # no branch is left on `need` (nothing could set it in a simulated call), and no copy of the words
    # a key's jump skips is left unreachable
    assert not [n for n in flow.nodes.values() if n.type == "branch" and n.on == "need"]
    assert sorted(n.prompt_text for n in flow.nodes.values() if n.type == "play") == [
        "Cards are blocked at once.", "Noted.", "Thanks.", "Thanks.", "Thanks.", "We open at nine."]


def test_a_not_equal_test_on_an_input_is_a_branch_on_its_variable():
    flow = library()
    assert edges(flow, "desk-card") - {e for e in edges(flow, "desk-card") if e[0] != "next"} == \
        {("next", None, "desk-card-if")}
    branch = flow.nodes["desk-card-if"]
    assert (branch.on, branch.cases, branch.default) == ("card", {"99999": "desk-card-exit"}, "desk-card-prompt")
    assert flow.nodes["desk-card-exit"].prompt_text == "That is a staff card."


def test_simulate_routes_by_the_keys_and_digits_the_caller_gives(write):
    path = write(LIBRARY, "library.vxml")
    code, out = run_json("simulate", str(path), "--keys", "7,12345")
    assert code == 0
    assert [s["prompt"] for s in out["steps"]] == [
        "Renewals, press 2. Lost cards, press 5. Opening times, press 7.", "Thanks.", "We open at nine.",
        "Type your five digit card number.", "", "Noted.", "See you soon."]
    code, out = run_json("simulate", str(path), "--keys", "7,99999")
    assert out["steps"][-1]["prompt"] == "That is a staff card."
    code, out = run_json("simulate", str(path), "--keys", "5")
    assert [s["prompt"] for s in out["steps"]][1:] == ["Thanks.", "Cards are blocked at once.",
                                                         "A new card costs two pounds."]


def test_journeys_cover_every_branch_of_the_filled(write):
    path = write(LIBRARY, "library.vxml")
    outcome = run("journeys", str(path))
    assert outcome.exit_code == 0, outcome.output
    assert "0 edges cannot be covered" in outcome.output
    for end in ("renewals-block-exit", "cards-block-exit", "desk-card-exit", "desk-block-exit"):
        assert f'end: "{end}"' in outcome.output


COUNTED = """<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="survey">
    <field name="score" type="digits?length=1">
      <prompt>Rate us from 1 to 5.</prompt>
      <catch event="noinput nomatch" count="1">Please type one digit.</catch>
      <catch event="noinput nomatch" count="2">Just one digit, from 1 to 5.</catch>
      <filled><prompt>Thank you.</prompt><disconnect/></filled>
    </field>
  </form>
</vxml>
"""


def test_the_highest_count_speaks_and_waits_again_without_end():
    flow = load(convert(COUNTED.encode(), "survey.vxml"))
    last = flow.nodes["survey-score-n1m1-wait"]
    handler = last.on_no_input
    assert flow.nodes[handler].prompt_text == "Just one digit, from 1 to 5."
    assert edges(flow, handler) == {("next", None, "survey-score-n1m1-wait")}
    assert last.on_invalid == handler and last.retries == -1
    # each counter runs on its own: after one silence, every later silence is the count-2 handler again
    # (a wrong key moves on to n1m1); the first visit moves on either way
    after_silence = flow.nodes["survey-score-n1m0-wait"]
    assert edges(flow, after_silence.on_no_input) == {("next", None, "survey-score-n1m0-wait")}
    assert edges(flow, after_silence.on_invalid) == {("next", None, "survey-score-n1m1-wait")}
    assert [flow.nodes[i].retries for i in ("survey-score", "survey-score-n1m0-wait", "survey-score-n0m1-wait")] \
        == [None, -1, -1]


def test_check_says_the_caller_who_never_answers_loops_for_ever(write):
    path = write(COUNTED, "survey.vxml")
    outcome = run("check", "--select", "missing-error-handling", str(path))
    assert outcome.exit_code == 0  # a warning
    assert [line for line in outcome.output.splitlines() if "[missing-error-handling]" in line] == [
        f"{path}:4:5: warning [missing-error-handling] input 'survey-score-n1m0-wait' retries without limit: "
        "a caller who cannot answer is never routed anywhere (node survey-score-n1m0-wait)"]
    # with a way out at the highest count, nothing to say
    left = write(COUNTED.replace(
        "Just one digit, from 1 to 5.</catch>", "<prompt>Goodbye.</prompt><exit/></catch>"), "left.vxml")
    assert run("check", "--select", "missing-error-handling", str(left)).exit_code == 0
    assert "[missing-error-handling]" not in run("check", "--select", "missing-error-handling", str(left)).output


def test_a_condition_on_something_else_stays_a_branch_for_the_keys_that_reach_it():
    flow = load(convert(b"""<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml"><form id="f"><var name="member" expr="false"/>
  <field name="pass">
    <prompt>Day pass, press 1. Season pass, press 2.</prompt>
    <option dtmf="1" value="day">day pass</option><option dtmf="2" value="season">season pass</option>
    <filled>
      <if cond="pass == 'day'"><prompt>Ten pounds.</prompt>
      <elseif cond="member"/><prompt>Free for members.</prompt>
      <else/><prompt>Ninety pounds.</prompt></if>
      <disconnect/>
    </filled></field></form></vxml>""", "passes.vxml"))
    options = flow.nodes["f-pass"].options
    assert flow.nodes[options["1"].next].prompt_text == "Ten pounds."
    member = flow.nodes[options["2"].next]
    assert (member.type, member.on) == ("branch", "member")
    assert {value: flow.nodes[target].prompt_text for value, target in member.cases.items()} == \
        {"true": "Free for members."}
    assert flow.nodes[member.default].prompt_text == "Ninety pounds."
