"""The server's builds re-use the nodes whose text did not change (ivr_lint.model.builder.NodeMemory):
after any edit, the flow and the findings are exactly those of a build from nothing."""

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
