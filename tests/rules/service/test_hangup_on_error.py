from tests.conftest import run_json
from tests.rules.service.flows import WELL_MADE


def test_last_retry_hangs_up(lint):
    text = WELL_MADE.replace("    on_max_retries: agent\n  civil:", "    on_max_retries: goodbye\n  civil:")
    found, [finding] = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 30, 21, "main-menu")]
    assert finding.path == ["main-menu", "goodbye"]


def test_hangup_after_a_message_with_another_contact_is_fine(lint):
    text = WELL_MADE.replace("    on_max_retries: agent\n  civil:", "    on_max_retries: closed-message\n  civil:")
    assert lint(text, "hangup-on-error")[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "hangup-on-error")[0] == []


# A served caller: they chose an information message, heard it, and are invited to hang up.
AFTER_INFORMATION = """\
ivr: 1
language: fr-FR
start: accueil
nodes:
  accueil:
    type: menu
    prompt: "Pour nos horaires, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": horaires, "0": conseillers}
    on_max_retries: conseillers
  horaires:
    type: play
    prompt: "L'accueil est ouvert du lundi au vendredi de 9 heures à 17 heures."
    next: apres-info
  apres-info:
    type: menu
    prompt: "Pour revenir au menu, tapez 9. Pour un conseiller, tapez 0. Sinon, vous pouvez raccrocher."
    options: {"9": accueil, "0": conseillers}
    on_no_input: au-revoir
    on_max_retries: au-revoir
  au-revoir:
    type: hangup
    prompt: "Merci de votre appel. Au revoir."
  conseillers: {type: queue}
"""


def test_a_served_caller_invited_to_hang_up_may_be_hung_up_on(lint):
    assert lint(AFTER_INFORMATION, "hangup-on-error")[0] == []


def test_silence_and_the_last_retry_to_the_same_hang_up_are_one_finding(lint):
    # without the invitation, a menu that opens a new topic is navigation again: one finding, at the first field
    text = AFTER_INFORMATION.replace(" Sinon, vous pouvez raccrocher.", " Pour nos adresses, tapez 2.").replace(
        'options: {"9": accueil, "0": conseillers}', 'options: {"9": accueil, "2": adresses, "0": conseillers}') + \
        '  adresses:\n    type: play\n    prompt: "Nous sommes au 3 place de la Mairie."\n    next: apres-info\n'
    found, [finding] = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 18, 18, "apres-info")]
    assert finding.message == ("after silence or the last failed retry, menu 'apres-info' leads to a hang-up "
                               "(au-revoir) without a person, a callback or another contact")
    assert finding.path == ["apres-info", "au-revoir"]


def test_the_menu_after_a_message_offering_nothing_new_needs_no_invitation(lint):
    # hear it again, back to the menu, or a person: a served caller's menu, said without "vous pouvez raccrocher"
    text = AFTER_INFORMATION.replace(" Sinon, vous pouvez raccrocher.", " Pour réécouter, tapez 1.").replace(
        'options: {"9": accueil, "0": conseillers}', 'options: {"1": horaires, "9": accueil, "0": conseillers}')
    assert lint(text, "hangup-on-error")[0] == []


def test_a_caller_not_yet_served_is_protected_even_when_invited_to_hang_up(lint):
    # the main menu also leads here directly ("2"): that caller heard nothing they chose
    text = AFTER_INFORMATION.replace('options: {"1": horaires, "0": conseillers}',
                                     'options: {"1": horaires, "2": apres-info, "0": conseillers}')
    assert lint(text, "hangup-on-error")[0] == [("hangup-on-error", 18, 18, "apres-info")]
    # an invitation at the main menu itself does not excuse hanging up on its silence
    text = AFTER_INFORMATION.replace(
        '"Pour nos horaires, tapez 1. Pour un conseiller, tapez 0."\n    options: {"1": horaires, "0": conseillers}\n'
        '    on_max_retries: conseillers',
        '"Pour nos horaires, tapez 1. Pour un conseiller, tapez 0. Sinon, vous pouvez raccrocher."\n'
        '    options: {"1": horaires, "0": conseillers}\n    on_max_retries: au-revoir')
    assert lint(text, "hangup-on-error")[0] == [("hangup-on-error", 9, 21, "accueil")]


