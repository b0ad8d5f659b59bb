"""Generate journeys that cover every edge of a flow in every scenario.

For each scenario (open, closed, holiday; normal or congested), every edge a caller can
take is a target. Targets are taken nearest to the start first; for each one not yet
covered we plan a call: the shortest way to the edge, the edge, and then a greedy
continuation that keeps taking edges no journey has taken yet (replaying a menu with
silence and a wrong key on the way, going back to a menu that still has untried keys)
before heading for the nearest end. The call is then played by the real engine, so
what a journey is said to cover is what the simulator actually did. A last pass drops
journeys whose edges are all covered by others.

Cost: a planned call is its route, at most MAX_PLANNED_STEPS steps of improvisation and
the way to an end, and it may take as many steps as that needs (a journey down a chain
of 10,000 messages is 10,000 steps long, and says `max_steps`), so that every target is
covered by the first call planned for it rather than retried. The work is then about the
size of the journeys written (the sum of their paths): n on a chain, the leaves times the
depth on a tree; the searches are bounded.
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date

from ivr_lint.analysis.scenarios import Scenario
from ivr_lint.model.flow import BranchNode, InputNode, MenuNode, QueueNode, TransferNode
from ivr_lint.project import LoadedFile, Project
from ivr_lint.simulate import answers as A
from ivr_lint.simulate.clock import format_at
from ivr_lint.simulate.engine import DEFAULT_MAX_STEPS, Caller, CallSettings, Question, simulate
from ivr_lint.simulate.scenarios import Analysis, CallGraph, MomentClass, Move, replays
from ivr_lint.simulate.transcript import Edge, Step, Transcript

PATIENCE = 12  # steps without a new edge before a journey heads for an end
MAX_PLANNED_STEPS = 120
SEARCH_LIMIT = 400  # nodes looked at when steering towards an untaken edge


@dataclass(slots=True)
class Walk:
    """What a journey keeps of its planned call: where it went and how it ended (not the
    steps themselves: a hundred thousand journeys of prompts and notes are gigabytes)."""

    path: list[str]
    outcome: str
    end: str | None
    elapsed: float  # the silences waited (planned calls say no prompt)

    @classmethod
    def of(cls, transcript: Transcript) -> Walk:
        return cls(transcript.path, transcript.outcome, transcript.end, transcript.elapsed)


@dataclass(slots=True)
class Planned:
    scenario: Scenario
    moment: MomentClass
    answers: list[str | None]
    unanswered: list[str]
    variables: dict[str, str]
    transcript: Walk
    covered: set[Edge] | tuple[Edge, ...]  # a tuple once kept (a hundred thousand small sets weigh)

    @property
    def keys(self) -> list[str]:
        keys = [A.SILENCE if a is None else a for a in self.answers]
        while keys and keys[-1] == A.SILENCE:  # when keys run out, the call hears silence anyway
            keys.pop()
        return keys


@dataclass
class Generated:
    analysis: Analysis
    journeys: list[Planned]
    covered: dict[Scenario, set[Edge]]
    gaps: dict[Scenario, dict[Edge, str]] = field(default_factory=dict)  # reachable there, not covered
    uncovered: dict[Edge, str] = field(default_factory=dict)  # covered in no scenario

    @property
    def total_targets(self) -> int:
        return sum(len(t) for t in self.analysis.targets.values())

    @property
    def total_covered(self) -> int:
        return sum(len(c) for c in self.covered.values())


class Planner(Caller):
    """Answers one call so that it follows `route`, then takes edges not yet covered."""

    def __init__(self, graph: CallGraph, route: list[Move], covered: set[Edge], file: str):
        self.graph = graph
        self.route = route
        #: improvisation stops after this many steps (the route itself may be longer)
        self.budget = max(MAX_PLANNED_STEPS, len(route) + PATIENCE)
        self.position = 0
        self.covered = covered
        self.file = file
        self.taken: set[Edge] = set()
        self.answers: list[str | None] = []
        self.decisions: dict[str, bool] = {}
        self.variables: dict[str, str] = {}
        self.intent: str | None = None  # a node where we fail on purpose until max-retries
        self.finishing = False
        self.idle = 0
        self.steps = 0
        self.problem: str | None = None

    # -- following the call (listener) ---------------------------------------------------------
    def hear(self, step: Step) -> None:
        pass

    def done(self, step: Step) -> None:
        self.steps += 1
        edge = step.edge
        if edge is None:
            return
        if edge.file == self.file and edge not in self.covered and edge not in self.taken:  # _fresh
            self.idle = 0
        else:
            self.idle += 1
        self.taken.add(edge)
        if self.idle > PATIENCE or self.steps > self.budget:
            self.finishing = True
        if self.position < len(self.route):
            expected = self.route[self.position]
            if edge is expected.edge or edge == expected.edge:
                self.position += 1
            elif not (step.node == expected.source and edge.transition.target == edge.node):
                self.position = len(self.route)  # the call went elsewhere: improvise from here

    def _fresh(self, edge: Edge) -> bool:
        return edge.file == self.file and edge not in self.covered and edge not in self.taken

    def _current(self, name: str) -> Move | None:
        if self.position < len(self.route) and self.route[self.position].source == name:
            return self.route[self.position]
        return None

    # -- answering (caller) ----------------------------------------------------------------------
    def answer(self, question: Question) -> str | None:
        answer = self._choose(question)
        self.answers.append(answer)
        return answer

    def _choose(self, question: Question) -> str | None:
        if self.intent != question.name:
            self.intent = None
        planned = self._current(question.name)
        if planned is not None:
            return self._realise(planned, question)
        if self.intent == question.name:
            return self._failure(question)
        return self._greedy(question)

    def _realise(self, move: Move, question: Question) -> str | None:
        kind, node = move.edge.transition.kind, question.node
        if kind == "key":
            return move.edge.transition.key
        if kind == "no-input":
            return None
        if kind == "no-match":
            return A.wrong_key(node)
        if kind == "invalid":
            return A.invalid_digits(node)
        if kind == "next":
            return self._digits(question)
        return self._failure(question)  # max-retries: fail until the retries run out

    def _failure(self, question: Question) -> str | None:
        kinds = replays(question.node, question.flow.defaults)
        if "no-input" in kinds or not kinds:
            return None
        return A.wrong_key(question.node) if isinstance(question.node, MenuNode) else A.invalid_digits(question.node)

    def _greedy(self, question: Question) -> str | None:
        name, node = question.name, question.node
        moves = self.graph.out.get(name, [])
        if not self.finishing:
            retries = node.effective_retries(question.flow.defaults)
            for move in moves:  # replays first: one more prompt, and the caller stays here
                replayable = move.edge.transition.kind == "key" or retries < 0 or question.failures < retries
                if move.loop and self._fresh(move.edge) and replayable:
                    return self._realise(move, question)
            for move in moves:
                if not move.loop and self._fresh(move.edge) and move.edge.transition.kind != "max-retries":
                    return self._realise(move, question)
            for move in moves:
                if move.edge.transition.kind == "max-retries" and self._fresh(move.edge):
                    self.intent = name
                    return self._failure(question)
            towards = self._towards_fresh(name)
            if towards is not None:
                return self._realise(towards, question)
        towards = self._towards_end(name)
        return self._realise(towards, question) if towards is not None else self._failure(question)

    def _towards_fresh(self, name: str) -> Move | None:
        """The first move of the shortest way to a node with an edge not yet covered."""
        first: dict[str, Move] = {}
        queue = deque([name])
        seen = {name}
        while queue and len(seen) < SEARCH_LIMIT:
            current = queue.popleft()
            for move in self.graph.out.get(current, ()):
                if move.target is None or move.loop or move.target in seen or move.second_visit:
                    continue
                if move.edge.transition.kind == "max-retries":
                    continue  # do not steer through deliberate failures
                seen.add(move.target)
                first[move.target] = first.get(current, move)
                if any(self._fresh(m.edge) for m in self.graph.out.get(move.target, ())):
                    return first[move.target]
                queue.append(move.target)
        return None

    def _towards_end(self, name: str) -> Move | None:
        distance = self.graph.distance_to_end
        moves = [m for m in self.graph.out.get(name, ()) if not m.loop and m.target is not None]
        return min(moves, key=lambda m: (distance.get(m.target, 10**9), m.edge.transition.kind == "max-retries"),
                   default=None)

    # -- digits, variables, people -------------------------------------------------------------
    def _digits(self, question: Question) -> str | None:
        node: InputNode = question.node
        wanted, branch = None, None
        for move in self.route[self.position + 1:]:
            _, upcoming = self.graph.nodes[move.source]
            if isinstance(upcoming, InputNode) and upcoming.variable == node.variable:
                break
            if isinstance(upcoming, BranchNode) and upcoming.on == node.variable:
                wanted, branch = move, upcoming
                break
        if branch is None and self.position >= len(self.route):
            ahead = self.graph.branch_ahead(question.name, node.variable) if node.variable else None
            if ahead is not None:
                branch = self.graph.nodes[ahead][1]
                wanted = self._choose_case(ahead, node)
        if branch is None or wanted is None:
            return A.valid_digits(node)
        if wanted.edge.transition.kind == "case":
            value = wanted.edge.transition.key
            if A.digits_valid(node, value):
                return value
            self.problem = f"case {value!r} of {branch.id} cannot be typed at {node.id}"
        return A.valid_digits(node, avoid=branch.cases)

    def _choose_case(self, branch_name: str, node: InputNode | None) -> Move | None:
        moves = self.graph.out.get(branch_name, [])
        typeable = [m for m in moves if m.edge.transition.kind != "case" or node is None
                    or A.digits_valid(node, m.edge.transition.key)]
        fresh = [m for m in typeable if self._fresh(m.edge)]
        if fresh and not self.finishing:
            return fresh[0]
        distance = self.graph.distance_to_end
        return min(typeable, key=lambda m: distance.get(m.target, 10**9), default=None)

    def variable(self, name: str, where: str) -> str | None:
        planned = self._current(where)
        move = planned if planned is not None else self._choose_case(where, None)
        if move is None or move.edge.transition.kind != "case":
            return None
        self.variables[name] = move.edge.transition.key
        return move.edge.transition.key

    def unanswered(self, name: str, node: QueueNode | TransferNode) -> bool:
        if name not in self.decisions:
            planned = self._current(name)
            # nobody answers a queue or transfer, or the caller leaves no message at a voicemail
            if planned is not None:
                decision = planned.edge.transition.kind in ("timeout", "failure", "no-input")
            else:
                decision = not self.finishing and any(
                    m.edge.transition.kind in ("timeout", "failure", "no-input") and self._fresh(m.edge)
                    for m in self.graph.out.get(name, ()))
            self.decisions[name] = decision
        return self.decisions[name]


def _unspoken(text: str, flow) -> float:
    """How long a planned call's prompts last does not matter: the journey file keeps no duration
    (estimating one per step was a quarter of the generation; the calls are played with
    `narrate=False`, so the prompts are not even filled in)."""
    return 0.0


def _plan(analysis: Analysis, scenario: Scenario, graph: CallGraph, route: list[Move],
          covered: set[Edge]) -> tuple[Planned, Planner]:
    planner = Planner(graph, route, covered, analysis.start.name)
    settings = CallSettings(moment=graph.moment.at, congested=scenario.congested, max_steps=max_steps(graph, route))
    transcript = simulate(analysis.project, analysis.start, settings, planner, seconds=_unspoken, listeners=[planner],
                          narrate=False, edges=analysis.table)
    file = analysis.start.name
    edges = planner.taken if len(analysis.project.files) == 1 else {e for e in planner.taken if e.file == file}
    unanswered = sorted(name for name, no in planner.decisions.items() if no)
    planned = Planned(scenario, graph.moment, planner.answers, unanswered, planner.variables, Walk.of(transcript),
                      edges)
    return planned, planner


def max_steps(graph: CallGraph, route: list[Move]) -> int:
    """Steps a planned call may take: its route, the improvisation, then the longest way to an end
    (the engine's default, 200, unless the flow is deeper than that)."""
    return max(DEFAULT_MAX_STEPS, len(route) + PATIENCE + MAX_PLANNED_STEPS + graph.longest_to_end + 1)


def generate(project: Project, start: LoadedFile, since: date) -> Generated:
    analysis = Analysis(project, start, since)
    order = {edge: index for index, edge in enumerate(analysis.edges)}
    covered: dict[Scenario, set[Edge]] = {s: set() for s in analysis.targets}
    gaps: dict[Scenario, dict[Edge, str]] = {s: {} for s in analysis.targets}
    journeys: list[Planned] = []
    for scenario, targets in analysis.targets.items():
        ranked = sorted(targets.items(), key=lambda item: (item[1][0].depth.get(item[1][1].source, 10**6),
                                                          order.get(item[0], 10**6)))
        for edge, (graph, move) in ranked:
            if edge in covered[scenario]:
                continue
            route = graph.route_to(move)
            if route is None:
                gaps[scenario][edge] = "no way to reach it in this scenario"
                continue
            planned, planner = _plan(analysis, scenario, graph, route, covered[scenario])
            if not planned.covered <= covered[scenario]:
                journeys.append(planned)
                covered[scenario] |= planned.covered
            if edge not in planned.covered:
                gaps[scenario][edge] = planner.problem or "the planned call could not take it"
            planned.covered = tuple(planned.covered)
    journeys = _drop_redundant(journeys)
    for scenario, found in gaps.items():
        gaps[scenario] = {e: why for e, why in found.items() if e not in covered[scenario]}
    result = Generated(analysis, journeys, covered, gaps)
    everywhere = set().union(*covered.values()) if covered else set()
    for edge in analysis.edges:
        if edge not in everywhere:
            result.uncovered[edge] = why_uncovered(analysis, edge, gaps)
    return result


def _drop_redundant(journeys: list[Planned]) -> list[Planned]:
    """Remove journeys (latest first) whose every edge another journey also covers."""
    counts: dict[Scenario, Counter] = {}
    for journey in journeys:
        counts.setdefault(journey.scenario, Counter()).update(journey.covered)
    kept = []
    for journey in reversed(journeys):
        count = counts[journey.scenario]
        if all(count[e] > 1 for e in journey.covered):
            for e in journey.covered:
                count[e] -= 1
        else:
            kept.append(journey)
    return kept[::-1]


def why_uncovered(analysis: Analysis, edge: Edge, gaps: dict[Scenario, dict[Edge, str]]) -> str:
    """Why no journey takes `edge`, as precisely as the analysis can tell."""
    reason = analysis.infeasible_reason(edge)
    if reason:
        return reason
    for found in gaps.values():
        if edge in found:
            return found[edge]
    if edge.node not in analysis.reached_names:
        return f"no call reaches {edge.node} at any moment of the {analysis.days} days scanned"
    kind = edge.transition.kind
    if kind in ("open", "closed", "holiday"):
        node = analysis.start.flow.nodes[edge.node]
        schedule = analysis.start.flow.schedule(node.schedule)
        label = f"schedule `{node.schedule}`" if node.schedule else "the flow's schedule"
        if any(m.state(schedule) == kind for m in analysis.moments):
            return (f"whenever {label} is `{kind}`, calls do not reach {edge.node} "
                    "(an earlier hours check sends them elsewhere)")
        return f"{label} is never `{kind}` in the {analysis.days} days from {analysis.since}"
    if kind == "congestion":
        return "congestion is taken only the first time a queue is reached under load"
    return "no call found that takes it"


# -- writing the journey file -----------------------------------------------------------------

#: what a YAML double-quoted scalar may not hold raw (C0 and C1 controls, DEL, the
#: non-characters, and the line breaks YAML folds into spaces: NEL, LS, PS), nor a comment
_NOT_YAML_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _q(text: str) -> str:
    """A YAML (and JSON) double-quoted string that reads back as exactly `text`."""
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


def _comment(text: str) -> str:
    """Text for a `#` comment: a line break or a control character in a flow's id or name
    would end the comment (and write YAML) or drive the terminal of whoever reads it."""
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group(0)):04x}",
                              text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"))


