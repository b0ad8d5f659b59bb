from typing import Iterator

from ivr_lint.analysis.digraph import shortest_path
from ivr_lint.analysis.scenarios import scenarios_of
from ivr_lint.findings import Severity
from ivr_lint.model.flow import QueueNode
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service._common import arrow


class QueueReachableWhenClosed(Rule):
    """
    ## What it does
    Reports an agent queue that a caller can reach in the closed or holiday scenario.

    ## Why is this bad
    Nobody answers: the caller waits in an empty queue until `max_wait`, or forever,
    instead of hearing the opening hours and another way to get help.

    ## Example
    ```yaml
    ivr: 1
    hours: {weekly: {mon-fri: ["09:00-17:00"]}}
    start: check
    nodes:
      check: {type: hours, open: agent, closed: menu}
      menu:
        type: menu
        prompt: "Nous sommes fermés. Pour laisser un message, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": box, "0": agent}
        on_max_retries: box
      box: {type: voicemail}
      agent: {type: queue}
    ```

    ## Use instead
    ```yaml
    ivr: 1
    hours: {weekly: {mon-fri: ["09:00-17:00"]}}
    start: check
    nodes:
      check: {type: hours, open: agent, closed: box}
      box: {type: voicemail, prompt: "Nous sommes fermés. Laissez un message."}
      agent: {type: queue}
    ```
    """

    code = "IVR111"
    name = "queue-reachable-when-closed"
    severity = Severity.ERROR
    summary = "An agent queue can be reached outside opening hours."
    tags = ("service", "M5")
    source = "M5; nobody answers a queue outside opening hours"
    inbound_only = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        if not ctx.graph.entries:
            return
        reported: set[str] = set()
        scenarios = scenarios_of(ctx.graph)
        for graph in scenarios.for_state("closed") + scenarios.for_state("holiday"):
            scenario = graph.scenario
            for node_id, node in flow.nodes.items():
                if isinstance(node, QueueNode) and node_id in graph.reachable and node_id not in reported:
                    reported.add(node_id)
                    path = shortest_path(graph.simple, graph.entries, node_id)
                    yield Report(f"queue {node_id!r} can be reached in the {scenario.name} scenario, when nobody "
                                 f"answers: {arrow(path)}", node=node, scenario=scenario.name, path=path)
