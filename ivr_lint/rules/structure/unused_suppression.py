from typing import TYPE_CHECKING, Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Report, Rule

if TYPE_CHECKING:
    from ivr_lint.suppressions import Suppressions


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a `# ivr-lint: disable=...` comment that names no known rule (a typo), or a
    rule that reports nothing on that node any more. Runs after every other rule; a rule
    left out of the run (`--select`, `--ignore`) is not called unused.

    ## Why is this bad
    A misspelt suppression silences nothing while looking as if it did; a stale one will
    hide the next real problem on that node.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:  # ivr-lint: disable=unreachable-nod
        type: menu
        options: {"0": agent}
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

    code = "IVR010"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "A disable comment names an unknown rule, or one that reports nothing there."
    tags = ("structure",)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        return iter(())  # the engine calls `unused` once every other rule has run

    def unused(self, suppressions: "Suppressions", enabled: set[str]) -> Iterator[Report]:
        from ivr_lint.rules import find_rule

        for node_id, (names, pos) in suppressions.by_node.items():
            for name in names:
                if name == "all" or (node_id, name) in suppressions.used:
                    continue
                rule = find_rule(name)
                if rule is None:
                    yield Report(f"`disable={name}` names no rule (see `ivr-lint rules`)", pos=pos, node_id=node_id)
                elif name in enabled and name != self.name:
                    yield Report(f"`disable={name}` silences nothing on {node_id!r}: remove it", pos=pos,
                                 node_id=node_id)
