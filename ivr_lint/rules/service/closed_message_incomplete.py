from collections import deque
from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import CallbackNode, HangupNode, Node, VoicemailNode
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service._common import arrow


def ends_call(node: Node) -> bool:
    """The call ends here with nobody on the line: hang-up, message box, callback request."""
    return isinstance(node, HangupNode) or (isinstance(node, (VoicemailNode, CallbackNode)) and node.next is None)


class ClosedMessageIncomplete(Rule):
    """
    ## What it does
    In the closed and holiday scenarios, follows every way a call can go from the start
    (without listing paths: one pass over the flow, remembering what the caller has
    heard) and reports each place where the call ends before the caller has heard both
    the opening hours and another way to contact the service (a web address, an e-mail,
    an online space).

    ## Why is this bad
    M5: outside opening hours, the menu gives at least the opening hours and the other
    ways to reach the administration. A caller who only hears "nous sommes fermés" will
    call again at random.

    ## Example
    ```yaml
    ivr: 1
    hours: {weekly: {mon-fri: ["09:00-17:00"]}}
    start: check
    nodes:
      check: {type: hours, open: agent, closed: closed}
      agent: {type: queue}
      closed:
        type: hangup
        prompt: "Nos bureaux sont fermés. Au revoir."
    ```

    ## Use instead
    ```yaml
    ivr: 1
    hours: {weekly: {mon-fri: ["09:00-17:00"]}}
    start: check
    nodes:
      check: {type: hours, open: agent, closed: closed}
      agent: {type: queue}
      closed:
        type: hangup
        prompt: "Nous sommes ouverts du lundi au vendredi de 9h à 17h. Retrouvez-nous sur service-public.fr."
    ```
    """

    code = "IVR110"
    name = "closed-message-incomplete"
    severity = Severity.ERROR
    summary = "Outside opening hours a call can end without the hours and another contact."
    tags = ("service", "M5")
    source = "M5: outside opening hours, at least the hours and another way to contact the service"
    inbound_only = True
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        if not ctx.graph.entries:
            return
        reported: set[str] = set()
        scenarios = ctx.graph.scenarios
        for graph in scenarios.for_state("closed") + scenarios.for_state("holiday"):
            scenario = graph.scenario
            for end, heard, path in self._incomplete_endings(ctx, graph.simple, graph.entries):
                if end in reported:
                    continue
                reported.add(end)
                missing = [what for what, got in (("the opening hours", heard[0]),
                                                  ("another way to contact the service (website, e-mail)",
                                                   heard[1])) if not got]
                yield Report(f"in the {scenario.name} scenario the call can end at {end!r} without the caller "
                             f"hearing {' or '.join(missing)}: {arrow(path)}", node=flow.nodes[end],
                             scenario=scenario.name, path=path)

    @staticmethod
    def _incomplete_endings(ctx: FlowContext, graph, entries: set[str]):
        """(end node, (heard hours, heard contact), path) for each end reached without both.

        Breadth-first over (node, heard hours, heard contact): at most four visits per node.
        """
        nodes, prompts = ctx.flow.nodes, ctx.prompts

        def hear(node_id: str, state: tuple[bool, bool]) -> tuple[bool, bool]:
            node = nodes[node_id]
            return (state[0] or prompts.says_hours(node), state[1] or prompts.gives_other_contact(node))

        firsts = [(entry, hear(entry, (False, False))) for entry in sorted(entries)]
        parents = dict.fromkeys(firsts)
        queue = deque(firsts)
        found: dict[str, tuple] = {}
        while queue:
            node_id, heard = queue.popleft()
            if ends_call(nodes[node_id]) and not all(heard) and node_id not in found:
                found[node_id] = (node_id, heard)
            for target in graph.successors(node_id):
                state = (target, hear(target, heard))
                if state not in parents:
                    parents[state] = (node_id, heard)
                    queue.append(state)
        for node_id, heard in found.values():
            path, state = [], (node_id, heard)
            while state is not None:
                path.append(state[0])
                state = parents[state]
            yield node_id, heard, path[::-1]
