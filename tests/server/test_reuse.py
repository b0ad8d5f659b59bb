"""The server's builds re-use the nodes whose text did not change (ivr_lint.model.builder.NodeMemory),
and its checks move the findings of an edit that only moved lines (ivr_lint.server.reuse): after
any edit, the flow and the findings are exactly those of a build, and a check, from nothing."""

from __future__ import annotations

import dataclasses
import random
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivr_lint.findings import Pos
from ivr_lint.loading.source import ContentError, SourceText
from ivr_lint.loading.yamlparse import compose
from ivr_lint.model.builder import FlowBuilder, NodeMemory, remembering
from ivr_lint.server.reuse import LineShift, line_shift
from ivr_lint.server.workspace import Workspace
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402

PATH = "/flows/edited.yaml"
FLOWS = sorted(p for folder in ("flows", "examples") for p in (REPO / folder).glob("*.yaml")
               if p.name.count(".") == 1)  # not the journeys and traffic files
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in FLOWS}
TEXTS["generated"] = generate(60)
TEXTS["faults"] = """\
ivr: 1
start: welcome
defaults:
  timeout: 4
nodes:
  welcome:
    type: play
    prompt: "Bienvenue. Pour réécouter, tapez *"
    next: menu
  menu:
    type: menu
    prompt: "Tapez 1 ou 2."
    options:
      "1": {nxt: agent}
      "2": [agent, gone]
      "*": {repeat: true}
    retries: lots
  typo:
    type: plya
    prompt: ["Un.", "Deux."]
    next: agent
  "":
    type: hangup
  agent:
    type: queue
    queue: accueil
    prompt: {fr-FR: "Un conseiller.", en-GB: "An advisor."}
  hours:
    type: hours
    open: agent
    schedule: nowhere
  scalar: just text
"""


