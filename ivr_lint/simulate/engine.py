"""The call engine: follows a flow step by step exactly as the format says.

Menus and inputs wait `timeout` seconds and allow `retries` replays after silence or a
wrong answer (defaults 5 s and 2, or the flow's `defaults`); a failure whose path leads
back to the node itself is a replay and counts, and the one after the last replay takes
`on_max_retries` (with none, the platform hangs up). `repeat` options replay without
counting. In the congested scenario each queue sends the caller to its `congestion`
branch the first time it is reached in a call; a caller who comes back waits in line and
reaches a person. Queues and transfers named as unanswered take `on_timeout` /
`on_failure`. `goto` continues in the linked flow file. A jump that an imported export
makes to a place it does not have (`ImportResult.dangling`) ends the call there with the
outcome `unknown-target`, saying where the export makes it.

The engine decides nothing about input and output: a `Caller` answers its questions
(scripted keys, a terminal, the journey generator) and hears each prompt as it starts.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, Protocol

from ivr_lint.model.flow import (
    BranchNode,
    CallbackNode,
    Flow,
    GotoNode,
    HangupNode,
    HoursNode,
    InputNode,
    MenuNode,
    Node,
    PlayNode,
    PromptedInput,
    QueueNode,
    TransferNode,
    Transition,
    VoicemailNode,
)
from ivr_lint.project import LoadedFile, Project
from ivr_lint.simulate import answers as A
from ivr_lint.simulate.clock import describe, hours_state
from ivr_lint.simulate.placeholders import fill, say_schedule
from ivr_lint.simulate.transcript import Edge, Edges, Step, Transcript
from ivr_lint.text.spoken import estimate_seconds

DEFAULT_MAX_STEPS = 200
DEFAULT_WAIT_MINUTES = 10
DEFAULT_POSITION = 3
DEFAULT_WORDS_PER_MINUTE = 150.0


class CallError(ValueError):
    """The caller's script cannot be played on this flow (e.g. two keys for one menu)."""


@dataclass
class CallSettings:
    moment: datetime
    congested: bool = False
    variables: dict[str, str] = field(default_factory=dict)
    wait_minutes: int = DEFAULT_WAIT_MINUTES
    queue_position: int = DEFAULT_POSITION
    max_steps: int = DEFAULT_MAX_STEPS


@dataclass(slots=True)
class Question:
    """What the call asks the caller: a menu choice or digits for an input."""

    node: MenuNode | InputNode
    name: str  # the node's id as the transcript shows it
    flow: Flow
    failures: int  # failed attempts so far at this visit
    step: Step

    @property
    def kind(self) -> str:
        return "menu" if isinstance(self.node, MenuNode) else "input"


class HangUp(Exception):
    """The caller hangs up (end of input in a terminal)."""


class Caller:
    """Answers a call's questions. This one stays silent and lets everyone answer."""

    def answer(self, question: Question) -> str | None:
        return None

    def unanswered(self, name: str, node: QueueNode | TransferNode) -> bool:
        """Nobody answers this queue (within max_wait) or this transfer; at a voicemail with an
        `on_no_input`, the caller leaves no message."""
        return False

    def variable(self, name: str, where: str) -> str | None:
        """The value of a variable that no input has set, when the branch `where` asks for it."""
        return None


class Listener(Protocol):
    """Follows the call as it happens: prints it, says it aloud."""

    def hear(self, step: Step) -> None:
        """A prompt starts playing."""

    def done(self, step: Step) -> None:
        """The step is decided: its input, the edge taken, a note."""


class ScriptedCaller(Caller):
    """Answers in order from a list (silence when it runs out)."""

    def __init__(self, answers: list[str], unanswered: set[str] | frozenset[str] = frozenset()):
        self.answers = list(answers)
        self.position = 0
        self.unanswered_names = set(unanswered)

    def answer(self, question: Question) -> str | None:
        if self.position >= len(self.answers):
            return None
        answer = self.answers[self.position]
        self.position += 1
        if answer == A.SILENCE:
            return None
        if question.kind == "menu" and len(answer) > 1 and set(answer) <= A.DTMF_CHARS:
            raise CallError(f"answer {self.position} ({answer!r}) reaches menu {question.name!r}, "
                            "which takes one key")
        return answer

    def unanswered(self, name: str, node: QueueNode | TransferNode) -> bool:
        return is_named(name, self.unanswered_names)


def is_named(name: str, names: set[str] | frozenset[str]) -> bool:
    """`name` ("advisors" or "sub-flow:advisors") is in `names`, by either spelling, or `all` is."""
    return bool({"all", name, name.rpartition(":")[2]} & names)


