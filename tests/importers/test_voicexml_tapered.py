"""VoiceXML tapered prompts (§4.1.6): each visit of a field says the prompts whose `count` is the highest
not above its prompt counter, which every visit raises, replayed or not."""

from ivr_lint.importers import convert
from tests.conftest import run, run_json
from tests.importers.util import FIXTURES, edges, imported, load

TAPERED = FIXTURES / "vxml_tapered.vxml"
FIRST = "Welcome to billing. For an invoice press 1, for a refund press 2."
LATER = "Press 1 for an invoice or 2 for a refund. You can also hang up and use the website."
SORRY = "That key is not on the menu."


def vxml(body: str):
    text = f'<?xml version="1.0"?>\n<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">\n{body}\n</vxml>\n'
    return load(convert(text.encode(), "doc.vxml"))


def test_each_visit_of_the_field_says_the_prompts_its_count_selects():
    result = imported("vxml_tapered.vxml")
    flow = load(result)
    said = {node.id: node.prompt_text for node in flow.nodes.values() if node.type == "menu"}
    # the first visit: count 1; the later ones: both count-2 prompts, in document order; a visit after
    # the <noinput> without <reprompt/> says nothing
    assert said == {"billing-topic": FIRST, "billing-topic-n0m0p2": LATER, "billing-topic-n0m0p2-wait": ""}
    # the <filled>'s `if` on the field's own value is decided per key
    keys = {("key", "1", "invoice-block-exit"), ("key", "2", "refund-block-exit")}
    assert edges(flow, "billing-topic") - keys == {("no-match", None, "billing-topic-nomatch-prompt"),
                                                   ("no-input", None, "billing-topic-noinput-prompt")}
    assert edges(flow, "billing-topic-nomatch-prompt") == {("next", None, "billing-topic-n0m0p2")}
    assert edges(flow, "billing-topic-noinput-prompt") == {("next", None, "billing-topic-n0m0p2-wait")}
    for copy in ("billing-topic-n0m0p2", "billing-topic-n0m0p2-wait"):  # the last count: the same state again
        assert edges(flow, copy) == edges(flow, "billing-topic")
        assert result.origins[copy] == result.origins["billing-topic"] == (6, 5)
    assert "count=" not in result.yaml_text and FIRST + " " + LATER not in result.yaml_text


def test_simulate_hears_the_count_1_prompt_then_the_count_2_prompts():
    code, out = run_json("simulate", str(TAPERED), "--keys", "9,9,2")
    assert code == 0
    assert [(s["node"], s["prompt"], s["input"]) for s in out["steps"][:5]] == [
        ("billing-topic", FIRST, "9"), ("billing-topic-nomatch-prompt", SORRY, None),
        ("billing-topic-n0m0p2", LATER, "9"), ("billing-topic-nomatch-prompt", SORRY, None),
        ("billing-topic-n0m0p2", LATER, "2")]


def test_a_silent_visit_still_raises_the_prompt_counter():
    # silence: "Still there?" and a wait without prompts (visit 2); a wrong key then: visit 3, count-2 prompts
    outcome = run("simulate", str(TAPERED), "--keys", "timeout,9,2")
    assert outcome.exit_code == 0
    heard = [line for line in outcome.output.splitlines() if line.startswith("[")]
    assert heard == ["[billing-topic] " + FIRST, "[billing-topic-noinput-prompt] Still there?",
                     "[billing-topic-n0m0p2-wait] (no-match)", f"[billing-topic-nomatch-prompt] {SORRY}",
                     f"[billing-topic-n0m0p2] {LATER}", "[refund-block-exit] Refunds take ten days."]


def test_the_copies_report_one_finding_at_the_field():
    outcome = run("check", "--select", "missing-error-handling", str(TAPERED))
    assert outcome.exit_code == 0  # a warning only
    found = [line for line in outcome.output.splitlines() if "[missing-error-handling]" in line]
    assert found == [(f"{TAPERED}:6:5: warning [missing-error-handling] menu 'billing-topic' retries without limit: "
                      "a caller who cannot answer is never routed anywhere (node billing-topic)")]


def test_a_missing_count_repeats_the_lower_one_and_the_highest_is_said_from_then_on():
    flow = vxml("""<form id="f"><field name="n" type="digits">
      <prompt count="1">Your number.</prompt>
      <prompt count="3">Type your number, then the hash key.</prompt>
      <filled><disconnect/></filled></field></form>""")
    # no handler: the default ones reprompt; visit 2 has no count-2 prompt and says count 1 again
    assert [(flow.nodes[i].prompt_text, flow.nodes[i].on_no_input) for i in ("f-n", "f-n-n0m0p2", "f-n-n0m0p3")] \
        == [("Your number.", "f-n-n0m0p2"), ("Your number.", "f-n-n0m0p3"),
            ("Type your number, then the hash key.", None)]
    assert flow.nodes["f-n-n0m0p3"].retries == -1  # visit 3 and after: itself again, without limit


def test_a_field_every_event_leaves_is_not_unrolled():
    flow = vxml("""<form id="f"><field name="n" type="digits">
      <prompt count="1">Your number.</prompt>
      <prompt count="2">Your number, please.</prompt>
      <noinput><goto next="#bye"/></noinput><nomatch><goto next="#bye"/></nomatch>
      <filled><disconnect/></filled></field></form>
      <form id="bye"><block><prompt>Goodbye.</prompt><disconnect/></block></form>""")
    assert [n.id for n in flow.nodes.values() if n.type == "input"] == ["f-n"]
    assert (flow.nodes["f-n"].retries, flow.nodes["f-n"].on_max_retries) == (0, "bye-block-exit")
