from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import CallbackNode, HangupNode, Node, PromptedInput
from ivr_lint.rules.base import FlowContext, Report, Rule

ERROR_KINDS = ("no-input", "no-match", "invalid", "max-retries")
_FIELDS = {"no-input": "on_no_input", "no-match": "on_no_match", "invalid": "on_invalid",
           "max-retries": "on_max_retries"}


class HangupOnError(Rule):
    """
    ## What it does
    Follows where silence and wrong keys lead from each menu and input (after the
    retries) and reports when the call then ends with a hang-up, without reaching a
    person, a callback, a voicemail, or a message giving another way to get in touch.

    ## Why is this bad
    M1 and the GetHuman standard (items 4 and 8): never hang up on a caller's error or
    silence. The callers who fail a menu are often those who most need a person.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour un conseiller, tapez 0."
        options: {"0": agent}
        on_max_retries: bye
      agent:
        type: queue
      bye:
        type: hangup
        prompt: "Au revoir."
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
        on_max_retries: agent
      agent:
        type: queue
    ```
    """

    code = "IVR104"
    name = "hangup-on-error"
    severity = Severity.WARNING
    summary = "Silence or wrong keys end the call instead of reaching help."
    tags = ("service", "M1")
    source = "M1; GetHuman standard items 4 and 8; Avaya IVR guide"
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        for node in flow.nodes.values():
            if not isinstance(node, PromptedInput) or node.broken:
                continue
            for transition in node.transitions:
                if transition.kind not in ERROR_KINDS or transition.target == node.id:
                    continue
                path = self._forced_path(flow, transition.target)
                end = flow.nodes.get(path[-1])
                if isinstance(end, HangupNode) and not self._helped(ctx, path):
                    what = "silence" if transition.kind == "no-input" else (
                        "a wrong key" if transition.kind == "no-match" else
                        "invalid digits" if transition.kind == "invalid" else "the last failed retry")
                    yield Report(f"after {what}, {node.type} {node.id!r} leads to a hang-up "
                                 f"({' -> '.join(path)}) without a person, a callback or another contact",
                                 node=node, field=_FIELDS[transition.kind], path=[node.id, *path])

    @staticmethod
    def _forced_path(flow, start: str) -> list[str]:
        """Nodes the caller goes through without a choice, from `start` (cycles stop it)."""
        path, seen = [start], {start}
        node: Node | None = flow.nodes.get(start)
        while node is not None and not node.is_end:
            targets = {t.target for t in node.transitions}
            if len(targets) != 1:
                break
            (target,) = targets
            if target in seen or target not in flow.nodes:
                break
            path.append(target)
            seen.add(target)
            node = flow.nodes[target]
        return path

    @staticmethod
    def _helped(ctx: FlowContext, path: list[str]) -> bool:
        nodes = [ctx.flow.nodes[n] for n in path if n in ctx.flow.nodes]
        return any(isinstance(n, CallbackNode) or ctx.prompts.gives_other_contact(n) for n in nodes)
