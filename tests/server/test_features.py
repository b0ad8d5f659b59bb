"""Definition, references, rename, outline, hover, completion and code actions, over LSP."""

from __future__ import annotations

import pytest
import pytest_asyncio
from lsprotocol import types

from tests.server.conftest import Editor

MAIN = """\
ivr: 1
start: welcome
defaults:
  on_max_retries: advisors
nodes:
  welcome:
    type: play
    prompt: "Bienvenue. Attente estimée : {wait_minutes} minutes."
    next: main-menu
  main-menu:
    type: menu
    prompt: "Pour les papiers, tapez 1. Pour un conseiller, tapez 0."
    options:
      "1": papers
      "0": {next: advisors, label: Conseiller}
  papers:
    type: goto
    flow: sub/papers.yaml
    node: choice
  advisors:
    type: queue
    queue: accueil
  after-hours:
    type: hours
    open: main-menu
"""
PAPERS = """\
ivr: 1
start: choice
nodes:
  choice:
    type: menu
    prompt: "Pour un rendez-vous, tapez 1."
    options: {"1": booking}
    on_max_retries: booking
  booking:
    type: hangup
    prompt: "Prenez rendez-vous sur le site."
"""
#: another line's flow, never opened, that sends its callers to main.yaml's advisors
OTHER = """\
ivr: 1
start: back
nodes:
  back:
    type: goto
    flow: ../main.yaml
    node: advisors
"""

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def ws(shared_client, shared_folder):
    editor = Editor(shared_client, shared_folder)
    editor.write("sub/papers.yaml", PAPERS)
    editor.write("sub/other.yaml", OTHER)
    await editor.open("main.yaml", MAIN)
    return editor


def doc(editor: Editor, name: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=editor.uri(name))


def at(line: int, character: int) -> types.Position:
    return types.Position(line, character)


def where(editor: Editor, location: types.Location) -> tuple[str, int, int, int, int]:
    name = location.uri[len(editor.folder.as_uri()) + 1:]
    r = location.range
    return name, r.start.line, r.start.character, r.end.line, r.end.character


async def definition(ws: Editor, name: str, line: int, character: int):
    result = await ws.client.text_document_definition_async(types.DefinitionParams(text_document=doc(ws, name),
                                                                                      position=at(line, character)))
    return where(ws, result) if isinstance(result, types.Location) else result


async def test_definition_from_every_kind_of_transition(ws):
    assert await definition(ws, "main.yaml", 8, 12) == ("main.yaml", 9, 2, 9, 11)  # next: main-menu
    assert await definition(ws, "main.yaml", 13, 13) == ("main.yaml", 15, 2, 15, 8)  # "1": papers
    assert await definition(ws, "main.yaml", 14, 18) == ("main.yaml", 19, 2, 19, 10)  # {next: advisors}
    assert await definition(ws, "main.yaml", 3, 20) == ("main.yaml", 19, 2, 19, 10)  # defaults
    assert await definition(ws, "main.yaml", 1, 9) == ("main.yaml", 5, 2, 5, 9)  # start
    assert await definition(ws, "main.yaml", 18, 12) == ("sub/papers.yaml", 3, 2, 3, 8)  # goto node
    assert await definition(ws, "main.yaml", 17, 14) == ("sub/papers.yaml", 3, 2, 3, 8)  # goto flow: its start
    assert await definition(ws, "main.yaml", 20, 11) is None  # a node type is no transition


async def test_references_of_a_node_across_files(ws):
    result = await ws.client.text_document_references_async(types.ReferenceParams(
        text_document=doc(ws, "main.yaml"), position=at(19, 4), context=types.ReferenceContext(include_declaration=True)))
    assert sorted(where(ws, r) for r in result) == [
        ("main.yaml", 3, 18, 3, 26), ("main.yaml", 14, 18, 14, 26), ("main.yaml", 19, 2, 19, 10),
        ("sub/other.yaml", 6, 10, 6, 18)]
    result = await ws.client.text_document_references_async(types.ReferenceParams(
        text_document=doc(ws, "main.yaml"), position=at(14, 20),
        context=types.ReferenceContext(include_declaration=False)))
    assert len(result) == 3  # from a reference too, without the declaration


async def test_rename_a_node_everywhere(ws):
    edit = await ws.client.text_document_rename_async(types.RenameParams(
        text_document=doc(ws, "main.yaml"), position=at(14, 20), new_name="agents"))
    changes = {uri[len(ws.folder.as_uri()) + 1:]: sorted((e.range.start.line, e.range.start.character,
                                                          e.range.end.character, e.new_text) for e in edits)
               for uri, edits in edit.changes.items()}
    assert changes == {
        "main.yaml": [(3, 18, 26, "agents"), (14, 18, 26, "agents"), (19, 2, 10, "agents")],
        "sub/other.yaml": [(6, 10, 18, "agents")],
    }
    assert (ws.folder / "main.yaml").read_text().count("advisors") == 3  # the server applies nothing itself
    with pytest.raises(Exception, match="already exists"):
        await ws.client.text_document_rename_async(types.RenameParams(
            text_document=doc(ws, "main.yaml"), position=at(14, 20), new_name="papers"))


async def test_outline_groups_nodes_by_type_and_shows_menu_options(ws):
    symbols = await ws.client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(ws, "main.yaml")))
    assert [(s.name, [c.name for c in s.children]) for s in symbols] == [
        ("play (1)", ["welcome"]), ("menu (1)", ["main-menu"]), ("hours (1)", ["after-hours"]),
        ("queue (1)", ["advisors"]), ("goto (1)", ["papers"])]
    menu = symbols[1].children[0]
    assert menu.selection_range == types.Range(at(9, 2), at(9, 11))
    assert menu.range == types.Range(at(9, 2), at(14, 46))
    assert [(o.name, o.detail) for o in menu.children] == [("1", "→ papers"), ("0", "→ advisors (Conseiller)")]