def node_name(start: LoadedFile, loaded: LoadedFile, node_id: str) -> str:
    """A node as transcripts name it: its id, prefixed by its flow's id outside the first flow."""
    return node_id if loaded is start else f"{loaded.flow.id}:{node_id}"


def estimated(words_per_minute: float = DEFAULT_WORDS_PER_MINUTE) -> Callable[[str, Flow], float]:
    return lambda text, flow: estimate_seconds(text, flow.lang, words_per_minute)


#: nodes with more ways out than this (a branch with a case per procedure) are looked up through
#: an index built once, not scanned at every step of every call
_INDEXED = 16
_INDEXES: "weakref.WeakKeyDictionary[Node, tuple[int, dict]]" = weakref.WeakKeyDictionary()


def _transition_index(node: Node) -> dict[tuple[str, str | None], Transition]:
    """(kind, key) and (kind, None) -> the first such transition, as the linear scan finds it."""
    known = _INDEXES.get(node)
    if known is None or known[0] != len(node.transitions):
        index: dict[tuple[str, str | None], Transition] = {}
        for t in node.transitions:
            index.setdefault((t.kind, None), t)
            if t.key is not None:
                index.setdefault((t.kind, t.key), t)
        known = _INDEXES[node] = (len(node.transitions), index)
    return known[1]


@dataclass(slots=True)
class _Move:
    edge: Edge | None
    target: tuple[LoadedFile, str] | None  # None: the call ends here
    replay: bool = False  # same visit of the same node (failure counter kept)


