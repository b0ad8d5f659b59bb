"""menu-prompt-mismatch: keys announced but not accepted (error), accepted but never announced (warning)."""

import pytest

from ivr_lint.findings import Severity
from tests.conftest import FLOWS, run, run_json
from tests.rules.service.flows import WELL_MADE

RULE = "menu-prompt-mismatch"

# line 5: the prompt; line 7: option "1"; line 8: option "2"
MENU = """\
ivr: 1
start: menu
nodes:
  menu:
    type: menu
    prompt: "{prompt}"
    options:
{options}
    on_max_retries: agent
  agent:
    type: queue
  info:
    type: play
    prompt: "Vos démarches sont en ligne."
    next: agent
"""


def menu(prompt: str, options: str = '"1": info\n"0": agent') -> str:
    return MENU.replace("{prompt}", prompt).replace(
        "{options}", "\n".join("      " + line for line in options.splitlines()))


def test_an_announced_key_the_menu_lacks_is_an_error(lint):
    text = menu("Pour vos démarches, tapez 1. Pour un conseiller, tapez 3.", '"1": info')
    found, findings = lint(text, RULE)
    assert found == [(RULE, 6, 13, "menu")]
    assert findings[0].severity == Severity.ERROR
    assert findings[0].message == (
        "menu 'menu' has no option '3', but its prompt announces it (\"Pour un conseiller, tapez 3\"): a caller "
        "who presses it hears that the choice is invalid")


def test_a_key_said_and_another_taken_is_one_finding(lint):
    # "tapez 3" while the option is "0": one slip, one error that names both keys
    found, findings = lint(menu("Pour vos démarches, tapez 1. Pour un conseiller, tapez 3."), RULE)
    assert found == [(RULE, 6, 13, "menu")]
    assert findings[0].message.endswith("hears that the choice is invalid; it takes '0' instead, which no prompt "
                                        "announces")


@pytest.mark.parametrize("prompt", [
    "To pay a bill, press one. To hear this again, press the star key.",
    "Pour un paiement, faites le 1. Pour réécouter, appuyez sur la touche étoile.",
    "Say payments or press 1. Press star to repeat.",
])
def test_star_announced_without_an_option_is_an_error_in_both_languages(lint, prompt):
    found, findings = lint(menu(prompt, '"1": info'), RULE)
    assert found == [(RULE, 6, 13, "menu")]
    assert "no option '*'" in findings[0].message


def test_a_hidden_option_is_a_warning_at_its_key(lint):
    found, findings = lint(menu("Pour vos démarches, tapez 1.", '"1": info\n"0": agent'), RULE)
    assert found == [(RULE, 9, 7, "menu")]
    assert findings[0].severity == Severity.WARNING
    assert "accepts key '0', which its prompt never announces" in findings[0].message


@pytest.mark.parametrize("options", [
    '"1": info\n"*": {repeat: true}\n"#": agent',  # conventional keys
    '"1": info\n"7": {next: agent, hidden: true}',  # marked hidden
    '"1": info\n"0": {next: agent, speech: ["conseiller"]}',  # said by its word
    '"1": info\n"2": info\n"3": info',  # same destination as the announced key: a catch-all
])
def test_keys_that_are_not_hidden_options(lint, options):
    text = menu("Pour vos démarches, tapez 1. Vous pouvez aussi dire conseiller.", options)
    assert lint(text, RULE)[0] == []


def test_unannounced_keys_option(lint):
    text = menu("Pour vos démarches, tapez 1.", '"1": info\n"0": agent')
    assert lint(text, RULE, unannounced_keys=["*", "#", "0"])[0] == []


@pytest.mark.parametrize("prompt", [
    "Appelez le 3230 ou tapez 1. Pour un conseiller, tapez 0.",  # a phone number
    "Nous sommes ouverts de 9h à 17h, 5 jours sur 7. Pour vos démarches, tapez 1. Pour un conseiller, tapez 0.",
    "Tapez 1 pour vos démarches, ou tapez votre numéro d'allocataire à 7 chiffres, ou tapez 0.",
    "Si vous avez déjà tapé 3, patientez. Tapez 1 pour vos démarches, 0 pour un conseiller.",
])
def test_numbers_that_are_not_keys_raise_nothing(lint, prompt):
    assert lint(menu(prompt), RULE)[0] == []


def test_a_menu_that_names_no_key_is_not_judged_hidden(lint):
    # the keys are said some way the reader cannot tell (or on a leaflet): do not guess
    assert lint(menu("Faites votre choix."), RULE)[0] == []


def test_unknown_imported_text_and_placeholders(lint):
    unknown = "[unknown: audio prompt 'menu-principal.wav'] Pour vos démarches, tapez 1."
    assert lint(menu(unknown), RULE)[0] == []  # the audio may announce "0"
    assert lint(menu("Pour vos démarches, tapez 1. {autres_choix}"), RULE)[0] == []
    # a number placeholder announces no key: the hidden "0" is still found
    found, _ = lint(menu("Attente estimée : {wait_minutes} minutes. Pour vos démarches, tapez 1."), RULE)
    assert found == [(RULE, 9, 7, "menu")]
    # the known words are read for keys that are missing
    found, _ = lint(menu("[unknown: audio prompt 'intro.wav'] Pour un conseiller, tapez 5."), RULE)
    assert found == [(RULE, 6, 13, "menu")]


