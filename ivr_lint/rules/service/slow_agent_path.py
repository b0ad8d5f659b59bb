from typing import Iterator

from ivr_lint.analysis.person_paths import CallerMoves
from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.rules.service._common import OPEN_HOURS, arrow, open_graph


class SlowAgentPath(Rule):
    """
    ## What it does
    Measures the ways from the start to a person during opening hours: the seconds a
    caller spends on the way (prompts heard, estimated from the text or measured audio,
    and the waits: a menu left by silence waited its timeout, one left after its last
    retry waited every timeout and replayed its prompt each time) and the keys pressed
    (a wrong key counts as one; a number typed into an `input`, an extension or a file
    number, is one answer and counts as one, whatever its digits). Reports the fastest
    way when it takes longer than `max_agent_seconds`, with its own key presses, and the
    way with fewest keys when it needs more than `max_agent_keys`, with its own seconds:
    both figures of a finding belong to one call.

    A prompt of unknown length (audio of an import, `[unknown: ...]`, not measured)
    counts only for the words known around it: a way through one takes *at least* the
    seconds known. The fastest way is then reported only when what is known already
    passes the limit, and a way's seconds are said as "at least N s" or "unknown"
    (JSON `seconds` is null, `seconds_at_least` the known part, `unknown_length` the
    nodes), never as a figure the file cannot give.

    ## Why is this bad
    M1: the menu must not be an obstacle to reaching an agent. Callers should be able to
    act within about 30 s, and reach a person within a minute and a few keys.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour les allocations, tapez 1."
        options: {"1": menu2}
        on_max_retries: callback
      menu2:
        type: menu
        prompt: "Pour le logement, tapez 1."
        options: {"1": menu3}
        on_max_retries: callback
      menu3:
        type: menu
        prompt: "Pour une aide au loyer, tapez 1."
        options: {"1": menu4}
        on_max_retries: callback
      menu4:
        type: menu
        prompt: "Pour un conseiller, tapez 1."
        options: {"1": agent}
        on_max_retries: callback
      callback:
        type: callback
        prompt: "Nous vous rappellerons."
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
        prompt: "Pour les allocations, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": menu2, "0": agent}
        on_max_retries: agent
      menu2:
        type: menu
        prompt: "Pour le logement, tapez 1. Pour un conseiller, tapez 0."
        options: {"1": agent, "0": agent}
        on_max_retries: agent
      agent:
        type: queue
    ```
    """

    code = "IVR103"
    name = "slow-agent-path"
    severity = Severity.WARNING
    summary = "The fastest way from the start to a person is too long or needs too many keys."
    tags = ("service", "M1")
    source = "M1; industry guidance (a person within a minute and a few keys)"
    inbound_only = True
    reads_prompts = True
    options = (
        Option("max_agent_seconds", 60.0, "Longest acceptable time of prompts before reaching a person, in seconds."),
        Option("max_agent_keys", 3, "Most key presses acceptable before reaching a person (a number typed at an "
                                    "input counts as one)."),
    )

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = open_graph(ctx)
        flow = ctx.flow
        if flow.start not in graph.reaches_human:
            return  # no-agent-path reports it
        humans = graph.person_points & graph.reachable
        moves = CallerMoves(flow, graph.simple, ctx.prompts.seconds, lambda text: text in ctx.prompts.measured)
        start_seconds = ctx.prompts.seconds(flow.nodes[flow.start])
        limit_s, limit_k = ctx.options["max_agent_seconds"], ctx.options["max_agent_keys"]

        fastest = moves.cheapest(humans, seconds_first=True)
        if fastest is None:
            return  # callers enter this flow elsewhere (a goto to one of its nodes), not at its start
        seconds, keys = fastest.seconds + start_seconds, fastest.keys
        if seconds > limit_s:
            at_least = "at least " if fastest.unknown else ""
            yield Report(f"the fastest way to a person takes {at_least}{seconds:.0f} s of prompts and waiting (limit "
                         f"{limit_s:.0f} s){_unknown(fastest)}, with {_presses(keys, fastest.typed)}{fastest.doing}: "
                         f"{arrow(fastest.path)}", field="start", scenario=OPEN_HOURS.name, path=fastest.path,
                         extra=_extra(fastest, seconds))
        fewest = moves.cheapest(humans, seconds_first=False)
        seconds, keys = fewest.seconds + start_seconds, fewest.keys
        if keys > limit_k:
            if not fewest.unknown:
                takes = f"takes {seconds:.0f} s"
            elif seconds >= 0.5:
                takes = f"takes at least {seconds:.0f} s{_unknown(fewest)}"
            else:
                takes = f"takes an unknown time{_unknown(fewest)}"
            yield Report(f"reaching a person needs at least {_presses(keys, fewest.typed)} (limit {limit_k}), and "
                         f"that way {takes}{fewest.doing}: {arrow(fewest.path)}",
                         field="start", scenario=OPEN_HOURS.name, path=fewest.path, extra=_extra(fewest, seconds))


def _presses(keys: int, typed: bool = False) -> str:
    if typed:  # a number typed is one answer
        return f"{keys} key press{'es' if keys != 1 else ''} (a number typed counts as one)"
    return f"{keys} key press{'es' if keys != 1 else ''}"


def _unknown(way) -> str:
    nodes = ", ".join(way.unknown[:3]) + (" ..." if len(way.unknown) > 3 else "")
    return f" (the prompt{'s' if len(way.unknown) != 1 else ''} of {nodes} last{'s' if len(way.unknown) == 1 else ''} " \
           "an unknown time)" if way.unknown else ""


def _extra(way, seconds: float) -> dict:
    if not way.unknown:
        return {"seconds": round(seconds, 1), "keys": way.keys}
    return {"seconds": None, "seconds_at_least": round(seconds, 1), "unknown_length": list(way.unknown),
            "keys": way.keys}
