"""missing-translation: prompts lacking a language the flow declares, at the prompt's line and column."""

from tests.conftest import dedent

FLOW = """\
ivr: 1
language: fr-FR
languages: [fr-FR, en-GB, es-ES]
start: menu
nodes:
  menu:
    type: menu
    prompt:
      fr-FR: "Pour un conseiller, tapez 0."
      en-GB: "For an advisor, press 0."
      es-ES: "Para un asesor, pulse 0."
    options: {"0": agent}
    on_max_retries: agent
  agent:
    type: queue
    prompt: "Veuillez patienter."
  note:
    type: play
    prompt:
      fr-FR: "Merci."
      en-EN: "Thank you."
    next: agent
  silent:
    type: play
    next: agent
"""


def test_each_prompt_missing_a_declared_language(lint):
    found, reports = lint(FLOW, "missing-translation")
    assert found == [
        ("missing-translation", 16, 13, "agent"),
        ("missing-translation", 20, 7, "note"),
        ("missing-translation", 21, 14, "note"),
    ]
    assert [f.message for f in reports] == [
        "the prompt of 'agent' has no en-GB, es-ES text (given: fr-FR; `languages` declares fr-FR, en-GB, es-ES)",
        "the prompt of 'note' has no en-GB, es-ES text (given: fr-FR, en-EN; `languages` declares fr-FR, en-GB, "
        "es-ES)",
        "the prompt of 'note' is given in en-EN, which `languages` does not declare (fr-FR, en-GB, es-ES): a "
        "misspelt tag, or a language to declare",
    ]
    assert reports[0].extra["missing"] == ["en-GB", "es-ES"]


def test_a_flow_that_declares_no_languages_is_not_checked(lint):
    text = FLOW.replace("languages: [fr-FR, en-GB, es-ES]\n", "")
    assert lint(text, "missing-translation")[0] == []


def test_complete_translations_pass(lint):
    text = dedent("""\
        ivr: 1
        languages: [en-GB, cy-GB]
        start: bye
        nodes:
          bye:
            type: hangup
            prompt: {en-GB: "Goodbye.", cy-GB: "Hwyl fawr."}
    """)
    assert lint(text, "missing-translation")[0] == []
