"""Diagrams above a node budget: the top of the call tree drawn, each deeper branch folded into one box.

`dot` lays a picture out in more than linear time (10,000 nodes take minutes) and nobody
reads 10,000 boxes. Above the budget (`render --max-nodes`, 500 by default for pictures,
0 for everything), nodes are kept breadth-first from the start, as the text tree places
them (each under the first edge on a shortest way to it), for as long as the kept nodes
and the boxes standing for what is left fit the budget. Every kept node whose branch goes
on gets one box, "⋯ 1,234 more nodes", that names the command drawing that branch whole
(`--focus NODE`); the edges into a folded branch end at its box. The subtitle says how
much is folded and how to draw everything. All of it is one pass over nodes and edges.
"""

from __future__ import annotations

from ivr_lint.render.model import Diagram, DrawEdge, DrawNode
from ivr_lint.render.style import ENGLISH, Words

#: nodes (boxes included) drawn in svg, png, pdf, dot and mermaid pictures unless --max-nodes says otherwise
DEFAULT_MAX_NODES = 500
#: a smaller budget is raised to this: the start and its first choices are always drawn
MIN_NODES = 10
#: labels written on an edge into a box (the others are counted)
MAX_LABELS = 6
FOLD_TYPE = "fold"


def fold_key(parent: str | None) -> str:
    return f"fold:{parent}" if parent is not None else "fold:(unreached)"


def fold(nodes: dict[str, DrawNode], edges: list[DrawEdge], budget: int,
         said: Words = ENGLISH) -> tuple[dict[str, DrawNode], list[DrawEdge], int]:
    """(nodes, edges, folded count) for a drawing of at most `budget` boxes (0: no limit)."""
    if budget <= 0 or len(nodes) <= budget:
        return nodes, edges, 0
    successors: dict[str, list[str]] = {}
    for edge in edges:
        successors.setdefault(edge.source, []).append(edge.target)
    budget = max(budget, MIN_NODES)
    parent: dict[str, str | None] = {}
    order: list[str] = []
    starts = [n.key for n in nodes.values() if n.start]
    reachable = 0
    for root in starts + list(nodes):
        if not reachable and root not in starts:
            reachable = len(order)  # the starts' part is done: the rest no start reaches
        if root in parent:
            continue
        parent[root] = None
        order.append(root)
        head = len(order) - 1
        while head < len(order):  # breadth-first from this root
            key = order[head]
            head += 1
            for target in successors.get(key, ()):
                if target not in parent:
                    parent[target] = key
                    order.append(target)
    reachable = reachable or len(order)
    reserve = 1 if reachable < len(order) else 0  # room for the box of what no start reaches
    children: dict[str, int] = {}
    for key in order:
        if parent[key] is not None:
            children[parent[key]] = children.get(parent[key], 0) + 1
    size = dict.fromkeys(order, 1)
    for key in reversed(order):
        if parent[key] is not None:
            size[parent[key]] += size[key]

    kept: set[str] = set()
    open_children: dict[str | None, int] = {}   # kept node -> its children not kept (a box while > 0)
    unreached_box = False
    drawn = 0
    for index, key in enumerate(order):
        up = parent[key]
        cost = 1 + (1 if children.get(key) else 0)
        if up is not None and open_children.get(up, 0) == 1:
            cost -= 1  # the parent's box goes: this was its last child left out
        if drawn + cost > budget - (reserve if index < reachable else 0):
            break  # breadth-first: every node after this one is folded too
        kept.add(key)
        drawn += cost
        if children.get(key):
            open_children[key] = children[key]
        if up is not None:
            open_children[up] -= 1
    # each left-out node belongs to the box of its nearest kept ancestor's branch
    box_of: dict[str, str] = {}
    folded: dict[str, int] = {}
    first_child: dict[str, str] = {}
    for key in order:
        if key in kept:
            continue
        up = parent[key]
        if up is None:
            box = fold_key(None)
            unreached_box = True
        elif up in kept:
            box = fold_key(up)
            first_child.setdefault(up, key)
        else:
            box = box_of[up]
        box_of[key] = box
        if up is None or up in kept:
            folded[box] = folded.get(box, 0) + size[key]
    out: dict[str, DrawNode] = {}
    for key, node in nodes.items():
        if key in kept:
            out[key] = node
            box = fold_key(key)
            if box in folded:
                out[box] = _box(box, node, folded[box], _focus(key, first_child[key], open_children[key], nodes),
                                nodes, order, said)
    if unreached_box:
        box = fold_key(None)
        out[box] = _box(box, None, folded[box], None, nodes, order, said)
    merged: dict[tuple[str, str, str], DrawEdge] = {}
    kept_edges: list[DrawEdge] = []
    for edge in edges:
        if edge.source not in kept:
            continue
        if edge.target in kept:
            kept_edges.append(edge)
            continue
        box = box_of[edge.target]
        into = merged.get((edge.source, box))  # one edge into each box, whatever ways lead there
        if into is None:
            into = merged[(edge.source, box)] = DrawEdge(edge.source, box, edge.style, [], [], edge.active)
            kept_edges.append(into)
        for label in edge.labels:
            if label not in into.labels:
                into.labels.append(label)
        into.kinds += edge.kinds
        into.active = into.active or edge.active
    for into in merged.values():
        if len(into.labels) > MAX_LABELS:  # a branch of 600 cases folded: not 600 labels on one edge
            into.labels[MAX_LABELS - 1:] = [said("more_labels", n=len(into.labels) - MAX_LABELS + 1)]
    return out, kept_edges, sum(folded.values())


def _focus(parent: str, first: str, left_out: int, nodes: dict[str, DrawNode]) -> str:
    """The node whose drawing shows the folded branch: the one child left out, or the parent."""
    return nodes[first].id if left_out == 1 else nodes[parent].id


def _box(key: str, parent: DrawNode | None, count: int, focus: str | None, nodes: dict[str, DrawNode],
         order: list[str], said: Words = ENGLISH) -> DrawNode:
    where = f"ivr-lint render --focus {focus}" if focus is not None else said("fold_unreached")
    return DrawNode(key=key, id=said.count("fold_box", count, grouped=True), type=FOLD_TYPE,
                    flow=parent.flow if parent is not None else nodes[order[0]].flow, detail=where,
                    notes=[said("fold_tooltip", n=said.number(count), where=where)],
                    active=parent.active if parent is not None else True,
                    level=(parent.level + 1) if parent is not None else max((n.level for n in nodes.values()),
                                                                            default=0))


def fold_note(folded: int, total: int, budget: int, said: Words = ENGLISH) -> str:
    """What the subtitle says of a folded picture."""
    return said("fold_note", folded=said.number(folded), total=said.number(total), budget=budget)


__all__ = ["DEFAULT_MAX_NODES", "FOLD_TYPE", "fold", "fold_note", "Diagram"]
