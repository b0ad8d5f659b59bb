"""VoiceXML `<record>`: silence (no audio before its timeout) throws `noinput`, caught by the handlers in
scope with `count`, as for a field (VoiceXML 2.0 §2.3.6, §5.2.4); the default handler reprompts. The
voicemail's `on_no_input` is where the call goes then."""

import json

from ivr_lint.importers import convert
from tests.conftest import run, run_json
from tests.importers.util import edges, load

COMPLAINTS = """<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="en-GB">
  <form id="complaint">
    <nomatch>That was not clear.</nomatch>
    <record name="story" maxtime="90s" timeout="7s" beep="true">
      <prompt>After the beep, tell us what went wrong.</prompt>
      <noinput>We heard nothing. Speak after the beep.</noinput>
      <catch event="noinput" count="3"><prompt>Let us put you through.</prompt><goto next="#staff"/></catch>
      <filled><prompt>Thank you, we will reply within a week.</prompt></filled>
    </record>
    <block><disconnect/></block>
  </form>
  <form id="staff"><transfer name="team" dest="tel:+442079460000" bridge="false"/></form>
</vxml>
"""


def complaints():
    result = convert(COMPLAINTS.encode(), "complaints.vxml")
    return result, load(result)


def test_the_record_s_own_handlers_with_their_counts():
    result, flow = complaints()
    record = flow.nodes["complaint-story"]
    assert (record.type, record.prompt_text, record.timeout) == (
        "voicemail", "After the beep, tell us what went wrong.", 7)
    assert edges(flow, "complaint-story") == {("next", None, "complaint-story-prompt"),
                                              ("no-input", None, "complaint-story-noinput-prompt")}
    assert flow.nodes["complaint-story-prompt"].prompt_text == "Thank you, we will reply within a week."
    # 1st and 2nd silence: the <noinput> without <reprompt/>: the record waits again without its prompt
    assert flow.nodes["complaint-story-noinput-prompt"].prompt_text == "We heard nothing. Speak after the beep."
    assert edges(flow, "complaint-story-noinput-prompt") == {("next", None, "complaint-story-n1-wait")}
    first = flow.nodes["complaint-story-n1-wait"]
    assert (first.type, first.prompt, first.next) == ("voicemail", (), "complaint-story-prompt")
    assert edges(flow, first.on_no_input) == {("next", None, "complaint-story-n2-wait")}
    # 3rd silence: count="3" puts the caller through
    third = flow.nodes["complaint-story-n2-wait"].on_no_input
    assert flow.nodes[third].prompt_text == "Let us put you through."
    assert edges(flow, third) == {("next", None, "staff-team")}
    # the form's <nomatch> is not thrown by a record: no edge
    assert not [t for n in flow.nodes.values() for t in n.transitions if t.kind == "no-match"]
    # the copies are the record itself
    assert {result.origins[n] for n in ("complaint-story", "complaint-story-n1-wait", "complaint-story-n2-wait")} \
        == {(5, 5)}


def test_without_a_handler_silence_replays_the_record():
    flow = load(convert(b"""<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml"><form id="f">
  <record name="memo"><prompt>Your memo.</prompt></record></form></vxml>""", "memo.vxml"))
    assert edges(flow, "f-memo") == {("next", None, "f-end"), ("no-input", None, "f-memo")}


def test_simulate_leaves_no_message_when_the_voicemail_is_unanswered(write):
    path = write(COMPLAINTS, "complaints.vxml")
    code, out = run_json("simulate", str(path), "--unanswered", "complaint-story")
    assert code == 0
    assert [(s["node"], s["prompt"]) for s in out["steps"]][:3] == [
        ("complaint-story", "After the beep, tell us what went wrong."),
        ("complaint-story-noinput-prompt", "We heard nothing. Speak after the beep."),
        ("complaint-story-n1-wait", "")]
    assert out["steps"][0]["input"] == "timeout"
    # the caller who speaks leaves the message
    code, out = run_json("simulate", str(path))
    assert [s["node"] for s in out["steps"]] == ["complaint-story", "complaint-story-prompt", "complaint-block-exit"]
    assert out["outcome"] == "voicemail"


def test_simulate_refuses_unanswered_on_a_voicemail_without_on_no_input(write):
    path = write("""ivr: 1
start: box
nodes:
  box: {type: voicemail, prompt: "Leave a message."}
""")
    outcome = run("simulate", str(path), "--unanswered", "box")
    assert outcome.exit_code == 2
    assert "--unanswered 'box'" in outcome.output


def test_journeys_cover_every_silence_but_a_loop_back(write):
    path = write(COMPLAINTS, "complaints.vxml")
    outcome = run("journeys", str(path))
    assert outcome.exit_code == 0, outcome.output
    assert "0 edges cannot be covered" in outcome.output
    assert 'unanswered: ["complaint-story", "complaint-story-n1-wait", "complaint-story-n2-wait"]' in outcome.output
    memo = write(b"""<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml"><form id="f">
  <record name="memo"><prompt>Your memo.</prompt></record></form></vxml>""", "memo.vxml")
    outcome = run("journeys", str(memo))
    assert "f-memo -[no-input]-> f-memo: silence here comes back to this voicemail" in outcome.output


def test_a_flow_may_give_a_voicemail_its_silence(write):
    path = write("""ivr: 1
start: box
nodes:
  box:
    type: voicemail
    prompt: "Leave a message after the tone."
    timeout: 6
    on_no_input: nothing
  nothing: {type: hangup, prompt: "No message was recorded. Goodbye."}
""")
    code, out = run_json("check", "--select", "structure", str(path))
    assert code == 0 and out["findings"] == []
    schema = json.loads(run("schema").output)
    text = json.dumps(schema)
    assert "no message is recorded" in text and "Seconds of silence before no message is recorded" in text
    bad = write("""ivr: 1
start: box
nodes:
  box: {type: voicemail, on_no_input: nowhere}
""", "bad.yaml")
    outcome = run("check", "--select", "unknown-target", str(bad))
    assert outcome.exit_code == 1 and "[unknown-target]" in outcome.output and "nowhere" in outcome.output
