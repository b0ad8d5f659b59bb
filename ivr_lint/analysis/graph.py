"""The flow as a graph, built once, and the structural questions asked of it.

Nodes are node ids; each edge carries the `Transition` that takes it (key, no-input,
no-match, max-retries, open/closed/holiday, congestion, timeout, failure, next...).
Edges to unknown targets are left out: `unknown-target` reports them, and the source
node is treated as finished so that one typo does not cascade into loop findings.
The graphs are the light ones of `analysis.digraph` (no networkx import on `check`);
`FlowGraph.graph` gives the networkx multigraph to those that need its algorithms.
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import Iterable

from ivr_lint.analysis.digraph import Digraph, MultiDigraph, bottom_components, to_networkx
from ivr_lint.analysis.digraph import bfs_reach as _bfs_reach
from ivr_lint.model.flow import Flow, GotoNode, Node


def bfs_reach(graph, sources: Iterable[str]) -> set[str]:
    """Every node reachable from any of `sources` (sources included)."""
    return _bfs_reach(graph, sources)


def linked_group(graph: FlowGraph) -> list[FlowGraph]:
    """`graph` and every flow linked to it by `goto`, either way (iteratively, so that chains of
    a thousand files need no recursion); computed once and shared by the group."""
    cached = graph.__dict__.get("_linked_group")
    if cached is not None:
        return cached
    seen = {id(graph): graph}
    pending = [graph]
    while pending:
        current = pending.pop()
        neighbours = [target for target, _ in current.goto_targets.values()]
        neighbours += [origin for origins in current.entry_origins.values() for origin, _ in origins]
        for other in neighbours:
            if id(other) not in seen:
                seen[id(other)] = other
                pending.append(other)
    group = list(seen.values())
    for member in group:
        member.__dict__["_linked_group"] = group
    return group


class FlowGraph:
    """A flow's transition graph and its cached structural analyses."""

    def __init__(self, flow: Flow):
        self.flow = flow
        #: every way out as an edge (parallel edges kept), attribute `t` its Transition
        self.multi = MultiDigraph()
        self.multi.add_nodes_from(flow.nodes)
        self.unknown: list[tuple[Node, str, str]] = []  # (node, field, missing target)
        nodes, succ, pred = flow.nodes, self.multi.succ, self.multi.pred
        for node in nodes.values():
            out = succ[node.id]
            for transition in node.transitions:
                target = transition.target
                if target in nodes:  # MultiDigraph.add_edge, inlined: a flow has several edges per node
                    keys = out.get(target)
                    if keys is None:
                        keys = out[target] = pred[target][node.id] = {}
                    key = len(keys)
                    while key in keys:
                        key += 1
                    keys[key] = {"t": transition}
                else:
                    self.unknown.append((node, transition.field, target))
        self.entries: set[str] = {flow.start} if flow.start in flow.nodes else set()
        #: entries made by `goto ... node:` in other flows: node id -> [(their FlowGraph, goto node id)]
        self.entry_origins: dict[str, list[tuple[FlowGraph, str]]] = {}
        #: goto nodes whose target flow location can reach an end; set by the project
        self.finishing_gotos: set[str] = set()
        #: goto node id -> (the target flow's FlowGraph, target node id); set by the project
        self.goto_targets: dict[str, tuple[FlowGraph, str]] = {}

    def add_entry(self, node_id: str, origin: FlowGraph, goto_id: str) -> None:
        """Another flow jumps here with `goto ... node:`; reset the cached analyses."""
        if node_id not in self.flow.nodes:
            return
        self.entry_origins.setdefault(node_id, []).append((origin, goto_id))
        for graph in (self, origin):
            graph.__dict__.pop("_linked_group", None)
        if node_id not in self.entries:
            self.entries.add(node_id)
            self.__dict__.pop("reachable", None)
            self.__dict__.pop("reached", None)

    @functools.cached_property
    def graph(self):
        """`multi` as a networkx MultiDiGraph (same keys), for renders and algorithms; imports networkx."""
        return to_networkx(self.multi)

    @property
    def is_subflow(self) -> bool:
        """Reached through `goto` from other checked flows and checking no hours itself: a part
        of another line (a sub-menu in its own file), not a line callers dial directly."""
        from ivr_lint.model.flow import HoursNode

        return bool(self.entry_origins) and not any(isinstance(n, HoursNode) for n in self.flow.nodes.values())

    @functools.cached_property
    def reached(self) -> set[str]:
        """Nodes that the ways out the file states lead to from the entries."""
        return bfs_reach(self.multi, self.entries)

    @functools.cached_property
    def reachable(self) -> set[str]:
        """Nodes a call may reach: `reached`, or every node once a reached node has a way out
        that could not be read (`Node.exits_unknown`: it may lead anywhere), so that no rule
        concludes "never heard" or "unreachable" from a schema error."""
        reached = self.reached
        if any(self.flow.nodes[n].exits_unknown for n in reached):
            return set(self.flow.nodes)
        return reached

    def is_dead_end(self, node: Node) -> bool:
        """A non-end node with no way forward to another node."""
        if node.is_end or node.broken or isinstance(node, GotoNode):
            return False
        if id(node) in self._with_unknown_targets:
            return False
        # a built-in replay is no way forward; a self-loop the user wrote is a loop (trap-loop says so)
        node_id = node.id
        for target, keys in self.multi.succ[node_id].items():
            if target != node_id:
                return False
            if any(not data["t"].implicit for data in keys.values()):
                return False
        return True

    @functools.cached_property
    def _with_unknown_targets(self) -> set[int]:
        """The nodes (by identity) that have a way out to a node that does not exist."""
        return {id(node) for node, _, _ in self.unknown}

    def sinks(self) -> set[str]:
        """Where a call stops being the menu's problem: ends, and places already reported."""
        flagged = {node.id for node, _, _ in self.unknown}
        return {
            node.id for node in self.flow.nodes.values()
            if node.is_end or node.broken or node.id in flagged or node.id in self.finishing_gotos
            or self.is_dead_end(node)
        }

    def can_finish(self) -> set[str]:
        """Nodes from which some path reaches a sink (do not change the set returned).

        Kept until `finishing_gotos` grows (it only grows, while the project settles
        `goto`s across files), so that settling a chain of files does not walk every
        file again at each step.
        """
        cached = self.__dict__.get("_can_finish")
        if cached is not None and cached[0] == len(self.finishing_gotos):
            return cached[1]
        result = bfs_reach(self.multi.reverse(copy=False), self.sinks())
        self.__dict__["_can_finish"] = (len(self.finishing_gotos), result)
        return result

    def trapped_components(self) -> list[list[str]]:
        """Groups of reachable nodes that can never reach an end: the call loops forever.

        Each group is a bottom strongly connected component of the trapped nodes (a
        cycle nothing leads out of), in file order; nodes that merely lead into a trap
        are not listed, so one loop gives one finding.
        """
        trapped = self.reached - self.can_finish()
        if not trapped:
            return []
        order = {node_id: index for index, node_id in enumerate(self.flow.nodes)}
        groups = [sorted(members, key=order.__getitem__) for members in bottom_components(self.multi, trapped)]
        return sorted(groups, key=lambda g: order[g[0]])

    @functools.cached_property
    def simple(self) -> Digraph:
        """The graph with parallel edges merged (edge attribute `kinds`), for fast traversals."""
        simple = Digraph()
        simple.add_nodes_from(self.multi)
        succ, pred = simple.succ, simple.pred
        # A flow has a handful of distinct sets of kinds: edges with the same one share one
        # read-only attribute mapping (a dict and a frozenset per edge were a tenth of a
        # large flow's memory).
        shared: dict[tuple[str, ...], MappingProxyType] = {}
        for u, targets in self.multi.succ.items():
            out = succ[u]
            for v, parallel in targets.items():
                found = (parallel[0]["t"].kind,) if len(parallel) == 1 and 0 in parallel else \
                    tuple(a["t"].kind for a in parallel.values())
                data = shared.get(found)
                if data is None:
                    data = shared[found] = MappingProxyType({"kinds": frozenset(found)})
                out[v] = pred[v][u] = data
        return simple
