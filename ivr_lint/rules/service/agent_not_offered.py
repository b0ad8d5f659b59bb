from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import MenuNode
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service._common import OPEN_HOURS, open_graph


class AgentNotOffered(Rule):
    """
    ## What it does
    Reports a menu heard during opening hours that has no option leading to a person
    without going through another menu ("pour parler à un conseiller, tapez 0").

    ## Why is this bad
    M1 and the GetHuman standard: from any menu, a caller should be one key away from a
    person. Making them back out or dig through a sub-menu costs time and patience.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour un dossier, tapez 1. Pour autre chose, tapez 2."
        options: {"1": files, "2": other}
        on_max_retries: agent
      files:
        type: menu
        prompt: "Pour un conseiller, tapez 0."
        options: {"0": agent}
        on_max_retries: agent
      other:
        type: play
        prompt: "Consultez notre site."
        next: files
      agent:
        type: queue
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour un dossier, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": files, "0": agent}
        on_max_retries: agent
      files:
        type: menu
        prompt: "Pour un conseiller, tapez 0."
        options: {"0": agent}
        on_max_retries: agent
      agent:
        type: queue
    ```
    """

    code = "IVR102"
    name = "agent-not-offered"
    severity = Severity.WARNING
    summary = "A menu heard during opening hours offers no direct way to a person."
    tags = ("service", "M1")
    source = "M1; GetHuman standard item 1 (0 reaches a person from any menu)"
    inbound_only = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = open_graph(ctx)
        flow = ctx.flow
        humans = graph.person_points
        # nodes that reach a person through reachable non-menu nodes only: a walk back from the
        # people that never enters a menu (nor leaves what a caller can reach)
        reachable, pred = graph.reachable, graph.simple.pred
        allowed = {n for n in reachable if not isinstance(flow.nodes[n], MenuNode)}
        direct = {h for h in humans if h in allowed}
        pending = list(direct)
        while pending:
            for before in pred[pending.pop()]:
                if before in allowed and before not in direct:
                    direct.add(before)
                    pending.append(before)
        for node_id, node in flow.nodes.items():
            if node_id not in graph.reachable:
                continue
            if not isinstance(node, MenuNode) or node.broken or node_id not in graph.reaches_human:
                continue  # no-agent-path reports menus with no way at all; schema-error, unreadable options
            if not any(option.next in direct for option in node.choices):
                yield Report(f"menu {node_id!r} offers no option that leads to a person without another menu "
                             "(convention: 0 for an advisor)", node=node, field="options", scenario=OPEN_HOURS.name)
