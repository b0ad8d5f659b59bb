"""How callers move through the flow: each node's ways out with their shares and durations.

Both engines ask this module the same question, "from this node, after so many failed
attempts, in this interval's scenario, where do callers go, how often, and how long does it
take?". The closed forms push probability mass along the answers; the simulation draws one
answer per caller. Prompts last what `analysis.prompts` estimates (measured durations, when
given, replace the estimate), the shares come from the traffic file's `choices` (default:
equal shares of the announced options, 5 % silence), `hours` nodes follow the schedule of
the moment, and `goto` continues in the linked flow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from ivr_lint.analysis.prompts import PromptFacts
from ivr_lint.model import flow as m
from ivr_lint.model.calendar import OPEN, state_at
from ivr_lint.project import LoadedFile, Project

DEFAULT_SILENCE = 0.05
KEY_SECONDS = 1.0  # from the end of a prompt to the key press
#: how a call can end, most significant first (as `ivr-lint simulate` ranks them)
OUTCOMES = ("agent", "transfer", "callback", "voicemail", "information", "closed", "hangup",
            "abandoned", "ivr-abandoned", "loop")


@dataclass(frozen=True)
class Move:
    """One way out of a node: `share` of the callers there take it, after `seconds`."""

    share: float
    target: m.Node | None  # None: the call ends with `event`
    failures: int
    seconds: float
    event: str | None = None  # callback, voicemail, transfer, information, closed, hangup


class FlowWalk:
    """The flows of one project as the load model walks them."""

    def __init__(self, project: Project, start: LoadedFile, choices: Mapping[str, Mapping[str, float]],
                 words_per_minute: float = 150.0):
        self.project = project
        self.start_file = start
        self.choices = choices
        self.file_of: dict[int, LoadedFile] = {}
        self.facts: dict[int, PromptFacts] = {}
        self.names: dict[int, str] = {}
        for loaded in project.files.values():
            if loaded.flow is None:
                continue
            facts = PromptFacts(loaded.flow, words_per_minute)
            for node in loaded.flow.nodes.values():
                self.file_of[id(node)] = loaded
                self.facts[id(node)] = facts
                self.names[id(node)] = node.id if loaded is start else f"{loaded.flow.id}:{node.id}"
        self.start = start.flow.nodes[start.flow.start]
        self._moves: dict[tuple, list[Move]] = {}
        self.schedules = self._schedules()

    # -- what the flow holds -------------------------------------------------------------
    def nodes(self) -> list[m.Node]:
        return [n for f in self.project.files.values() if f.flow is not None for n in f.flow.nodes.values()]

    def queues(self) -> list[m.QueueNode]:
        return [n for n in self.nodes() if isinstance(n, m.QueueNode)]

    def name(self, node: m.Node) -> str:
        return self.names[id(node)]

    def node_named(self, name: str) -> m.Node | None:
        return next((n for n in self.nodes() if self.name(n) == name or
                     (n.id == name and sum(o.id == name for o in self.nodes()) == 1)), None)

    def _schedules(self) -> list[tuple[str, m.Schedule]]:
        seen: dict[int, tuple[str, m.Schedule]] = {}
        for node in self.nodes():
            if isinstance(node, m.HoursNode):
                flow = self.file_of[id(node)].flow
                schedule = flow.schedule(node.schedule)
                if schedule is not None:
                    seen.setdefault(id(schedule), (f"{flow.id}:{node.schedule or 'hours'}", schedule))
        return list(seen.values())

    def scenario_at(self, moment: datetime) -> tuple[str, ...]:
        """The state (open, closed, holiday) of every schedule at `moment`: the key of a scenario."""
        return tuple(state_at(schedule, moment) for _, schedule in self.schedules)

    def _state(self, node: m.HoursNode, scenario: tuple[str, ...]) -> str:
        schedule = self.file_of[id(node)].flow.schedule(node.schedule)
        for (_, known), state in zip(self.schedules, scenario):
            if known is schedule:
                return state
        return OPEN  # no schedule in the flow: the platform decides; model it open

    def prompt_seconds(self, node: m.Node) -> float:
        return self.facts[id(node)].seconds(node)

    # -- ways out --------------------------------------------------------------------------
    def moves(self, node: m.Node, failures: int, scenario: tuple[str, ...]) -> list[Move]:
        key = (id(node), failures, scenario)
        found = self._moves.get(key)
        if found is None:
            found = self._moves[key] = [move for move in self._compute(node, failures, scenario) if move.share > 0]
        return found

    def _node(self, node: m.Node, target: str | None) -> m.Node | None:
        return self.file_of[id(node)].flow.nodes.get(target) if target else None

    def _go(self, node: m.Node, target: str | None, share: float, seconds: float, failures: int = 0,
            fallback: str = "hangup") -> Move:
        following = self._node(node, target)
        if following is None:
            return Move(share, None, 0, seconds, fallback)
        return Move(share, following, failures if following is node else 0, seconds)

    def _compute(self, node: m.Node, failures: int, scenario: tuple[str, ...]) -> list[Move]:
        said = self.prompt_seconds(node)
        if isinstance(node, m.PlayNode):
            return [self._go(node, node.next, 1.0, said)]
        if isinstance(node, m.HoursNode):
            state = self._state(node, scenario)
            target = {"open": node.open, "closed": node.closed, "holiday": node.holiday or node.closed}[state]
            return [self._go(node, target, 1.0, said)]
        if isinstance(node, m.MenuNode):
            return self._menu(node, failures, said)
        if isinstance(node, m.InputNode):
            return self._input(node, failures, said)
        if isinstance(node, m.BranchNode):
            values = list(node.cases) + (["default"] if node.default else [])
            shares = self._shares(node, values, silence=False)
            return [self._go(node, node.cases.get(v, node.default), shares.get(v, 0.0), said) for v in values]
        if isinstance(node, m.TransferNode):
            failure = self.choices.get(self.name(node), {}).get("failure", 0.0) if node.on_failure else 0.0
            out = [Move(1.0 - failure, None, 0, said, "transfer")]
            if failure:
                out.append(self._go(node, node.on_failure, failure, said))
            return out
        if isinstance(node, m.CallbackNode):
            if node.next:
                return [Move(1.0, self._node(node, node.next), 0, said, "callback")]
            return [Move(1.0, None, 0, said, "callback")]
        if isinstance(node, m.VoicemailNode):
            recording = 45.0
            if node.next:
                return [Move(1.0, self._node(node, node.next), 0, said + recording, "voicemail")]
            return [Move(1.0, None, 0, said + recording, "voicemail")]
        if isinstance(node, m.GotoNode):
            link = self.project.link_for(node)
            if link is None or link.target_node is None:
                return [Move(1.0, None, 0, said, "hangup")]
            return [Move(1.0, link.target.flow.nodes[link.target_node], 0, said)]
        if isinstance(node, m.HangupNode):
            return [Move(1.0, None, 0, said, "hangup")]
        return [Move(1.0, None, 0, said, "hangup")]

    def _shares(self, node: m.Node, announced: list[str], silence: bool, extra: tuple[str, ...] = ()) -> dict[str, float]:
        """Given shares, silence 5 % unless given, the rest equally among the announced choices not given."""
        given = dict(self.choices.get(self.name(node), {}))
        if silence:
            given.setdefault("silence", min(DEFAULT_SILENCE, max(0.0, 1.0 - sum(given.values()))))
        rest = max(0.0, 1.0 - sum(given.values()))
        free = [k for k in announced if k not in given]
        if free:
            for key in free:
                given[key] = rest / len(free)
        elif rest > 1e-12:
            chosen = [k for k in announced if k in given] or [k for k in extra if k in given]
            total = sum(given[k] for k in chosen)
            for key in chosen:
                given[key] += rest * (given[key] / total if total else 1 / len(chosen))
        return given

    def _failure(self, node: m.PromptedInput, failures: int, field_target: str | None, default_target: str | None,
                 share: float, seconds: float) -> Move:
        flow = self.file_of[id(node)].flow
        target = field_target or default_target
        if target and target != node.id:
            return self._go(node, target, share, seconds)
        retries = node.effective_retries(flow.defaults)
        if retries >= 0 and failures + 1 > retries:
            last = node.max_retries_target(flow.defaults)
            return self._go(node, last, share, seconds)
        return Move(share, node, failures + 1, seconds)

    def _menu(self, node: m.MenuNode, failures: int, said: float) -> list[Move]:
        flow = self.file_of[id(node)].flow
        announced = [o.key for o in node.choices]
        shares = self._shares(node, announced, silence=True, extra=tuple(node.options))
        out = []
        for key, option in node.options.items():
            share = shares.get(key, 0.0)
            if option.repeat:
                out.append(Move(share, node, failures, said + KEY_SECONDS))
            else:
                out.append(self._go(node, option.next, share, said + KEY_SECONDS))
        timeout = node.effective_timeout(flow.defaults)
        out.append(self._failure(node, failures, node.on_no_input, flow.defaults.on_no_input,
                                 shares.get("silence", 0.0), said + timeout))
        out.append(self._failure(node, failures, node.on_no_match, flow.defaults.on_no_match,
                                 shares.get("wrong", 0.0), said + KEY_SECONDS))
        return out

    def _input(self, node: m.InputNode, failures: int, said: float) -> list[Move]:
        flow = self.file_of[id(node)].flow
        shares = self._shares(node, ["valid"], silence=True, extra=("valid", "invalid"))
        typing = said + 2.0 + (node.digits[1] if node.digits else 4) * 0.5
        timeout = node.effective_timeout(flow.defaults)
        return [
            self._go(node, node.next, shares.get("valid", 0.0), typing),
            self._failure(node, failures, node.on_invalid, flow.defaults.on_invalid or flow.defaults.on_no_match,
                          shares.get("invalid", 0.0), typing),
            self._failure(node, failures, node.on_no_input, flow.defaults.on_no_input,
                          shares.get("silence", 0.0), said + timeout),
        ]


def end_event(event: str | None, scenario_open: bool) -> str:
    """The outcome of a call that ends in the IVR: a hang-up after a message is 'information'
    while the service is open, 'closed' otherwise."""
    if event in ("callback", "voicemail", "transfer"):
        return event
    return "information" if scenario_open else "closed"


def survival(seconds: float, patience: float | None) -> float:
    """Share of callers still on the line after `seconds` of prompts (exponential patience)."""
    return 1.0 if not patience else math.exp(-seconds / patience)
