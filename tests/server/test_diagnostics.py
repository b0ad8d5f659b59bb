"""Diagnostics: the findings of `ivr-lint check`, live, with exact ranges."""

from __future__ import annotations

import asyncio
import shutil

import pytest
from lsprotocol import types

from tests.conftest import REPO, run_json
from tests.server.conftest import dedent, spans

BROKEN = """\
ivr: 1
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Bienvenue."
    next: main-menu
  main-menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0."
    options:
      "0": agnet
    on_max_retries: agent
  agent:
    type: queue
"""
FIXED = BROKEN.replace("agnet", "agent")

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture
def folder(shared_folder, request):
    """One server for the module; each test works in its own folder of the workspace."""
    path = shared_folder / request.node.name
    path.mkdir()
    return path


@pytest.fixture
def client(shared_client):
    return shared_client


async def test_open_gives_the_findings_of_check_with_exact_ranges(editor, folder):
    found = await editor.open("flow.yaml", BROKEN)
    unknown = [d for d in found if d.code == "unknown-target"]
    assert len(unknown) == 1
    assert unknown[0].range == types.Range(types.Position(11, 11), types.Position(11, 16))
    assert unknown[0].severity == types.DiagnosticSeverity.Error
    assert unknown[0].source == "ivr-lint"
    assert "did you mean 'agent'" in unknown[0].message
    href = unknown[0].code_description.href
    assert href.startswith("file://") and href.endswith("unknown-target.md")
    assert "## Why is this bad" in open(href[len("file://"):], encoding="utf-8").read()
    # one set of findings: the same (rule, line, column) as the command line
    _, report = run_json("check", str(folder / "flow.yaml"))
    expected = sorted((f["rule"], f["line"] - 1, f["column"] - 1) for f in report["findings"])
    # (an engine error the command line also reports, as exit 2, is shown as an input-error at line 1)
    shown = [d for d in found if d.code != "input-error"]
    assert sorted((d.code, d.range.start.line, d.range.start.character) for d in shown) == expected


async def test_the_unsaved_buffer_is_checked_not_the_file_on_disk(editor, folder):
    await editor.open("flow.yaml", BROKEN)
    found = await editor.change("flow.yaml", FIXED)
    assert "unknown-target" not in {d.code for d in found}
    assert "agnet" in (folder / "flow.yaml").read_text()  # nothing was written
    found = await editor.change("flow.yaml", FIXED.replace("next: main-menu", "next: main-men"))
    assert spans([d for d in found if d.code == "unknown-target"]) == [("unknown-target", 6, 10, 6, 18)]


async def test_suppressions_and_settings_are_those_of_check(editor, folder):
    (folder / "pyproject.toml").write_text('[tool.ivr-lint]\nselect = ["structure"]\n')
    text = BROKEN.replace("  main-menu:\n", "  main-menu:  # ivr-lint: disable=unknown-target\n")
    found = await editor.open("flow.yaml", text)
    assert {d.code for d in found} == set()
    found = await editor.change("flow.yaml", BROKEN.replace("next: main-menu", "next: nowhere"))
    assert spans(found) == [("unknown-target", 6, 10, 6, 17), ("unknown-target", 11, 11, 11, 16),
                            ("unreachable-node", 7, 2, 7, 11), ("unreachable-node", 13, 2, 13, 7)]


async def test_a_flow_reaching_a_changed_file_through_goto_is_checked_again(editor, folder):
    editor.write("sub/etat-civil.yaml", """\
        ivr: 1
        start: choice
        nodes:
          choice:
            type: menu
            prompt: "Pour un conseiller, tapez 0."
            options: {"0": agent}
            on_max_retries: agent
          agent:
            type: queue
        """)
    main = """\
        ivr: 1
        start: welcome
        nodes:
          welcome:
            type: goto
            flow: sub/etat-civil.yaml
            node: agent
        """
    found = await editor.open("main.yaml", main)
    assert [d.code for d in found if d.severity == types.DiagnosticSeverity.Error] == []
    again = editor.expect(editor.uri("main.yaml"))
    await editor.open("sub/etat-civil.yaml")
    assert [d.code for d in await again if d.severity == types.DiagnosticSeverity.Error] == []
    # the sub-flow loses its node `agent`: the caller's goto breaks, and main.yaml says so
    found = await editor.change("sub/etat-civil.yaml", """\
        ivr: 1
        start: choice
        nodes:
          choice:
            type: hangup
        """, wait="main.yaml")
    assert spans([d for d in found if d.code == "unknown-target"]) == [("unknown-target", 6, 10, 6, 15)]


async def test_platform_exports_get_diagnostics_at_their_elements(editor, folder):
    shutil.copy(REPO / "tests" / "importers" / "fixtures" / "twilio_flow.json", folder / "studio.json")
    found = await editor.open("studio.json")
    _, report = run_json("check", str(folder / "studio.json"))
    expected = sorted((f["rule"], f["line"] - 1, f["column"] - 1) for f in report["findings"])
    assert ("unreachable-node", 115, 4) in expected  # the widget 'mystery', at its line in the export
    # (an engine error the command line also reports, as exit 2, is shown as an input-error at line 1)
    shown = [d for d in found if d.code != "input-error"]
    assert sorted((d.code, d.range.start.line, d.range.start.character) for d in shown) == expected


