"""Call scenarios: which ways out a caller can meet at a given time and load.

A flow behaves differently by time (the `hours` branches: open, closed, holiday) and by
load (a saturated queue diverts to `congestion`). A scenario fixes the state of one
schedule and the load; `hours` nodes on *other* schedules may take every branch that is
compatible with it (a foreigners' desk open Monday to Thursday mornings can be open or
closed while the main line is open, never open while it is closed if its hours lie
inside the main line's). Caller input stays free: any key, silence, a wrong key.

Each scenario graph is a copy of the flow's merged graph with the scenario's ways out
trimmed, built once per flow and shared by every rule that asks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from ivr_lint.analysis.digraph import Digraph
from ivr_lint.analysis.graph import FlowGraph, bfs_reach, linked_group
from ivr_lint.model.calendar import CLOSED, HOLIDAY, OPEN, state_at
from ivr_lint.model.flow import Flow, HoursNode, QueueNode, Schedule, UnknownNode, WeeklyHours

STATES = (OPEN, CLOSED, HOLIDAY)
DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Scenario:
    state: str  # open, closed or holiday
    congested: bool = False
    schedule: str | None = None  # None: the flow's default `hours`
    #: a precise moment (render --at): every schedule takes its own state then, not every compatible one
    moment: datetime | None = None

    @property
    def name(self) -> str:
        base = self.state if self.schedule is None else f"{self.state}[{self.schedule}]"
        return f"{base}+congested" if self.congested else base

    @classmethod
    def parse(cls, name: str) -> "Scenario":
        """'open', 'closed', 'holiday', 'congested' (= open+congested), 'open[etrangers]+congested'."""
        congested = name.endswith("+congested") or name == "congested"
        base = "open" if name == "congested" else name.removesuffix("+congested")
        schedule = None
        if base.endswith("]") and "[" in base:
            base, _, schedule = base[:-1].partition("[")
        if base not in STATES:
            raise ValueError(f"unknown scenario {name!r} (open, closed, holiday, congested, or STATE[schedule])")
        return cls(base, congested, schedule or None)


# -- weekly hours arithmetic (minutes of the week) -------------------------------------------

def _week_spans(weekly: WeeklyHours) -> list[tuple[int, int]]:
    return sorted((day * DAY_MINUTES + start, day * DAY_MINUTES + end)
                  for day, spans in weekly.items() for start, end in spans)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) entirely inside the union of spans?"""
    position = start
    for span_start, span_end in spans:
        if span_start > position:
            break
        position = max(position, span_end)
        if position >= end:
            return True
    return position >= end


def open_overlaps(a: WeeklyHours, b: WeeklyHours) -> bool:
    spans_b = _week_spans(b)
    return any(max(s1, s2) < min(e1, e2) for s1, e1 in _week_spans(a) for s2, e2 in spans_b)


def open_outside(a: WeeklyHours, b: WeeklyHours) -> bool:
    """Is `a` open at some moment when `b` is not?"""
    spans_b = _week_spans(b)
    return any(not _covered(spans_b, start, end) for start, end in _week_spans(a))


def always_open(a: WeeklyHours) -> bool:
    return _covered(_week_spans(a), 0, 7 * DAY_MINUTES)


def _can_be(schedule: Schedule, state: str) -> bool:
    if state == OPEN:
        return bool(schedule.weekly)
    if state == CLOSED:
        return not always_open(schedule.weekly)
    return bool(schedule.holidays) or bool(schedule.closed)


def compatible_states(main: Schedule | None, state: str, other: Schedule | None) -> set[str]:
    """States `other` can be in while `main` is in `state`."""
    if main is None or other is None or other is main:
        return {state} if other is main else set(STATES)
    same_calendar = main.holidays == other.holidays
    states = set()
    if state == OPEN:
        if open_overlaps(main.weekly, other.weekly):
            states.add(OPEN)
        if open_outside(main.weekly, other.weekly):
            states.add(CLOSED)
        if not same_calendar or other.closed - main.closed:
            states.add(HOLIDAY)
    elif state == CLOSED:
        if open_outside(other.weekly, main.weekly):
            states.add(OPEN)
        if not always_open(other.weekly):
            states.add(CLOSED)
        if not same_calendar or other.closed - main.closed:
            states.add(HOLIDAY)
    else:
        states.add(HOLIDAY)
        if not same_calendar or main.closed - other.closed:
            states |= {OPEN, CLOSED}
    return states


