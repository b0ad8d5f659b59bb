from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import DTMF_KEYS, MenuNode
from ivr_lint.rules.base import FlowContext, Report, Rule


class InvalidDtmf(Rule):
    """
    ## What it does
    Reports a menu key that is not one key of a phone keypad: 0-9, `*` or `#`.

    ## Why is this bad
    No caller can press "10" or "A": that choice can never be taken.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        options: {"10": agent}
        on_max_retries: agent
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
        options: {"0": agent}
        on_max_retries: agent
      agent:
        type: queue
    ```
    """

    code = "IVR008"
    name = "invalid-dtmf"
    severity = Severity.ERROR
    summary = "A menu key is not 0-9, * or #."
    tags = ("structure",)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        for node in ctx.flow.nodes.values():
            if isinstance(node, MenuNode):
                for key in node.options:
                    if len(key) != 1 or key not in DTMF_KEYS:
                        yield Report(f"menu key {key!r} cannot be pressed on a phone keypad (use 0-9, * or #)",
                                     node=node, field=f"options.{key}@key")
