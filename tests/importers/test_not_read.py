"""Formats ivr-lint does not read are refused in one line; exports in directories are found by content."""

import json

import pytest

from tests.conftest import run
from tests.importers.util import FIXTURES

_SUPPORTED = "it reads ivr-lint flow YAML, and exports of Amazon Connect, Twilio Studio"

CASES = {
    "flow.json": (json.dumps({"version": "13", "flows": [{"uuid": "f1", "name": "Survey", "spec_version": "13.1",
                                                          "nodes": [{"uuid": "n1", "actions": [], "exits": []}]}]}),
                  "looks like a RapidPro/TextIt flow export"),
    "ncco.json": (json.dumps([{"action": "talk", "text": "Press 1 " * 2000},
                              {"action": "input", "type": ["dtmf"], "eventUrl": ["https://x/in"]}]),
                  "looks like a Vonage NCCO"),
    "app.json": (json.dumps([{"verb": "gather", "input": ["speech"], "actionHook": "/hook"}]),
                 "looks like a jambonz application"),
    "phrases.xml": ('<include><macros name="en"><macro name="menu"><input pattern="(.*)"><match>'
                    '<action function="play-file" data="ivr/menu.wav"/></match></input></macro></macros></include>',
                    "looks like a FreeSWITCH phrase file"),
    "NOTES.md": ("# Our IVR\n\nExample:\n\n```yaml\nivr: 1\nstart: a\nnodes:\n  a: {type: hangup}\n```\n",
                 "looks like a Markdown document"),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", ["import", "check"])
def test_a_format_not_read_is_refused_in_one_line(tmp_path, name, command):
    text, shape = CASES[name]
    path = tmp_path / name
    path.write_text(text)
    outcome = run(command, str(path))
    assert outcome.exit_code == 2
    errors = [line for line in outcome.stderr.splitlines() if line.startswith("ivr-lint: error")]
    assert len(errors) == 1 and shape in errors[0] and _SUPPORTED in errors[0]
    assert "--from" not in outcome.stderr and len(outcome.stderr) < 600  # the file is never quoted


def test_a_markdown_file_without_the_name_is_still_not_a_flow(tmp_path):
    path = tmp_path / "README"
    path.write_text(CASES["NOTES.md"][0])
    outcome = run("import", str(path))
    assert outcome.exit_code == 2 and "Markdown document" in outcome.stderr


def test_check_dir_finds_exports_by_content_and_counts_them(tmp_path, write):
    folder = tmp_path / "ivr"
    (folder / "sub").mkdir(parents=True)
    (folder / "studio.json").write_bytes((FIXTURES / "twilio_flow.json").read_bytes())
    (folder / "sub" / "menu.vxml").write_bytes((FIXTURES / "vxml_bank.vxml").read_bytes())
    (folder / "package.json").write_text('{"name": "x", "version": "1.0.0"}')  # not an export: ignored
    (folder / "pom.xml").write_text("<project><modelVersion>4.0.0</modelVersion></project>")
    (folder / "modules.conf").write_text("[modules]\nautoload=yes\n")
    (folder / "data.bin").write_bytes(b"\x00" * 10)
    (folder / "flow.yaml").write_text("ivr: 1\nstart: bye\nnodes:\n  bye:\n    type: hangup\n    prompt: Au revoir.\n")
    outcome = run("check", "--select", "unknown-target", str(folder))
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stdout == "No problems found in 3 files (2 platform exports).\n"
    rendered = run("render", str(folder), "-o", str(tmp_path / "out"), "--format", "mermaid")
    assert rendered.exit_code == 0, rendered.output
    assert sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file()) == \
        ["flow.mmd", "menu.mmd", "studio.mmd"]