class Call:
    """One call through `start` (and the flows it jumps to)."""

    def __init__(self, project: Project, start: LoadedFile, settings: CallSettings, caller: Caller,
                 seconds: Callable[[str, Flow], float] | None = None, listeners: list[Listener] = (),
                 start_node: str | None = None, narrate: bool = True, edges: Edges | None = None):
        self.project = project
        self.edges = Edges() if edges is None else edges
        #: False: steps say where the call goes and what the caller does, not what is heard (no
        #: prompt text, durations nor description of the schedule): a planned call, judged by its path
        self.narrate = narrate
        self.listeners = list(listeners)
        self.start = start
        self.settings = settings
        self.caller = caller
        self.seconds = seconds or estimated()
        self.start_node = start_node or start.flow.start
        self.variables = dict(settings.variables)
        #: flow id -> the schedule of the last `hours` check passed in it ({opening_hours} says that one)
        self.schedule_in: dict[str, object] = {}
        self.diverted: set[str] = set()
        self.transcript = Transcript()
        self.failures = 0

    # -- the loop -------------------------------------------------------------------------
    def run(self) -> Transcript:
        position: tuple[LoadedFile, str] | None = (self.start, self.start_node)
        transcript, listeners, handlers = self.transcript, self.listeners, self._handlers
        steps, max_steps, start = transcript.steps, self.settings.max_steps, self.start
        while position is not None:  # the journey generator plays millions of steps: kept lean
            loaded, node_id = position
            name = node_id if loaded is start else node_name(start, loaded, node_id)
            if len(steps) >= max_steps:
                transcript.looped = True
                transcript.end = name
                break
            node = loaded.flow.nodes[node_id]
            step = self._step(loaded, node, name) if self.narrate else Step(name, loaded.flow.id, node.type, "")
            steps.append(step)
            if step.prompt:
                for listener in listeners:
                    listener.hear(step)
            try:
                handler = handlers.get(type(node))
                move = handler(self, loaded, node, step) if handler is not None else self._handle(loaded, node, step)
            except HangUp:
                step.note = "the caller hangs up"
                move = self._end("hangup")
            step.edge = move.edge
            for listener in listeners:
                listener.done(step)
            if move.target is None:
                transcript.end = name
            elif not move.replay:
                self.failures = 0
            position = move.target
        return transcript

    def name(self, loaded: LoadedFile, node_id: str) -> str:
        return node_name(self.start, loaded, node_id)

    def _handle(self, loaded: LoadedFile, node: Node, step: Step) -> _Move:
        handler = self._handlers.get(type(node))
        if handler is not None:
            return handler(self, loaded, node, step)
        for kind in type(node).__mro__:
            if kind in self._handlers:
                return self._handlers[kind](self, loaded, node, step)
        return self._drop(step, f"a `{node.type}` node cannot be simulated: the call stops here")

    def _step(self, loaded: LoadedFile, node: Node, name: str) -> Step:
        values = {**self.variables, "wait_minutes": self.settings.wait_minutes,
                  "queue_position": self.settings.queue_position}
        if any("{opening_hours}" in p.text for p in node.prompt):
            schedule = self.schedule_in.get(loaded.flow.id) or loaded.flow.hours
            values["opening_hours"] = say_schedule(schedule, loaded.flow.lang)
        parts = tuple(fill(p.text, values) for p in node.prompt)
        return Step(node=name, flow=loaded.flow.id, type=node.type, prompt=" ".join(parts), parts=parts,
                    seconds=sum(self.seconds(part, loaded.flow) for part in parts))

    # -- helpers --------------------------------------------------------------------------
    def _go(self, loaded: LoadedFile, node: Node, transition: Transition | None, step: Step,
            replay: bool = False) -> _Move:
        if transition is None:
            return self._drop(step, "no way forward: the platform hangs up")
        edge = self.edges.of(loaded.name, node, transition)
        if transition.target not in loaded.flow.nodes:  # only a dangling import gets here (simulate.loading)
            jump = getattr(loaded.imported, "dangling", {}).get(transition.target)
            why = jump.describe(loaded.name) if jump else f"unknown target {transition.target!r}"
            step.note = f"{step.note}; {why}" if step.note else why
            self.transcript.stopped = why
            return _Move(edge, None)
        return _Move(edge, (loaded, transition.target), replay)

    def _end(self, outcome: str) -> _Move:
        self.transcript.reached.add(outcome)
        return _Move(None, None)

    def _drop(self, step: Step, why: str) -> _Move:
        step.note = why if not step.note else f"{step.note}; {why}"
        return self._end("hangup")

    @staticmethod
    def _transition(node: Node, kind: str, key: str | None = None) -> Transition | None:
        if len(node.transitions) > _INDEXED:
            return _transition_index(node).get((kind, key))
        for t in node.transitions:
            if t.kind == kind and (key is None or t.key == key):
                return t
        return None

    def _failure(self, loaded: LoadedFile, node: PromptedInput, kind: str, step: Step) -> _Move:
        """Silence or a wrong answer: go where the node says, or replay it and count."""
        transition = self._transition(node, kind)
        if transition is not None and transition.target != node.id:
            step.note = kind
            return self._go(loaded, node, transition, step)
        self.failures += 1
        retries = node.effective_retries(loaded.flow.defaults)
        if transition is None or 0 <= retries < self.failures:
            step.note = f"{kind}: {self.failures} failed attempts, no retry left"
            last = self._transition(node, "max-retries")
            if last is None:
                return self._drop(step, "no on_max_retries: the platform hangs up")
            return self._go(loaded, node, last, step)
        step.note = f"{kind}: replay ({self.failures} of {retries} retries)" if retries >= 0 else f"{kind}: replay"
        return self._go(loaded, node, transition, step, replay=True)

    def _ask(self, loaded: LoadedFile, node: MenuNode | InputNode, step: Step) -> str | None:
        answer = self.caller.answer(Question(node, step.node, loaded.flow, self.failures, step))
        step.input = A.SILENCE if answer is None else answer
        if answer is None:
            step.wait = node.effective_timeout(loaded.flow.defaults)
        return answer

    # -- one handler per node type ----------------------------------------------------------
    def _menu(self, loaded: LoadedFile, node: MenuNode, step: Step) -> _Move:
        answer = self._ask(loaded, node, step)
        if answer is None:
            return self._failure(loaded, node, "no-input", step)
        option = A.menu_option(node, answer)
        if option is None:
            return self._failure(loaded, node, "no-match", step)
        transition = self._transition(node, "key", option.key)
        if option.repeat:
            step.note = "repeat"
            return self._go(loaded, node, transition, step, replay=True)
        if option.key != answer:
            step.note = f"understood as key {option.key}"
        return self._go(loaded, node, transition, step)

    def _input(self, loaded: LoadedFile, node: InputNode, step: Step) -> _Move:
        answer = self._ask(loaded, node, step)
        if answer is None:
            return self._failure(loaded, node, "no-input", step)
        digits = A.typed_digits(answer)
        if not A.digits_valid(node, digits):
            return self._failure(loaded, node, "invalid", step)
        if node.variable:
            self.variables[node.variable] = digits
            step.note = f"{node.variable} = {digits}"
        return self._go(loaded, node, self._transition(node, "next"), step)

    def _branch(self, loaded: LoadedFile, node: BranchNode, step: Step) -> _Move:
        value = self.variables.get(node.on) if node.on else None
        if value is None and node.on:
            value = self.caller.variable(node.on, step.node)
            if value is not None:
                self.variables[node.on] = value
        step.note = f"{node.on} = {value!r}" if value is not None else f"{node.on} is not set"
        transition = self._transition(node, "case", value) if value is not None else None
        return self._go(loaded, node, transition or self._transition(node, "default"), step)

    def _hours(self, loaded: LoadedFile, node: HoursNode, step: Step) -> _Move:
        state = hours_state(loaded.flow, node, self.settings.moment)
        if loaded.flow.schedule(node.schedule) is not None:
            self.schedule_in[loaded.flow.id] = loaded.flow.schedule(node.schedule)
        step.note = f"{state}: {describe(loaded.flow.schedule(node.schedule), self.settings.moment)}" \
            if self.narrate else state
        transition = self._transition(node, state)
        if transition is None:
            return self._drop(step, f"no `{state}` branch: the platform hangs up")
        return self._go(loaded, node, transition, step)

    def _queue(self, loaded: LoadedFile, node: QueueNode, step: Step) -> _Move:
        if self.settings.congested and step.node not in self.diverted:
            self.diverted.add(step.node)
            if node.congestion:
                step.note = "queue saturated: congestion branch"
                return self._go(loaded, node, self._transition(node, "congestion"), step)
            step.note = "queue saturated, no congestion branch: the caller waits in line"
        if self.caller.unanswered(step.node, node):
            if node.on_timeout:
                step.note = f"nobody answers within max_wait ({node.max_wait or '?'} s)"
                return self._go(loaded, node, self._transition(node, "timeout"), step)
            step.note = ((f"{step.note}; " if step.note else "") + "nobody answers and there is no "
                         "on_timeout: the caller stays in the queue until they hang up")
            return self._end("abandoned")
        step.note = (f"{step.note}; " if step.note else "") + "a person answers"
        return self._end("agent")

    def _transfer(self, loaded: LoadedFile, node: TransferNode, step: Step) -> _Move:
        where = f"to {node.number}" if node.number else "(number unknown)"
        if self.caller.unanswered(step.node, node):
            if node.on_failure:
                step.note = f"the transfer {where} fails"
                return self._go(loaded, node, self._transition(node, "failure"), step)
            return self._drop(step, f"the transfer {where} fails and there is no on_failure")
        step.note = f"transferred {where}" + (" (a person answers)" if node.is_human else "")
        return self._end("agent" if node.is_human else "transfer")

    def _goto(self, loaded: LoadedFile, node: GotoNode, step: Step) -> _Move:
        link = self.project.link_for(node)
        if link is None or link.target is None or link.target_node is None:
            return self._drop(step, f"goto {node.flow!r} cannot be followed")
        transition = Transition("goto", f"{link.target.flow.id}:{link.target_node}", "flow")
        step.note = f"continues in {link.target.name}"
        return _Move(Edge(loaded.name, node.id, transition), (link.target, link.target_node))

    def _voicemail(self, loaded: LoadedFile, node: VoicemailNode, step: Step) -> _Move:
        silence = self._transition(node, "no-input")
        if silence is not None and self.caller.unanswered(step.node, node):  # --unanswered: no message is left
            step.input = A.SILENCE
            step.wait = node.effective_timeout(loaded.flow.defaults)
            step.note = "the caller says nothing: no message is recorded"
            return self._go(loaded, node, silence, step)
        return self._then(loaded, node, step, "voicemail")

    def _then(self, loaded: LoadedFile, node: Node, step: Step, outcome: str | None) -> _Move:
        if outcome:
            self.transcript.reached.add(outcome)
        next_transition = self._transition(node, "next")
        if next_transition is None:
            return self._end(outcome or "hangup")
        return self._go(loaded, node, next_transition, step)

    _handlers: ClassVar[dict[type, Callable]] = {
        MenuNode: _menu,
        InputNode: _input,
        BranchNode: _branch,
        HoursNode: _hours,
        QueueNode: _queue,
        TransferNode: _transfer,
        GotoNode: _goto,
        PlayNode: lambda self, loaded, node, step: self._go(loaded, node, self._transition(node, "next"), step),
        CallbackNode: lambda self, loaded, node, step: self._then(loaded, node, step, "callback"),
        VoicemailNode: _voicemail,
        HangupNode: lambda self, loaded, node, step: self._end("hangup"),
    }


def simulate(project: Project, start: LoadedFile, settings: CallSettings, caller: Caller,
             seconds: Callable[[str, Flow], float] | None = None, listeners: list[Listener] = (),
             narrate: bool = True, edges: Edges | None = None) -> Transcript:
    """Play one call; `narrate=False` says nothing of what is heard (see `Call.narrate`); `edges`
    shares the calls' edges with others (see `Edges`)."""
    return Call(project, start, settings, caller, seconds, listeners, narrate=narrate, edges=edges).run()
