"""hangup-on-error leaves alone a menu whose every choice ends the call too: failing it costs the caller
nothing (a closed-hours message, then "press 9 to disconnect"). A choice that gives anything more (a
callback, information) is what a failing caller misses: still reported."""

import pytest

from tests.conftest import CORPUS, run

CLOSED_THEN_QUIT = """\
ivr: 1
language: fr-FR
kind: inbound
start: ferme
nodes:
  ferme:
    type: play
    prompt: "La médiathèque est fermée. Elle ouvre du mardi au samedi de 10 heures à 18 heures."
    next: quitter
  quitter:
    type: menu
    prompt: "Pour quitter, tapez 9."
    options: {"9": fin}
    retries: 1
    on_max_retries: fin-silence
  fin: {type: hangup}
  fin-silence: {type: hangup}
"""


def test_a_menu_whose_only_choice_is_to_hang_up_is_not_reported(lint):
    assert lint(CLOSED_THEN_QUIT, "hangup-on-error")[0] == []


def test_a_goodbye_said_both_ways_is_nothing_missed(lint):
    text = CLOSED_THEN_QUIT.replace('  fin: {type: hangup}\n  fin-silence: {type: hangup}\n',
                                    '  fin: {type: hangup, prompt: "Au revoir."}\n'
                                    '  fin-silence: {type: hangup, prompt: "Au revoir."}\n')
    assert lint(text, "hangup-on-error")[0] == []


def test_a_callback_the_failing_caller_misses_is_reported(lint):
    text = CLOSED_THEN_QUIT.replace('    prompt: "Pour quitter, tapez 9."\n    options: {"9": fin}\n',
                                    '    prompt: "Pour être rappelé, tapez 1. Pour quitter, tapez 9."\n'
                                    '    options: {"1": rappel, "9": fin}\n') + "  rappel: {type: callback}\n"
    found, [finding] = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 15, 21, "quitter")]
    assert finding.path == ["quitter", "fin-silence"]


def test_words_only_the_answer_gives_are_missed(lint):
    text = CLOSED_THEN_QUIT.replace('  fin: {type: hangup}\n',
                                    '  fin: {type: hangup, prompt: "Vous pouvez aussi écrire à contact@mediatheque.fr."}\n')
    found, _ = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 15, 21, "quitter")]


def test_an_input_whose_digits_and_silence_go_the_same_way(lint):
    text = """\
ivr: 1
language: fr-FR
start: code
nodes:
  code:
    type: input
    prompt: "Tapez un chiffre, il vous sera répété."
    variable: chiffre
    retries: 0
    next: repete
    on_no_input: repete
    on_max_retries: repete
  repete: {type: play, prompt: "Vous avez tapé {chiffre}.", next: fin}
  fin: {type: hangup}
"""
    assert lint(text, "hangup-on-error")[0] == []


def test_messages_only_never_fire(write):
    path = write("""\
ivr: 1
language: fr-FR
start: ferme
nodes:
  ferme: {type: play, prompt: "Nous sommes fermés. Nous ouvrons à 9 heures.", next: fin}
  fin: {type: hangup, prompt: "Au revoir."}
""")
    outcome = run("check", "--select", "hangup-on-error", str(path))
    assert outcome.exit_code == 0 and "[hangup-on-error]" not in outcome.output


@pytest.mark.skipif(not (CORPUS / "genesys-archy").is_dir(), reason="corpus not present")
def test_the_closed_hours_export_with_a_disconnect_menu():
    path = CORPUS / "genesys-archy" / "tfprovider-closedhours-ivr.yaml"
    outcome = run("check", "--select", "hangup-on-error", str(path))
    assert outcome.exit_code == 0 and "[hangup-on-error]" not in outcome.output
