"""What a caller meets in one version of a flow, per scenario: the half of `ivr-lint diff` that
says what a change does to people.

Worked out from the scenario graphs (`analysis.scenarios`), the cost model of the way to a
person (`analysis.person_paths`), the menu depth (`analysis.depth`) and the prompt facts,
never by listing paths: each choice a caller makes (a key at a menu, digits, the last
retry, the call itself) is followed through the steps that ask nothing (messages, the
hours in that scenario, a saturated queue's overflow) to where it lands, each node
followed once per scenario, so the cost stays linear in the flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ivr_lint.analysis.depth import menu_depth
from ivr_lint.analysis.person_paths import CallerMoves
from ivr_lint.analysis.prompts import PromptFacts
from ivr_lint.analysis.scenarios import STATES, ScenarioGraph, scenarios_of
from ivr_lint.model.flow import (GotoNode, HoursNode, InputNode, MenuNode, PlayNode, QueueNode,
                                 TransferNode)
from ivr_lint.project import LoadedFile

CALL = "the call"
LAST_RETRY = "the last retry"


@dataclass(frozen=True)
class Landing:
    """Where a choice leads: the first node that ends the call or asks the caller again."""

    node: str | None  # None: the call loops through messages forever
    type: str
    human: bool = False

    def describe(self) -> str:
        if self.node is None:
            return "a loop"
        if self.type == "goto":
            return (f"a person in another flow (goto {self.node!r})" if self.human
                    else f"another flow with no person (goto {self.node!r})")
        if self.human:
            return f"a person ({self.type} {self.node!r})"
        what = {"hangup": "hang-up"}.get(self.type, self.type)
        return f"{what} {self.node!r}"

    def to_json(self) -> dict:
        return {"node": self.node, "type": self.type, "person": self.human}


@dataclass
class PersonWay:
    """The fastest way to a person and the way with the fewest keys. A prompt on a way whose
    length is unknown (an export's audio, not measured) makes its seconds a lower bound: the
    nodes are in `unknown` / `fewest_unknown`, and the way is said "at least N s" or "an
    unknown time", as slow-agent-path says it."""

    seconds: float
    keys: int
    path: list[str]
    doing: str
    fewest_keys: int
    fewest_seconds: float
    fewest_path: list[str]
    unknown: list[str] = field(default_factory=list)
    fewest_unknown: list[str] = field(default_factory=list)
    #: the prompts of `unknown`, as written: the same audio on two ways lasts the same
    unknown_prompts: tuple[str, ...] = ()

    def to_json(self) -> dict:
        out = {**seconds_json("seconds", self.seconds, self.unknown), "keys": self.keys, "path": self.path,
               "fewest_keys": self.fewest_keys}
        out.update(seconds_json("fewest_keys_seconds", self.fewest_seconds, self.fewest_unknown))
        out["fewest_keys_path"] = self.fewest_path
        return out


def seconds_json(name: str, seconds: float, unknown: list[str]) -> dict:
    """`name`: the seconds when known; else null, with `name_at_least` and `unknown_length` (the
    JSON of slow-agent-path: `seconds`, `seconds_at_least`, `unknown_length`)."""
    if not unknown:
        return {name: round(seconds, 1)}
    prefix = name[:-len("seconds")] if name.endswith("seconds") else f"{name}_"
    return {name: None, f"{name}_at_least": round(seconds, 1), f"{prefix}unknown_length": list(unknown)}


def said_seconds(seconds: float, unknown: list[str] | bool) -> str:
    """"12 s", "at least 12 s" (a prompt on the way lasts an unknown time) or "an unknown time"."""
    if not unknown:
        return f"{seconds:.0f} s"
    return f"at least {seconds:.0f} s" if seconds >= 0.5 else "an unknown time"


@dataclass
class CallerView:
    #: (scenario, node, choice) -> landing, for the nodes a caller can reach in that scenario
    landings: dict[tuple[str, str, str], Landing] = field(default_factory=dict)
    #: scenario -> fastest way to a person (None: no person can be reached from the start)
    persons: dict[str, PersonWay | None] = field(default_factory=dict)
    #: scenario -> the person points reachable from the start
    people: dict[str, set[str]] = field(default_factory=dict)
    deepest: tuple[int, str | None] = (0, None)
    #: (seconds, node, its length is unknown: the seconds are those of its known words)
    longest: tuple[float, str | None, bool] = (0.0, None, False)
    choices: dict[str, int] = field(default_factory=dict)


def scenario_graphs(loaded: LoadedFile) -> list[ScenarioGraph]:
    """The scenarios the flow can meet, normal load first."""
    scenarios = scenarios_of(loaded.graph)
    return [g for congested in (False, True) for state in STATES for g in scenarios.for_state(state, congested)]


def caller_view(loaded: LoadedFile, prompts: PromptFacts) -> CallerView:
    view = CallerView()
    flow = loaded.flow
    if flow is None:
        return view
    graph = loaded.graph

    def measured(text: str) -> bool:
        return text in prompts.measured

    for sg in scenario_graphs(loaded):
        name = sg.scenario.name
        reachable = sg.reachable
        land = _Lander(sg)
        if flow.start in flow.nodes and flow.start in reachable:
            view.landings[(name, flow.start, CALL)] = land(flow.start)
        for node_id, node in flow.nodes.items():
            if node_id not in reachable:
                continue
            if isinstance(node, MenuNode):
                for option in node.choices:
                    if option.next in flow.nodes and option.next != node_id:
                        view.landings[(name, node_id, f"key {option.key}")] = land(option.next)
            elif isinstance(node, InputNode) and node.next in flow.nodes:
                view.landings[(name, node_id, "digits")] = land(node.next)
            if isinstance(node, (MenuNode, InputNode)) and not node.retries_unbounded(flow.defaults):
                target = node.max_retries_target(flow.defaults)
                if target in flow.nodes and target != node_id:
                    view.landings[(name, node_id, LAST_RETRY)] = land(target)
        people = sg.person_points & reachable
        view.people[name] = {p for p in people if not flow.nodes[p].opaque}
        if flow.start in sg.reaches_human and people:
            moves = CallerMoves(flow, sg.simple, prompts.seconds, measured)
            start = prompts.seconds(flow.nodes[flow.start])
            fast = moves.cheapest(people, seconds_first=True)
            few = moves.cheapest(people, seconds_first=False)
            view.persons[name] = None if fast is None or few is None else PersonWay(
                fast.seconds + start, fast.keys, fast.path, fast.doing, few.keys, few.seconds + start, few.path,
                fast.unknown, few.unknown, tuple(flow.nodes[n].prompt_text for n in fast.unknown))
        else:
            view.persons[name] = None
    depth = menu_depth(graph)
    for place in depth.places():
        if place[0] is graph and isinstance(flow.nodes[place[1]], MenuNode):
            menus = depth.menus(place) or 0
            if menus > view.deepest[0]:
                view.deepest = (menus, place[1])
    lengths = CallerMoves(flow, None, prompts.seconds, measured)
    for node in flow.nodes.values():
        seconds = prompts.seconds(node)
        if seconds > view.longest[0]:
            view.longest = (seconds, node.id, lengths.unknown_length(node))
        if isinstance(node, MenuNode):
            view.choices[node.id] = len({o.next for o in node.choices if o.next and o.next != node.id})
    return view


class _Lander:
    """Follows the steps that ask nothing, memoised per scenario graph."""

    def __init__(self, sg: ScenarioGraph):
        self.sg = sg
        self.flow = sg.base.flow
        self.memo: dict[str, Landing] = {}

    def _next(self, node_id: str) -> str | None:
        """The one node a caller is taken to without being asked, or None where the walk stops."""
        node = self.flow.nodes[node_id]
        successors = self.sg.simple.succ[node_id]
        if isinstance(node, PlayNode):
            return node.next if node.next in successors else None
        if isinstance(node, HoursNode):
            targets = list(successors)
            return targets[0] if len(targets) == 1 else None
        if isinstance(node, QueueNode) and self.sg.scenario.congested and node.congestion in successors:
            return node.congestion
        return None

    def __call__(self, node_id: str) -> Landing:
        chain, seen = [], set()
        current: str | None = node_id
        result: Landing | None = None
        while current is not None:
            if current in self.memo:
                result = self.memo[current]
                break
            if current in seen:
                result = Landing(None, "loop")
                break
            seen.add(current)
            chain.append(current)
            following = self._next(current)
            if following is None:
                node = self.flow.nodes[current]
                human = node.is_human or (isinstance(node, GotoNode) and current in self.sg.person_points)
                result = Landing(current, node.type, human and not node.opaque and
                                 isinstance(node, (QueueNode, TransferNode, GotoNode)))
                break
            current = following
        for item in chain:
            self.memo[item] = result
        return result
