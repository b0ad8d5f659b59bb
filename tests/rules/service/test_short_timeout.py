"""short-timeout: menus and inputs that give callers too little time, at the field that sets it."""

from ivr_lint.findings import Severity
from tests.conftest import FLOWS, run, run_json
from tests.rules.service.flows import WELL_MADE

RULE = "short-timeout"

FLOW = """\
ivr: 1
start: menu
nodes:
  menu:
    type: menu
    prompt: "Pour un dossier, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": number, "0": agent}
    on_max_retries: agent
  number:
    type: input
    prompt: "Tapez votre numéro de dossier à 8 chiffres."
    variable: file
    digits: 8
    next: agent
    on_max_retries: agent
  agent:
    type: queue
"""


def test_a_menu_timeout_under_five_seconds(lint):
    text = FLOW.replace("    on_max_retries: agent\n  number:", "    timeout: 3\n    on_max_retries: agent\n  number:")
    found, findings = lint(text, RULE)
    assert found == [(RULE, 8, 14, "menu")]
    assert findings[0].severity == Severity.WARNING
    assert findings[0].message == ("menu 'menu' waits 3 s for an answer (at least 5 s): callers who need more "
                                   "time are told they chose nothing")
    assert lint(text, RULE, min_timeout=3)[0] == []
    assert lint(text.replace("timeout: 3", "timeout: 5"), RULE)[0] == []


def test_an_input_timeout_and_its_digit_timeout(lint):
    text = FLOW.replace("    next: agent\n", "    next: agent\n    timeout: 2.5\n    digit_timeout: 1.5\n")
    found, findings = lint(text, RULE)
    assert found == [(RULE, 15, 14, "number"), (RULE, 16, 20, "number")]
    assert "waits 2.5 s for an answer" in findings[0].message
    assert "waits 1.5 s between two digits (at least 3 s)" in findings[1].message
    assert lint(text, RULE, min_timeout=2, min_digit_timeout=1.5)[0] == []


def test_a_short_default_is_reported_once_at_defaults(lint):
    text = FLOW.replace("start: menu\n", "defaults: {timeout: 3, digit_timeout: 2}\nstart: menu\n")
    found, findings = lint(text, RULE)
    assert found == [(RULE, 2, 21, None), (RULE, 2, 39, None)]
    assert findings[0].message.startswith("`defaults.timeout` makes menus and inputs wait 3 s")
    assert findings[1].message.startswith("`defaults.digit_timeout` makes inputs wait 2 s")


def test_a_default_no_node_uses_is_not_a_cause(lint):
    text = FLOW.replace("start: menu\n", "defaults:\n  timeout: 3\nstart: menu\n").replace(
        "    on_max_retries: agent\n", "    timeout: 8\n    on_max_retries: agent\n")
    assert lint(text, RULE)[0] == []


def test_the_built_in_defaults_never_trigger_it(lint):
    assert lint(FLOW, RULE)[0] == []
    assert lint(WELL_MADE, RULE)[0] == []


def test_digit_timeout_is_part_of_the_format(write):
    schema = run("schema").stdout
    assert schema.count('"digit_timeout"') == 2  # inputs and defaults
    path = write(FLOW.replace("    digits: 8\n", "    digits: 8\n    digit_timeout: soon\n"))
    code, data = run_json("check", "--select", "schema-error", str(path))
    assert code == 1
    assert [(f["line"], f["column"]) for f in data["findings"]] == [(14, 20)]
    assert "must be a number" in data["findings"][0]["message"]


def test_command_line(write):
    path = write(FLOW.replace("    on_max_retries: agent\n  number:",
                              "    timeout: 2\n    on_max_retries: agent\n  number:"))
    result = run("check", "--select", RULE, str(path))
    assert result.exit_code == 0  # a warning: below the default --fail-on error
    assert f"{path}:8:14: warning [short-timeout] menu 'menu' waits 2 s for an answer" in result.stdout
    code, data = run_json("check", "--select", RULE, "--fail-on", "warning", str(path))
    assert code == 1
    assert [(f["code"], f["seconds"]) for f in data["findings"]] == [("IVR117", 2)]
    assert run("check", "--select", RULE, str(FLOWS)).exit_code == 0
