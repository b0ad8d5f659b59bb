"""Call scenarios made concrete, and the edges a caller can take in each.

A scenario (`ivr_lint.analysis.scenarios.Scenario`, the one the rules use) is the state of
the flow's schedule (open, closed, holiday) and the load (normal, or queues congested). Journeys need real moments, not states, and a flow may
route on several schedules (a desk with shorter hours than the switchboard), so we scan
a year of days at the boundaries of every schedule used by an `hours` node and keep
one moment for each combination of states seen ("moment classes"), preferring office
hours over the middle of the night. The scenario of a moment is the state of the flow's
own `hours`.

For each moment and load, `CallGraph` lists the transitions a caller can take: the one
branch each `hours` node takes then, every key, silence and wrong answer that the
format allows (a replay needs `retries` above 0, a no-match needs a key the menu does not
offer, `max-retries` needs a replay before it), the congestion branch on the first
visit of a queue under load, and timeouts and failed transfers.
"""

from __future__ import annotations

import functools
import itertools
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ivr_lint.model.calendar import OPEN, state_at
from ivr_lint.model.flow import (
    BranchNode,
    GotoNode,
    HoursNode,
    InputNode,
    MenuNode,
    Node,
    PlayNode,
    QueueNode,
    Schedule,
    TransferNode,
    Transition,
    VoicemailNode,
)
from ivr_lint.analysis.scenarios import STATES, Scenario
from ivr_lint.project import LoadedFile, Project
from ivr_lint.simulate import answers as A
from ivr_lint.simulate.clock import flow_zone
from ivr_lint.simulate.engine import node_name
from ivr_lint.simulate.transcript import Edge, Edges

SCAN_DAYS = 366

#: the scenarios journeys cover: each state of the flow's default hours, with normal and saturated queues
SCENARIOS = tuple(Scenario(state, congested) for state in STATES for congested in (False, True))


@dataclass(frozen=True)
class MomentClass:
    """One moment standing for every moment with the same schedule states."""

    at: datetime
    states: tuple[tuple[int, str], ...]  # (id of a schedule, its state then)
    scenario_state: str

    def state(self, schedule: Schedule | None) -> str:
        return dict(self.states).get(id(schedule), OPEN) if schedule is not None else OPEN


def _schedules(project: Project) -> list[tuple[LoadedFile, Schedule]]:
    """Every schedule an `hours` node of the loaded flows routes on, once each."""
    found: dict[int, tuple[LoadedFile, Schedule]] = {}
    for loaded in project.files.values():
        if loaded.flow is None:
            continue
        for node in loaded.flow.nodes.values():
            if isinstance(node, HoursNode):
                schedule = loaded.flow.schedule(node.schedule)
                if schedule is not None:
                    found.setdefault(id(schedule), (loaded, schedule))
    return list(found.values())


