"""The light graphs `check` walks give the answers networkx gives on the same graphs.

trap-loop reports the bottom strongly connected components, queue-reachable-when-closed
quotes the fewest-steps way; both used networkx before `check` stopped importing it.
Seeded random graphs of every density, with self-loops and parallel edges.
"""

import random

import networkx as nx
import pytest

from ivr_lint.analysis.digraph import Digraph, MultiDigraph, bfs_reach, bottom_components, shortest_path, to_networkx


def _graphs(seed: int):
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randint(1, 25))]
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 3 * len(nodes)))]
    light, reference = MultiDigraph(), nx.MultiDiGraph()
    light.add_nodes_from(nodes)
    reference.add_nodes_from(nodes)
    for u, v in edges:
        light.add_edge(u, v, t=(u, v))
        reference.add_edge(u, v, t=(u, v))
    return rng, nodes, light, reference


@pytest.mark.parametrize("seed", range(100))
def test_bottom_components_are_networkx_condensation_sinks(seed):
    rng, nodes, light, reference = _graphs(seed)
    subset = set(rng.sample(nodes, rng.randint(1, len(nodes))))
    condensed = nx.condensation(reference.subgraph(subset))
    expected = sorted(sorted(condensed.nodes[c]["members"]) for c in condensed if condensed.out_degree(c) == 0)
    assert sorted(sorted(c) for c in bottom_components(light, subset)) == expected


@pytest.mark.parametrize("seed", range(100))
def test_shortest_path_and_reach_are_networkx_s(seed):
    rng, nodes, light, reference = _graphs(seed)
    simple, simple_reference = Digraph(), nx.DiGraph(reference)
    simple.add_nodes_from(nodes)
    for u, v in reference.edges():
        simple.add_edge(u, v)
    sources = set(rng.sample(nodes, rng.randint(1, min(3, len(nodes)))))
    reach = set(sources).union(*(nx.descendants(simple_reference, s) for s in sources))
    assert bfs_reach(light, sources) == bfs_reach(simple, sources) == reach
    assert bfs_reach(light.reverse(), sources) == set(sources).union(*(nx.ancestors(reference, s) for s in sources))
    target = rng.choice(sorted(reach))
    assert shortest_path(simple, sources, target) == nx.multi_source_dijkstra(simple_reference, sources, target)[1]


@pytest.mark.parametrize("seed", range(50))
def test_to_networkx_keeps_nodes_edges_and_keys_in_order(seed):
    _, _, light, reference = _graphs(seed)
    converted = to_networkx(light)
    assert list(converted.nodes) == list(reference.nodes)
    assert list(converted.edges(keys=True, data="t")) == list(reference.edges(keys=True, data="t"))


def test_an_edited_copy_changes_only_itself():
    graph = Digraph()
    graph.add_edge("a", "b", kinds=frozenset({"key"}))
    graph.add_edge("a", "c", kinds=frozenset({"open"}))
    copy = graph.edited({("a", "c"): None, ("a", "b"): {"kinds": frozenset({"next"})}})
    assert dict(copy["a"]) == {"b": {"kinds": frozenset({"next"})}}
    assert list(copy.predecessors("c")) == []
    assert graph["a"] == {"b": {"kinds": frozenset({"key"})}, "c": {"kinds": frozenset({"open"})}}
    assert list(graph.predecessors("c")) == ["a"]
