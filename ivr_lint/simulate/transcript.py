"""What happened during a simulated call, and the ways it is shown.

The outcome is the most significant end the call reached, not merely the last node:
a caller who leaves a callback request and then hears the goodbye message was promised
a callback, and that is what a journey test wants to pin down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ivr_lint.model.flow import Transition
from ivr_lint.text.safe import one_line

#: outcomes from most to least significant; `loop` and `unknown-target` override them all
OUTCOMES = ("agent", "transfer", "callback", "voicemail", "abandoned", "hangup")  # most significant first
LOOP = "loop"
#: the call took a jump an imported export makes to a place it does not have, and stops there
UNKNOWN_TARGET = "unknown-target"
ALL_OUTCOMES = OUTCOMES + (LOOP, UNKNOWN_TARGET)


@dataclass(frozen=True)
class Edge:
    """One transition taken: from `node` of the flow file `file`."""

    file: str
    node: str
    transition: Transition

    # Edges fill the sets of what journeys covered and are looked up at every step of every
    # planned call: hashing the transition each time was a quarter of the generation.
    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.file, self.node, self.transition)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self):  # the hash of a string differs between processes: computed again on arrival
        return (Edge, (self.file, self.node, self.transition))

    def describe(self) -> str:
        t = self.transition
        how = t.key if t.kind == "key" else t.kind
        if t.kind == "case":
            how = f"case {t.key}"
        return f"{self.node} -[{how}]-> {t.target}"


class Edges(dict):
    """The one `Edge` of each transition met, for as long as the table lives (a generation's):
    the planned calls and the call graphs share them, so that a call builds no edge and set
    lookups find the very object. Keyed by the transition's id, which cannot be reused while
    the edge here holds the transition."""

    def of(self, file: str, node, transition: Transition) -> Edge:
        edge = self.get(id(transition))
        if edge is None or edge.file != file:
            edge = self[id(transition)] = Edge(file, node.id, transition)
        return edge


@dataclass(slots=True)
class Step:
    """One prompt heard (or one silent decision: hours, branch, goto) and what followed."""

    node: str  # id, prefixed with the flow id outside the flow the call started in
    flow: str
    type: str
    prompt: str  # placeholders filled
    parts: tuple[str, ...] = ()  # the prompt's parts, as they are synthesised
    input: str | None = None  # key, digits, word, "timeout"; None where nothing is asked
    edge: Edge | None = None
    note: str | None = None
    seconds: float = 0.0  # the prompt's duration
    wait: float = 0.0  # silence waited for an answer


@dataclass
class Transcript:
    steps: list[Step] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)
    end: str | None = None
    looped: bool = False
    #: why the call stopped at a jump to nowhere ("unknown target ... at FILE:LINE (...)"), if it did
    stopped: str | None = None
    measured: bool = False  # durations come from synthesised audio

    @property
    def outcome(self) -> str:
        if self.looped:
            return LOOP
        if self.stopped:
            return UNKNOWN_TARGET
        return next((o for o in OUTCOMES if o in self.reached), "hangup")

    @property
    def path(self) -> list[str]:
        return [step.node for step in self.steps]

    @property
    def keys(self) -> list[str]:
        return [step.input for step in self.steps if step.input is not None]

    @property
    def edges(self) -> list[Edge]:
        return [step.edge for step in self.steps if step.edge is not None]

    @property
    def elapsed(self) -> float:
        return sum(step.seconds + step.wait for step in self.steps)

    def heard(self) -> str:
        return " ".join(step.prompt for step in self.steps if step.prompt)

    def to_json(self) -> dict:
        return {
            "outcome": self.outcome,
            "end": self.end,
            **({"stopped": self.stopped} if self.stopped else {}),
            "path": self.path,
            "keys": self.keys,
            "steps": [
                {"node": s.node, "flow": s.flow, "type": s.type, "prompt": s.prompt, "input": s.input,
                 "took": s.edge.describe() if s.edge else None, "note": s.note,
                 "seconds": round(s.seconds + s.wait, 2)}
                for s in self.steps
            ],
            "elapsed_seconds": round(self.elapsed, 1),
            "durations": "measured" if self.measured else "estimated",
        }


def clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


#: a node or key repeated more times than this in a row is shown once with its count
_LONGEST_RUN_SHOWN = 3


def runs(items: list[str], separator: str) -> str:
    """`items` joined, each run longer than three written once with its count ("x (×40)"):
    a call looping on one menu until it gives up stays one readable line (JSON keeps all)."""
    parts: list[str] = []
    index = 0
    while index < len(items):
        end = index
        while end < len(items) and items[end] == items[index]:
            end += 1
        count = end - index
        parts += [f"{items[index]} (×{count})"] if count > _LONGEST_RUN_SHOWN else items[index:end]
        index = end
    return separator.join(parts)


def summary(transcript: Transcript, words_per_minute: float) -> list[str]:
    """The lines printed when a call ends (node ids' control characters as visible escapes)."""
    how = "measured from the synthesised audio" if transcript.measured else \
        f"estimated from the prompt text at {words_per_minute:g} words per minute"
    keys = runs(transcript.keys, ", ") or "none"
    return [
        one_line(f"Outcome: {transcript.outcome} (ended at {transcript.end}"
                 + (f": {transcript.stopped})" if transcript.stopped else ")")),
        one_line(f"Path:    {runs(transcript.path, ' > ')}"),
        one_line(f"Keys:    {keys}"),
        (f"Elapsed: {clock(transcript.elapsed)} ({transcript.elapsed:.1f} s, {how}; silences included, "
         "time in the queue not counted)"),
    ]

