"""Go to definition and find references: transitions into a node, within and across files.

A reference is a place that names the node as a way out (`next`, an option, a case,
`defaults.on_max_retries`, `start`) or a `goto` of another flow that lands on it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from lsprotocol import types
from pygls.uris import from_fs_path

from ivr_lint.findings import Pos
from ivr_lint.model.flow import Flow, GotoNode
from ivr_lint.project import LoadedFile
from ivr_lint.server.locate import Spot
from ivr_lint.server.ranges import Lines

_SCAN = 12  # lines after a field's start where its value may stand ({next: x} on the next lines)


@dataclass(frozen=True)
class Place:
    path: str
    line0: int
    start: int  # characters
    end: int


def occurrence(lines: Lines, pos: Pos, word: str) -> tuple[int, int, int] | None:
    """The first whole-token `word` at or after `pos` (0-based line, start, end characters)."""
    pattern = re.compile(rf"(?<![\w\-.]){re.escape(word)}(?![\w\-.])")
    for offset in range(_SCAN):
        line0 = pos.line - 1 + offset
        text = lines.line(line0)
        match = pattern.search(text, pos.column - 1 if offset == 0 else 0)
        if match:
            return line0, match.start(), match.end()
    return None


def node_key(loaded: LoadedFile, node_id: str, lines: Lines) -> Place | None:
    node = loaded.flow.nodes.get(node_id) if loaded.flow is not None else None
    if node is None:
        return None
    found = occurrence(lines, node.pos, node_id)
    if found is None:
        return Place(loaded.path, node.pos.line - 1, node.pos.column - 1, node.pos.column - 1)
    return Place(loaded.path, *found)


def local_references(flow: Flow, node_id: str, lines: Lines, path: str) -> list[Place]:
    """The places in this flow that lead to `node_id`."""
    places: list[Place] = []
    starts: list[Pos] = []
    if flow.start == node_id and "start" in flow.positions:
        starts.append(flow.positions["start"])
    for name, pos in flow.defaults.positions.items():
        if not name.endswith("@key") and getattr(flow.defaults, name, None) == node_id:
            starts.append(pos)
    for node in flow.nodes.values():
        for transition in node.transitions:
            if transition.implicit or transition.target != node_id or transition.field not in node.positions:
                continue
            if transition.field in ("on_no_input", "on_no_match", "on_invalid", "on_max_retries") and \
                    getattr(node, transition.field, None) != node_id:
                continue  # from `defaults`, counted there
            starts.append(node.positions[transition.field])
    seen = set()
    for pos in starts:
        found = occurrence(lines, pos, node_id)
        if found is not None and found not in seen:
            seen.add(found)
            places.append(Place(path, *found))
    return places


def goto_references(origin: LoadedFile, target_path: str, target: LoadedFile, node_id: str,
                    lines: Lines) -> list[Place]:
    """The `goto`s of `origin` that land on `node_id` of the flow at `target_path`."""
    places = []
    base = os.path.dirname(origin.path)
    for node in origin.flow.nodes.values():
        if not isinstance(node, GotoNode) or not node.flow:
            continue
        if os.path.realpath(os.path.join(base, node.flow)) != target_path:
            continue
        landing = node.node or (target.flow.start if target.flow is not None else None)
        if landing != node_id:
            continue
        field, word = ("node", node.node) if node.node else ("flow", node.flow)
        if field in node.positions:
            found = occurrence(lines, node.positions[field], word)
            if found is not None:
                places.append(Place(origin.path, *found))
    return places


def goto_destination(origin_path: str, spot: Spot) -> tuple[str, str | None] | None:
    """(real path of the target flow, node id or None for its start) of a goto at the cursor."""
    node = spot.node
    if not isinstance(node, GotoNode) or not node.flow:
        return None
    return os.path.realpath(os.path.join(os.path.dirname(origin_path), node.flow)), node.node


def location(place: Place, lines: Lines) -> types.Location:
    return types.Location(uri=from_fs_path(place.path), range=lines.span(place.line0, place.start, place.end))
