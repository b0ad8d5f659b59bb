"""What a diagram shows, asserted on specific nodes and edges: scenarios, lint marks, clusters,
joined flows, labels, merged and omitted edges. No Graphviz needed."""

from __future__ import annotations

import re

import pytest

from ivr_lint.analysis.scenarios import Scenario
from ivr_lint.config import Config
from ivr_lint.engine import check_paths
from ivr_lint.findings import Severity
from ivr_lint.project import Project
from ivr_lint.render.dot import to_dot
from ivr_lint.render.model import RenderOptions, build_diagram, excerpt
from tests.conftest import FLOWS, MINIMAL
from tests.render.conftest import fixed_seconds, generated_flow

CAF = str(FLOWS / "caf-gironde.yaml")
NANTES = str(FLOWS / "mairie-nantes.yaml")


def diagram_of(path, **options):
    project = Project([str(path)])
    loaded = project.load(str(path))
    project.link()
    findings = options.pop("findings", ())
    return build_diagram(project, loaded, RenderOptions(**options), findings)


def edge(diagram, source, target, style=None):
    found = [e for e in diagram.edges if e.source == source and e.target == target
             and (style is None or e.style == style)]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def caf():
    return diagram_of(CAF)


def test_nodes_in_file_order_with_id_prompt_excerpt_and_duration(caf):
    flow = Project([CAF]).load(CAF).flow
    assert list(caf.nodes) == list(flow.nodes)
    menu = caf.nodes["main-menu"]
    assert (menu.type, menu.label) == ("menu", "Menu principal")
    assert menu.excerpt == "Pour un paiement ou une attestation, tapez…"
    assert menu.prompt == flow.nodes["main-menu"].prompt_text  # the whole prompt, for the tooltip
    assert menu.seconds == fixed_seconds(menu.prompt, "fr")
    assert caf.nodes["advisors"].detail == "caf33-conseillers · wait ≤ 15 min"
    assert caf.nodes["allocataire-number"].detail == "7 digits → numero_allocataire"
    assert caf.nodes["check-hours"].seconds is None  # no prompt, no duration
    assert [n.key for n in caf.starts()] == ["welcome"]


def test_the_real_speech_estimate_is_used(monkeypatch):
    import ivr_lint.text.spoken as spoken

    monkeypatch.undo()  # drop the fixed rate of conftest for this test
    node = diagram_of(CAF).nodes["main-menu"]
    assert node.seconds == pytest.approx(spoken.estimate_seconds(node.prompt, "fr"))


def test_excerpt_cuts_at_a_word():
    assert excerpt("Bonjour.") == "Bonjour."
    assert excerpt("un " * 30, limit=10) == "un un un…"
    assert excerpt("x" * 50, limit=10) == "xxxxxxxxxx…"


def test_key_edges_carry_key_and_label(caf):
    assert edge(caf, "main-menu", "payments-menu").label == "1 · Paiements et attestations"
    assert edge(caf, "payments-menu", "payment-dates").label == "1"
    assert edge(caf, "welcome", "check-hours").label == ""  # a plain `next`


def test_each_error_path_has_its_own_style(caf):
    assert edge(caf, "main-menu", "advisors", "max-retries").label == "max retries"
    assert edge(caf, "anything-else", "end-info", "no-input").label == "no input"
    assert edge(caf, "allocataire-number", "allocataire-invalid").style == "no-match"
    assert edge(caf, "check-hours", "closed-message").style == "closed"
    assert edge(caf, "check-hours", "holiday-message").style == "closed"
    assert edge(caf, "advisors", "busy-menu").style == "congestion"
    assert edge(caf, "advisors", "callback-request").style == "timeout"
    assert edge(caf, "check-hours", "main-menu").style == "open"


def test_builtin_replays_are_omitted_but_written_repeats_are_drawn(caf):
    self_loops = [e for e in caf.edges if e.source == e.target]
    assert {(e.source, e.label) for e in self_loops} == {
        ("main-menu", "*"), ("payments-menu", "*"), ("situation-menu", "*"), ("anything-else", "*")}
    assert "replays 2×" in caf.nodes["main-menu"].tooltip