def _candidate_minutes(schedules: list[Schedule], weekday: int) -> list[int]:
    """A round minute inside each stretch of the day where no schedule changes state."""
    bounds = {0, 24 * 60}
    for schedule in schedules:
        for start, end in schedule.weekly.get(weekday, ()):
            bounds.update((start, end))
    cuts = sorted(bounds)
    minutes = []
    for start, end in itertools.pairwise(cuts):
        middle = (start + end) // 2
        for step in (60, 30, 15, 5, 1):  # a round time, away from the edges of the stretch
            candidate = (middle // step) * step
            if start < candidate < end or (step == 1 and start <= candidate < end):
                minutes.append(candidate)
                break
    return minutes


def find_moments(project: Project, start: LoadedFile, since: date, days: int = SCAN_DAYS) -> list[MomentClass]:
    """One moment per combination of schedule states met in `days` days from `since`."""
    schedules = _schedules(project)
    zone = flow_zone(start.flow)
    main = start.flow.hours
    plain = [s for _, s in schedules]
    best: dict[tuple, tuple[tuple, datetime]] = {}
    per_weekday = {weekday: _candidate_minutes(plain, weekday) for weekday in range(7)}
    for offset in range(days):
        day = since + timedelta(days=offset)
        for minute in per_weekday[day.weekday()]:
            moment = datetime.combine(day, time(minute // 60, minute % 60), zone)
            states = tuple((id(s), state_at(s, moment)) for s in plain)
            # prefer waking hours (a closed line is called at 8 pm rather than 4 am), the earliest day, midday
            rank = (0 if 7 * 60 <= minute < 21 * 60 else 1, offset, abs(minute - 13 * 60), minute)
            if states not in best or rank < best[states][0]:
                best[states] = (rank, moment)
    classes = []
    for states, (_, moment) in sorted(best.items(), key=lambda item: item[1][1]):
        scenario_state = state_at(main, moment) if main is not None else OPEN
        classes.append(MomentClass(moment, states, scenario_state))
    if not classes:  # no hours node: time does not matter
        moment = datetime.combine(since, time(10, 0), zone)
        classes.append(MomentClass(moment, (), state_at(main, moment) if main is not None else OPEN))
    return classes


def scenario_of(start: LoadedFile, moment: datetime, congested: bool) -> Scenario:
    main = start.flow.hours
    return Scenario(state_at(main, moment) if main is not None else OPEN, congested)


@dataclass(frozen=True)
class Move:
    """A transition as the call graph sees it."""

    edge: Edge
    source: str  # node names as transcripts give them
    target: str | None
    second_visit: bool = False  # a queue under load answers this way only when reached again

    @property
    def loop(self) -> bool:
        return self.target == self.source


def _comes_back(flow, start: str, node_id: str, limit: int = 20) -> bool:
    """The messages from `start` lead straight back to `node_id` (a voicemail's silence loop)."""
    current = start
    for _ in range(limit):
        if current == node_id:
            return True
        node = flow.nodes.get(current)
        if not isinstance(node, PlayNode) or node.next is None:
            return False
        current = node.next
    return False


def replays(node: MenuNode | InputNode, defaults) -> list[str]:
    """Failure kinds that count towards max-retries (their path replays the node) and can be provoked.

    With `retries: 0` they lead straight to max-retries: they count, but never replay.
    """
    wrong = "no-match" if isinstance(node, MenuNode) else "invalid"
    kinds = []
    for t in node.transitions:
        if t.kind in ("no-input", wrong) and t.target == node.id:
            if t.kind == "no-match" and A.wrong_key(node) is None:
                continue
            kinds.append(t.kind)
    return kinds


class CallGraph:
    """What a caller can do at one moment under one load, from the first flow's start."""

    def __init__(self, project: Project, start: LoadedFile, moment: MomentClass, congested: bool,
                 edges: Edges | None = None):
        self.project = project
        self.edges = Edges() if edges is None else edges
        self.start = start
        self.moment = moment
        self.congested = congested
        self.nodes: dict[str, tuple[LoadedFile, Node]] = {}
        self.out: dict[str, list[Move]] = {}
        self.infeasible: dict[Edge, str] = {}
        self._explore()

    # -- building ---------------------------------------------------------------------------
    def _explore(self) -> None:
        """Breadth-first from the start; moves that need a second visit of a queue come last."""
        first = node_name(self.start, self.start, self.start.flow.start)
        self.nodes[first] = (self.start, self.start.flow.nodes[self.start.flow.start])
        self.depth: dict[str, int] = {first: 0}
        self.parent: dict[str, Move] = {}
        primary, deferred = deque([first]), deque()
        while primary or deferred:
            if primary:
                name = primary.popleft()
            else:
                move = deferred.popleft()
                if move.target in self.depth:
                    continue
                name = move.target
                self.depth[name] = self.depth[move.source] + 1
                self.parent[name] = move
            if name in self.out:
                continue
            loaded, node = self.nodes[name]
            self.out[name] = moves = self._moves(name, loaded, node)
            for move in moves:
                if move.target is None or move.target in self.depth:
                    continue
                if move.second_visit:
                    deferred.append(move)
                    continue
                self.depth[move.target] = self.depth[name] + 1
                self.parent[move.target] = move
                primary.append(move.target)

    def _name(self, loaded: LoadedFile, node_id: str) -> str:
        name = node_name(self.start, loaded, node_id)
        if name not in self.nodes:
            self.nodes[name] = (loaded, loaded.flow.nodes[node_id])
        return name

    def _moves(self, name: str, loaded: LoadedFile, node: Node) -> list[Move]:
        flow = loaded.flow
        out = []

        def move(t: Transition, second_visit: bool = False) -> None:
            if t.target in flow.nodes:
                out.append(Move(self.edges.of(loaded.name, node, t), name, self._name(loaded, t.target), second_visit))

        def refuse(t: Transition, why: str) -> None:
            self.infeasible[self.edges.of(loaded.name, node, t)] = why

        if isinstance(node, HoursNode):
            state = self.moment.state(flow.schedule(node.schedule))
            for t in node.transitions:
                if t.kind == state:
                    move(t)
            return out
        if isinstance(node, GotoNode):
            link = self.project.link_for(node)
            if link is not None and link.target is not None and link.target_node is not None:
                t = Transition("goto", f"{link.target.flow.id}:{link.target_node}", "flow")
                out.append(Move(Edge(loaded.name, node.id, t), name, self._name(link.target, link.target_node)))
            return out
        if isinstance(node, (MenuNode, InputNode)):
            kinds = replays(node, flow.defaults)
            retries = node.effective_retries(flow.defaults)
            for t in node.transitions:
                if t.kind == "no-match" and A.wrong_key(node) is None:
                    refuse(t, "every key 0-9 * # is an option: no wrong key can be pressed")
                elif t.kind in ("no-input", "no-match", "invalid") and t.target == node.id and retries == 0:
                    refuse(t, "retries: 0 leaves no replay")
                elif t.kind == "max-retries" and not kinds:
                    refuse(t, "silence and wrong answers lead elsewhere, so retries never run out")
                elif t.kind == "next" and isinstance(node, InputNode) and A.valid_digits(node) is None:
                    refuse(t, "no digits satisfy `digits`")
                else:
                    move(t)
            return out
        if isinstance(node, QueueNode):
            for t in node.transitions:
                if t.kind == "congestion":
                    if self.congested:
                        move(t)
                else:
                    move(t, second_visit=self.congested and node.congestion is not None)
            return out
        if isinstance(node, VoicemailNode):
            for t in node.transitions:
                if t.kind == "no-input" and _comes_back(flow, t.target, node.id):
                    refuse(t, "silence here comes back to this voicemail: `unanswered` holds at every visit of "
                              "a journey, so the call would never end")
                else:
                    move(t)
            return out
        for t in node.transitions:  # play, branch, transfer, callback
            move(t)
        return out

    # -- questions the generator asks ---------------------------------------------------------
    def reachable_edges(self, file: str) -> dict[Edge, Move]:
        """Every move out of a node of `file` that a caller can meet in this graph."""
        return {m.edge: m for moves in self.out.values() for m in moves if m.edge.file == file}

    def path_to(self, name: str) -> list[Move] | None:
        """Moves from the start to `name` along the exploration tree."""
        if name not in self.depth:
            return None
        backwards: list[Move] = []
        while name in self.parent:
            move = self.parent[name]
            if move.second_visit:
                head = self.route_to(move)
                return None if head is None else head + backwards[::-1]
            backwards.append(move)
            name = move.source
        return backwards[::-1]

    def path_between(self, source: str, target: str) -> list[Move] | None:
        """Fewest moves from `source` to `target` (first visits only), breadth-first."""
        if source == target:
            return []
        parent: dict[str, Move] = {}
        queue = deque([source])
        while queue:
            name = queue.popleft()
            for move in self.out.get(name, ()):
                if move.target is None or move.target in parent or move.target == source or move.second_visit:
                    continue
                parent[move.target] = move
                if move.target == target:
                    backwards = []
                    while move.target != source:
                        backwards.append(move)
                        if move.source == source:
                            break
                        move = parent[move.source]
                    return backwards[::-1]
                queue.append(move.target)
        return None

    def route_to(self, move: Move) -> list[Move] | None:
        """Moves from the start that end by taking `move`."""
        prefix = self.path_to(move.source)
        if prefix is None:
            return None
        if not move.second_visit:
            return prefix + [move]
        congestion = next((m for m in self.out[move.source] if m.edge.transition.kind == "congestion"), None)
        if congestion is None or congestion.target is None:
            return None
        back = self.path_between(congestion.target, move.source)
        if back is None:
            return None
        return prefix + [congestion] + back + [move]

    @functools.cached_property
    def distance_to_end(self) -> dict[str, int]:
        """Fewest moves from each node to a place where the call can end."""
        incoming: dict[str, list[str]] = {}
        ends = []
        for name, moves in self.out.items():
            _, node = self.nodes[name]
            if node.is_end or isinstance(node, (QueueNode, TransferNode)) or not any(
                    not m.loop for m in moves):
                ends.append(name)
            for m in moves:
                if m.target is not None and not m.loop:
                    incoming.setdefault(m.target, []).append(name)
        distance = {name: 0 for name in ends}
        queue = deque(ends)
        while queue:
            name = queue.popleft()
            for before in incoming.get(name, ()):
                if before not in distance:
                    distance[before] = distance[name] + 1
                    queue.append(before)
        return distance

    @functools.cached_property
    def longest_to_end(self) -> int:
        """The most moves any node needs to reach an end (computed once per graph)."""
        return max(self.distance_to_end.values(), default=0)

    @functools.cached_property
    def has_congestion(self) -> bool:
        return any(m.edge.transition.kind == "congestion" for moves in self.out.values() for m in moves)

    def branch_ahead(self, name: str, variable: str, limit: int = 20) -> str | None:
        """The branch on `variable` that follows `name` with no question in between, if any."""
        current, seen = name, set()
        for _ in range(limit):
            _, node = self.nodes[current]
            if isinstance(node, BranchNode) and node.on == variable:
                return current
            if isinstance(node, (MenuNode, InputNode, BranchNode)) and current != name:
                return None
            moves = [m for m in self.out.get(current, ()) if m.target is not None and not m.loop]
            if current == name:
                moves = [m for m in moves if m.edge.transition.kind == "next"]
            if len(moves) != 1 or moves[0].target in seen:
                return None
            seen.add(current)
            current = moves[0].target
        return None


def flow_edges(project: Project, loaded: LoadedFile, table: Edges | None = None) -> list[Edge]:
    """Every transition of a flow file (gotos included), in file order: what coverage counts."""
    table = Edges() if table is None else table
    edges = []
    for node in loaded.flow.nodes.values():
        if isinstance(node, GotoNode):
            link = project.link_for(node)
            if link is not None and link.target is not None and link.target_node is not None:
                edges.append(Edge(loaded.name, node.id,
                                  Transition("goto", f"{link.target.flow.id}:{link.target_node}", "flow")))
            continue
        edges.extend(table.of(loaded.name, node, t) for t in node.transitions if t.target in loaded.flow.nodes)
    return edges


class Analysis:
    """Moments, call graphs and targets of one flow file, built once."""

    def __init__(self, project: Project, start: LoadedFile, since: date, days: int = SCAN_DAYS):
        self.project = project
        self.start = start
        self.since = since
        self.days = days
        self.moments = find_moments(project, start, since, days)
        self.graphs: dict[tuple[MomentClass, bool], CallGraph] = {}
        self.table = Edges()  # one Edge per transition, shared by the graphs and the planned calls
        self.edges = flow_edges(project, start, self.table)
        self._reached: tuple[int, set[str]] = (-1, set())

    def graph(self, moment: MomentClass, congested: bool) -> CallGraph:
        key = (moment, congested)
        if key not in self.graphs:
            self.graphs[key] = CallGraph(self.project, self.start, moment, congested, self.table)
        return self.graphs[key]

    def graphs_of(self, scenario: Scenario) -> list[CallGraph]:
        return [self.graph(m, scenario.congested) for m in self.moments if m.scenario_state == scenario.state]

    def same_as_normal(self, scenario: Scenario) -> bool:
        """A congested scenario where no queue with a congestion branch can be reached adds nothing."""
        return scenario.congested and not any(g.has_congestion for g in self.graphs_of(scenario))

    @functools.cached_property
    def targets(self) -> dict[Scenario, dict[Edge, tuple[CallGraph, Move]]]:
        """Per distinct scenario: each edge of the flow a caller can take in it, and where."""
        out: dict[Scenario, dict[Edge, tuple[CallGraph, Move]]] = {}
        for scenario in SCENARIOS:
            if self.same_as_normal(scenario):
                continue
            found: dict[Edge, tuple[CallGraph, Move]] = {}
            for graph in self.graphs_of(scenario):
                for edge, move in graph.reachable_edges(self.start.name).items():
                    if edge not in graph.infeasible:
                        found.setdefault(edge, (graph, move))
            if found:
                out[scenario] = found
        return out

    @property
    def reached_names(self) -> set[str]:
        """Every node some call graph built so far meets, by its name and by its bare id
        (one set, not a scan of every graph per edge asked about)."""
        if self._reached[0] != len(self.graphs):
            names = {n for graph in self.graphs.values() for name in graph.out for n in (name, name.rpartition(":")[2])}
            self._reached = (len(self.graphs), names)
        return self._reached[1]

    def scenario_of(self, moment: datetime, congested: bool) -> Scenario:
        scenario = scenario_of(self.start, moment, congested)
        if scenario.congested and Scenario(scenario.state, True) not in self.targets:
            return Scenario(scenario.state, False)
        return scenario

    def infeasible_reason(self, edge: Edge) -> str | None:
        for graph in self.graphs.values():
            if edge in graph.infeasible:
                return graph.infeasible[edge]
        return None
