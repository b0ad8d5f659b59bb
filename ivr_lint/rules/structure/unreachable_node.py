from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Report, Rule


class UnreachableNode(Rule):
    """
    ## What it does
    Reports a node that no path from `start` reaches (nor any `goto` from another
    checked flow). The ways out of a node with a schema error are still followed where
    they can be read (a misspelt `type`, `next: [menu]`); past one that names no node,
    nothing is called unreachable until the schema error is fixed. On a platform export,
    where one unused element (a menu and its choices) imports as several nodes, only the
    first unreachable node of each unused part is reported, with how many follow it.

    ## Why is this bad
    Either it is left over and misleads whoever maintains the flow, or a transition
    that should lead to it is missing and callers never get that service.

    ## Example
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue"
        next: goodbye
      old-promo:
        type: play
        prompt: "Découvrez notre offre"
        next: goodbye
      goodbye:
        type: hangup
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue"
        next: goodbye
      goodbye:
        type: hangup
    ```
    """

    code = "IVR005"
    name = "unreachable-node"
    severity = Severity.WARNING
    summary = "No path from the start reaches this node."
    tags = ("structure",)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = ctx.graph
        if not graph.entries:  # no valid start: unknown-target or schema-error says so
            return
        reachable = graph.reachable
        lost = [node for node in ctx.flow.nodes.values() if node.id not in reachable]
        if ctx.loaded.imported is not None:  # one element of an export is often several nodes: its first only
            yield from _roots(ctx, lost)
            return
        for node in lost:
            yield Report(f"node {node.id!r} cannot be reached from the start {ctx.flow.start!r}", node=node)


def _roots(ctx: FlowContext, lost: list) -> Iterator[Report]:
    """The unreachable nodes nothing unreachable leads to, each with the count of those behind it.

    An unused Genesys menu brings its choices, a VoiceXML form nobody enters its block and
    its end: the export has one unused element there, and the author deletes it once.
    """
    ids = {node.id for node in lost}
    led_to = {t.target for node in lost for t in node.transitions if t.target != node.id and t.target in ids}
    covered: set[str] = set()
    for node in sorted(lost, key=lambda n: n.id in led_to):  # roots first, then cycles with no way in
        if node.id in covered:
            continue
        behind, pending = {node.id}, [node]
        while pending:
            for t in pending.pop().transitions:
                if t.target in ids and t.target not in behind and t.target not in covered:
                    behind.add(t.target)
                    pending.append(ctx.flow.nodes[t.target])
        covered |= behind
        more = len(behind) - 1
        also = f" (nor the {more} node{'s' if more > 1 else ''} after it)" if more else ""
        yield Report(f"node {node.id!r} cannot be reached from the start {ctx.flow.start!r}{also}", node=node)
