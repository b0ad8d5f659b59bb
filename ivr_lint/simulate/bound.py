"""A lower bound on the number of journeys any covering set needs, to judge a generated one.

A journey is a walk from the start. Collapse each group of nodes a caller can go round
and round in (a strongly connected component) into one: what is left is acyclic, and a
walk crosses each link between two components at most once. Each edge of the flow that
links two components must be crossed by some journey, and one journey crosses at most
one of the edges between the same two components, so the fewest journeys is a minimum
flow from the start with those lower bounds. We compute it the textbook way: route one
unit per required edge, then push back as much as possible from the sink to the source
through the residual graph (max-flow). Relaxations (any node may end a call, every
moment of a scenario joined) only lower the bound, so it stays a valid bound.
"""

from __future__ import annotations

from collections import defaultdict, deque

import networkx as nx

from ivr_lint.analysis.scenarios import Scenario
from ivr_lint.simulate.scenarios import Analysis
from ivr_lint.simulate.transcript import Edge

_SINK = "__sink__"


def _scenario_bound(analysis: Analysis, scenario: Scenario, required: set[Edge]) -> int:
    graph = nx.DiGraph()
    moves = []
    for call_graph in analysis.graphs_of(scenario):
        for name, out in call_graph.out.items():
            graph.add_node(name)
            for move in out:
                if move.target is not None and not move.loop:
                    graph.add_edge(name, move.target)
                    moves.append(move)
    if not required or graph.number_of_nodes() == 0:
        return 0
    component = {}
    for index, members in enumerate(nx.strongly_connected_components(graph)):
        for name in members:
            component[name] = index
    first = analysis.graphs_of(scenario)[0]
    source = component[next(iter(first.depth))]  # the start is explored first
    lower: dict[tuple[int, int], int] = defaultdict(int)
    seen: set[Edge] = set()
    dag = nx.DiGraph()
    for move in moves:
        a, b = component[move.source], component[move.target]
        if a != b:
            dag.add_edge(a, b)
            if move.edge in required and move.edge not in seen:
                seen.add(move.edge)
                lower[(a, b)] += 1
    if not lower:
        return 1 if required else 0
    # a feasible flow: one unit per required edge, from the source and on to the sink
    parent = {source: None}
    order = [source]
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nxt in dag.successors(node):
            if nxt not in parent:
                parent[nxt] = node
                order.append(nxt)
                queue.append(nxt)
    flow: dict[tuple, int] = defaultdict(int)
    total = 0
    leaving: dict[int, int] = defaultdict(int)  # units that leave the tree at each node
    for (a, b), units in lower.items():
        if a not in parent:
            continue
        leaving[a] += units
        flow[(a, b)] += units
        flow[(b, _SINK)] += units
        total += units
    # the units of every node below are carried down the tree's edge into it: summed
    # leaves first, once each (walking up from each edge was n x depth on a chain)
    for node in reversed(order):
        up = parent[node]
        if up is not None and leaving[node]:
            flow[(up, node)] += leaving[node]
            leaving[up] += leaving[node]
    # push back from the sink to the source as far as the lower bounds allow
    residual = nx.DiGraph()
    for a, b in dag.edges():
        residual.add_edge(a, b)  # more flow forward: unbounded
        slack = flow.get((a, b), 0) - lower.get((a, b), 0)
        if slack > 0:
            residual.add_edge(b, a, capacity=slack)
    for node in dag.nodes():
        residual.add_edge(node, _SINK)
        if flow.get((node, _SINK), 0) > 0:
            residual.add_edge(_SINK, node, capacity=flow[(node, _SINK)])
    if source not in residual:
        return total
    reduced, _ = nx.maximum_flow(residual, _SINK, source)
    return total - int(reduced)


def lower_bound(analysis: Analysis, covered: dict[Scenario, set[Edge]]) -> int:
    """No set of journeys covering `covered` (per scenario) has fewer journeys than this."""
    return sum(_scenario_bound(analysis, scenario, edges) for scenario, edges in covered.items())
