from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import MenuNode
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service._common import OPEN_HOURS, open_graph


class NoAgentPath(Rule):
    """
    ## What it does
    During opening hours, checks that a person (an agent `queue`, or a `transfer` with
    `agent: true`) can be reached from the start and from every menu the caller can hear.
    A node with an unknown type, or a way out that cannot be read (a schema error), may
    be that person: the rule claims nothing past it until the schema error is fixed.

    ## Why is this bad
    The charter's first telephone commitment (M1): the menu must never stand between a
    caller and a human agent. A menu with no way to a person traps callers whose need
    is not on the list.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour nos horaires, tapez 1."
        options: {"1": info}
        on_max_retries: bye
      info:
        type: play
        prompt: "Nous sommes ouverts du lundi au vendredi de 9h à 17h."
        next: bye
      bye:
        type: hangup
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour nos horaires, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": info, "0": agent}
        on_max_retries: agent
      info:
        type: play
        prompt: "Nous sommes ouverts du lundi au vendredi de 9h à 17h."
        next: agent
      agent:
        type: queue
    ```
    """

    code = "IVR101"
    name = "no-agent-path"
    severity = Severity.ERROR
    summary = "During opening hours no person can be reached from the start or from a menu."
    tags = ("service", "M1")
    source = "M1: the SVI must never be an obstacle to reaching an agent"
    inbound_only = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = open_graph(ctx)
        flow = ctx.flow
        if not graph.base.entries:
            return
        if flow.start not in graph.reaches_human:
            yield Report("during opening hours no path from the start reaches a person (queue or transfer "
                         "to an agent)", field="start", scenario=OPEN_HOURS.name)
            return
        for node_id, node in flow.nodes.items():
            if node_id not in graph.reachable:
                continue
            if isinstance(node, MenuNode) and node_id not in graph.reaches_human:
                yield Report(f"menu {node_id!r} is heard during opening hours but no path from it reaches "
                             "a person", node=node, scenario=OPEN_HOURS.name)
