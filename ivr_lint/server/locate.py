"""What the cursor is on in a flow: a node's key, a transition's target, a goto, a placeholder.

Read from the flow model's positions (the builder keeps where every key and value is),
so it agrees with the engine; the word under the cursor is read from the buffer text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ivr_lint.model.flow import Flow, GotoNode, Node
from ivr_lint.server.ranges import Lines, unquote, word_at

_PLACEHOLDER = re.compile(r"\{[^{}\s]+\}")


@dataclass
class Spot:
    """The thing at a position. `kind`: node (a node's key), target (a transition into
    `name`), goto-flow, goto-node, placeholder, or None (nothing known)."""

    kind: str | None
    name: str | None = None
    node: Node | None = None  # the node whose text holds the cursor
    field: str | None = None  # the node's field there ("next", "options.1"), when known
    start: int = 0  # character span of the word on the line
    end: int = 0
    line: int = 0


def node_at_line(flow: Flow, line: int) -> Node | None:
    """The node whose block holds 1-based `line` (the last node key at or above it, in nodes:)."""
    nodes = sorted(flow.nodes.values(), key=lambda n: n.pos.line)
    lines = [n.pos.line for n in nodes]
    index = bisect.bisect_right(lines, line) - 1
    if index < 0:
        return None
    node = nodes[index]
    start = flow.positions.get("nodes@key")
    return node if start is None or line > start.line else None


def field_at(node: Node, line: int, column: int) -> str | None:
    """The node field whose value starts at (line, column) or on that line."""
    best = None
    for name, pos in node.positions.items():
        if name.endswith("@key") or pos.line != line:
            continue
        if pos.column <= column and (best is None or pos.column > node.positions[best].column):
            best = name
    return best


def spot(flow: Flow | None, lines: Lines, line0: int, index: int) -> Spot:
    """What is at 0-based line `line0`, character `index` of the buffer."""
    text = lines.line(line0)
    placeholder = next((m for m in _PLACEHOLDER.finditer(text) if m.start() <= index < m.end()), None)
    if placeholder is not None:
        node = node_at_line(flow, line0 + 1) if flow is not None else None
        return Spot("placeholder", placeholder.group()[1:-1], node, None, placeholder.start(), placeholder.end(),
                    line0)
    found = word_at(text, index)
    if found is None or flow is None:
        return Spot(None, line=line0)
    start, end, word = found
    word = unquote(word)
    line, column = line0 + 1, start + 1
    if word in flow.nodes and flow.nodes[word].pos == _pos(line, column, flow.nodes[word]):
        return Spot("node", word, flow.nodes[word], None, start, end, line0)
    start_pos = flow.positions.get("start")
    if start_pos is not None and start_pos.line == line and word in flow.nodes:
        return Spot("target", word, None, "start", start, end, line0)
    for name, pos in flow.defaults.positions.items():
        if pos.line == line and not name.endswith("@key") and word in flow.nodes:
            return Spot("target", word, None, f"defaults.{name}", start, end, line0)
    node = node_at_line(flow, line)
    if node is None:
        return Spot(None, word, start=start, end=end, line=line0)
    field = field_at(node, line, column)
    if isinstance(node, GotoNode):
        if field == "flow":
            return Spot("goto-flow", node.flow, node, field, start, end, line0)
        if field == "node":
            return Spot("goto-node", node.node, node, field, start, end, line0)
    if word in flow.nodes and field is not None:
        return Spot("target", word, node, field, start, end, line0)
    return Spot(None, word, node, field, start, end, line0)


def _pos(line: int, column: int, node: Node):
    return type(node.pos)(line, column)


def quoted_start(text: str, start: int) -> int:
    """A word's span without its quotes."""
    return start + 1 if start < len(text) and text[start] in "\"'" else start
