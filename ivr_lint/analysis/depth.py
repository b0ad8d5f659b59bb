"""How many successive menus a caller goes through to reach each destination, across `goto`.

Depth is navigation: the menus a caller chooses through, from the line's start, on the
way to what they called for. It is counted

- along the choices a caller makes (keys, typed digits, branches, hours), not along
  silence, wrong keys, a saturated queue or a timeout: a menu met only that way (the
  congestion menu "tapez 1 pour être rappelé") is judged by its own rules, in its scenario;
- up to a destination (a queue, a transfer, a callback, a voicemail, a message), and not
  carried through one: what a queue, a callback or a message box leads to is no deeper
  navigation;
- across files: a main menu continuing through `goto` into a sub-flow's menus is that
  many levels for the caller, so every flow linked by `goto` is walked at once, from the
  start of each line callers dial (a file that is only ever reached through `goto` has
  its depth from the flows that jump to it).

One search per group of linked flows, shared by every file of the group; distances and
predecessors only (`analysis.paths`), so it stays linear in the total size.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ivr_lint.analysis.graph import FlowGraph
from ivr_lint.analysis.paths import Cheapest, cheapest
from ivr_lint.model.flow import (CallbackNode, GotoNode, MenuNode, PlayNode, QueueNode, TransferNode,
                                 VoicemailNode)

#: ways out a caller does not choose: errors, silence, a saturated or unanswered queue, a failed transfer
NOT_NAVIGATION = frozenset({"no-input", "no-match", "invalid", "max-retries", "congestion", "timeout", "failure"})
#: where navigation ends: the caller got what they chose
DESTINATIONS = (QueueNode, TransferNode, CallbackNode, VoicemailNode, PlayNode)
#: destinations that are not walked through (a message is: "vous avez choisi..." may lead on to a menu)
STOPS = (QueueNode, TransferNode, CallbackNode, VoicemailNode)

Place = tuple[FlowGraph, str]  # a node of one of the linked flows


@dataclass
class MenuDepth:
    """The menus on the way to every place of a group of linked flows."""

    found: Cheapest[Place]

    def menus(self, place: Place) -> int:
        return self.found.cost[place][0]

    def places(self) -> list[Place]:
        return list(self.found.cost)

    def path(self, place: Place) -> list[Place]:
        return self.found.path(place)

    def previous(self, place: Place) -> Place | None:
        step = self.found.previous.get(place)
        return step[0] if step else None


def is_destination(graph: FlowGraph, node_id: str) -> bool:
    return isinstance(graph.flow.nodes[node_id], DESTINATIONS)


def is_menu(graph: FlowGraph, node_id: str) -> bool:
    return isinstance(graph.flow.nodes[node_id], MenuNode)


def place_name(place: Place, home: FlowGraph) -> str:
    """A node id, prefixed with its file's name when it lives in another flow than `home`."""
    graph, node_id = place
    if graph is home:
        return node_id
    return f"{os.path.basename(graph.flow.source)}:{node_id}"


def menu_depth(graph: FlowGraph) -> MenuDepth:
    """The depth analysis of the group of flows `graph` belongs to (computed once per group)."""
    cached = graph.__dict__.get("_menu_depth")
    if cached is not None:
        return cached
    group = _linked(graph)
    result = MenuDepth(cheapest(_sources(group), _steps, expand=_walked_through))
    for member in group:
        member.__dict__["_menu_depth"] = result
    return result


def _linked(graph: FlowGraph) -> list[FlowGraph]:
    """Every flow linked to `graph` by `goto`, either way (iteratively: chains of 1,000 files)."""
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
    return list(seen.values())


def _sources(group: list[FlowGraph]):
    for graph in group:
        start = graph.flow.start
        if start in graph.flow.nodes and not graph.is_subflow:
            yield (graph, start), (1 if is_menu(graph, start) else 0,)


def _walked_through(place: Place) -> bool:
    graph, node_id = place
    return not isinstance(graph.flow.nodes[node_id], STOPS)


def _steps(place: Place):
    graph, node_id = place
    node = graph.flow.nodes[node_id]
    if isinstance(node, GotoNode):
        if node_id in graph.goto_targets:
            target, target_id = graph.goto_targets[node_id]
            yield (target, target_id), (1 if is_menu(target, target_id) else 0,), "goto"
        return
    for _, target_id, transition in graph.graph.out_edges(node_id, data="t"):
        if transition.kind in NOT_NAVIGATION or target_id == node_id:
            continue
        yield (graph, target_id), (1 if is_menu(graph, target_id) else 0,), transition.kind