def snapshot(value):
    """Everything a built value holds, as plain data (positions included)."""
    if isinstance(value, Pos):
        return ("Pos", value.line, value.column, value.file)
    if isinstance(value, dict):
        return {key: snapshot(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [snapshot(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(item) for item in value)
    if hasattr(value, "__dict__"):
        return (type(value).__name__, {key: snapshot(item) for key, item in sorted(vars(value).items())})
    return value


def build(text: str, memory: NodeMemory | None):
    source = SourceText(name="edited.yaml", text=text, path=PATH)
    try:
        root = compose(text)
    except ContentError:
        return None
    with remembering({PATH: memory} if memory is not None else {}):
        builder = FlowBuilder(source)
        flow = builder.build(root)
    return snapshot(flow), [dataclasses.asdict(f) for f in builder.findings]


def edit(text: str, choice: random.Random) -> str:
    lines = text.split("\n")
    at = choice.randrange(len(lines))
    how = choice.choice(["add", "add", "drop", "char", "blank", "copy"])
    if how == "add":
        lines.insert(at, choice.choice(["# a note", "    # indented note", "", "  extra:", "    label: x"]))
    elif how == "drop":
        del lines[at]
    elif how == "blank":
        lines[at:at] = ["", ""]
    elif how == "copy":
        lines.insert(at, lines[at])
    elif lines[at]:
        column = choice.randrange(len(lines[at]))
        lines[at] = lines[at][:column] + choice.choice("ax1 :-\"'*&é") + lines[at][column + 1:]
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_edits_build_what_a_fresh_build_gives(name):
    memory = NodeMemory()
    choice = random.Random(name)
    text = TEXTS[name]
    assert build(text, memory) == build(text, None)
    for _ in range(25):
        text = edit(text, choice)
        assert build(text, memory) == build(text, None), text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(TEXTS)), st.lists(st.integers(0, 2 ** 32), min_size=1, max_size=6))
def test_any_edit_sequence(name, seeds):
    memory = NodeMemory()
    text = TEXTS[name]
    build(text, memory)
    for seed in seeds:
        text = edit(text, random.Random(seed))
        assert build(text, memory) == build(text, None), text


def test_unchanged_nodes_are_reused_and_moved_ones_get_their_new_lines():
    memory = NodeMemory()
    text = TEXTS["faults"]
    build(text, memory)
    kept = {key[0].split(":")[0]: built.node for key, built in memory.nodes.items() if built.node is not None}
    moved = text.replace("  welcome:\n", "  # the greeting\n\n  welcome:\n")
    fresh, findings = build(moved, memory)
    again = {key[0].split(":")[0]: built.node for key, built in memory.nodes.items() if built.node is not None}
    assert again["welcome"] is not kept["welcome"]  # moved: re-based, not the same object
    build(moved.replace("Tapez 1 ou 2.", "Tapez 1, ou 2."), memory)
    after = {key[0].split(":")[0]: built.node for key, built in memory.nodes.items() if built.node is not None}
    assert after["welcome"] is again["welcome"] and after["agent"] is again["agent"]  # re-used as they were
    assert after["menu"] is not again["menu"]  # its text changed
    assert fresh[1]["nodes"]["agent"][1]["pos"] == ("Pos", 26, 3, None)
    assert (fresh, findings) == build(moved, None)
    unknown = [f for f in findings if f["message"].startswith("unknown node type 'plya'")]
    assert [(f["line"], f["column"]) for f in unknown] == [(21, 11)]


def test_a_file_with_an_anchor_is_built_whole():
    memory = NodeMemory()
    text = TEXTS["faults"].replace("  agent:\n    type: queue", "  agent: &queue\n    type: queue")
    build(text, memory)
    assert memory.nodes == {}
    assert build(text.replace("Tapez 1 ou 2.", "Tapez 1, 2."), memory) == build(
        text.replace("Tapez 1 ou 2.", "Tapez 1, 2."), None)


def test_a_batch_build_keeps_nothing():
    source = SourceText(name="edited.yaml", text=TEXTS["faults"], path=PATH)
    assert FlowBuilder(source).memory is None


# -- findings moved when an edit only moved lines (ivr_lint.server.reuse) -------------------

TEXTS["scalars"] = """\
ivr: 1
start: welcome
nodes:
  welcome:   # ivr-lint: disable=long-prompt
    type: play
    prompt: |
      Bienvenue au service.

      # ceci fait partie du message
    next: menu
  menu:
    type: menu
    prompt: "Pour un conseiller,
      tapez 0.

      Pour nos horaires, tapez 1."
    options:
      "0": agent
      "1": hours-info
      "1": agnet
    on_max_retries: agent
  hours-info:
    type: play
    prompt: >-
      Nous sommes ouverts
      du lundi au vendredi.
    next: goodbye
  agent:
    type: queue
    queue: accueil
  goodbye:   # ivr-lint: disable=dead-end
    type: hangup
"""
SERVICE = """\
name: "Service de test"
phone: "08 99 12 34 56"
"""


def line_edit(text: str, choice: random.Random) -> str:
    """An edit that moves lines: a comment or blank line added or removed anywhere (inside a
    block scalar or a quoted text too, where it is not a comment), or else any edit."""
    lines = text.split("\n")
    at = choice.randrange(1, len(lines))
    how = choice.choice(["comment", "comment", "blank", "drop", "drop", "other"])
    if how == "comment":
        lines.insert(at, " " * choice.choice([0, 2, 4, 6]) + choice.choice(["# a note", "#", "# ivr-lint: x"]))
    elif how == "blank":
        lines.insert(at, choice.choice(["", "  "]))
    elif how == "drop":
        blank = [n for n, line in enumerate(lines) if n and (not line.strip() or line.strip().startswith("#"))]
        if blank:
            del lines[choice.choice(blank)]
    else:
        return edit(text, choice)
    return "\n".join(lines)


def checked(workspace: Workspace, path, text: str):
    workspace.open(str(path), text)
    try:
        states = workspace.check(str(path))
    except Exception as error:  # noqa: BLE001 - an input error: the same for both
        return type(error).__name__, str(error)
    found = {key: [dataclasses.asdict(f) for f in state.findings] for key, state in states.items()}
    past = workspace.past.get(str(path.resolve()))  # as check_file gave them: with those about inherited data
    found["raw"] = [dataclasses.asdict(f) for f in past.findings] if past is not None else None
    return found


def fresh(folder, path, text: str):
    return checked(Workspace([str(folder)]), path, text)


@pytest.fixture
def service_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "service.yaml").write_text(SERVICE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_findings_after_line_edits_are_those_of_a_fresh_check(name, service_folder):
    path = service_folder / "flow.yaml"
    path.write_text(TEXTS[name], encoding="utf-8")
    workspace = Workspace([str(service_folder)])
    choice = random.Random(f"lines {name}")
    text = TEXTS[name]
    assert checked(workspace, path, text) == fresh(service_folder, path, text)
    for _ in range(12):
        text = line_edit(text, choice)
        assert checked(workspace, path, text) == fresh(service_folder, path, text), text
    assert workspace.reused > 0  # (the seeded edits include some that only move lines)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["scalars", "faults", "broken-menu.yaml", "caf-gironde.yaml"]),
       st.lists(st.integers(0, 2 ** 32), min_size=1, max_size=5))
def test_any_line_edit_sequence_gives_the_findings_of_a_fresh_check(service_folder, name, seeds):
    path = service_folder / "flow.yaml"
    workspace = Workspace([str(service_folder)])
    text = TEXTS[name]
    checked(workspace, path, text)
    for seed in seeds:
        text = line_edit(text, random.Random(seed))
        assert checked(workspace, path, text) == fresh(service_folder, path, text), text


