"""A lower bound on the number of journeys any covering set needs, to judge a generated one.

A journey is a walk from the start. Collapse each group of nodes a caller can go round
and round in (a strongly connected component) into one: what is left is acyclic, and a
walk crosses each link between two components at most once. Each edge of the flow that
links two components must be crossed by some journey, and one journey crosses at most
one of the edges between the same two components, so the fewest journeys is a minimum
flow from the start with those lower bounds. Relaxations (any node may end a call, every
moment of a scenario joined) only lower the bound, so it stays a valid bound.

The minimum flow is computed exactly, in the textbook way: start from a feasible flow,
then push back from the sink to the source along augmenting paths of the residual graph
until none is left. The feasible flow is the generated journeys themselves (each walk,
collapsed, is a path of the acyclic graph), less those whose every crossing is also made
by another: it is usually the minimum already, so one breadth-first search over the
graph proves it. A general max-flow from one unit per required edge (networkx's) cost
more than the whole generation on a 100,000-node chain, where it pushed back 100,000
units. The searches are bounded (`BUDGET` times the size of the graph): past that, on a
flow built to defeat them, the bound is the best cut between a head and the rest of a
topological order instead, still a valid bound but no longer always the largest.
"""

from __future__ import annotations

from collections import deque

from ivr_lint.analysis.scenarios import Scenario
from ivr_lint.simulate.scenarios import Analysis
from ivr_lint.simulate.transcript import Edge

#: residual searches may look at this many times the nodes and links of the graph
BUDGET = 16
_MIN_WORK = 200_000


def _components(succ: list[list[int]]) -> list[int]:
    """The strongly connected component of each node (iterative Tarjan, linear)."""
    count = len(succ)
    index = [-1] * count
    low = [0] * count
    component = [-1] * count
    on_stack = [False] * count
    stack: list[int] = []
    counter = found = 0
    for root in range(count):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(succ[root]))]
        while work:
            node, neighbours = work[-1]
            for other in neighbours:
                if index[other] < 0:
                    index[other] = low[other] = counter
                    counter += 1
                    stack.append(other)
                    on_stack[other] = True
                    work.append((other, iter(succ[other])))
                    break
                if on_stack[other] and index[other] < low[node]:
                    low[node] = index[other]
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component[member] = found
                        if member == node:
                            break
                    found += 1
    return component


class _MinimumFlow:
    """The acyclic graph of components, its lower bounds and a flow on it (lists indexed by integers)."""

    def __init__(self, components: int, source: int):
        self.source = source
        self.link: dict[tuple[int, int], int] = {}
        self.tail: list[int] = []
        self.head: list[int] = []
        self.lower: list[int] = []
        self.flow: list[int] = []
        self.out: list[list[int]] = [[] for _ in range(components)]
        self.into: list[list[int]] = [[] for _ in range(components)]
        self.end = [0] * components  # units of flow that end at each component (go to the sink)

    def add(self, a: int, b: int) -> int:
        number = self.link.get((a, b))
        if number is None:
            number = self.link[(a, b)] = len(self.tail)
            self.tail.append(a)
            self.head.append(b)
            self.lower.append(0)
            self.flow.append(0)
            self.out[a].append(number)
            self.into[b].append(number)
        return number

    def reachable(self) -> list[int]:
        """Components the source leads to, breadth first (a topological order is not needed here)."""
        seen = {self.source}
        order = [self.source]
        for node in order:
            for number in self.out[node]:
                if self.head[number] not in seen:
                    seen.add(self.head[number])
                    order.append(self.head[number])
        return order

    # -- a feasible flow ------------------------------------------------------------------
    def clear(self) -> None:
        self.flow = [0] * len(self.flow)
        self.end = [0] * len(self.end)

    def from_walks(self, walks: list[list[str]], component: dict[str, int]) -> int | None:
        """Route one unit along each walk (node names, their components in `component`); None if
        one leaves the graph or the walks leave a lower bound unmet. Walks whose every link
        another walk also crosses are then taken out, latest first."""
        paths = []
        link = self.link
        for walk in walks:
            last = component.get(walk[0]) if walk else None
            if last != self.source:
                return None
            path = []
            for name in walk:
                here = component.get(name)
                if here != last:
                    number = link.get((last, here))
                    if number is None:
                        return None
                    path.append(number)
                    last = here
            paths.append((path, last))
        for path, last in paths:
            for number in path:
                self.flow[number] += 1
            self.end[last] += 1
        if any(f < low for f, low in zip(self.flow, self.lower)):
            return None
        total = len(paths)
        for path, last in reversed(paths):
            if all(self.flow[n] > self.lower[n] for n in path):
                for number in path:
                    self.flow[number] -= 1
                self.end[last] -= 1
                total -= 1
        return total

    def from_tree(self) -> int:
        """One unit per required crossing, down a breadth-first tree from the source."""
        parent = {self.source: None}
        order = [self.source]
        for node in order:
            for number in self.out[node]:
                if self.head[number] not in parent:
                    parent[self.head[number]] = number
                    order.append(self.head[number])
        leaving = [0] * len(self.end)  # units that leave the tree at each node
        total = 0
        for number, units in enumerate(self.lower):
            if units:
                leaving[self.tail[number]] += units
                self.flow[number] += units
                self.end[self.head[number]] += units
                total += units
        # the units of every node below are carried down the tree's link into it, leaves first
        for node in reversed(order):
            number = parent[node]
            if number is not None and leaving[node]:
                self.flow[number] += leaving[node]
                leaving[self.tail[number]] += leaving[node]
        return total

    # -- pushing back -----------------------------------------------------------------------
    def push_back(self, total: int, budget: int) -> int | None:
        """The minimum flow's value, or None when the searches would exceed `budget` links looked at."""
        count = len(self.end)
        work = 0
        while True:
            # residual graph, from the sink: to a node where units end; from a node, back along a
            # link carrying more than its lower bound, or forward along any link (no upper bound)
            via = [-2] * count  # -2: not reached; -1: from the sink; else (link << 1) | backwards
            queue = deque()
            for node in range(count):
                if self.end[node] > 0:
                    via[node] = -1
                    queue.append(node)
            work += count
            while queue and via[self.source] == -2:
                node = queue.popleft()
                for number in self.into[node]:
                    tail = self.tail[number]
                    if via[tail] == -2 and self.flow[number] > self.lower[number]:
                        via[tail] = (number << 1) | 1
                        queue.append(tail)
                for number in self.out[node]:
                    head = self.head[number]
                    if via[head] == -2:
                        via[head] = number << 1
                        queue.append(head)
                work += len(self.into[node]) + len(self.out[node])
            if via[self.source] == -2:
                return total
            if work > budget:
                return None
            steps = []
            node = self.source
            while via[node] != -1:
                number, backwards = via[node] >> 1, via[node] & 1
                steps.append((number, backwards))
                node = self.head[number] if backwards else self.tail[number]
            units = min([self.end[node]] + [self.flow[n] - self.lower[n] for n, back in steps if back])
            self.end[node] -= units
            for number, backwards in steps:
                self.flow[number] += -units if backwards else units
            total -= units

    def best_head_cut(self, order: list[int]) -> int:
        """The most required crossings out of the first k components of a topological order: every
        journey crosses such a cut at most once, so it is a lower bound (Kahn's order)."""
        position = {node: -1 for node in order}
        waiting = {node: 0 for node in order}
        for node in order:
            for number in self.out[node]:
                waiting[self.head[number]] += 1
        ready = deque([self.source])
        sequence = []
        while ready:
            node = ready.popleft()
            position[node] = len(sequence)
            sequence.append(node)
            for number in self.out[node]:
                head = self.head[number]
                waiting[head] -= 1
                if not waiting[head]:
                    ready.append(head)
        change = [0] * (len(sequence) + 1)
        for number, units in enumerate(self.lower):
            a, b = position.get(self.tail[number], -1), position.get(self.head[number], -1)
            if units and a >= 0 and b > a:
                change[a + 1] += units  # crosses the cuts after the first a+1 .. b components
                change[b + 1] -= units
        best = running = 0
        for delta in change:
            running += delta
            best = max(best, running)
        return best