async def hover(ws, name, line, character) -> str | None:
    result = await ws.client.text_document_hover_async(types.HoverParams(text_document=doc(ws, name),
                                                                            position=at(line, character)))
    return result.contents.value if result else None


async def test_hover_on_a_node_a_placeholder_and_a_finding(ws):
    text = await hover(ws, "main.yaml", 9, 5)
    assert "**main-menu** — `menu`" in text
    assert "> Pour les papiers, tapez 1. Pour un conseiller, tapez 0." in text
    assert "About 4 s to say." in text
    assert "Reached from: `after-hours`, `welcome`" in text
    assert "Callers meet it when: open, open+congested" in text
    text = await hover(ws, "main.yaml", 19, 3)
    assert "Reached from: `main-menu`, `other.yaml:back`\n" in text
    text = await hover(ws, "main.yaml", 7, 45)
    assert text.startswith("`{wait_minutes}`: the platform's estimate of the caller's wait")
    await ws.open("typo.yaml", MAIN.replace("next: main-menu", "next: main-men"), save=False)
    text = await hover(ws, "typo.yaml", 8, 12)
    assert "**unknown-target** (IVR004)" in text and "Why it matters: The platform drops the call" in text


async def labels(ws, name, text, line, character):
    ws.versions[ws.uri(name)] = ws.versions.get(ws.uri(name), 1)
    await ws.change(name, text, wait=None)
    result = await ws.client.text_document_completion_async(types.CompletionParams(
        text_document=doc(ws, name), position=at(line, character)))
    return [item.label for item in result.items]


async def test_completion_where_each_thing_is_expected(ws):
    await ws.open("edit.yaml", MAIN, save=False)
    lines = MAIN.splitlines()
    # a transition: node ids
    typed = "\n".join(lines[:9] + ["    on_no_input: "] + lines[9:]) + "\n"
    assert await labels(ws, "edit.yaml", typed, 9, 17) == ["advisors", "after-hours", "main-menu", "papers",
                                                                      "welcome"]
    # a node's type
    typed = "\n".join(lines + ["  new:", "    type: "]) + "\n"
    assert "hangup" in await labels(ws, "edit.yaml", typed, 26, 10)
    # the fields of a menu not written yet
    typed = "\n".join(lines[:13] + ["    ti"] + lines[13:]) + "\n"
    found = await labels(ws, "edit.yaml", typed, 13, 6)
    assert "timeout" in found and "on_no_match" in found and "options" not in found and "next" not in found
    # keys not used yet in a menu's options
    typed = "\n".join(lines[:15] + ['      "'] + lines[15:]) + "\n"
    assert await labels(ws, "edit.yaml", typed, 15, 7) == ["2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]
    # rule names in a suppression
    typed = MAIN.replace("  papers:\n", "  papers:  # ivr-lint: disable=un\n")
    found = await labels(ws, "edit.yaml", typed, 15, 33)
    assert "unknown-target" in found and "unreachable-node" in found


async def actions(ws, name, diagnostics):
    return await ws.client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc(ws, name), range=diagnostics[0].range, context=types.CodeActionContext(diagnostics=diagnostics)))


def edits_of(action: types.CodeAction) -> list[tuple[int, int, int, int, str]]:
    return [(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.new_text)
            for edits in action.edit.changes.values() for e in edits]


async def test_code_actions_fix_what_the_findings_say(ws):
    text = """\
        ivr: 1
        start: menu
        nodes:
          menu:
            type: menu
            prompt: "Pour un conseiller, tapez 0. Pour un rappel, tapez 1."
            options:
              "0": agnet
              "1": rappel
              "2": other
            tiemout: 5
          other:
            type: menu
            prompt: "Pour un conseiller, tapez 0."
            options: {"0": agent}
          agent:
            type: queue
        """
    found = await ws.open("fix.yaml", text, save=False)
    by_rule = {}
    for d in found:
        by_rule.setdefault(d.code, []).append(d)
    typo = [d for d in by_rule["unknown-target"] if d.range.start.line == 7]
    titles = {a.title: a for a in await actions(ws, "fix.yaml", typo)}
    assert edits_of(titles["Replace with 'agent'"]) == [(7, 11, 7, 16, "agent")]
    assert edits_of(titles["Disable unknown-target for node 'menu'"]) == [
        (3, 7, 3, 7, "  # ivr-lint: disable=unknown-target")]
    missing = [d for d in by_rule["unknown-target"] if d.range.start.line == 8]
    titles = {a.title: a for a in await actions(ws, "fix.yaml", missing)}
    assert edits_of(titles["Create node 'rappel' (callback)"]) == [
        (16, 15, 16, 15, '\n  rappel:\n    type: callback\n    prompt: "TODO: rappel"')]
    schema = [d for d in by_rule["schema-error"] if "tiemout" in d.message]
    titles = {a.title: a for a in await actions(ws, "fix.yaml", schema)}
    assert edits_of(titles["Replace with 'timeout'"]) == [(10, 4, 10, 11, "timeout")]
    handling = by_rule["missing-error-handling"]
    titles = {a.title: a for a in await actions(ws, "fix.yaml", handling)}
    assert edits_of(titles["Add on_max_retries: agent to 'other'"]) == [(15, 0, 15, 0, "    on_max_retries: agent\n")]
