from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import BranchNode, HoursNode, InputNode
from ivr_lint.rules.base import FlowContext, Report, Rule


class DeadEnd(Rule):
    """
    ## What it does
    Reports a node that does not end the call (hangup, voicemail, queue, transfer, or a
    callback with no `next`) yet has no way forward for some caller: a menu whose
    options all replay it, an input with no `next`, a `branch` without `default`, an
    `hours` check without a `closed` branch.

    ## Why is this bad
    The caller who gets there is left in silence until the platform drops the call.

    ## Example
    ```yaml
    ivr: 1
    start: check-hours
    nodes:
      check-hours:
        type: hours
        open: agent
      agent:
        type: queue
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: check-hours
    nodes:
      check-hours:
        type: hours
        open: agent
        closed: closed-message
      agent:
        type: queue
      closed-message:
        type: hangup
        prompt: "Nous sommes fermés."
    ```
    """

    code = "IVR006"
    name = "dead-end"
    severity = Severity.ERROR
    summary = "A node that does not end the call has no way forward."
    tags = ("structure",)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = ctx.graph
        for node in ctx.flow.nodes.values():
            if node.broken:
                continue
            if graph.is_dead_end(node):
                yield Report(f"{node.type} node {node.id!r} has no way forward: the caller is left in silence",
                             node=node)
            elif isinstance(node, HoursNode) and node.closed is None:
                yield Report(f"hours node {node.id!r} has no `closed` branch: callers outside opening hours "
                             "have nowhere to go", node=node)
            elif isinstance(node, BranchNode) and node.default is None:
                yield Report(f"branch node {node.id!r} has no `default`: a value that matches no case "
                             "has nowhere to go", node=node)
            elif isinstance(node, InputNode) and node.next is None:
                yield Report(f"input node {node.id!r} has no `next`: valid digits lead nowhere", node=node)
