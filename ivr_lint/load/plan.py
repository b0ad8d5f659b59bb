"""The period as the engines see it: one slot per interval, with its calls, staff and scenario.

The flow comes through `ivr_lint.project.Project` as for every command, so a flow that
inherits its hours from a `service.yaml`, or jumps to another flow, is modelled as `check`
reads it. The traffic file's names (queues, menus, options) are checked against the flow
here, each mistake at its line and column.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ivr_lint.engine import check_paths
from ivr_lint.config import Config
from ivr_lint.findings import Finding, Severity
from ivr_lint.load.traffic import Traffic, TrafficError
from ivr_lint.load.walk import FlowWalk
from ivr_lint.model import flow as m
from ivr_lint.project import LoadedFile, Project
from ivr_lint.text.quoting import quote


class FlowUnusable(Exception):
    """The flow cannot be modelled (unreadable, or `check` finds structural errors)."""


@dataclass
class Slot:
    index: int
    day: date
    minute: int
    start: datetime  # naive, in the flow's time zone
    offered: float
    scenario: tuple[str, ...]
    staff: dict[str, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.day.isoformat()} {self.minute // 60:02d}:{self.minute % 60:02d}"

    @property
    def is_open(self) -> bool:
        return all(state == "open" for state in self.scenario)


@dataclass
class Plan:
    traffic: Traffic
    project: Project
    walk: FlowWalk
    slots: list[Slot]
    queues: list[str]  # queue node names, in flow order

    @property
    def interval_seconds(self) -> float:
        return self.traffic.interval * 60.0

    @property
    def horizon(self) -> float:
        return len(self.slots) * self.interval_seconds

    def slot_at(self, seconds: float) -> int:
        return min(len(self.slots) - 1, max(0, int(seconds // self.interval_seconds)))


def open_flow(path: str) -> tuple[Project, LoadedFile]:
    """The flow with its `goto` targets; FlowUnusable when unreadable or `check` rejects its structure."""
    result = check_paths([path], Config(select=["structure"]))
    if result.input_errors:
        raise FlowUnusable("\n".join(result.input_errors))
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    started = next((f for f in result.project.files.values()
                    if f.path and os.path.realpath(f.path) == os.path.realpath(path)), None)
    if errors or started is None or started.flow is None:
        lines = [f"{f.file}:{f.line}:{f.column}: {f.rule}: {f.message}" for f in errors]
        raise FlowUnusable("`ivr-lint check` reports errors in the flow; fix them first:\n" + "\n".join(lines or
                           [f"{path}: not a usable flow"]))
    return result.project, started


def load_flow(traffic: Traffic) -> tuple[Project, LoadedFile]:
    """The traffic file's flow (see `open_flow`); a `flow` naming no file is the traffic file's mistake."""
    if not os.path.isfile(traffic.flow):
        pos = traffic.where("flow")
        raise TrafficError([Finding("schema-error", f"`flow` names no file: {quote(traffic.flow)}",
                                    traffic.file, pos.line, pos.column)])
    return open_flow(traffic.flow)


def build_plan(traffic: Traffic) -> Plan:
    project, started = load_flow(traffic)
    walk = FlowWalk(project, started, traffic.choices)
    check_names(traffic, walk)
    queues = [walk.name(q) for q in walk.queues()]
    _by_node_name(traffic, walk)
    slots = []
    step = traffic.interval
    for day in traffic.days():
        for minute in range(0, 24 * 60, step):
            moment = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)
            staff = {q: traffic.staff_at(q, day, minute) for q in queues}
            slots.append(Slot(len(slots), day, minute, moment, traffic.calls_at(day, minute),
                              walk.scenario_at(moment), staff))
    return Plan(traffic, project, walk, slots, queues)


def _by_node_name(traffic: Traffic, walk: FlowWalk) -> None:
    """A queue the traffic file names by its platform name (`queue:`) is filed under its node's name."""
    for node in walk.queues():
        name = walk.name(node)
        if not node.queue or node.queue == name:
            continue
        for block, table in (("staff", traffic.staff), ("handling_time", traffic.handling),
                             ("patience", traffic.patience), ("congestion", traffic.congestion)):
            if node.queue in table and name not in table:
                table[name] = table[node.queue]
                prefix = f"{block}.{node.queue}"
                for place, pos in list(traffic.positions.items()):
                    if place == prefix or place.startswith(prefix + "."):
                        traffic.positions[f"{block}.{name}" + place[len(prefix):]] = pos


def check_names(traffic: Traffic, walk: FlowWalk) -> None:
    """Every queue, menu and option the traffic file names exists in the flow."""
    findings: list[Finding] = []
    nodes = walk.nodes()
    queue_names = {walk.name(q) for q in walk.queues()} | {q.queue for q in walk.queues() if q.queue}

    def fail(message: str, place: str) -> None:
        pos = traffic.where(place)
        findings.append(Finding("schema-error", message, traffic.file, pos.line, pos.column))

    def suggest(name: str, known: set[str]) -> str:
        hint = difflib.get_close_matches(name, sorted(known), n=1)
        return f"; did you mean {hint[0]!r}?" if hint else (f" (queues: {', '.join(sorted(known))})" if known else
                                                            " (the flow has no queue)")

    for block, extra in (("staff", ()), ("handling_time", ("default",)), ("patience", ("default", "ivr")),
                         ("congestion", ("default",))):
        table = {"staff": traffic.staff, "handling_time": traffic.handling, "patience": traffic.patience,
                 "congestion": traffic.congestion}[block]
        for name in table:
            if name not in queue_names and name not in extra:
                fail(f"`{block}` names {quote(name)}, which is no queue node of the flow"
                     f"{suggest(name, queue_names)}", f"{block}.{name}")
    if traffic.callback_queue and traffic.callback_queue not in queue_names:
        fail(f"`callbacks.queue` names {quote(traffic.callback_queue)}, which is no queue node of the flow"
             f"{suggest(traffic.callback_queue, queue_names)}", "callbacks")
    chooser = {walk.name(n): n for n in nodes if isinstance(n, (m.MenuNode, m.InputNode, m.BranchNode, m.TransferNode))}
    for name, shares in traffic.choices.items():
        node = chooser.get(name) or next((n for n in chooser.values() if n.id == name), None)
        if node is None:
            hint = difflib.get_close_matches(name, sorted(chooser), n=1)
            fail(f"`choices` names {quote(name)}, which is no menu, input, branch or transfer of the flow"
                 + (f"; did you mean {hint[0]!r}?" if hint else ""), f"choices.{name}")
            continue
        allowed = _choice_keys(node)
        for key in shares:
            if key not in allowed:
                fail(f"`choices` of {quote(name)}: {quote(key)} is not one of its choices ({', '.join(allowed)})",
                     f"choices.{name}.{key}")
    if findings:
        raise TrafficError(findings)


def _choice_keys(node: m.Node) -> list[str]:
    if isinstance(node, m.MenuNode):
        return [*node.options, "silence", "wrong"]
    if isinstance(node, m.InputNode):
        return ["valid", "invalid", "silence"]
    if isinstance(node, m.BranchNode):
        return [*node.cases, "default"]
    return ["failure"]
