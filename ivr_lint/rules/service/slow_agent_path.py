from typing import Iterator

import networkx as nx

from ivr_lint.findings import Severity
from ivr_lint.model.flow import InputNode
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.rules.service._common import OPEN_HOURS, arrow, open_graph

KEY_KINDS = {"key"}


class SlowAgentPath(Rule):
    """
    ## What it does
    Measures the fastest way from the start to a person during opening hours: the
    seconds of prompts heard on the way (estimated from the text, or measured audio)
    and the keys pressed (digits typed into an `input` count as key presses). Reports
    when either is over its limit.

    ## Why is this bad
    M1: the menu must not be an obstacle to reaching an agent. Callers should be able to
    act within about 30 s, and reach a person within a minute and a few keys.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour les allocations, tapez 1."
        options: {"1": menu2}
        on_max_retries: callback
      menu2:
        type: menu
        prompt: "Pour le logement, tapez 1."
        options: {"1": menu3}
        on_max_retries: callback
      menu3:
        type: menu
        prompt: "Pour une aide au loyer, tapez 1."
        options: {"1": menu4}
        on_max_retries: callback
      menu4:
        type: menu
        prompt: "Pour un conseiller, tapez 1."
        options: {"1": agent}
        on_max_retries: callback
      callback:
        type: callback
        prompt: "Nous vous rappellerons."
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
        prompt: "Pour les allocations, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": menu2, "0": agent}
        on_max_retries: agent
      menu2:
        type: menu
        prompt: "Pour le logement, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": agent, "0": agent}
        on_max_retries: agent
      agent:
        type: queue
    ```
    """

    code = "IVR103"
    name = "slow-agent-path"
    severity = Severity.WARNING
    summary = "The fastest way from the start to a person is too long or needs too many keys."
    tags = ("service", "M1")
    source = "M1; industry guidance (a person within a minute and a few keys)"
    inbound_only = True
    reads_prompts = True
    options = (
        Option("max_agent_seconds", 60.0, "Longest acceptable time of prompts before reaching a person, in seconds."),
        Option("max_agent_keys", 3, "Most key presses acceptable before reaching a person."),
    )

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = open_graph(ctx)
        flow = ctx.flow
        if flow.start not in graph.reaches_human:
            return  # no-agent-path reports it
        humans = graph.person_points & graph.reachable
        seconds = ctx.prompts.seconds
        defaults = flow.defaults

        def waited(node, kind: str) -> float:
            """Time spent in `node` before taking a way out of `kind`: silence costs timeouts."""
            if kind == "no-input":
                return node.effective_timeout(defaults)
            if kind == "max-retries":
                timeout = node.effective_timeout(defaults)
                return timeout + node.effective_retries(defaults) * (seconds(node) + timeout)
            return 0.0

        def time_weight(u, v, data):
            node = flow.nodes[u]
            return seconds(flow.nodes[v]) + min(waited(node, kind) for kind in data["kinds"])

        def key_weight(u, v, data):
            node = flow.nodes[u]
            if isinstance(node, InputNode):
                return min((node.digits or (1, 1))[0] if kind == "next" else 0 for kind in data["kinds"])
            return 0 if data["kinds"] - KEY_KINDS else 1

        start_seconds = seconds(flow.nodes[flow.start])
        limit_s, limit_k = ctx.options["max_agent_seconds"], ctx.options["max_agent_keys"]
        best_s, path_s = _nearest(graph.simple, flow.start, humans, time_weight)
        best_s += start_seconds
        if best_s > limit_s:
            yield Report(f"the fastest way to a person takes {best_s:.0f} s of prompts (limit {limit_s:.0f} s): "
                         f"{arrow(path_s)}", field="start", scenario=OPEN_HOURS.name, path=path_s)
        best_k, path_k = _nearest(graph.simple, flow.start, humans, key_weight)
        if best_k > limit_k:
            presses = f"{best_k:.0f} key press{'es' if best_k != 1 else ''}"
            yield Report(f"reaching a person needs at least {presses} (limit {limit_k}): "
                         f"{arrow(path_k)}", field="start", scenario=OPEN_HOURS.name, path=path_k)


def _nearest(graph, source, targets, weight):
    distances, paths = nx.single_source_dijkstra(graph, source, weight=weight)
    best = min((t for t in targets if t in distances), key=lambda t: (distances[t], len(paths[t])))
    return distances[best], paths[best]
