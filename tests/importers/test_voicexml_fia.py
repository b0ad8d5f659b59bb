"""VoiceXML: the keys an inline SRGS grammar accepts, and what the form interpretation algorithm replays."""

from ivr_lint.importers import convert
from tests.importers.util import edges, load


def vxml(body: str):
    text = f'<?xml version="1.0"?>\n<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">\n{body}\n</vxml>\n'
    return load(convert(text.encode(), "doc.vxml"))


_GRAMMAR = """<grammar mode="dtmf" version="1.0" root="choice" xmlns="http://www.w3.org/2001/06/grammar">
        <rule id="choice"><one-of>
          <item>1<tag>out="sales"</tag></item>
          <item>0<tag>out="operator"</tag></item>
        </one-of></rule>
      </grammar>"""


def test_an_inline_srgs_grammar_gives_the_keys_the_field_accepts():
    flow = vxml(f"""<form id="main"><field name="pick">
      <prompt>For sales press 1. For the operator press 2.</prompt>
      {_GRAMMAR}
      <filled><if cond="pick == 'sales'"><goto next="#sales"/><else/><goto next="#op"/></if></filled>
    </field></form>
    <form id="sales"><block><prompt>Sales.</prompt><disconnect/></block></form>
    <form id="op"><block><prompt>Operator.</prompt><disconnect/></block></form>""")
    menu = flow.nodes["main-pick"]
    assert menu.type == "menu" and set(menu.options) == {"1", "0"}
    assert [flow.nodes[menu.options[k].next].prompt_text for k in ("1", "0")] == ["Sales.", "Operator."]


def test_check_catches_a_prompt_announcing_a_key_the_grammar_lacks(tmp_path):
    from tests.conftest import run

    path = tmp_path / "menu.vxml"
    path.write_text(f"""<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml"><form id="main"><field name="pick">
      <prompt>For sales press 1. For the operator press 2.</prompt>
      {_GRAMMAR}
      <filled><disconnect/></filled>
</field></form></vxml>
""")
    outcome = run("check", "--select", "menu-prompt-mismatch", str(path))
    assert outcome.exit_code == 1
    # at the <field> (an import's prompt has no line of its own)
    assert f"{path}:2:73: error [menu-prompt-mismatch] menu 'main-pick' has no option '2'" in outcome.output


def test_a_repeated_item_is_a_sequence_of_keys_not_a_choice():
    flow = vxml("""<form id="f"><field name="pin">
      <prompt>Your PIN.</prompt>
      <grammar mode="dtmf" root="r"><rule id="r"><item repeat="4"><one-of><item>1</item><item>2</item>
      </one-of></item></rule></grammar>
      <filled><disconnect/></filled></field></form>""")
    assert flow.nodes["f-pin"].type == "input"


def test_a_handler_without_reprompt_does_not_replay_the_prompt():
    flow = vxml("""<form id="f"><field name="pick">
      <prompt>Press 1 for sales.</prompt>
      <option dtmf="1" value="sales">sales</option>
      <noinput>I did not hear you.</noinput>
      <nomatch>Sorry. <reprompt/></nomatch>
      <filled><disconnect/></filled></field></form>""")
    menu = flow.nodes["f-pick"]
    assert (menu.on_no_input, menu.on_no_match) == ("f-pick-noinput-prompt", "f-pick-nomatch-prompt")
    # after "I did not hear you." the field waits again without its prompt
    assert edges(flow, "f-pick-noinput-prompt") == {("next", None, "f-pick-wait")}
    assert flow.nodes["f-pick-wait"].prompt == () and set(flow.nodes["f-pick-wait"].options) == {"1"}
    # <reprompt/> replays it
    assert edges(flow, "f-pick-nomatch-prompt") == {("next", None, "f-pick")}


def test_default_handlers_reprompt_and_count_selects_the_handler():
    flow = vxml("""<form id="f"><field name="pick">
      <prompt>Press 1 for sales.</prompt>
      <option dtmf="1" value="sales">sales</option>
      <noinput count="1">Are you there? <reprompt/></noinput>
      <noinput count="3"><prompt>Goodbye.</prompt><exit/></noinput>
      <filled><disconnect/></filled></field></form>""")
    menu = flow.nodes["f-pick"]
    # no <nomatch>: the default handler reprompts, without end (VoiceXML never gives up there)
    assert menu.on_no_match is None and menu.retries == -1
    # count="1" serves the first two silences (each reprompts), count="3" the third
    assert edges(flow, "f-pick-noinput-prompt") == {("next", None, "f-pick-n1m0")}
    assert edges(flow, "f-pick-noinput-2-prompt") == {("next", None, "f-pick-n2m0")}
    assert flow.nodes["f-pick-n1m0"].on_no_input == "f-pick-noinput-2-prompt"
    assert flow.nodes[flow.nodes["f-pick-n2m0"].on_no_input].prompt_text == "Goodbye."
    assert "f-pick-wait" not in flow.nodes


def test_simulate_follows_the_handlers_count_selects(tmp_path):
    from tests.conftest import run

    path = tmp_path / "f.vxml"
    path.write_text("""<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml"><form id="f"><field name="pick">
      <prompt>Press 1 for sales.</prompt>
      <option dtmf="1" value="sales">sales</option>
      <noinput count="1">Are you there? <reprompt/></noinput>
      <noinput count="2"><prompt>Goodbye.</prompt><exit/></noinput>
      <filled><disconnect/></filled></field></form></vxml>
""")
    outcome = run("simulate", str(path), "--keys", "", "-f", "json")
    assert outcome.exit_code in (0, 1), outcome.output
    assert outcome.output.index("Are you there?") < outcome.output.index("Goodbye.")
