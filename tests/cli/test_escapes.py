"""The user's text cannot drive the terminal: every human-readable output shows control
characters as visible escapes, the machine formats keep the exact text, and the colours the
tool itself prints still work.

The payloads are what an attacker would put in a flow or an export: an OSC 0 title, an OSC 8
hyperlink, a colour change, BEL, backspace and CR to overwrite a line, a C1 CSI, and a bidi
override that makes a line read backwards.
"""

from __future__ import annotations

import json
import re

import pytest

from ivr_lint.text.safe import clip, has_unsafe, one_line, visible
from tests.conftest import run
from tests.importers.util import FIXTURES

#: what a terminal would obey
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TITLE = "\x1b]0;owned\x07"
LINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
PAYLOAD = f"{TITLE}{LINK}\x1b[2J\x08\x08\rOK\x9b31m\u202eelif"
SHOWN = "\\x1b]0;owned\\x07\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\\\x1b[2J\\x08\\x08\\rOK\\x9b31m\\u202eelif"


def test_visible_escapes_every_control_but_tab_and_newline():
    assert visible(PAYLOAD) == SHOWN
    assert visible("a\tb\nc") == "a\tb\nc"
    assert one_line("a\tb\nc\r") == "a\tb\\nc\\r"
    assert visible("\x00\x7f\x85\u2066\u2069 é ☎ “ok”") == "\\x00\\x7f\\x85\\u2066\\u2069 é ☎ “ok”"
    assert not has_unsafe(visible(PAYLOAD)) and has_unsafe(PAYLOAD)
    assert visible(visible(PAYLOAD)) == visible(PAYLOAD)
    assert clip("abcdef", 4) == "abc…" and clip("abc", 4) == "abc"


@pytest.fixture
def flow(write):
    """A flow whose node id, label, option label and prompt hold the payload; `check` finds
    an unreachable node whose id holds it too."""
    text = json.dumps(PAYLOAD)  # a JSON string is a YAML double-quoted scalar
    return write("\n".join([
        "ivr: 1", f"name: {text}", "start: menu", "nodes:",
        "  menu:", "    type: menu", f"    label: {text}", f"    prompt: {json.dumps('Tapez 1. ' + PAYLOAD)}",
        f"    options: {{'1': {{label: {text}, next: {text}}}}}", "    on_max_retries: bye",
        f"  {text}: {{type: play, prompt: {text}, next: bye}}",
        f"  {json.dumps('lost' + PAYLOAD)}: {{type: play, prompt: 'Jamais.', next: bye}}",
        "  bye: {type: hangup, prompt: 'Au revoir.'}", ""]))


def test_check_text_shows_escapes_and_json_keeps_the_text(flow):
    result = run("check", str(flow), "--select", "unreachable-node")
    assert not RAW.search(result.stdout)
    assert f"(node lost{SHOWN})" in result.stdout
    report = json.loads(run("check", str(flow), "--select", "unreachable-node", "--format", "json").stdout)
    assert [f["node"] for f in report["findings"]] == ["lost" + PAYLOAD]


def test_check_colours_still_work(flow):
    result = run("check", str(flow), "--select", "unreachable-node", "--color")
    line = result.stdout.splitlines()[0]
    assert "\x1b[1m" in line and "\x1b[33m" in line  # bold file, yellow level: the tool's own codes
    assert "\x1b]" not in line and "\x07" not in line and "\u202e" not in line
    assert SHOWN.split("\\r")[0] in line


def test_render_text_tree(flow):
    result = run("render", str(flow))
    assert result.exit_code == 0, result.stderr
    assert not RAW.search(result.stdout)
    assert result.stdout.splitlines()[0] == one_line(PAYLOAD)
    assert f"├── 1 · {SHOWN} → {SHOWN} [play] “\\x1b]0;owned" in result.stdout


def test_simulate_prints_escapes_and_json_keeps_the_prompt(flow):
    result = run("simulate", str(flow), "--keys", "1")
    assert result.exit_code == 0, result.stderr
    assert not RAW.search(result.stdout + result.stderr)
    assert f"[menu] Tapez 1. {SHOWN}" in result.stdout
    assert f"[{SHOWN}] {SHOWN}" in result.stdout
    assert f"Path:    menu > {SHOWN} > bye" in result.stdout
    data = json.loads(run("simulate", str(flow), "--keys", "1", "--format", "json").stdout)
    assert [step["prompt"] for step in data["steps"]][:2] == ["Tapez 1. " + PAYLOAD, PAYLOAD]


def test_simulate_interactive_prints_escapes(flow):
    result = run("simulate", str(flow), input="1\n")
    assert result.exit_code == 0, result.stderr
    assert not RAW.search(result.stdout)
    assert f"Calling {SHOWN}" in result.stdout


def test_import_report_shows_escapes(tmp_path):
    export = json.loads((FIXTURES / "twilio_flow.json").read_text(encoding="utf-8"))
    export["description"] = PAYLOAD
    for state in export["states"]:
        if state["type"] == "brand-new-widget":
            state["type"] = "brand" + PAYLOAD
    path = tmp_path / "studio.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert not RAW.search(result.stderr)
    assert f"opaque: widget type brand{SHOWN} is not understood" in result.stderr
