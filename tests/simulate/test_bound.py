"""The lower bound `journeys` prints: exact, with or without the generated journeys to start from.

The reference is computed here another way: a minimum-cost circulation (networkx's network
simplex) on the graph of strongly connected components, where the only cost is one per
journey (the edge back from the end to the start) and each component link needs as many
crossings as it carries covered edges of the flow.
"""

import random
from datetime import date

import networkx as nx
import pytest

from ivr_lint.simulate import bound
from ivr_lint.simulate.bound import lower_bound
from ivr_lint.simulate.generate import generate
from ivr_lint.simulate.loading import load_flow
from tests.simulate.test_long_journeys import long_chain


def tangled(seed: int, size: int) -> str:
    """Menus whose keys go anywhere (back to the start, sideways, to themselves), messages, an agent."""
    rng = random.Random(seed)
    lines = ["ivr: 1\nstart: n0\nnodes:\n"]
    for i in range(size):
        targets = [f"n{rng.randrange(size)}" if rng.random() < 0.6 else "agent" for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:  # a message leads further on (a loop of messages would trap the call)
            onward = f"n{rng.randrange(i + 1, size)}" if i + 1 < size and rng.random() < 0.7 else "agent"
            lines.append(f'  n{i}: {{type: play, prompt: "Message {i}.", next: {onward}}}\n')
            continue
        options = ", ".join(f'"{k + 1}": {t}' for k, t in enumerate(targets))
        lines.append(f'  n{i}: {{type: menu, prompt: "Menu {i}.", options: {{{options}}}, on_max_retries: agent}}\n')
    lines.append('  agent: {type: queue, prompt: "Un conseiller va vous répondre."}\n')
    return "".join(lines)


def reference(analysis, scenario, required) -> int:
    """Fewest journeys crossing each component link as often as it has required edges (min-cost circulation)."""
    graph = nx.DiGraph()
    moves = [m for g in analysis.graphs_of(scenario) for out in g.out.values() for m in out
             if m.target is not None and not m.loop]
    graph.add_nodes_from(name for g in analysis.graphs_of(scenario) for name in g.out)
    graph.add_edges_from((m.source, m.target) for m in moves)
    part = {n: i for i, members in enumerate(nx.strongly_connected_components(graph)) for n in members}
    start = part[next(iter(analysis.graphs_of(scenario)[0].depth))]
    need: dict[tuple[int, int], int] = {}
    for move in {m.edge: m for m in moves if m.edge in required}.values():
        a, b = part[move.source], part[move.target]
        if a != b:
            need[(a, b)] = need.get((a, b), 0) + 1
    if not need:
        return 1 if required else 0
    # flow = lower + extra; each lower bound moves demand to the link's ends
    circulation = nx.DiGraph()
    demand = {c: 0 for c in set(part.values()) | {"end"}}
    for a, b in {(part[m.source], part[m.target]) for m in moves if part[m.source] != part[m.target]}:
        circulation.add_edge(a, b, weight=0)
        demand[a] += need.get((a, b), 0)
        demand[b] -= need.get((a, b), 0)
    for c in set(part.values()):
        circulation.add_edge(c, "end", weight=0)
    circulation.add_edge("end", start, weight=1)  # each unit on it is one journey
    for node, value in demand.items():
        circulation.add_node(node, demand=value)
    cost, _ = nx.network_simplex(circulation)
    return cost


def bounds(text, write, name):
    loaded = load_flow(str(write(text, name)))
    generated = generate(loaded.project, loaded.file, date(2026, 12, 1))
    analysis = generated.analysis
    expected = sum(reference(analysis, s, edges) for s, edges in generated.covered.items())
    return generated, expected


@pytest.mark.parametrize("seed", range(24))
def test_the_bound_is_the_minimum_flow_on_tangled_menus(write, seed):
    generated, expected = bounds(tangled(seed, 6 + seed), write, f"tangled-{seed}.yaml")
    assert lower_bound(generated.analysis, generated.covered, generated.journeys) == expected
    assert lower_bound(generated.analysis, generated.covered) == expected
    assert expected <= len(generated.journeys)  # the generated set is one of the covering sets


def test_a_chain_needs_two_journeys_whichever_the_start(write):
    generated, expected = bounds(long_chain(300), write, "chain.yaml")
    assert expected == 2
    assert lower_bound(generated.analysis, generated.covered, generated.journeys) == 2
    assert lower_bound(generated.analysis, generated.covered) == 2


@pytest.mark.parametrize("seed", range(8))
def test_past_its_budget_the_bound_is_a_cut_and_still_a_lower_bound(write, monkeypatch, seed):
    generated, expected = bounds(tangled(100 + seed, 12), write, f"budget-{seed}.yaml")
    monkeypatch.setattr(bound, "BUDGET", 0)
    monkeypatch.setattr(bound, "_MIN_WORK", 0)
    cut = lower_bound(generated.analysis, generated.covered)
    assert 1 <= cut <= expected
    # with the journeys as its start, a flow that is already minimal needs no search past the first
    started = lower_bound(generated.analysis, generated.covered, generated.journeys)
    assert cut <= started <= expected


TWO_WAYS = """\
ivr: 1
start: s
nodes:
  s: {type: menu, prompt: "Un, deux ou trois.", options: {"1": a, "2": b, "3": b}, on_max_retries: e}
  a: {type: play, prompt: "A.", next: c}
  c: {type: menu, prompt: "Un ou deux.", options: {"1": e, "2": e}, on_max_retries: e}
  b: {type: play, prompt: "B.", next: d}
  d: {type: play, prompt: "D.", next: e}
  e: {type: queue, prompt: "Un conseiller va vous répondre."}
"""


def test_a_cut_that_is_no_head_of_the_order_is_found_by_the_search_only(write, monkeypatch):
    # keys 2 and 3 of s (to b) and the three ways from c to the agent cannot share a journey,
    # nor can s's own max-retries: 6; the best cut after the first k nodes in order s a b c d e is 5
    generated, expected = bounds(TWO_WAYS, write, "two-ways.yaml")
    assert expected == 6 == lower_bound(generated.analysis, generated.covered)
    monkeypatch.setattr(bound, "BUDGET", 0)
    monkeypatch.setattr(bound, "_MIN_WORK", 0)
    assert lower_bound(generated.analysis, generated.covered) == 5
    assert lower_bound(generated.analysis, generated.covered, generated.journeys) == 6  # already minimal
