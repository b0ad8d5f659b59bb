from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import PromptedInput
from ivr_lint.rules.base import FlowContext, Report, Rule


def _replays(node) -> bool:
    """Does silence or a wrong answer replay the node? If both lead elsewhere, the retries
    are never used up and `on_max_retries` can never be taken."""
    return any(t.target == node.id for t in node.transitions if t.kind in ("no-input", "no-match", "invalid"))


class MissingErrorHandling(Rule):
    """
    ## What it does
    Reports a menu or input that does not say where the caller goes after the last
    retry (`on_max_retries`, in the node or in the flow's `defaults`), or whose retries
    are unlimited. Silence and wrong keys replay the node by default (5 s timeout,
    2 retries): that built-in handling counts; there is no built-in after the last retry.

    ## Why is this bad
    A caller who cannot or does not answer (rotary phone, hearing difficulty, wrong
    menu) must still reach a person or a message; left to the platform, the call is
    usually cut.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        options: {"0": agent}
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

    code = "IVR009"
    name = "missing-error-handling"
    severity = Severity.WARNING
    summary = "A menu or input has no way out after the last retry."
    tags = ("structure",)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        defaults = ctx.flow.defaults
        for node in ctx.flow.nodes.values():
            if not isinstance(node, PromptedInput) or node.broken:
                continue
            if node.retries_unbounded(defaults):
                field = "retries" if node.retries is not None else None
                yield Report(f"{node.type} {node.id!r} retries without limit: a caller who cannot answer "
                             "is never routed anywhere", node=node, field=field)
            elif node.max_retries_target(defaults) is None and _replays(node):
                yield Report(f"{node.type} {node.id!r} has no `on_max_retries` (nor in `defaults`): after "
                             f"{node.effective_retries(defaults)} retries the caller has nowhere to go", node=node)
