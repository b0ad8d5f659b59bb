from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Report, Rule


class TrapLoop(Rule):
    """
    ## What it does
    Reports nodes from which the caller can never reach any end (a person, a message
    box, a transfer or a hang-up): whatever they press, the call goes round forever.
    One finding per loop, at its first node in the file, naming every node in it.
    Loops that continue through `goto` in other checked files are followed.

    ## Why is this bad
    The caller is stuck until they give up; the platform may also cut the call.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        options: {"1": info}
        on_max_retries: menu
      info:
        type: play
        prompt: "Nos horaires sont sur le site."
        next: menu
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        options: {"1": info, "0": agent}
        on_max_retries: agent
      info:
        type: play
        prompt: "Nos horaires sont sur le site."
        next: menu
      agent:
        type: queue
    ```
    """

    code = "IVR007"
    name = "trap-loop"
    severity = Severity.ERROR
    summary = "The caller can never reach an end from these nodes."
    tags = ("structure",)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        for group in ctx.graph.trapped_components():
            first = ctx.flow.nodes[group[0]]
            names = " -> ".join(group)
            yield Report(f"the call loops forever between {names}: no path leads to an end", node=first,
                         path=group)
