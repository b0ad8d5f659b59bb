from typing import Iterator

from ivr_lint.analysis.depth import menu_depth, offers_nothing_new
from ivr_lint.analysis.prompts import readable
from ivr_lint.analysis.served import served
from ivr_lint.findings import Severity
from ivr_lint.model.flow import CallbackNode, HangupNode, MenuNode, Node, PlayNode, PromptedInput
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.text.invitations import invites_to_hang_up

ERROR_KINDS = ("no-input", "no-match", "invalid", "max-retries")
_WHAT = {"no-input": "silence", "no-match": "a wrong key", "invalid": "invalid digits",
         "max-retries": "the last failed retry"}
_FIELDS = {"no-input": "on_no_input", "no-match": "on_no_match", "invalid": "on_invalid",
           "max-retries": "on_max_retries"}


class HangupOnError(Rule):
    """
    ## What it does
    Follows where silence and wrong keys lead from each menu and input (after the
    retries) and reports when the call then ends with a hang-up, without reaching a
    person, a callback, a voicemail, or a message giving another way to get in touch
    (said on the way, or in the menu's own prompt: "vous pouvez aussi faire votre
    demande sur caf.fr").
    One finding per menu and hang-up: silence and the last retry leading to the same
    goodbye are one finding. A menu whose every choice also ends the call, saying nothing
    more ("nous sommes fermés; pour quitter, tapez 9"), is not reported: there is no answer
    the caller misses by failing it. A flow of messages only (no menu, no input) never is.

    A caller who has been served may hang up: a menu that every way reaches after the
    caller chose an information message, left a callback request or a voicemail is not
    reported when its prompt invites them to hang up ("pour revenir au menu, tapez 9;
    sinon, vous pouvez raccrocher"), or when it is the menu after a message and offers
    nothing new (hear it again, back to the menu, a person).

    In an `outbound` flow (the service calls someone) the person called did not ask for
    the call: when they say nothing, or fail every retry, the call may end (the platform
    records the attempt and calls again). Only a wrong key that hangs up at once, with
    no retry, is reported there. Inbound and in-queue callers asked for help: every
    hang-up after their silence or errors is reported.

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
        heard_before: dict[str, list[Node]] = {}  # node -> the messages that lead straight to it
        for other in flow.nodes.values():
            if isinstance(other, PlayNode) and other.next:
                heard_before.setdefault(other.next, []).append(other)
        graph = ctx.graph
        # an outbound call may end when the person called does not answer its menus
        kinds = ("no-match", "invalid") if flow.kind == "outbound" else ERROR_KINDS
        for node in flow.nodes.values():
            if not isinstance(node, PromptedInput) or node.broken:
                continue
            if graph.entries and node.id not in graph.reachable:
                continue  # no caller meets it: unreachable-node says so
            by_end: dict[str, tuple[list, list[str]]] = {}  # hang-up -> (transitions, path)
            for transition in node.transitions:
                if transition.kind not in kinds or transition.target == node.id:
                    continue
                path = self._forced_path(flow, transition.target)
                end = flow.nodes.get(path[-1])
                if end is None or end.broken or any(flow.nodes[n].broken for n in path if n in flow.nodes):
                    continue  # not read: schema-error reports it, and what follows is unknown
                if isinstance(end, HangupNode) and not self._helped(ctx, [node.id, *path]):
                    by_end.setdefault(end.id, ([], path))[0].append(transition)
            if not by_end or self._served_may_hang_up(ctx, node, heard_before.get(node.id, [])):
                continue
            if self._nothing_to_miss(flow, node, [path for _, path in by_end.values()]):
                continue
            for transitions, path in by_end.values():
                first = min(transitions, key=lambda t: (node.where(_FIELDS[t.kind]).line,
                                                        node.where(_FIELDS[t.kind]).column))
                what = " or ".join(dict.fromkeys(_WHAT[t.kind] for t in transitions))
                yield Report(f"after {what}, {node.type} {node.id!r} leads to a hang-up "
                             f"({' -> '.join(path)}) without a person, a callback or another contact",
                             node=node, field=_FIELDS[first.kind], path=[node.id, *path])

    @staticmethod
    def _served_may_hang_up(ctx: FlowContext, node: Node, before: list[Node]) -> bool:
        """Every way here delivered what the caller chose, and either the caller is invited to hang
        up (by this prompt, or by the message just before it) or this is the menu after a message
        that offers nothing new (hear it again, back to the menu, a person)."""
        if not served(ctx.graph, node.id):
            return False
        lang = ctx.flow.lang
        if any(invites_to_hang_up(readable(n.prompt_text), lang) for n in [node, *before] if n.prompt_text):
            return True
        return isinstance(node, MenuNode) and offers_nothing_new(menu_depth(ctx.graph), (ctx.graph, node.id))

    @classmethod
    def _nothing_to_miss(cls, flow, node: Node, error_paths: list[list[str]]) -> bool:
        """Every answer the node takes ends the call too, saying nothing the way after an error does
        not ("press 9 to disconnect" after a closed message): failing it costs the caller nothing."""
        said = {node.prompt_text} | {flow.nodes[n].prompt_text for path in error_paths for n in path if n in flow.nodes}
        choices = [t for t in node.transitions if t.kind in ("key", "next") and t.target != node.id]
        for transition in choices:
            path = cls._forced_path(flow, transition.target)
            if not isinstance(flow.nodes.get(path[-1]), HangupNode):
                return False
            if any(n in flow.nodes and flow.nodes[n].prompt_text not in said for n in path):
                return False
        return bool(choices)

    @staticmethod
    def _forced_path(flow, start: str) -> list[str]:
        """Nodes the caller goes through without a choice, from `start` (cycles stop it)."""
        path, seen = [start], {start}
        node: Node | None = flow.nodes.get(start)
        while node is not None and not node.is_end and not node.opaque:  # what an unreadable step does is unknown
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