def test_a_message_on_the_way_that_the_caller_did_not_choose_serves_nobody(lint):
    # the welcome plays before the menu without a choice: the caller is not served there
    text = AFTER_INFORMATION.replace("start: accueil", "start: bienvenue").replace(
        "nodes:\n", 'nodes:\n  bienvenue: {type: play, prompt: "Bienvenue. Vous pouvez raccrocher à tout moment.", '
        "next: apres-info}\n")
    assert lint(text, "hangup-on-error")[0] == [("hangup-on-error", 19, 18, "apres-info")]


# English: after a callback request, the caller may hang up; wrong keys and silence end the call.
AFTER_CALLBACK = """\
ivr: 1
language: en-GB
start: main
nodes:
  main:
    type: menu
    prompt: "To request a call back, press 1. To speak to an adviser, press 0."
    options: {"1": book, "0": adviser}
    on_max_retries: adviser
  book:
    type: callback
    prompt: "Your call back is booked for the next working day."
    next: anything-else
  anything-else:
    type: menu
    prompt: "To return to the main menu, press 9. Otherwise, you can hang up now."
    options: {"9": main}
    on_no_match: goodbye
    on_max_retries: goodbye
  goodbye:
    type: hangup
    prompt: "Thank you for calling. Goodbye."
  adviser: {type: queue}
"""


def test_after_a_callback_request_in_english(lint):
    assert lint(AFTER_CALLBACK, "hangup-on-error")[0] == []
    text = AFTER_CALLBACK.replace(" Otherwise, you can hang up now.", " Please do not hang up.")
    found, [finding] = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 18, 18, "anything-else")]
    assert finding.message.startswith("after a wrong key or the last failed retry, menu 'anything-else'")


def test_two_different_hang_ups_are_two_findings(lint):
    text = WELL_MADE.replace("    on_max_retries: agent\n  civil:",
                             "    on_no_input: goodbye\n    on_max_retries: cut\n  civil:") + \
        '  cut:\n    type: hangup\n    prompt: "Au revoir."\n'
    found, findings = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 30, 18, "main-menu"), ("hangup-on-error", 31, 21, "main-menu")]
    assert [f.path for f in findings] == [["main-menu", "goodbye"], ["main-menu", "cut"]]


def test_another_contact_said_in_the_menu_itself_helps(lint):
    # after hours: the menu gives the website before offering the emergency line; silence then says goodbye
    text = """\
ivr: 1
language: en-GB
start: after-hours
nodes:
  after-hours:
    type: menu
    prompt: "We are closed. You can report a repair at any time at bristol.gov.uk/repairs. For an emergency, press 1."
    options: {"1": contractor}
    on_max_retries: bye
  contractor: {type: transfer, number: "0117 496 0000"}
  bye: {type: hangup, prompt: "Thank you for calling. Goodbye."}
"""
    assert lint(text, "hangup-on-error")[0] == []
    without = text.replace(" You can report a repair at any time at bristol.gov.uk/repairs.", "")
    assert lint(without, "hangup-on-error")[0] == [("hangup-on-error", 9, 21, "after-hours")]


def test_no_finding_through_a_node_that_could_not_be_read(write):
    # 'fallback' has a schema error: what it does is unknown, schema-error says so, not hangup-on-error
    path = write(WELL_MADE.replace("    on_max_retries: agent\n  civil:", "    on_max_retries: fallback\n  civil:")
                 + "  fallback:\n    prompt: \"Au revoir.\"\n")
    _, data = run_json("check", "--select", "hangup-on-error,schema-error", str(path))
    assert [(f["rule"], f["node"]) for f in data["findings"]] == [("schema-error", "fallback")]


def test_a_menu_no_caller_reaches_is_left_to_unreachable_node(lint):
    text = """\
ivr: 1
language: fr-FR
start: welcome
nodes:
  welcome:
    type: transfer
    number: "+33140000000"
  old-menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0."
    options: {"0": welcome}
    on_max_retries: bye
  bye:
    type: hangup
"""
    assert lint(text, "hangup-on-error")[0] == []
    assert [f[0] for f in lint(text, "unreachable-node")[0]] == ["unreachable-node", "unreachable-node"]