def test_a_comment_above_the_nodes_moves_the_findings_without_running_the_rules(service_folder):
    path = service_folder / "flow.yaml"
    text = TEXTS["scalars"].replace('"1": agnet', '"2": agnet')
    workspace = Workspace([str(service_folder)])
    before = checked(workspace, path, text)[str(path.resolve())]
    moved = text.replace("nodes:\n", "nodes:\n  # the nodes\n\n")
    after = checked(workspace, path, moved)[str(path.resolve())]
    assert workspace.reused == 1
    assert [(f["rule"], f["line"] + 2 if f["line"] > 3 else f["line"], f["column"])
            for f in before if f["file"].endswith("flow.yaml")] == [
        (f["rule"], f["line"], f["column"]) for f in after if f["file"].endswith("flow.yaml")]
    assert ("unknown-target", 22, 12) in [(f["rule"], f["line"], f["column"]) for f in after]
    assert after == fresh(service_folder, path, moved)[str(path.resolve())]
    raw = checked(workspace, path, moved.replace("nodes:\n", "nodes:\n\n"))["raw"]
    assert workspace.reused == 2
    assert [(f["rule"], f["line"]) for f in raw if f["file"].endswith("service.yaml")] == [
        ("missing-service-info", 1), ("surcharged-number", 2), ("no-accessible-channel", 1)]  # (where written)


def test_a_message_that_names_a_line_is_written_again(service_folder):
    path = service_folder / "flow.yaml"
    workspace = Workspace([str(service_folder)])
    checked(workspace, path, TEXTS["scalars"])
    moved = TEXTS["scalars"].replace("nodes:\n", "nodes:\n  # the nodes\n")
    after = checked(workspace, path, moved)
    assert workspace.reused == 0
    assert [f["message"] for f in after[str(path.resolve())] if f["rule"] == "duplicate-key"] == [
        "key '1' is repeated in `options` in node `menu` (first at line 20); YAML keeps only the last one"]


@pytest.mark.parametrize("where, inserted", [
    ("      Bienvenue au service.\n", "      # dans le message\n"),  # inside a literal block: text
    ("      tapez 0.\n", "\n"),  # inside a quoted text: a line break of the prompt
    ("    prompt: >-\n", "\n"),  # a folded block's first line: still text
    ("  welcome:   # ivr-lint: disable=long-prompt\n", "  # ivr-lint: disable=all\n"),
])
def test_a_line_that_changes_what_the_file_says_is_checked(service_folder, where, inserted):
    path = service_folder / "flow.yaml"
    text = TEXTS["scalars"]
    workspace = Workspace([str(service_folder)])
    checked(workspace, path, text)
    edited = text.replace(where, where + inserted)
    assert checked(workspace, path, edited) == fresh(service_folder, path, edited)


def test_a_changed_service_file_is_seen_after_a_moved_line(service_folder):
    path = service_folder / "flow.yaml"
    text = TEXTS["scalars"]
    workspace = Workspace([str(service_folder)])
    checked(workspace, path, text)
    (service_folder / "service.yaml").write_text(SERVICE.replace("08 99", "01 23"), encoding="utf-8")
    moved = text.replace("nodes:\n", "nodes:\n  # the nodes\n")
    assert checked(workspace, path, moved) == fresh(service_folder, path, moved)


def test_line_shift():
    assert line_shift("a\nb\nc\nd", "a\nb\n# x\n\nc\nd") == LineShift(2, 2, 2)
    assert line_shift("a\nb\n  # x\nc", "a\nb\nc") == LineShift(2, 3, -1)
    shift = line_shift("a\nb\n# x\nc", "a\nb\n# y\n\nc")
    assert [shift(n) for n in (1, 2, 3, 4)] == [1, 2, None, 5]
    assert line_shift("a\nb\nc", "a\nb\nd\nc") is None  # a line that says something: the model changed
    assert line_shift("a\nb\nc", "a\nb #\nc") is None  # a comment at the end of a line that says something
    assert line_shift("a\nb", "# x\na\nb") is None  # line 1 moved: a finding with no place stays at 1:1
    assert line_shift("a\nb", "a\nb") is None
    assert line_shift("a\r\nb", "a\r\n\nb") is None  # another line break than \n: YAML counts it


LINES = st.sampled_from(["a", "b: 1", "# c", "  # d", "", "  ", "#", "  e: [1,"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8), st.lists(st.tuples(st.integers(0, 8), st.integers(0, 2), LINES),
                                                         min_size=1, max_size=3))
def test_a_line_shift_maps_every_line_it_keeps_to_the_same_text(lines, edits):
    """Whatever the edit, a map says where each old line is now, and the lines it drops or
    adds are blank or comments."""
    edited = list(lines)
    for at, how, line in edits:
        at = min(at, len(edited))
        if how == 0:
            edited.insert(at, line)
        elif edited:
            at = min(at, len(edited) - 1)
            if how == 1:
                del edited[at]
            else:
                edited[at] += line
    old, new = "\n".join(lines), "\n".join(edited)
    shift = line_shift(old, new)
    if shift is None:
        return
    before, after = old.split("\n"), new.split("\n")
    ignorable = [not line.strip() or line.lstrip().startswith("#") for line in after]
    images = []
    for number, line in enumerate(before, 1):
        moved = shift(number)
        if moved is None:
            assert not line.strip() or line.lstrip().startswith("#")
        else:
            assert after[moved - 1] == line
            images.append(moved)
    assert images == sorted(set(images)) and shift(1) == 1
    assert all(ignorable[number - 1] for number in range(1, len(after) + 1) if number not in images)
