"""Light directed graphs for the check path: plain dicts, and the few traversals the rules use.

Importing networkx costs about 100 ms (its package imports every algorithm and its backend
dispatch reads the installed packages' metadata), more than a whole check of a small flow.
The rules only walk successors and predecessors, so `check` uses these dict-of-dict graphs
with the same layout and iteration order as networkx's (`succ[u][v]` is the edge's
attributes, `MultiDigraph.succ[u][v][key]` for parallel edges); networkx stays for what
needs its algorithms (render, simulate), built from these on demand (`to_networkx`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable


class Digraph:
    """Nodes, and one edge per (source, target) with an attribute dict shared by `succ` and `pred`."""

    __slots__ = ("succ", "pred")

    def __init__(self, succ: dict | None = None, pred: dict | None = None):
        self.succ: dict[Hashable, dict] = {} if succ is None else succ
        self.pred: dict[Hashable, dict] = {} if pred is None else pred

    def __contains__(self, node) -> bool:
        return node in self.succ

    def __iter__(self):
        return iter(self.succ)

    def __len__(self) -> int:
        return len(self.succ)

    def __getitem__(self, node) -> dict:
        return self.succ[node]

    def add_nodes_from(self, nodes: Iterable) -> None:
        for node in nodes:
            if node not in self.succ:
                self.succ[node] = {}
                self.pred[node] = {}

    def add_edge(self, u, v, **attributes) -> None:
        self.add_nodes_from((u, v))
        data = self.succ[u].get(v)
        if data is None:
            data = self.succ[u][v] = self.pred[v][u] = {}
        data.update(attributes)

    def successors(self, node):
        return iter(self.succ[node])

    def predecessors(self, node):
        return iter(self.pred[node])

    def has_edge(self, u, v) -> bool:
        return u in self.succ and v in self.succ[u]

    def reverse(self, copy: bool = False) -> Digraph:
        """The same edges the other way round, sharing this graph's dicts (a view)."""
        return Digraph(self.pred, self.succ)

    def subgraph(self, nodes: Iterable) -> Digraph:
        """A new graph on `nodes` (those that are in this one) and the edges between them."""
        keep = {n for n in nodes if n in self.succ}
        succ, pred = self.succ, self.pred
        return Digraph({n: {v: d for v, d in succ[n].items() if v in keep} for n in self.succ if n in keep},
                       {n: {u: d for u, d in pred[n].items() if u in keep} for n in self.succ if n in keep})

    def edited(self, changes: dict[tuple, dict | None]) -> Digraph:
        """A copy with some edges' attributes replaced (None removes the edge): the adjacency
        of untouched nodes is shared, not copied, so a copy costs what it changes."""
        succ, pred = dict(self.succ), dict(self.pred)
        owned: set[tuple[int, Hashable]] = set()
        for (u, v), data in changes.items():
            for side, a, b in ((succ, u, v), (pred, v, u)):
                if (id(side), a) not in owned:
                    side[a] = dict(side[a])
                    owned.add((id(side), a))
                if data is None:
                    side[a].pop(b, None)
                else:
                    side[a][b] = data
        return Digraph(succ, pred)


class MultiDigraph(Digraph):
    """Parallel edges: `succ[u][v]` maps an edge key (0, 1, ... in the order added) to its attributes."""

    __slots__ = ()

    def add_edge(self, u, v, **attributes) -> int:
        self.add_nodes_from((u, v))
        keys = self.succ[u].get(v)
        if keys is None:
            keys = self.succ[u][v] = self.pred[v][u] = {}
        key = len(keys)
        while key in keys:
            key += 1
        keys[key] = attributes
        return key

    def reverse(self, copy: bool = False) -> MultiDigraph:
        return MultiDigraph(self.pred, self.succ)

    def out_edges(self, node, data=False):
        """(node, target, data) for every parallel edge leaving `node`; `data` True for the
        attribute dict, a name for that attribute, False for (node, target) only."""
        for target, keys in self.succ[node].items():
            for attributes in keys.values():
                if data is False:
                    yield node, target
                elif data is True:
                    yield node, target, attributes
                else:
                    yield node, target, attributes.get(data)

    def edges(self, data=False):
        for node in self.succ:
            yield from self.out_edges(node, data)


def bfs_reach(graph, sources: Iterable, keep: Callable | None = None) -> set:
    """Every node reachable from any of `sources` (sources included, when in the graph).

    `graph` is one of these graphs or a networkx one (anything with `succ`); `keep(u, v)`,
    when given, says which edges may be followed."""
    adjacency = graph.succ
    seen = {s for s in sources if s in adjacency}
    stack = list(seen)
    while stack:
        node = stack.pop()
        for target in adjacency[node]:
            if target not in seen and (keep is None or keep(node, target)):
                seen.add(target)
                stack.append(target)
    return seen


def shortest_path(graph: Digraph, sources: Iterable, target) -> list:
    """Fewest edges from any of `sources` to `target` (which must be reachable): breadth-first,
    sources and successors in order, the first way found kept, as networkx's unweighted
    Dijkstra settles ties."""
    previous: dict = {}
    queue = deque()
    for source in sources:
        if source not in previous:
            previous[source] = None
            queue.append(source)
    while queue:
        node = queue.popleft()
        if node == target:
            break
        for other in graph.succ[node]:
            if other not in previous:
                previous[other] = node
                queue.append(other)
    path = [target]
    while previous[path[-1]] is not None:
        path.append(previous[path[-1]])
    path.reverse()
    return path


def bottom_components(graph: Digraph, nodes: set) -> list[set]:
    """Strongly connected components of the graph restricted to `nodes` that no edge leaves
    (within `nodes`): iterative Tarjan, linear, no recursion."""
    succ = graph.succ
    index: dict = {}
    low: dict = {}
    component_of: dict = {}
    components: list[set] = []
    stack: list = []
    on_stack: set = set()
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter([v for v in succ[root] if v in nodes]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, neighbours = work[-1]
            advanced = False
            for other in neighbours:
                if other not in index:
                    index[other] = low[other] = counter
                    counter += 1
                    stack.append(other)
                    on_stack.add(other)
                    work.append((other, iter([v for v in succ[other] if v in nodes])))
                    advanced = True
                    break
                if other in on_stack:
                    low[node] = min(low[node], index[other])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.add(member)
                    component_of[member] = len(components)
                    if member == node:
                        break
                components.append(members)
    return [members for number, members in enumerate(components)
            if not any(component_of[v] != number for u in members for v in succ[u] if v in nodes)]


def to_networkx(graph: Digraph):
    """The same graph as a networkx (Multi)DiGraph, same nodes, edges, keys and order."""
    import networkx as nx

    multi = isinstance(graph, MultiDigraph)
    out = nx.MultiDiGraph() if multi else nx.DiGraph()
    out.add_nodes_from(graph.succ)
    for u, nbrs in graph.succ.items():
        for v, data in nbrs.items():
            if multi:
                for key, attributes in data.items():
                    out.add_edge(u, v, key=key, **attributes)
            else:
                out.add_edge(u, v, **data)
    return out