def _scenario_bound(analysis: Analysis, scenario: Scenario, required: set[Edge],
                    walks: list[list[str]] | None) -> int:
    number: dict[str, int] = {}
    succ: list[list[int]] = []
    moves = []
    graphs = analysis.graphs_of(scenario)
    for call_graph in graphs:
        for name, out in call_graph.out.items():
            if name not in number:
                number[name] = len(succ)
                succ.append([])
            for move in out:
                if move.target is not None and not move.loop:
                    if move.target not in number:
                        number[move.target] = len(succ)
                        succ.append([])
                    succ[number[name]].append(number[move.target])
                    moves.append(move)
    if not required or not succ:
        return 0
    component = _components(succ)
    source = component[number[next(iter(graphs[0].depth))]]  # the start is explored first
    problem = _MinimumFlow(max(component) + 1, source)
    seen: set[Edge] = set()
    for move in moves:
        a, b = component[number[move.source]], component[number[move.target]]
        if a != b:
            link = problem.add(a, b)
            if move.edge in required and move.edge not in seen:
                seen.add(move.edge)
                problem.lower[link] += 1
    if not any(problem.lower):
        return 1 if required else 0
    order = problem.reachable()
    reached = set(order)
    for link, tail in enumerate(problem.tail):
        if tail not in reached:
            problem.lower[link] = 0  # no journey can take it: not this bound's business
    total = None
    if walks is not None:
        total = problem.from_walks(walks, {name: component[i] for name, i in number.items()})
        if total is None:  # a walk the graph does not know: start again from the tree
            problem.clear()
    if total is None:
        total = problem.from_tree()
    budget = max(_MIN_WORK, BUDGET * (len(problem.end) + len(problem.tail)))
    exact = problem.push_back(total, budget)
    return exact if exact is not None else problem.best_head_cut(order)


def lower_bound(analysis: Analysis, covered: dict[Scenario, set[Edge]], journeys: list | None = None) -> int:
    """No set of journeys covering `covered` (per scenario) has fewer journeys than this.

    `journeys` (the generated ones, `Planned`) give the search its starting point; the
    bound is the same without them, only slower to find on a large flow."""
    walks: dict[Scenario, list[list[str]]] | None = None
    if journeys is not None:
        walks = {scenario: [] for scenario in covered}
        for journey in journeys:
            walks.setdefault(journey.scenario, []).append(journey.transcript.path)
    return sum(_scenario_bound(analysis, scenario, edges, None if walks is None else walks[scenario])
               for scenario, edges in covered.items())
