"""How many successive menus a caller goes through to reach each destination, across `goto`.

Depth is navigation: the menus a caller chooses through, from the line's start, on the
way to what they called for. It is counted

- along the choices a caller makes (keys, typed digits, branches, hours), not along
  silence, wrong keys, a saturated queue or a timeout: a menu met only that way (the
  congestion menu "tapez 1 pour être rappelé") is judged by its own rules, in its scenario;
- up to a destination (a queue, a transfer, a callback, a voicemail), and not carried
  through one: what a queue, a callback or a message box leads to is no deeper
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

from ivr_lint.analysis.graph import FlowGraph, linked_group
from ivr_lint.analysis.paths import Cheapest, cheapest
from ivr_lint.model.flow import (
    CallbackNode,
    GotoNode,
    HangupNode,
    MenuNode,
    PlayNode,
    QueueNode,
    TransferNode,
    VoicemailNode,
)

#: ways out a caller does not choose: errors, silence, a saturated or unanswered queue, a failed transfer
NOT_NAVIGATION = frozenset({"no-input", "no-match", "invalid", "max-retries", "congestion", "timeout", "failure"})
#: where navigation ends: the caller got what they chose (a message is walked through:
#: "vous avez choisi..." may lead on to a menu)
STOPS = (QueueNode, TransferNode, CallbackNode, VoicemailNode)
#: where a call ends: an option leading there is no way back or replay
ENDS = (QueueNode, TransferNode, CallbackNode, VoicemailNode, HangupNode)

Place = tuple[FlowGraph, str]  # a node of one of the linked flows


@dataclass
class MenuDepth:
    """The menus on the way to every place of a group of linked flows (a menu counts itself)."""

    found: Cheapest[Place]

    def menus(self, place: Place) -> int | None:
        """Menus on the shortest way to `place`, itself included; None where navigation never leads."""
        cost = self.found.cost.get(place)
        return cost[0] if cost is not None else None

    def places(self) -> list[Place]:
        return list(self.found.cost)

    def path(self, place: Place) -> list[Place]:
        return self.found.path(place)

    def previous(self, place: Place) -> Place | None:
        step = self.found.previous.get(place)
        return step[0] if step else None


def is_menu(graph: FlowGraph, node_id: str) -> bool:
    return isinstance(graph.flow.nodes[node_id], MenuNode)


def place_name(place: Place, home: FlowGraph) -> str:
    """A node id, prefixed with its file's name when it lives in another flow than `home`."""
    graph, node_id = place
    if graph is home:
        return node_id
    return f"{os.path.basename(graph.flow.source)}:{node_id}"


def offers_nothing_new(depth: MenuDepth, menu: Place) -> bool:
    """A menu heard after a message, whose every choice leads to a place reached with fewer
    menus, one of them a way back or a replay (an earlier menu, the message just heard): the
    caller navigates no deeper through it ("pour réécouter, tapez 1; pour revenir au menu,
    tapez 9; pour un conseiller, tapez 0")."""
    graph, node_id = menu
    level = depth.menus(menu)
    before = depth.previous(menu)
    if before is None or not isinstance(before[0].flow.nodes[before[1]], PlayNode):
        return False
    back = False
    for option in graph.flow.nodes[node_id].choices:
        if not option.next or option.next == node_id or option.next not in graph.flow.nodes:
            continue
        target = _through_goto(graph, option.next)
        if target is None or depth.menus(target) is None or depth.menus(target) >= level:
            return False
        back = back or not isinstance(target[0].flow.nodes[target[1]], ENDS)
    return back


def _through_goto(graph: FlowGraph, node_id: str) -> Place | None:
    if isinstance(graph.flow.nodes[node_id], GotoNode):
        return graph.goto_targets.get(node_id)
    return graph, node_id


def menu_depth(graph: FlowGraph) -> MenuDepth:
    """The depth analysis of the group of flows `graph` belongs to (computed once per group)."""
    cached = graph.__dict__.get("_menu_depth")
    if cached is not None:
        return cached
    group = linked_group(graph)
    result = MenuDepth(cheapest(_sources(group), _steps, expand=_walked_through))
    for member in group:
        member.__dict__["_menu_depth"] = result
    return result


def _sources(group: list[FlowGraph]):
    """The start of every line in the group; flows that only jump to each other (no line of their
    own: no hours checked anywhere) are counted from the first one asked about."""
    lines = [graph for graph in group if not graph.is_subflow] or group[:1]
    for graph in lines:
        start = graph.flow.start
        if start in graph.flow.nodes:
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
    for _, target_id, transition in graph.multi.out_edges(node_id, data="t"):
        if transition.kind in NOT_NAVIGATION or target_id == node_id:
            continue
        yield (graph, target_id), (1 if is_menu(graph, target_id) else 0,), transition.kind