class ScenarioGraph:
    """The flow graph restricted to the ways out a caller can meet in one scenario."""

    def __init__(self, base: FlowGraph, scenario: Scenario):
        self.base = base
        self.scenario = scenario
        flow = base.flow
        main = flow.schedule(scenario.schedule)
        self.allowed: dict[str | None, set[str]] = {}
        for node in flow.nodes.values():
            if isinstance(node, HoursNode) and node.schedule not in self.allowed:
                own = flow.schedule(node.schedule)
                if scenario.moment is not None and own is not None:
                    self.allowed[node.schedule] = {state_at(own, scenario.moment)}
                elif node.schedule == scenario.schedule:
                    self.allowed[node.schedule] = {scenario.state}
                else:
                    self.allowed[node.schedule] = compatible_states(main, scenario.state, flow.schedule(node.schedule))

    @functools.cached_property
    def graph(self):
        """A networkx view of the flow's multigraph: every parallel edge the scenario allows,
        with its Transition (for renders; imports networkx)."""
        import networkx as nx

        base, nodes = self.base, self.base.flow.nodes
        multi = base.graph

        def keep(u: str, v: str, k: int) -> bool:
            return self._possible(nodes[u], multi[u][v][k]["t"])

        return nx.subgraph_view(multi, filter_edge=keep)

    def _possible(self, node, transition) -> bool:
        if isinstance(node, HoursNode):
            return transition.kind in self.allowed[node.schedule]
        if transition.kind == "congestion" and isinstance(node, QueueNode):
            return self.scenario.congested
        return not isinstance(node, UnknownNode)  # which of its ways out a scenario takes is unknown

    @functools.cached_property
    def simple(self) -> Digraph:
        """The same scenario as a plain directed graph, for fast traversals and shortest paths.

        Parallel edges are merged; the edge attribute `kinds` keeps what takes it. Only
        `hours`, queue and unknown nodes have ways out that depend on the scenario, so the
        flow's merged graph is shared and just those edges are changed (`Digraph.edited`).
        """
        base = self.base
        merged = base.simple
        changes: dict[tuple[str, str], dict | None] = {}
        for node in base.flow.nodes.values():
            if not isinstance(node, (HoursNode, QueueNode, UnknownNode)):
                continue
            for target, parallel in base.multi.succ[node.id].items():
                kinds = frozenset(e["t"].kind for e in parallel.values() if self._possible(node, e["t"]))
                if not kinds:
                    changes[(node.id, target)] = None
                elif kinds != merged.succ[node.id][target]["kinds"]:
                    changes[(node.id, target)] = {"kinds": kinds}
        return merged.edited(changes) if changes else merged

    @functools.cached_property
    def entries(self) -> set[str]:
        """The start, and the nodes other flows jump to in the same scenario.

        A `goto` from another flow counts only if that flow's caller can reach it in the
        same state and load (a side door opened only during opening hours is no entry when
        closed). Worked out for every flow linked by `goto` at once, from the lines'
        starts forward (`_solve_entries`): no recursion, however long the chain of files.
        """
        base = self.base
        own = {base.flow.start} if base.flow.start in base.flow.nodes and not base.is_subflow else set()
        if not base.entry_origins:
            return own
        peer = _peer(self.scenario)
        if peer != self.scenario:
            graphs = _solve_entries(peer, base)
            return own | {node_id for node_id, origins in base.entry_origins.items()
                          if any(goto_id in graphs[id(origin)].reachable for origin, goto_id in origins)}
        _solve_entries(peer, base)
        return self.__dict__["entries"]

    @functools.cached_property
    def reachable(self) -> set[str]:
        """Nodes a caller can reach from the flow's entries in this scenario."""
        return bfs_reach(self.simple, self.entries)

    def reach_from(self, sources: Iterable[str]) -> set[str]:
        return bfs_reach(self.simple, sources)

    @functools.cached_property
    def person_points(self) -> set[str]:
        """Nodes that put the caller through to a person: queues, transfers to an agent, and
        `goto`s into another flow where a person can be reached in the same scenario
        (worked out for every linked flow at once, backwards from the people: `_solve_people`).
        Nodes the file does not fully say (`Node.opaque`) may be one: no rule claims there is no
        person past them."""
        points = {n.id for n in self.base.flow.nodes.values() if n.is_human or n.opaque}
        if not self.base.goto_targets:
            return points
        peer = _peer(self.scenario)
        if peer != self.scenario:
            graphs = _solve_people(peer, self.base)
            return points | {goto_id for goto_id, (target, node_id) in self.base.goto_targets.items()
                             if node_id in graphs[id(target)].reaches_human}
        _solve_people(peer, self.base)
        return self.__dict__["person_points"]

    @functools.cached_property
    def reaches_human(self) -> set[str]:
        """Nodes from which some path leads to a person (see `person_points`)."""
        return bfs_reach(self.simple.reverse(copy=False), self.person_points)


def _peer(scenario: Scenario) -> Scenario:
    """The scenario other flows are met in: same state and load, their own default schedule."""
    return Scenario(scenario.state, scenario.congested)


def _grow(adjacency, source: str, known: set[str]) -> list[str]:
    """Add to `known` what `source` leads to that is not known yet; return the new nodes."""
    if source in known:
        return []
    known.add(source)
    new, stack = [source], [source]
    while stack:
        for other in adjacency[stack.pop()]:
            if other not in known:
                known.add(other)
                new.append(other)
                stack.append(other)
    return new


