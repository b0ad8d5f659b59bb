from collections import deque
from typing import Iterator

from ivr_lint.analysis.scenarios import scenarios_of
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
    an online space, a counter's address). Where a prompt may say one of them in words
    the reader cannot confirm, the finding is an `info` that quotes it, not an error.

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
        scenarios = scenarios_of(ctx.graph)
        for graph in scenarios.for_state("closed") + scenarios.for_state("holiday"):
            scenario = graph.scenario
            for end, heard, path in self._incomplete_endings(ctx, graph.simple, graph.entries):
                if end in reported:
                    continue
                reported.add(end)
                missing = [what for what, got in zip(WHAT, heard) if got == NONE]
                if missing:
                    yield Report(f"in the {scenario.name} scenario the call can end at {end!r} without the caller "
                                 f"hearing {' or '.join(missing)}: {arrow(path)}", node=flow.nodes[end],
                                 scenario=scenario.name, path=path)
                    continue
                doubts = [self._doubt(ctx, what, index, path) for index, what in enumerate(WHAT)
                          if heard[index] == UNSURE]
                yield Report(f"in the {scenario.name} scenario, could not confirm that the caller hears "
                             f"{'; '.join(doubts)} before the call ends at {end!r}: {arrow(path)}",
                             node=flow.nodes[end], scenario=scenario.name, path=path, severity=Severity.INFO)

    @staticmethod
    def _doubt(ctx: FlowContext, what: str, index: int, path: list[str]) -> str:
        read = (ctx.prompts.hours_cue, ctx.prompts.contact_cue)[index]
        cue = next(c for c in (read(ctx.flow.nodes[n]) for n in path) if c is not None)
        return f"{what} (\"{cue.sentence}\": {cue.doubt})"

    @staticmethod
    def _incomplete_endings(ctx: FlowContext, graph, entries: set[str]):
        """(end node, (heard hours, heard contact), path) for each end reached without both
        surely said; each is NONE, UNSURE or SURE, and an end reached without one at all wins.

        Breadth-first over (node, heard hours, heard contact): at most nine visits per node.
        """
        nodes, prompts = ctx.flow.nodes, ctx.prompts

        def level(cue) -> int:
            return NONE if cue is None else SURE if cue.found else UNSURE

        def hear(node_id: str, state: tuple[int, int]) -> tuple[int, int]:
            node = nodes[node_id]
            return (max(state[0], level(prompts.hours_cue(node))), max(state[1], level(prompts.contact_cue(node))))

        firsts = [(entry, hear(entry, (NONE, NONE))) for entry in sorted(entries)]
        parents = dict.fromkeys(firsts)
        queue = deque(firsts)
        found: dict[str, tuple] = {}
        while queue:
            node_id, heard = queue.popleft()
            if ends_call(nodes[node_id]) and min(heard) < SURE:
                known = found.get(node_id)
                if known is None or (min(heard) == NONE and min(known[1]) > NONE):
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


NONE, UNSURE, SURE = 0, 1, 2
WHAT = ("the opening hours", "another way to contact the service (website, e-mail)")
