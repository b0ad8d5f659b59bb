"""`render --diff OLD`: the new flow drawn with what changed since OLD.

Added nodes and edges are green, changed nodes orange, and what OLD had that the new flow
lost is drawn back in dashed red (a removed node with its edges, a removed way out between
nodes that remain), so a reviewer sees the change in the picture. Nodes are matched as
`ivr-lint diff` matches them (`analysis.changes`: by id, renames recognised), and edges by
their ends and their kind of way out, through the renames. Only the drawn flow is compared;
the flows `--follow` adds are drawn as they are.
"""

from __future__ import annotations

from ivr_lint.analysis.changes import compare_flows
from ivr_lint.model.flow import Flow
from ivr_lint.render.model import Diagram, DrawEdge, DrawNode, edge_label, excerpt
from ivr_lint.render.style import edge_style

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
_REPLAY_KINDS = {"no-input", "no-match", "invalid"}


def _drawn_transitions(flow: Flow):
    """The ways out a diagram draws (not the built-in replays), as (source, target, style, transition)."""
    for node in flow.nodes.values():
        for transition in node.transitions:
            if transition.implicit and transition.kind in _REPLAY_KINDS and transition.target == node.id:
                continue
            yield node.id, transition.target, edge_style(transition.kind), transition


def mark_changes(diagram: Diagram, old: Flow, label: str) -> None:
    """Colour `diagram` (drawn from the new flow) with the changes since `old`; says so in the subtitle."""
    root = next(f for f in diagram.flows if f.root)
    new = root.flow
    changes = compare_flows(old, new)
    renamed = changes.renamed
    added = {c.node for c in changes.changes if c.kind == "node-added"}
    changed = {c.node for c in changes.changes if c.node and c.kind not in ("node-added", "node-removed")}
    nodes = diagram.nodes
    for node in nodes.values():
        if node.flow != root.key or node.missing or node.type == "fold":
            continue
        node.change = ADDED if node.id in added else CHANGED if node.id in changed else None
    before = {(renamed.get(u, u), renamed.get(v, v), style) for u, v, style, _ in _drawn_transitions(old)}
    after = {(u, v, style) for u, v, style, _ in _drawn_transitions(new)}
    for edge in diagram.edges:
        source, target = nodes[edge.source], nodes[edge.target]
        if "fold" in (source.type, target.type):
            continue  # a folded branch is not a node of either flow
        if source.flow == root.key and target.flow == root.key and (source.id, target.id, edge.style) not in before:
            edge.change = ADDED
    removed_nodes = {node_id for node_id in old.nodes if node_id not in new.nodes and node_id not in renamed}
    for node_id in removed_nodes:
        node = old.nodes[node_id]
        key = node_id if node_id not in nodes else f"{node_id} (removed)"
        nodes[key] = DrawNode(key=key, id=node_id, type=node.type, flow=root.key, label=node.label,
                              excerpt=excerpt(node.prompt_text), prompt=node.prompt_text,
                              notes=[diagram.words("removed_since", label=label)], change=REMOVED)
    index: dict[tuple[str, str, str], DrawEdge] = {}
    for u, v, style, transition in _drawn_transitions(old):
        source, target = renamed.get(u, u), renamed.get(v, v)
        if (source, target, style) in after or v not in old.nodes:
            continue
        source_key, target_key = _key(source, nodes, removed_nodes), _key(target, nodes, removed_nodes)
        if source_key is None or target_key is None:
            continue
        edge = index.get((source_key, target_key, style))
        if edge is None:
            edge = index[(source_key, target_key, style)] = DrawEdge(source_key, target_key, style, change=REMOVED)
            diagram.edges.append(edge)
        edge.labels.append(edge_label(transition, diagram.words))
        edge.kinds.append(transition.kind)
    near: dict[str, int] = {}  # removed node -> the shallowest level leading to it (one pass over the edges)
    for e in diagram.edges:
        if nodes[e.target].change == REMOVED and nodes[e.source].change != REMOVED:
            near[e.target] = min(near.get(e.target, nodes[e.source].level), nodes[e.source].level)
    deepest = max((n.level for n in nodes.values()), default=0)
    for key in [k for k, n in nodes.items() if n.change == REMOVED]:
        nodes[key].level = near[key] + 1 if key in near else deepest
        deepest = max(deepest, nodes[key].level)
    said = diagram.words
    counts = [said.count(f"{kind}_nodes", sum(1 for n in nodes.values() if n.change == kind))
              for kind in (ADDED, CHANGED, REMOVED)]
    diagram.subtitle += " · " + said("since", label=label, counts=", ".join(counts))


def _key(node_id: str, nodes: dict[str, DrawNode], removed: set[str]) -> str | None:
    if node_id in removed:
        return node_id if node_id in nodes and nodes[node_id].change == REMOVED else f"{node_id} (removed)"
    return node_id if node_id in nodes else None