def test_implicit_holiday_and_parallel_edges_are_merged(write):
    path = write(MINIMAL.replace("start: menu", "start: hours").replace("nodes:\n", """nodes:
  hours:
    type: hours
    open: menu
    closed: menu
""").replace('options: {"0": agent}', 'options: {"0": agent, "1": agent, "2": {next: agent, label: Autre}}'))
    diagram = diagram_of(path)
    assert edge(diagram, "hours", "menu", "closed").label == "closed / holiday"
    assert edge(diagram, "menu", "agent", "key").label == "0 / 1 / 2 · Autre"


def test_scenario_closed_greys_the_open_side(caf):
    closed = diagram_of(CAF, scenario=Scenario.parse("closed"))
    active = {key for key, node in closed.nodes.items() if node.active}
    assert active == {"welcome", "check-hours", "closed-message", "goodbye"}
    assert edge(closed, "check-hours", "closed-message").active
    assert not edge(closed, "check-hours", "main-menu").active
    assert not edge(closed, "check-hours", "holiday-message").active
    assert not edge(closed, "main-menu", "payments-menu").active  # out of a greyed node


def test_scenario_congestion_is_only_met_when_congested():
    open_ = diagram_of(CAF, scenario=Scenario.parse("open"))
    congested = diagram_of(CAF, scenario=Scenario.parse("congested"))
    assert not open_.nodes["busy-menu"].active
    assert not edge(open_, "advisors", "busy-menu").active
    assert congested.nodes["busy-menu"].active
    assert edge(congested, "advisors", "busy-menu").active
    assert not congested.nodes["closed-message"].active


def test_scenario_greying_in_dot():
    dot = to_dot(diagram_of(CAF, scenario=Scenario.parse("holiday")))
    line = next(l for l in dot.splitlines() if l.startswith('  "main-menu" ['))
    assert 'class="ivr-node type-menu off"' in line and 'fillcolor="#F4F4F4"' in line
    line = next(l for l in dot.splitlines() if l.startswith('  "holiday-message" ['))
    assert " off" not in line
    assert "scenario: holiday</FONT>" in dot and "not met: holiday</FONT>" in dot  # subtitle, legend


def test_lint_marks_nodes_with_errors_and_warnings(write):
    text = MINIMAL.replace('"0": agent', '"0": agent, "1": agnet').replace("    on_max_retries: agent\n", "") + """\
  orphan:
    type: hangup
"""
    path = write(text)
    config = Config()
    config.select = ["unknown-target", "unreachable-node", "missing-error-handling"]
    findings = check_paths([str(path)], config).findings
    diagram = diagram_of(path, lint=True, findings=findings)
    menu, orphan, agent = diagram.nodes["menu"], diagram.nodes["orphan"], diagram.nodes["agent"]
    assert menu.worst == Severity.ERROR and {m.rule for m in menu.marks} == {"unknown-target",
                                                                           "missing-error-handling"}
    assert orphan.worst == Severity.WARNING and orphan.marked
    assert not agent.marks
    assert "error [unknown-target]" in menu.tooltip and "[unreachable-node]" in orphan.tooltip
    missing = diagram.nodes["agnet"]
    assert missing.missing and edge(diagram, "menu", "agnet").label == "1"
    dot = to_dot(diagram)
    menu_line = next(l for l in dot.splitlines() if l.startswith('  "menu" ['))
    assert "lint-error" in menu_line and 'color="#D50000"' in menu_line and "✖ unknown-target" in menu_line
    assert "lint-warning" in next(l for l in dot.splitlines() if l.startswith('  "orphan" ['))
    assert "lint" not in next(l for l in dot.splitlines() if l.startswith('  "agent" ['))
    assert "lint: 1 error, 2 warnings" in diagram.subtitle