LEAD_IN = """\
ivr: 1
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Bienvenue. Pour vos démarches, tapez 1. Pour un conseiller, tapez 0. Pour un rappel, tapez 3."
    next: menu
  menu:
    type: menu
    prompt: "Votre choix ?"
    options:
      "1": agent
      "0": agent
    on_max_retries: agent
  agent:
    type: queue
"""


def test_keys_said_in_the_message_that_leads_into_the_menu(lint):
    found, findings = lint(LEAD_IN, RULE)
    assert found == [(RULE, 6, 13, "menu")]  # the message's prompt, where "tapez 3" is said
    assert "the message 'welcome' that leads into it announces it" in findings[0].message
    # announced there, so "1" and "0" are not hidden
    assert lint(LEAD_IN.replace(" Pour un rappel, tapez 3.", ""), RULE)[0] == []


def test_keys_said_before_an_hours_check_that_leads_into_the_menu(lint):
    text = LEAD_IN.replace(" Pour un rappel, tapez 3.", "").replace("    next: menu\n", "    next: check\n").replace(
        "  agent:\n", "  check:\n    type: hours\n    open: menu\n    closed: agent\n  agent:\n").replace(
        '    prompt: "Votre choix ?"', '    prompt: "Pour un conseiller, tapez 0."')
    assert lint(text, RULE)[0] == []  # "1" was announced in the welcome, before the hours check


def test_a_lead_in_message_not_heard_on_every_way_in_proves_no_missing_key(lint):
    text = LEAD_IN.replace('      "0": agent\n', '      "0": agent\n      "9": back\n').replace(
        "Pour un rappel, tapez 3.", "Pour un rappel, tapez 3. Pour revenir au menu, tapez 9.") + (
        '  back:\n    type: play\n    prompt: "Retour au menu."\n    next: menu\n')
    assert lint(text, RULE)[0] == []  # callers back through "9" have not just heard "tapez 3"


def test_a_list_prompt_points_at_its_part(lint):
    text = menu("x", '"1": info\n"0": agent').replace(
        'prompt: "x"', 'prompt:\n      - "Pour vos démarches, tapez 1."\n      - "Pour un conseiller, tapez 0 ou 4."')
    found, _ = lint(text, RULE)
    assert found == [(RULE, 8, 9, "menu")]


def test_an_explicit_wrong_key_branch_makes_it_a_warning(lint):
    text = menu("Si vous avez reçu le SMS, tapez 1. Sinon, tapez 2.", '"1": info').replace(
        "    on_max_retries: agent", "    on_no_match: agent\n    on_max_retries: agent")
    found, findings = lint(text, RULE)
    assert found == [(RULE, 6, 13, "menu")]
    assert findings[0].severity == Severity.WARNING
    assert "only reaches the wrong-key branch 'agent'" in findings[0].message


def test_no_cascade_from_an_option_with_a_schema_error_or_a_key_in_words(lint, write):
    broken = menu("Pour vos démarches, tapez 1. Pour un conseiller, tapez 0.", '"1": info\n"0": {nxt: agent}')
    assert lint(broken, RULE)[0] == []
    worded = menu("Pour vos démarches, tapez 1. Pour réécouter, tapez étoile.",
                  '"1": info\nétoile: {repeat: true}')
    assert lint(worded, RULE)[0] == []
    code, data = run_json("check", "--select", f"{RULE},invalid-dtmf,schema-error", str(write(worded)))
    assert code == 1
    assert [f["rule"] for f in data["findings"]] == ["invalid-dtmf"]


def test_hidden_is_part_of_the_format(write):
    path = write(menu("Pour vos démarches, tapez 1.", '"1": info\n"7": {next: agent, hidden: 3}'))
    code, data = run_json("check", "--select", "schema-error", str(path))
    assert code == 1
    assert [(f["line"], f["message"]) for f in data["findings"]] == [
        (9, "`hidden` of option '7' of `options` in node `menu` must be true or false, not a number")]
    assert '"hidden"' in run("schema").stdout


def test_command_line_json_and_suppression(write):
    path = write(menu("Pour vos démarches, tapez 1. Pour un conseiller, tapez 3.",
                      '"1": info\n"3": agent\n"9": {repeat: true}'))
    code, data = run_json("check", "--select", RULE, str(path))
    assert code == 0  # a hidden option is a warning
    assert [(f["rule"], f["code"], f["severity"], f["line"], f["column"], f["node"], f.get("key"))
            for f in data["findings"]] == [(RULE, "IVR116", "warning", 10, 7, "menu", "9")]
    path = write(menu("Pour vos démarches, tapez 1. Pour un conseiller, tapez 3."), "error.yaml")
    code, data = run_json("check", "--select", RULE, str(path))
    assert code == 1
    assert [(f["severity"], f["line"], f["column"], f.get("key")) for f in data["findings"]] == [("error", 6, 13, "3")]
    silenced = write(path.read_text().replace("  menu:\n", f"  menu:  # ivr-lint: disable={RULE}\n"), "quiet.yaml")
    assert run("check", "--select", RULE, str(silenced)).exit_code == 0


def test_the_bundled_flows_and_the_well_made_flow_are_clean(lint):
    result = run("check", "--select", RULE, str(FLOWS))
    assert result.exit_code == 0 and "menu-prompt-mismatch" not in result.stdout
    assert lint(WELL_MADE, RULE)[0] == []