def _solve_entries(peer: Scenario, graph: FlowGraph) -> dict[int, ScenarioGraph]:
    """Entries and reachable nodes of every flow linked to `graph`, in scenario `peer`.

    From each line's own start, forward: a `goto` a caller reaches makes its target an
    entry of the other flow, whose newly reachable nodes are walked in turn. Each node is
    walked once per flow, so a chain of a thousand files costs what one big flow does.
    """
    group = linked_group(graph)
    graphs = {id(member): scenarios_of(member).get(peer) for member in group}
    if all("entries" in g.__dict__ for g in graphs.values()):
        return graphs
    pending = []
    for scenario_graph in graphs.values():
        base = scenario_graph.base
        entries = {base.flow.start} if base.flow.start in base.flow.nodes and not base.is_subflow else set()
        scenario_graph.__dict__["entries"] = entries
        reachable = scenario_graph.__dict__["reachable"] = bfs_reach(scenario_graph.simple, entries)
        pending.extend((scenario_graph, node_id) for node_id in reachable if node_id in base.goto_targets)
    while pending:
        scenario_graph, goto_id = pending.pop()
        target, node_id = scenario_graph.base.goto_targets[goto_id]
        other = graphs[id(target)]
        if node_id not in target.flow.nodes:
            continue
        other.entries.add(node_id)
        new = _grow(other.simple.succ, node_id, other.reachable)
        pending.extend((other, n) for n in new if n in target.goto_targets)
    return graphs


def _solve_people(peer: Scenario, graph: FlowGraph) -> dict[int, ScenarioGraph]:
    """Person points and the nodes that reach them, for every flow linked to `graph`, in `peer`.

    Backwards from the queues and transfers: when the node a `goto` lands on reaches a
    person, the `goto` itself is a way to a person in the flow that jumps, whose nodes
    leading to it are walked in turn.
    """
    group = linked_group(graph)
    graphs = {id(member): scenarios_of(member).get(peer) for member in group}
    if all("person_points" in g.__dict__ for g in graphs.values()):
        return graphs
    pending = []
    for scenario_graph in graphs.values():
        base = scenario_graph.base
        points = {n.id for n in base.flow.nodes.values() if n.is_human}
        scenario_graph.__dict__["person_points"] = points
        reaches = scenario_graph.__dict__["reaches_human"] = bfs_reach(scenario_graph.simple.reverse(copy=False),
                                                                        points)
        pending.extend((scenario_graph, node_id) for node_id in reaches if node_id in base.entry_origins)
    while pending:
        scenario_graph, node_id = pending.pop()
        for origin, goto_id in scenario_graph.base.entry_origins[node_id]:
            other = graphs[id(origin)]
            if goto_id in other.person_points:
                continue
            other.person_points.add(goto_id)
            new = _grow(other.simple.pred, goto_id, other.reaches_human)
            pending.extend((other, n) for n in new if n in origin.entry_origins)
    return graphs


class Scenarios:
    """Every scenario of a flow, with its graph built on first use and then shared."""

    def __init__(self, base: FlowGraph):
        self.base = base
        self._graphs: dict[Scenario, ScenarioGraph] = {}

    @functools.cached_property
    def all(self) -> list[Scenario]:
        flow: Flow = self.base.flow
        used = {node.schedule for node in flow.nodes.values() if isinstance(node, HoursNode)}
        schedules = [None] + sorted(name for name in used if name is not None and name in flow.schedules)
        return [Scenario(state, congested, schedule)
                for schedule in schedules for state in STATES for congested in (False, True)]

    def for_state(self, state: str, congested: bool = False) -> list[ScenarioGraph]:
        """The scenario graphs of `state` for the schedules the flow runs on, when that state can happen.

        The flow's `hours` decides; without it, each named schedule its `hours` checks use.
        A state no schedule can be in (closed for a line open 24/7, holiday without a
        calendar or closure dates) has no graph. A flow that states no schedule and checks
        no hours is always "open" as far as it knows.
        """
        flow = self.base.flow
        hours_nodes = [n for n in flow.nodes.values() if isinstance(n, HoursNode)]
        if flow.hours is not None or not flow.schedules:
            candidates: list[str | None] = [None]
        else:
            candidates = sorted({n.schedule for n in hours_nodes if n.schedule in flow.schedules})
        graphs = []
        for name in candidates:
            schedule = flow.schedule(name)
            if schedule is None and not hours_nodes and state != OPEN:
                continue
            if schedule is not None and not _can_be(schedule, state):
                continue
            graphs.append(self.get(Scenario(state, congested, name)))
        return graphs

    def get(self, scenario: Scenario) -> ScenarioGraph:
        if scenario not in self._graphs:
            self._graphs[scenario] = ScenarioGraph(self.base, scenario)
        return self._graphs[scenario]


def scenarios_of(graph: FlowGraph) -> Scenarios:
    """The call scenarios of a flow graph (open/closed/holiday x normal/congested), built on
    first use and kept with the graph, so every rule and the renderer share them."""
    cached = graph.__dict__.get("_scenarios")
    if cached is None:
        cached = graph.__dict__["_scenarios"] = Scenarios(graph)
    return cached
