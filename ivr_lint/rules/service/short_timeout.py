from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import InputNode, MenuNode
from ivr_lint.rules.base import FlowContext, Option, Report, Rule


def _seconds(value: float) -> str:
    return f"{value:g} s"


class ShortTimeout(Rule):
    """
    ## What it does
    Reports a menu or an input that waits less than `min_timeout` seconds for the
    caller's key (`timeout`), and an input that waits less than `min_digit_timeout`
    seconds between two digits (`digit_timeout`). A value set in `defaults` is reported
    once, at `defaults`, when some menu or input uses it; a node's own value is reported
    at the node. The built-in defaults (5 s for a key, 3 s between digits) pass.

    An input with no prompt of its own that callers only reach by a menu key continues
    the number they are typing (a dial-by-extension menu: key 1, then the rest of
    "1012"): its wait for a first digit is a gap between two digits, judged against
    `min_digit_timeout`, and one short gap is one finding (at `digit_timeout`, or at
    `timeout` when only that one is short or the two differ).

    ## Why is this bad
    M7 (a service adapted to people with disabilities): callers with a motor or
    cognitive impairment, older callers, callers who look for the key on a
    touchscreen phone and callers through a relay service need time to answer. When the
    wait runs out they are told they made no choice and, after the retries, lose the
    call. Section 508 (§ 1194.23(d)) asks that a caller be warned when a timed response
    is required and given more time; platforms default to about 5 s for a key and 3 s
    between digits.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour un conseiller, tapez 0."
        options: {"0": agent}
        timeout: 2
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
        prompt: "Pour un conseiller, tapez 0."
        options: {"0": agent}
        timeout: 7
        on_max_retries: agent
      agent:
        type: queue
    ```
    """

    code = "IVR117"
    name = "short-timeout"
    severity = Severity.WARNING
    summary = "A menu or input gives the caller too little time to press a key."
    tags = ("service", "M7")
    source = "M7; Section 508 § 1194.23(d); Genesys, Asterisk and VoiceXML defaults (5 s, 3 s between digits)"
    options = (
        Option("min_timeout", 5.0, "Fewest seconds a menu or input may wait for a key."),
        Option("min_digit_timeout", 3.0, "Fewest seconds an input may wait between two digits."),
    )

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        defaults = ctx.flow.defaults
        least, least_digit = ctx.options["min_timeout"], ctx.options["min_digit_timeout"]
        inherit_key = inherit_digit = False
        for node in ctx.flow.nodes.values():
            if not isinstance(node, (MenuNode, InputNode)):
                continue
            if isinstance(node, InputNode) and _continues_typing(ctx, node):
                yield from self._gaps(ctx, node, least_digit)
                inherit_key = inherit_key or node.timeout is None
                inherit_digit = inherit_digit or node.digit_timeout is None
                continue
            if node.timeout is None:
                inherit_key = True
            elif node.timeout < least:
                yield Report(f"{node.type} {node.id!r} waits {_seconds(node.timeout)} for an answer (at least "
                             f"{_seconds(least)}): callers who need more time are told they chose nothing",
                             node=node, field="timeout", extra={"seconds": node.timeout})
            if isinstance(node, InputNode):
                if node.digit_timeout is None:
                    inherit_digit = True
                elif node.digit_timeout < least_digit:
                    yield Report(f"input {node.id!r} waits {_seconds(node.digit_timeout)} between two digits (at "
                                 f"least {_seconds(least_digit)}): a caller who types slowly is cut off",
                                 node=node, field="digit_timeout", extra={"seconds": node.digit_timeout})
        if inherit_key and "timeout" in defaults.positions and defaults.timeout < least:
            yield Report(f"`defaults.timeout` makes menus and inputs wait {_seconds(defaults.timeout)} for an answer "
                         f"(at least {_seconds(least)}): callers who need more time are told they chose nothing",
                         field="defaults.timeout", extra={"seconds": defaults.timeout})
        if inherit_digit and "digit_timeout" in defaults.positions and defaults.digit_timeout < least_digit:
            yield Report(f"`defaults.digit_timeout` makes inputs wait {_seconds(defaults.digit_timeout)} between "
                         f"two digits (at least {_seconds(least_digit)}): a caller who types slowly is cut off",
                         field="defaults.digit_timeout", extra={"seconds": defaults.digit_timeout})

    @staticmethod
    def _gaps(ctx: FlowContext, node: InputNode, least: float) -> Iterator[Report]:
        """The waits of an input that continues typed digits: each one is a gap between two digits."""
        short = [(f, v) for f, v in (("digit_timeout", node.digit_timeout), ("timeout", node.timeout))
                 if v is not None and v < least]
        said = set()
        for field, seconds in short:  # the same gap given twice is one problem
            if seconds in said:
                continue
            said.add(seconds)
            yield Report(f"input {node.id!r} waits {_seconds(seconds)} between two digits (at least "
                         f"{_seconds(least)}): a caller who types slowly is cut off", node=node, field=field,
                         extra={"seconds": seconds})


def _continues_typing(ctx: FlowContext, node: InputNode) -> bool:
    """No prompt of its own, and every way in is a menu's key: the caller is already typing."""
    if node.prompt_text:
        return False
    ways_in = [(source, data["t"]) for source, keys in ctx.graph.multi.pred[node.id].items() for data in keys.values()
               if source != node.id]
    return bool(ways_in) and all(isinstance(ctx.flow.nodes[source], MenuNode) and t.kind == "key"
                                 for source, t in ways_in)
