import re
from typing import Iterator

from ivr_lint.analysis.prompts import readable
from ivr_lint.findings import Severity
from ivr_lint.model.flow import CallbackNode, HoursNode, MenuNode, PlayNode
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service._common import OPEN_HOURS, open_graph

_ERRORS = frozenset(("no-input", "no-match", "invalid", "max-retries"))
#: a message saying the service is closed ("nous sommes fermés", "we are closed")
_CLOSED = {"fr": re.compile(r"\bferm(?:é|e)e?s?\b|\bfermeture\b", re.IGNORECASE),
           "en": re.compile(r"\bclosed\b", re.IGNORECASE)}


class NoAgentPath(Rule):
    """
    ## What it does
    During opening hours, checks that a person (an agent `queue`, or a `transfer` with
    `agent: true`) can be reached from the start and from every menu the caller can hear.
    A node with an unknown type, or a way out that cannot be read (a schema error), may
    be that person: the rule claims nothing past it until the schema error is fixed.
    A `callback` the caller chooses (a key, a spoken word) or is led to without a choice
    counts as a way to a person: a person calls the caller back. One met only after
    silence or wrong keys does not: the menu still offers no person to a caller who
    answers it.

    Two flows cannot be judged from the file alone, and get an `info` instead of the
    error (a flow with neither still gets the error):
    - a flow that checks no hours, holds no person at all, and whose first messages (heard
      before any choice) say the service is closed ("We are closed for the holiday"): it is
      the closed-hours or holiday branch another flow sends callers to, and nothing in it
      says callers meet it during opening hours;
    - a flow whose only way forward is a message (not a voicemail's greeting) saying the
      service will call the caller back ("We will call you before an agent is
      available"): the callback is booked by a step the file does not show (a data action,
      a workflow), so check that it is. A voicemail that promises a call back is a
      voicemail, not a person: still the error.

    ## Why is this bad
    The charter's first telephone commitment (M1): the menu must never stand between a
    caller and a human agent. A menu with no way to a person traps callers whose need
    is not on the list.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour nos horaires, tapez 1."
        options: {"1": info}
        on_max_retries: bye
      info:
        type: play
        prompt: "Nous sommes ouverts du lundi au vendredi de 9h à 17h."
        next: bye
      bye:
        type: hangup
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour nos horaires, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": info, "0": agent}
        on_max_retries: agent
      info:
        type: play
        prompt: "Nous sommes ouverts du lundi au vendredi de 9h à 17h."
        next: agent
      agent:
        type: queue
    ```
    """

    code = "IVR101"
    name = "no-agent-path"
    severity = Severity.ERROR
    summary = "During opening hours no person can be reached from the start or from a menu."
    tags = ("service", "M1")
    source = "M1: the SVI must never be an obstacle to reaching an agent"
    inbound_only = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = open_graph(ctx)
        flow = ctx.flow
        if not graph.base.entries:
            return
        reaches = graph.reaches_human | _choose_callback(flow, graph)
        if flow.start not in reaches:
            yield self._no_person(ctx, graph)
            return
        for node_id, node in flow.nodes.items():
            if node_id not in graph.reachable:
                continue
            if isinstance(node, MenuNode) and node_id not in reaches:
                yield Report(f"menu {node_id!r} is heard during opening hours but no path from it reaches "
                             "a person", node=node, scenario=OPEN_HOURS.name)

    @staticmethod
    def _no_person(ctx: FlowContext, graph) -> Report:
        flow = ctx.flow
        said = _first_messages(flow, graph)
        closed = _CLOSED.get(flow.lang, _CLOSED["en"])
        if (not graph.person_points and not any(isinstance(n, HoursNode) for n in flow.nodes.values())
                and any(closed.search(readable(n.prompt_text)) for n in said if n.prompt_text)):
            return Report("no path from the start reaches a person, but the flow checks no hours and its first "
                          "messages say the service is closed: it seems to run only when the service is closed "
                          "(another flow decides); make sure callers never reach it during opening hours",
                          field="start", scenario=OPEN_HOURS.name, severity=Severity.INFO)
        promised = [n for n in flow.nodes.values() if n.id in graph.reachable and isinstance(n, PlayNode)
                    and n.prompt_text and ctx.prompts.callback_cue(n) is not None
                    and ctx.prompts.callback_cue(n).state != "unsure"]
        if promised:
            return Report(f"no path from the start reaches a person, but {promised[0].id!r} says the service will "
                          "call the caller back: the callback is booked by a step this file does not show; make "
                          "sure it is", field="start", scenario=OPEN_HOURS.name, severity=Severity.INFO,
                          path=[promised[0].id])
        return Report("during opening hours no path from the start reaches a person (queue or transfer "
                      "to an agent)", field="start", scenario=OPEN_HOURS.name)


def _choose_callback(flow, graph) -> set[str]:
    """Nodes from which a callback is reached without silence or wrong keys on the way."""
    callbacks = {n.id for n in flow.nodes.values() if isinstance(n, CallbackNode)}
    if not callbacks:
        return set()
    pred = graph.simple.pred  # walked back from the callbacks, along ways that are not a silence or a wrong key
    seen, pending = set(callbacks), [c for c in callbacks if c in pred]
    while pending:
        for source, data in pred[pending.pop()].items():
            if source not in seen and not data["kinds"] <= _ERRORS:
                seen.add(source)
                pending.append(source)
    return seen


def _first_messages(flow, graph) -> list:
    """The nodes a caller hears from the start before any choice (one way out each)."""
    out, seen, node_id = [], set(), flow.start
    while node_id in flow.nodes and node_id not in seen:
        seen.add(node_id)
        node = flow.nodes[node_id]
        out.append(node)
        targets = set(graph.simple.succ.get(node_id, ()))
        if isinstance(node, MenuNode) or len(targets) != 1:
            break
        (node_id,) = targets
    return out
