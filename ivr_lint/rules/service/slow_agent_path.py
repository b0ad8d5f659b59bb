from dataclasses import dataclass
from typing import Iterator

from ivr_lint.analysis.paths import cheapest
from ivr_lint.findings import Severity
from ivr_lint.model.flow import InputNode
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.rules.service._common import OPEN_HOURS, arrow, open_graph

KEY_KINDS = {"key"}


class SlowAgentPath(Rule):
    """
    ## What it does
    Measures the ways from the start to a person during opening hours: the seconds a
    caller spends on the way (prompts heard, estimated from the text or measured audio,
    and the waits: a menu left by silence waited its timeout, one left after its last
    retry waited every timeout and replayed its prompt each time) and the keys pressed
    (digits typed into an `input` count as key presses, a wrong key as one). Reports the
    fastest way when it takes longer than `max_agent_seconds`, with its own key presses,
    and the way with fewest keys when it needs more than `max_agent_keys`, with its own
    seconds: both figures of a finding belong to one call.

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
        Option("max_agent_keys", 3, "Most key presses acceptable before reaching a person."),
    )

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        graph = open_graph(ctx)
        flow = ctx.flow
        if flow.start not in graph.reaches_human:
            return  # no-agent-path reports it
        humans = graph.person_points & graph.reachable
        moves = _Moves(flow, graph.simple, ctx.prompts.seconds)
        start_seconds = ctx.prompts.seconds(flow.nodes[flow.start])
        limit_s, limit_k = ctx.options["max_agent_seconds"], ctx.options["max_agent_keys"]

        fastest = moves.cheapest(humans, seconds_first=True)
        seconds, keys = fastest.seconds + start_seconds, fastest.keys
        if seconds > limit_s:
            yield Report(f"the fastest way to a person takes {seconds:.0f} s of prompts and waiting (limit "
                         f"{limit_s:.0f} s), with {_presses(keys)}{fastest.doing}: {arrow(fastest.path)}",
                         field="start", scenario=OPEN_HOURS.name, path=fastest.path,
                         extra={"seconds": round(seconds, 1), "keys": keys})
        fewest = moves.cheapest(humans, seconds_first=False)
        seconds, keys = fewest.seconds + start_seconds, fewest.keys
        if keys > limit_k:
            yield Report(f"reaching a person needs at least {_presses(keys)} (limit {limit_k}), and that way "
                         f"takes {seconds:.0f} s{fewest.doing}: {arrow(fewest.path)}",
                         field="start", scenario=OPEN_HOURS.name, path=fewest.path,
                         extra={"seconds": round(seconds, 1), "keys": keys})


def _presses(keys: int) -> str:
    return f"{keys} key press{'es' if keys != 1 else ''}"


@dataclass
class _Way:
    path: list[str]
    seconds: float
    keys: int
    doing: str  # what the caller does on the way, said in the message


class _Moves:
    """The caller's moves in the open scenario, each with its seconds and key presses.

    A move is one way out of a node taken in one manner: a key, typed digits, silence
    (the node waits its timeout), silence until the retries run out (every wait and
    every replay of the prompt), a wrong key. Both figures of a way are summed over the
    same moves, so the seconds and the keys reported always belong to one call.
    """

    def __init__(self, flow, simple, seconds):
        self.flow, self.simple, self.seconds = flow, simple, seconds

    def cost(self, node, kind: str) -> tuple[float, int]:
        """(seconds waited in `node`, keys pressed) when leaving it by `kind`."""
        defaults = self.flow.defaults
        if kind in KEY_KINDS:
            return 0.0, 1
        if kind == "next" and isinstance(node, InputNode):
            return 0.0, (node.digits or (1, 1))[0]
        if kind in ("no-match", "invalid"):
            return 0.0, 1
        if kind == "no-input":
            return node.effective_timeout(defaults), 0
        if kind == "max-retries":
            timeout = node.effective_timeout(defaults)
            return timeout + node.effective_retries(defaults) * (self.seconds(node) + timeout), 0
        return 0.0, 0

    def steps(self, seconds_first: bool):
        flow, simple, seconds = self.flow, self.simple, self.seconds

        def steps(node_id: str):
            node = flow.nodes[node_id]
            for target, data in simple[node_id].items():
                heard = seconds(flow.nodes[target])
                for kind in data["kinds"]:
                    waited, keys = self.cost(node, kind)
                    yield target, ((waited + heard, keys) if seconds_first else (keys, waited + heard)), kind
        return steps

    def cheapest(self, targets: set[str], seconds_first: bool) -> _Way:
        found = cheapest([(self.flow.start, (0.0, 0) if seconds_first else (0, 0.0))], self.steps(seconds_first), targets=targets)
        end = found.reached
        total = found.cost[end]
        seconds, keys = total if seconds_first else total[::-1]
        path = found.path(end)
        return _Way(path, seconds, keys, self._doing(path, found.moves(end)))

    def _doing(self, path: list[str], moves: list[tuple[str, str]]) -> str:
        """' (key 1 at menu; silence at sub until its retries run out)' for the message."""
        said = []
        for (node_id, kind), target in zip(moves, path[1:]):
            node = self.flow.nodes[node_id]
            if kind in KEY_KINDS:
                key = next((t.key for t in node.transitions if t.kind == kind and t.target == target), None)
                said.append(f"key {key} at {node_id}" if key else f"a key at {node_id}")
            elif kind == "next" and isinstance(node, InputNode):
                said.append(f"digits at {node_id}")
            elif kind == "no-input":
                said.append(f"silence at {node_id}")
            elif kind == "max-retries":
                said.append(f"silence at {node_id} until its retries run out")
            elif kind in ("no-match", "invalid"):
                said.append(f"a wrong key at {node_id}")
        return f" ({'; '.join(said)})" if said else ""
