from collections import deque
from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import CallbackNode, Node, QueueNode
from ivr_lint.rules.base import FlowContext, Report, Rule

OFFERS = ("an estimated wait or queue position", "a pointer to quieter hours", "a callback")


class CongestionOptions(Rule):
    """
    ## What it does
    For every agent queue, checks that it has a `congestion` branch and that a caller
    sent there is offered at least two of: (a) an estimated wait or queue position (a
    `{wait_minutes}` or `{queue_position}` placeholder, or words that state it), (b) a
    pointer to quieter hours, (c) a callback node they can reach. What the queue's own
    prompt says counts; the search stops where the caller is back in a queue.

    Prompts are read by meaning: a wait estimate is a figure with a waiting or answering
    word, or the caller's rank; quieter hours are a sentence that names a time with a
    comparison of load ("les lignes sont plus calmes après 14 heures") or advice to call
    then ("appelez de préférence l'après-midi"). Where a prompt may say it in a shape the
    reader cannot confirm, the finding is an `info` that quotes the sentence, not an error.

    On a platform export whose queue leaves saturation to another export (a Genesys queue's
    in-queue flow, a Twilio Studio TaskRouter workflow), the treatment cannot be seen: the
    finding is an `info` that names where to check it.

    ## Why is this bad
    M4: when lines are congested during opening hours, the service offers at least two
    of these. Without them, a saturated line is a busy tone with extra steps.

    ## Example
    ```yaml
    ivr: 1
    start: agent
    nodes:
      agent: {type: queue, congestion: busy}
      busy:
        type: hangup
        prompt: "Toutes nos lignes sont occupées. Merci de rappeler plus tard."
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: agent
    nodes:
      agent: {type: queue, congestion: busy}
      busy:
        type: menu
        prompt: "L'attente est estimée à {wait_minutes} minutes. Pour être rappelé, tapez 1. Pour patienter, tapez 2."
        options: {"1": callback, "2": agent}
        on_max_retries: callback
      callback: {type: callback, prompt: "Nous vous rappellerons."}
    ```
    """

    code = "IVR113"
    name = "congestion-options"
    severity = Severity.ERROR
    summary = "A congested queue offers fewer than two of: wait estimate, quieter hours, callback."
    tags = ("service", "M4")
    source = "M4: during congestion, at least two of wait estimate or rank, quieter hours, callback"
    inbound_only = True
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        for node in flow.nodes.values():
            if not isinstance(node, QueueNode) or node.broken:
                continue
            outside = getattr(ctx.loaded.imported, "elsewhere", {}).get((node.id, "congestion"))
            if node.congestion is None and outside:  # an import whose queue handling is another export's
                yield Report(f"queue {node.id!r}: what saturated callers are offered is decided in {outside}; "
                             "check it offers at least two of " + ", ".join(OFFERS), node=node,
                             severity=Severity.INFO, extra={"elsewhere": outside})
                continue
            if node.congestion is None:
                yield Report(f"queue {node.id!r} has no `congestion` branch: callers on a saturated line are "
                             f"offered none of {', '.join(OFFERS)}", node=node)
                continue
            if node.congestion not in flow.nodes:
                continue  # unknown-target reports it
            offered, doubts = self._offers(ctx, node)
            if sum(offered) >= 2 or any(n.broken for n in congestion_heard(ctx, node)):
                continue  # enough; or a node on the way has a schema error, reported on its own
            have = [o for o, got in zip(OFFERS, offered) if got] or ["nothing"]
            lack = [o for o, got in zip(OFFERS, offered) if not got]
            if sum(offered) + len(doubts) >= 2:  # the prompt may say it, in words we cannot read for sure
                said = "; ".join(f"{what}? \"{cue.sentence}\": {cue.doubt}" for what, cue in doubts)
                yield Report(f"could not confirm what congested callers of queue {node.id!r} are offered: "
                             f"{said}", node=node, field="congestion", scenario="open+congested",
                             severity=Severity.INFO, extra={"offered": have, "unsure": [w for w, _ in doubts]})
                continue
            yield Report(f"congested callers of queue {node.id!r} are offered {' and '.join(have)}; missing: "
                         f"{', '.join(lack)} (at least two are needed)", node=node, field="congestion",
                         scenario="open+congested", extra={"offered": have, "missing": lack})

    @staticmethod
    def _offers(ctx: FlowContext, queue_node: QueueNode) -> tuple[tuple[bool, bool, bool], list]:
        """Which offers congested callers surely hear, and (offer, cue) for those only perhaps said."""
        prompts = ctx.prompts
        heard = congestion_heard(ctx, queue_node)
        if any(node.opaque for node in heard):  # a step the file does not fully say (schema-error): it may offer anything
            return (True, True, True), []
        offered, doubts = [], []
        for what, read in ((OFFERS[0], prompts.wait_cue), (OFFERS[1], prompts.quieter_cue)):
            readings = [cue for cue in map(read, heard) if cue is not None]
            offered.append(any(cue.found for cue in readings))
            if not offered[-1] and readings:
                doubts.append((what, readings[0]))
        offered.append(any(isinstance(n, CallbackNode) for n in heard))
        return (offered[0], offered[1], offered[2]), doubts


def congestion_heard(ctx: FlowContext, queue_node: QueueNode) -> list[Node]:
    """The queue and the nodes a congested caller goes through until back in a queue or with
    a person (breadth-first, each once)."""
    flow = ctx.flow
    heard: list[Node] = [queue_node]
    seen = {queue_node.congestion}
    pending = deque([queue_node.congestion])
    while pending:
        node = flow.nodes[pending.popleft()]
        heard.append(node)
        if node.opaque or isinstance(node, QueueNode) or node.is_human:
            continue  # back in line: what follows is the ordinary wait
        for transition in node.transitions:
            if transition.target in flow.nodes and transition.target not in seen:
                seen.add(transition.target)
                pending.append(transition.target)
    return heard