def _list(items: list[str], quote=_q) -> str:
    return "[" + ", ".join(map(quote, items)) + "]"


class _Quoted(dict):
    """`_q` of each text, computed once: the same node names fill every journey's path."""

    def __missing__(self, text: str) -> str:
        self[text] = quoted = _q(text)
        return quoted


def journey_name(index: int, journey: Planned, keys: list[str] | None = None) -> str:
    t = journey.transcript
    keys = " ".join(journey.keys if keys is None else keys) or "no key"
    return f"{journey.scenario.name} #{index}: {keys} -> {t.outcome} at {t.end}"


def to_yaml(generated: Generated, flow_ref: str, command: str) -> str:
    analysis = generated.analysis
    lines = [f"# Journeys for {_comment(analysis.start.name)}, generated by `{_comment(command)}`.",
             (f"# {len(generated.journeys)} journeys cover {generated.total_covered} of {generated.total_targets} "
              "edges a caller can take, counted per scenario:")]
    lines.append("#   " + ", ".join(f"{s.name} {len(generated.covered[s])}/{len(t)}"
                                      for s, t in analysis.targets.items()))
    merged = [s.name for s in (Scenario(st, True) for st in ("open", "closed", "holiday"))
              if analysis.same_as_normal(s) and Scenario(s.state, False) in analysis.targets]
    if merged:
        lines.append(f"# Under load, {', '.join(merged)} behave as without (no queue is reached), so they "
                     "are not repeated.")
    if generated.uncovered:
        count = len(generated.uncovered)
        lines.append(f"# {count} edge{'' if count == 1 else 's'} of the flow cannot be covered:")
        lines.extend(f"#   {_comment(edge.describe())}: {_comment(why)}" for edge, why in generated.uncovered.items())
    lines += [f"flow: {_q(flow_ref)}", "journeys:" if generated.journeys else "journeys: []"]
    counters: Counter = Counter()
    quote = _Quoted().__getitem__
    moments: dict[int, str] = {}  # id of a moment class -> its `at:` line (the same for thousands of journeys)
    for journey in generated.journeys:
        counters[journey.scenario] += 1
        t = journey.transcript
        keys = journey.keys
        lines.append(f"  - name: {_q(journey_name(counters[journey.scenario], journey, keys))}")
        at = moments.get(id(journey.moment))
        if at is None:
            at = moments[id(journey.moment)] = f"    at: {_q(format_at(journey.moment.at))}"
        lines.append(at)
        if journey.scenario.congested:
            lines.append("    congested: true")
        if journey.unanswered:
            lines.append(f"    unanswered: {_list(journey.unanswered)}")
        if journey.variables:
            lines.append("    vars: {" + ", ".join(f"{_q(k)}: {_q(v)}" for k, v in journey.variables.items()) + "}")
        if keys:
            lines.append(f"    keys: {_list(keys, quote)}")
        if len(t.path) > DEFAULT_MAX_STEPS:  # a journey longer than the engine's default allows
            lines.append(f"    max_steps: {len(t.path)}")
        lines.append(f"    expect: {{outcome: {t.outcome}, end: {quote(t.end)}, path: {_list(t.path, quote)}}}")
    return "\n".join(lines) + "\n"
