from collections import deque
from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import CallbackNode, Node, QueueNode
from ivr_lint.rules.base import FlowContext, Report, Rule

OFFERS = ("an estimated wait or queue position", "a pointer to quieter hours", "a callback")


class CongestionOptions(Rule):
    """
    ## What it does
    For every agent queue, checks that it has a `congestion` branch and that a caller
    sent there is offered at least two of: (a) an estimated wait or queue position (a
    `{wait_minutes}` or `{queue_position}` placeholder, or words that state it), (b) a
    pointer to quieter hours, (c) a callback node they can reach. What the queue's own
    prompt says counts; the search stops where the caller is back in a queue.

    ## Why is this bad
    M4: when lines are congested during opening hours, the service offers at least two
    of these. Without them, a saturated line is a busy tone with extra steps.

    ## Example
    ```yaml
    ivr: 1
    start: agent
    nodes:
      agent: {type: queue, congestion: busy}
      busy:
        type: hangup
        prompt: "Toutes nos lignes sont occupées. Merci de rappeler plus tard."
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: agent
    nodes:
      agent: {type: queue, congestion: busy}
      busy:
        type: menu
        prompt: "L'attente est estimée à {wait_minutes} minutes. Pour être rappelé, tapez 1. Pour patienter, tapez 2."
        options: {"1": callback, "2": agent}
        on_max_retries: callback
      callback: {type: callback, prompt: "Nous vous rappellerons."}
    ```
    """

    code = "IVR113"
    name = "congestion-options"
    severity = Severity.ERROR
    summary = "A congested queue offers fewer than two of: wait estimate, quieter hours, callback."
    tags = ("service", "M4")
    source = "M4: during congestion, at least two of wait estimate or rank, quieter hours, callback"
    inbound_only = True
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        for node in flow.nodes.values():
            if not isinstance(node, QueueNode) or node.broken:
                continue
            if node.congestion is None:
                yield Report(f"queue {node.id!r} has no `congestion` branch: callers on a saturated line are "
                             f"offered none of {', '.join(OFFERS)}", node=node)
                continue
            if node.congestion not in flow.nodes:
                continue  # unknown-target reports it
            offered = self._offers(ctx, node)
            if sum(offered) < 2:
                have = [o for o, got in zip(OFFERS, offered) if got] or ["nothing"]
                lack = [o for o, got in zip(OFFERS, offered) if not got]
                yield Report(f"congested callers of queue {node.id!r} are offered {' and '.join(have)}; missing: "
                             f"{', '.join(lack)} (at least two are needed)", node=node, field="congestion",
                             scenario="open+congested", extra={"offered": have, "missing": lack})

    @staticmethod
    def _offers(ctx: FlowContext, queue_node: QueueNode) -> tuple[bool, bool, bool]:
        flow, prompts = ctx.flow, ctx.prompts
        heard: list[Node] = [queue_node]
        seen = {queue_node.congestion}
        pending = deque([queue_node.congestion])
        while pending:
            node = flow.nodes[pending.popleft()]
            heard.append(node)
            if node.opaque:  # a step the file does not fully say (schema-error): it may offer anything
                return (True, True, True)
            if isinstance(node, QueueNode) or node.is_human:
                continue  # back in line: what follows is the ordinary wait
            for transition in node.transitions:
                if transition.target in flow.nodes and transition.target not in seen:
                    seen.add(transition.target)
                    pending.append(transition.target)
        return (any(prompts.gives_wait_estimate(n) for n in heard),
                any(prompts.points_to_quieter_hours(n) for n in heard),
                any(isinstance(n, CallbackNode) for n in heard))