async def test_typing_a_flow_character_by_character_never_stops_the_server(editor, client, folder):
    """Every prefix of a flow is bad input at some point: half a key, an open quote, a tab."""
    text = dedent(BROKEN)
    await editor.open("typed.yaml", "", save=False)
    for end in range(1, len(text) + 1, 3):
        await editor.change("typed.yaml", text[:end], wait=None)
    await asyncio.sleep(0.05)
    found = await editor.change("typed.yaml", text + "\t bad: [\n")
    assert [d.code for d in found] == ["syntax-error"]
    # and it still answers requests
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri("typed.yaml"))))
    assert symbols == []
    found = await editor.change("typed.yaml", text)
    assert "unknown-target" in {d.code for d in found}


async def test_a_file_that_is_not_a_flow_gets_a_diagnostic(editor):
    found = await editor.open("compose.yaml", "services:\n  web:\n    image: nginx\n")
    schema = [(d.range.start.line, d.message) for d in found if d.code == "schema-error"]
    assert (0, "missing required field `ivr` (the format version: `ivr: 1`)") in schema


async def test_logs_go_to_the_log_channel(editor, client):
    await editor.open("flow.yaml", BROKEN)
    assert any("checked flow.yaml" in m.message for m in client.log_messages)


async def test_a_burst_of_changes_is_checked_once_after_the_pause(editor, client):
    await editor.open("flow.yaml", BROKEN)
    await editor.change("flow.yaml", BROKEN)  # checked at once: the first change after a quiet spell
    uri = editor.uri("flow.yaml")
    before = len([p for p in client.published if p.uri == uri])
    for number in range(5):
        await editor.change("flow.yaml", BROKEN.replace("Bienvenue.", f"Bienvenue {number}."), wait=None)
    found = await editor.change("flow.yaml", FIXED)
    after = [p for p in client.published if p.uri == uri][before:]
    # at most the first change of the burst (after a quiet spell) and the last one
    assert len(after) <= 2 and after[-1].version == editor.versions[uri]
    assert "unknown-target" not in {d.code for d in found}


async def test_saving_checks_the_file_again(editor, client, folder):
    await editor.open("flow.yaml", BROKEN)
    waiting = editor.expect(editor.uri("flow.yaml"))
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri("flow.yaml"))))
    found = await waiting
    assert "unknown-target" in {d.code for d in found}


async def test_a_sub_flow_opened_alone_is_checked_with_the_flows_that_enter_it(editor, folder):
    """`main.yaml` (never opened) jumps to `papers`'s node `booking`: it is no unreachable node."""
    editor.write("main.yaml", """\
        ivr: 1
        start: welcome
        nodes:
          welcome:
            type: goto
            flow: papers.yaml
            node: booking
        """)
    papers = """\
        ivr: 1
        start: choice
        nodes:
          choice:
            type: menu
            prompt: "Pour un conseiller, tapez 0."
            options: {"0": agent}
            on_max_retries: agent
          agent:
            type: queue
          booking:
            type: hangup
            prompt: "Prenez rendez-vous sur le site."
        """
    found = await editor.open("papers.yaml", papers)
    _, report = run_json("check", str(folder))
    expected = sorted((f["rule"], f["line"] - 1, f["column"] - 1) for f in report["findings"]
                      if f["file"].endswith("papers.yaml"))
    assert "unreachable-node" not in {rule for rule, _, _ in expected}
    # (an engine error the command line also reports, as exit 2, is shown as an input-error at line 1)
    shown = [d for d in found if d.code != "input-error"]
    assert sorted((d.code, d.range.start.line, d.range.start.character) for d in shown) == expected


async def test_nodes_that_move_as_lines_are_added_keep_their_findings_in_place(editor, folder):
    """Each keystroke re-reads only the nodes whose text changed: the others, moved by lines
    added or removed above them, must still be reported where they now are."""
    await editor.open("flow.yaml", BROKEN)
    edits = [
        BROKEN.replace("  main-menu:\n", "  # the main menu\n  # (two lines)\n  main-menu:\n"),
        BROKEN.replace("  main-menu:\n", "  # the main menu\n  main-menu:\n").replace("Bienvenue.", "Bonjour."),
        BROKEN.replace("    prompt: \"Bienvenue.\"\n", ""),
    ]
    where = []
    for text in edits:
        found = await editor.change("flow.yaml", text)
        (folder / "same.yaml").write_text(text, encoding="utf-8")
        _, report = run_json("check", str(folder / "same.yaml"))
        assert sorted((d.code, d.range.start.line + 1, d.range.start.character + 1) for d in found) == sorted(
            (f["rule"], f["line"], f["column"]) for f in report["findings"])
        where += spans([d for d in found if d.code == "unknown-target"])
    assert where == [("unknown-target", 13, 11, 13, 16), ("unknown-target", 12, 11, 12, 16),
                     ("unknown-target", 10, 11, 10, 16)]
