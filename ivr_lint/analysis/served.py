"""Where a caller has already got something they chose: a message, a callback, a voicemail.

"Never hang up on a caller's silence" protects callers who have not yet been served: at
the main menu, in an input, in a sub-menu before any answer. A menu met only after the
caller chose an information message ("pour revenir au menu, tapez 9; sinon, vous
pouvez raccrocher"), or after they left a callback request or a message, is another
matter. This answers, from the graph, whether *every* way to a node passes such a
delivery: the nodes reached from the entries without one are the unserved ones.
"""

from __future__ import annotations

from ivr_lint.analysis.digraph import bfs_reach
from ivr_lint.analysis.graph import FlowGraph
from ivr_lint.model.flow import CallbackNode, MenuNode, PlayNode, VoicemailNode

#: the ways a caller chooses: a message taken this way is one they asked for
CHOSEN = frozenset({"key", "speech"})


def delivers(graph: FlowGraph, source: str, target: str, kind: str) -> bool:
    """Does taking this edge give the caller something they chose?"""
    node = graph.flow.nodes[target]
    if isinstance(node, (CallbackNode, VoicemailNode)):
        return True
    return isinstance(node, PlayNode) and kind in CHOSEN and isinstance(graph.flow.nodes[source], MenuNode)


def unserved(graph: FlowGraph) -> set[str]:
    """Nodes some caller reaches from the entries before anything was delivered (cached)."""
    cached = graph.__dict__.get("_unserved")
    if cached is None:
        succ = graph.multi.succ
        cached = graph.__dict__["_unserved"] = bfs_reach(graph.multi, graph.entries, keep=lambda u, v: any(
            not delivers(graph, u, v, attributes["t"].kind) for attributes in succ[u][v].values()))
    return cached


def served(graph: FlowGraph, node_id: str) -> bool:
    """Every way to `node_id` has delivered a chosen message, a callback or a voicemail."""
    return node_id in graph.reachable and node_id not in unserved(graph)
