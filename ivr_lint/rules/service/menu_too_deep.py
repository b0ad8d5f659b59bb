from typing import Iterator

import networkx as nx

from ivr_lint.findings import Severity
from ivr_lint.model.flow import MenuNode
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.rules.service._common import arrow


class MenuTooDeep(Rule):
    """
    ## What it does
    Counts the menus a caller goes through, on the shortest way, to reach each menu of
    the flow, and reports the menus that sit deeper than `max_depth` successive menus:
    everything behind them needs too many levels.

    ## Why is this bad
    M2: few levels. Each level costs a prompt, a choice and a chance to get lost;
    guidance caps menus at three levels.

    ## Example
    ```yaml
    ivr: 1
    start: m1
    nodes:
      m1: {type: menu, prompt: "Tapez 1.", options: {"1": m2, "0": agent}, on_max_retries: agent}
      m2: {type: menu, prompt: "Tapez 1.", options: {"1": m3, "0": agent}, on_max_retries: agent}
      m3: {type: menu, prompt: "Tapez 1.", options: {"1": m4, "0": agent}, on_max_retries: agent}
      m4: {type: menu, prompt: "Tapez 1.", options: {"1": agent, "0": agent}, on_max_retries: agent}
      agent: {type: queue}
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: m1
    nodes:
      m1: {type: menu, prompt: "Tapez 1.", options: {"1": m2, "0": agent}, on_max_retries: agent}
      m2: {type: menu, prompt: "Tapez 1.", options: {"1": m3, "0": agent}, on_max_retries: agent}
      m3: {type: menu, prompt: "Tapez 1.", options: {"1": agent, "0": agent}, on_max_retries: agent}
      agent: {type: queue}
    ```
    """

    code = "IVR106"
    name = "menu-too-deep"
    severity = Severity.WARNING
    summary = "A destination needs more successive menus than callers can follow."
    tags = ("service", "M2")
    source = "M2; AT&T/Lucent and Aastra guidance: three menu levels at most"
    options = (Option("max_depth", 3, "Most successive menus on the shortest way to any destination."),)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow, graph = ctx.flow, ctx.graph
        if not graph.entries:
            return
        limit = ctx.options["max_depth"]

        def entering_menu(u, v, edges):
            return 1 if isinstance(flow.nodes[v], MenuNode) else 0

        sources = list(graph.entries)
        depth, paths = nx.multi_source_dijkstra(graph.graph, sources, weight=entering_menu)
        for node_id, node in flow.nodes.items():
            if not isinstance(node, MenuNode) or node_id not in depth:
                continue
            levels = depth[node_id] + (1 if isinstance(flow.nodes[paths[node_id][0]], MenuNode) else 0)
            if levels == limit + 1:  # the first level too deep; deeper ones are behind it
                menus = [n for n in paths[node_id] if isinstance(flow.nodes[n], MenuNode)]
                yield Report(f"menu {node_id!r} is the {levels}th successive menu on the shortest way from the "
                             f"start (limit {limit}): {arrow(menus)}", node=node, path=paths[node_id])
