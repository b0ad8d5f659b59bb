from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import GotoNode
from ivr_lint.rules.base import FlowContext, Report, Rule


class UnknownTarget(Rule):
    """
    ## What it does
    Reports a transition that names a node that does not exist (`next`, a menu option,
    `on_max_retries`, `start`...), and a `goto` whose flow file or node cannot be found
    or lies outside the directory tree being checked.

    ## Why is this bad
    The platform drops the call, or rejects the flow, when the caller takes that way.

    ## Example
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue"
        next: good-bye
      goodbye:
        type: hangup
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue"
        next: goodbye
      goodbye:
        type: hangup
    ```
    """

    code = "IVR004"
    name = "unknown-target"
    severity = Severity.ERROR
    summary = "A transition names a node or flow file that does not exist."
    tags = ("structure",)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        if flow.start is not None and flow.start not in flow.nodes:
            yield Report(f"`start` names an unknown node {flow.start!r}{_hint(flow.start, flow.nodes)}", field="start")
        dangling = getattr(ctx.loaded.imported, "dangling", None) or {}
        said: set[tuple[str, str]] = set()
        for node, field_name, target in ctx.graph.unknown:
            jump = dangling.get(target)  # an export's own jump to nowhere: say it, no spelling hint
            if jump is not None and (node.id, target) in said:
                continue  # one jump of the export that two of the node's ways out take (a Queue's timeout and full)
            said.add((node.id, target))
            why = (f": {jump.what} goes to {jump.target}, which the export does not have" if jump
                   else _hint(target, flow.nodes))
            yield Report(f"{_field_label(field_name)} leads to an unknown node {target!r}{why}",
                         node=node, field=field_name)
        for node in flow.nodes.values():
            if isinstance(node, GotoNode):
                link = ctx.project.link_for(node)
                if link is not None and link.problem:
                    yield Report(link.problem, node=node, field="node" if link.target else "flow")


def _field_label(field_name: str) -> str:
    for prefix, word in (("options.", "option"), ("cases.", "case")):
        if field_name.startswith(prefix):
            return f"{word} {field_name[len(prefix):]!r}"
    return f"`{field_name}`"


def _hint(target: str, known) -> str:
    import difflib  # only for a dangling target's did-you-mean: not a start-up cost

    close = difflib.get_close_matches(target, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