def test_branch_clusters_hold_a_choice_and_what_only_it_leads_to():
    branches = diagram_of(CAF, clusters="branches")
    groups = {g.label: g.members for g in branches.groups}
    assert groups["Paiements"] == ["payments-menu", "payment-dates", "payment-certificate"]
    assert groups["Conseillers 3230"] == ["advisors", "busy-menu", "callback-request"]
    assert "anything-else" not in {m for members in groups.values() for m in members}  # shared
    assert diagram_of(CAF, clusters="none").groups == []


def test_auto_clusters_only_left_to_right(caf):
    """Top-down, each branch hangs under its key in the menu's order, which clusters would
    undo; left to right (large flows), the boxes are drawn."""
    assert caf.direction == "TB" and caf.groups == []
    assert 'ordering="out"' in to_dot(caf)
    wide = diagram_of(CAF, direction="LR")
    assert {g.label for g in wide.groups} >= {"Paiements", "Conseillers 3230"}
    assert 'ordering="out"' not in to_dot(wide)


def test_follow_joins_the_goto_target_as_a_cluster():
    alone = diagram_of(NANTES)
    joined = diagram_of(NANTES, follow=True)
    assert [f.key for f in alone.flows] == ["mairie-nantes"]
    assert [f.key for f in joined.flows] == ["mairie-nantes", "mairie-nantes-etat-civil"]
    goto = edge(joined, "etat-civil", "mairie-nantes-etat-civil::etat-civil-menu")
    assert goto.style == "goto"
    # only what the jump enters is drawn: the sub-flow's own welcome and hours check are not
    assert "mairie-nantes-etat-civil::welcome" not in joined.nodes
    assert "mairie-nantes-etat-civil::ec-agents" in joined.nodes
    assert not any(n.start for n in joined.nodes.values() if n.flow != "mairie-nantes")
    dot = to_dot(joined)
    assert 'subgraph "cluster_flow:mairie-nantes"' in dot
    assert 'subgraph "cluster_flow:mairie-nantes-etat-civil"' in dot


def test_follow_with_a_scenario_greys_the_joined_flow_too():
    closed = diagram_of(NANTES, follow=True, scenario=Scenario.parse("closed"))
    assert not closed.nodes["mairie-nantes-etat-civil::etat-civil-menu"].active
    opened = diagram_of(NANTES, follow=True, scenario=Scenario.parse("open"))
    assert opened.nodes["mairie-nantes-etat-civil::etat-civil-menu"].active
    assert not opened.nodes["mairie-nantes-etat-civil::ec-busy"].active


def test_direction_auto_goes_left_to_right_for_wide_trees(write):
    assert diagram_of(CAF).direction == "TB"
    assert diagram_of(CAF, direction="LR").direction == "LR"
    options = "\n".join(f'      "{k}": info{k}' for k in range(10))
    infos = "".join(f"  info{k}:\n    type: hangup\n" for k in range(10))
    wide = write(f"ivr: 1\nstart: menu\nnodes:\n  menu:\n    type: menu\n    options:\n{options}\n{infos}")
    assert diagram_of(wide).direction == "LR"


def test_large_flows_draw_much_shared_nodes_once(tmp_path):
    diagram = diagram_of(generated_flow(tmp_path / "big.yaml", 120))
    into_agent = [e for e in diagram.edges if e.target == "agent"]
    assert len({e.source for e in into_agent if not e.ref}) == 1  # one real edge...
    assert sum(e.ref for e in into_agent) > 50  # ...and references beside each menu
    dot = to_dot(diagram)
    assert dot.count('class="ivr-ref"') == len({e.source for e in into_agent if e.ref})


def test_the_header_lists_a_few_file_findings_and_counts_the_rest(caf):
    """`dot` refuses a label over 16 KiB: a flow with hundreds of file-level findings still draws."""
    from ivr_lint.render.model import Note

    caf.notes = [Note(Severity.ERROR, f"error [rule-{i}] line {i}: {'x' * 500}") for i in range(40)]
    header = to_dot(caf).split("\n")[1]
    assert len(re.findall(r"error \[rule-\d+&#93;", header)) == 7
    assert "… and 33 more (`ivr-lint check` lists them all)" in header
    assert len(header.encode("utf-8")) < 16_000
