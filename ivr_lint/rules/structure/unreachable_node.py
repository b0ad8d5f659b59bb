from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Report, Rule


class UnreachableNode(Rule):
    """
    ## What it does
    Reports a node that no path from `start` reaches (nor any `goto` from another
    checked flow). The ways out of a node with a schema error are still followed where
    they can be read (a misspelt `type`, `next: [menu]`); past one that names no node,
    nothing is called unreachable until the schema error is fixed.

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
        for node in ctx.flow.nodes.values():
            if node.id not in reachable:
                yield Report(f"node {node.id!r} cannot be reached from the start {ctx.flow.start!r}", node=node)
