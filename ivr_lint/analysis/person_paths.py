"""The caller's cheapest ways to a person: seconds heard and waited, and keys pressed.

One cost model, shared by `slow-agent-path` and `ivr-lint diff` (the fastest way to a
person before and after a change), over `analysis.paths.cheapest`: no path enumeration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ivr_lint.analysis.paths import cheapest
from ivr_lint.importers.result import UNKNOWN_PATTERN
from ivr_lint.model.flow import InputNode, Node

KEY_KINDS = {"key"}


@dataclass
class Way:
    path: list[str]
    seconds: float
    keys: int
    doing: str  # what the caller does on the way, said in the message
    #: nodes on the way whose prompt lasts an unknown time (an audio file of an export):
    #: `seconds` is then only what is known, a lower bound
    unknown: list[str] = field(default_factory=list)
    #: the way includes a number typed at an input (one answer, however many digits)
    typed: bool = False


class CallerMoves:
    """The caller's moves in the open scenario, each with its seconds and key presses.

    A move is one way out of a node taken in one manner: a key, typed digits, silence
    (the node waits its timeout), silence until the retries run out (every wait and
    every replay of the prompt), a wrong key. Both figures of a way are summed over the
    same moves, so the seconds and the keys reported always belong to one call. A number
    typed at an `input` (an extension, a file number) is one answer, like one key: the
    caller makes one choice, whatever its digits.

    A prompt made of audio the file cannot tell (`[unknown: ...]`) counts only for the
    words known around it, and the way lists it in `unknown`; `measured(text)` says a
    text's length was measured (then it is known).
    """

    def __init__(self, flow, simple, seconds, measured: Callable[[str], bool] | None = None):
        self.flow, self.simple, self.seconds = flow, simple, seconds
        self.measured = measured or (lambda text: False)

    def cost(self, node, kind: str) -> tuple[float, int]:
        """(seconds waited in `node`, keys pressed) when leaving it by `kind`."""
        defaults = self.flow.defaults
        if kind in KEY_KINDS:
            return 0.0, 1
        if kind == "next" and isinstance(node, InputNode):
            return 0.0, 1
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

    def cheapest(self, targets: set[str], seconds_first: bool) -> Way | None:
        """The cheapest way from the flow's start to one of `targets`, or None when none is reached."""
        found = cheapest([(self.flow.start, (0.0, 0) if seconds_first else (0, 0.0))], self.steps(seconds_first), targets=targets)
        end = found.reached
        if end is None:
            return None
        total = found.cost[end]
        seconds, keys = total if seconds_first else total[::-1]
        path = found.path(end)
        moves = found.moves(end)
        typed = any(kind == "next" and isinstance(self.flow.nodes[n], InputNode) for n, kind in moves)
        unknown = [n for n in path if self.unknown_length(self.flow.nodes[n])]
        return Way(path, seconds, keys, self._doing(path, moves), unknown, typed)

    def unknown_length(self, node: Node) -> bool:
        """The node's prompt holds audio of unknown length (and was not measured)."""
        return any("[unknown:" in p.text and not self.measured(p.text) and UNKNOWN_PATTERN.search(p.text)
                   for p in node.prompt)

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
