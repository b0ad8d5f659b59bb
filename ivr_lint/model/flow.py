"""The typed flow model: what a flow file means, independent of YAML.

Each node type is a dataclass whose user-facing fields carry their format metadata
(`kind`, `required`, `doc`). That metadata is the single description of the format:
the builder validates with it and `ivr-lint schema` generates the JSON Schema from it.
Positions live beside the values (`positions`), never inside the user's data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from ivr_lint.findings import Pos

Interval = tuple[int, int]  # minutes since midnight, [start, end)
WeeklyHours = dict[int, tuple[Interval, ...]]  # weekday (0 = Monday) -> intervals

DEFAULT_TIMEOUT = 5.0
DEFAULT_DIGIT_TIMEOUT = 3.0
DEFAULT_RETRIES = 2
DEFAULT_LANGUAGE = "fr-FR"
FORMAT_VERSION = 1
DTMF_KEYS = frozenset("0123456789*#")

#: the numbers the format accepts: enough for any real menu, small enough that a simulation,
#: a journey generator or a duration sum never meets an absurd value (a schema error instead)
MAX_SECONDS = 3600  # a menu or input waiting an hour for a key
MAX_QUEUE_WAIT = 86_400  # a day in line
MAX_RETRIES = 100  # -1 means unlimited
MAX_DIGITS = 32  # longer than any account or card number
#: kind -> (minimum, maximum) of every field of that kind, unless the field says otherwise
NUMBER_BOUNDS: dict[str, tuple[float, float]] = {
    "seconds": (0, MAX_SECONDS),
    "retries": (-1, MAX_RETRIES),
    "digits": (0, MAX_DIGITS),
}


#: (prefix, key) -> the names of its value's and its key's positions ("options.1",
#: "options.1@key"), made once: every node keeps a position per field and option, and each
#: transition names its field, so one copy for all nodes is a tenth of a large flow's
#: positions (bounded: keys are field names and menu keys)
_POSITION_NAMES: dict[tuple[str, str], tuple[str, str]] = {}


def position_names(key: str, prefix: str = "") -> tuple[str, str]:
    """The names under which `Node.positions` keeps the value and the key of `prefix + key`."""
    names = _POSITION_NAMES.get((prefix, key))
    if names is None:
        names = (prefix + key, prefix + key + "@key")
        if len(_POSITION_NAMES) < 4096:
            _POSITION_NAMES[prefix, key] = names
    return names


def spec(kind: str, doc: str, required: bool = False, default: Any = None, *,
         minimum: float | None = None, maximum: float | None = None) -> Any:
    """Declare a field of the flow format (see module docstring).

    Numeric kinds carry `minimum` and `maximum` (from NUMBER_BOUNDS unless given): the
    builder refuses values outside them and the JSON Schema states them.
    """
    meta: dict[str, Any] = {"kind": kind, "required": required, "doc": doc}
    if kind in NUMBER_BOUNDS:
        low, high = NUMBER_BOUNDS[kind]
        meta["minimum"] = low if minimum is None else minimum
        meta["maximum"] = high if maximum is None else maximum
    if isinstance(default, (list, dict, set)):
        return field(default_factory=type(default), metadata=meta)
    return field(default=default, metadata=meta)


def format_fields(cls: type) -> dict[str, dataclasses.Field]:
    """The user-facing fields of a model class, in declaration order (a new dict each call;
    the fields are read once per class: the builder asks for every node and option)."""
    known = _FORMAT_FIELDS.get(cls)
    if known is None:
        known = _FORMAT_FIELDS[cls] = {f.name: f for f in dataclasses.fields(cls) if "kind" in f.metadata}
    return dict(known)


_FORMAT_FIELDS: dict[type, dict[str, dataclasses.Field]] = {}


# Every dataclass here has a docstring: without one, @dataclass computes inspect.signature
# of the class to make one, a cost each start-up pays for nothing.
@dataclass(frozen=True)
class Prompt:
    """What a node says, with where the text is in the file."""

    text: str
    pos: Pos


@dataclass(frozen=True)
class Transition:
    """One way out of a node: what takes it and where it goes.

    `kind` is the edge label the format promises: key, speech, no-input, no-match,
    max-retries, invalid, open, closed, holiday, congestion, timeout, failure, next,
    case, default, goto. `implicit` marks built-in defaults (a menu replaying itself)
    that the user did not write.
    """

    kind: str
    target: str
    field: str
    key: str | None = None
    label: str | None = None
    implicit: bool = False


@dataclass
class MenuOption:
    """One key of a menu: where it leads, and how it is labelled or spoken."""

    key: str
    pos: Pos
    next: str | None = spec("target", "The node this key leads to.")
    repeat: bool = spec("bool", "This key replays the menu (instead of `next`).", default=False)
    label: str | None = spec("text", "Short name shown on the diagram's edge.")
    speech: tuple[str, ...] = spec("words", "Words a caller may say instead of pressing the key.", default=())
    hidden: bool = spec("bool", "The prompt does not announce this key on purpose (a staff shortcut, a test "
                        "line): menu-prompt-mismatch does not call it a hidden option.", default=False)


@dataclass(eq=False)
class Node:
    """A step of the call. Subclasses add the fields of their `type`."""

    TYPE: ClassVar[str] = ""
    SUMMARY: ClassVar[str] = ""
    #: reaching this node ends the caller's journey in the menu (a person, a message box, a hang-up)
    IS_END: ClassVar[bool] = False
    #: reaching this node puts the caller through to a person
    IS_HUMAN: ClassVar[bool] = False

    id: str
    pos: Pos
    label: str | None = spec("text", "Short name shown in diagrams and reports.")
    prompt: tuple[Prompt, ...] = spec("prompt", "What the caller hears: a string or a list of strings, or "
                                      "language -> either ({fr-FR: \"...\", en-GB: \"...\"}).", default=())
    positions: dict[str, Pos] = field(default_factory=dict, repr=False)
    broken: bool = field(default=False, repr=False)
    #: a way out of this node could not be read (a schema error in or instead of it): edges may be missing
    exits_unknown: bool = field(default=False, repr=False)
    transitions: list[Transition] = field(default_factory=list, repr=False)
    #: language -> the prompt in that language, when the prompt is given per language; `prompt`
    #: is then one of them (`Flow.select_prompts`), so that every reader of `prompt` gets one text
    translations: dict[str, tuple[Prompt, ...]] = field(default_factory=dict, repr=False)

    @property
    def type(self) -> str:
        return self.TYPE

    @property
    def is_end(self) -> bool:
        return self.IS_END

    @property
    def is_human(self) -> bool:
        return self.IS_HUMAN

    @property
    def opaque(self) -> bool:
        """The file does not say all this node does (an unknown type, an unreadable way out): a
        person may answer past it, so analyses draw no conclusion that depends on what follows."""
        return self.exits_unknown

    @property
    def prompt_text(self) -> str:
        return " ".join(p.text for p in self.prompt)

    def where(self, field_name: str | None = None) -> Pos:
        """Position of a field's value, or of the node's id when the field is absent."""
        if field_name is not None and field_name in self.positions:
            return self.positions[field_name]
        return self.pos

    def build_transitions(self, defaults: "Defaults") -> list[Transition]:
        """The node's ways out, with built-in and flow defaults applied."""
        return []

    def _target(self, kind: str, field_name: str, target: str | None, **extra: Any) -> list[Transition]:
        return [Transition(kind, target, field_name, **extra)] if target else []


@dataclass
class Defaults:
    """The flow's `defaults`: what menus and inputs do when a node says nothing."""

    timeout: float = spec("seconds", "Seconds a menu or input waits for a key.", default=DEFAULT_TIMEOUT)
    digit_timeout: float = spec("seconds", "Seconds an input waits between two digits.", default=DEFAULT_DIGIT_TIMEOUT)
    retries: int = spec("retries", "How many times a menu or input is replayed after no input or a wrong key.", default=DEFAULT_RETRIES)
    on_no_input: str | None = spec("target", "Where silence leads (default: replay the node).")
    on_no_match: str | None = spec("target", "Where a wrong key leads (default: replay the node).")
    on_invalid: str | None = spec("target", "Where invalid digits lead in an input (default: replay the node).")
    on_max_retries: str | None = spec("target", "Where the caller goes after the last retry (no built-in default).")
    positions: dict[str, Pos] = field(default_factory=dict, repr=False)
    #: fields given with a schema error (or misspelt): the menus and inputs that rely on them are unknown
    unreadable: set[str] = field(default_factory=set, repr=False)


class PromptedInput(Node):
    """Shared retry behaviour of menus and inputs."""

    timeout: float | None
    retries: int | None
    on_no_input: str | None
    on_max_retries: str | None

    def effective_timeout(self, defaults: Defaults) -> float:
        return self.timeout if self.timeout is not None else defaults.timeout

    def effective_retries(self, defaults: Defaults) -> int:
        return self.retries if self.retries is not None else defaults.retries

    def retries_unbounded(self, defaults: Defaults) -> bool:
        return self.effective_retries(defaults) < 0

    def max_retries_target(self, defaults: Defaults) -> str | None:
        return self.on_max_retries or defaults.on_max_retries

    def _error_transitions(self, defaults: Defaults, wrong_field: str, wrong_kind: str, wrong_target: str | None,
                           wrong_default: str | None) -> list[Transition]:
        out = []
        for kind, field_name, own, default in (
            ("no-input", "on_no_input", self.on_no_input, defaults.on_no_input),
            (wrong_kind, wrong_field, wrong_target, wrong_default),
        ):
            target = own or default
            out.append(Transition(kind, target or self.id, field_name, implicit=target is None))
        if not self.retries_unbounded(defaults):
            out += self._target("max-retries", "on_max_retries", self.max_retries_target(defaults))
        return out


@dataclass(eq=False)
class PlayNode(Node):
    """A `play` node."""

    TYPE: ClassVar[str] = "play"
    SUMMARY: ClassVar[str] = "Say a message, then go on."
    next: str | None = spec("target", "The node that follows the message.", required=True)

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        return self._target("next", "next", self.next)


@dataclass(eq=False)
class MenuNode(PromptedInput):
    """A `menu` node."""

    TYPE: ClassVar[str] = "menu"
    SUMMARY: ClassVar[str] = "Offer choices by key (DTMF) or by voice."
    options: dict[str, MenuOption] = spec("options", "DTMF key -> node id, or {next, label, speech} or {repeat: true}.",
                                          required=True, default={})
    timeout: float | None = spec("seconds", "Seconds to wait for a key.")
    retries: int | None = spec("retries", "Replays after no input or a wrong key; -1 for unlimited.")
    on_no_input: str | None = spec("target", "Where silence leads (default: replay the menu).")
    on_no_match: str | None = spec("target", "Where a wrong key leads (default: replay the menu).")
    on_max_retries: str | None = spec("target", "Where the caller goes after the last retry.")

    @property
    def choices(self) -> list[MenuOption]:
        """Options that lead somewhere (a repeat option is not a choice)."""
        return [o for o in self.options.values() if not o.repeat]

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        out = []
        for option in self.options.values():
            target = self.id if option.repeat else option.next
            if target:
                field_name = position_names(option.key, "options.")[0]
                out.append(Transition("key", target, field_name, key=option.key, label=option.label))
        return out + self._error_transitions(defaults, "on_no_match", "no-match", self.on_no_match,
                                             defaults.on_no_match)


@dataclass(eq=False)
class InputNode(PromptedInput):
    """An `input` node."""

    TYPE: ClassVar[str] = "input"
    SUMMARY: ClassVar[str] = "Collect digits into a variable."
    variable: str | None = spec("name", "Variable that receives the digits.", required=True)
    digits: tuple[int, int] | None = spec("digits", "{min, max}: how many digits are accepted.")
    next: str | None = spec("target", "Where valid digits lead.")
    on_invalid: str | None = spec("target", "Where invalid digits lead (default: replay the input).")
    timeout: float | None = spec("seconds", "Seconds to wait for the first digit.")
    digit_timeout: float | None = spec("seconds", "Seconds to wait between two digits.")
    retries: int | None = spec("retries", "Replays after no input or invalid digits; -1 for unlimited.")
    on_no_input: str | None = spec("target", "Where silence leads (default: replay the input).")
    on_max_retries: str | None = spec("target", "Where the caller goes after the last retry.")

    def effective_digit_timeout(self, defaults: Defaults) -> float:
        return self.digit_timeout if self.digit_timeout is not None else defaults.digit_timeout

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        return self._target("next", "next", self.next) + self._error_transitions(
            defaults, "on_invalid", "invalid", self.on_invalid, defaults.on_invalid or defaults.on_no_match)


@dataclass(eq=False)
class BranchNode(Node):
    """A `branch` node."""

    TYPE: ClassVar[str] = "branch"
    SUMMARY: ClassVar[str] = "Choose the next node from a variable's value."
    on: str | None = spec("name", "The variable to test.", required=True)
    cases: dict[str, str] = spec("cases", "Value -> node id.", default={})
    default: str | None = spec("target", "Where any other value leads.")

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        out = [Transition("case", target, position_names(value, "cases.")[0], key=value)
               for value, target in self.cases.items()]
        return out + self._target("default", "default", self.default)


@dataclass(eq=False)
class HoursNode(Node):
    """An `hours` node."""

    TYPE: ClassVar[str] = "hours"
    SUMMARY: ClassVar[str] = "Route by the opening-hours schedule."
    open: str | None = spec("target", "Where calls go during opening hours.", required=True)
    closed: str | None = spec("target", "Where calls go outside opening hours.")
    holiday: str | None = spec("target", "Where calls go on public holidays and closure dates (default: closed).")
    schedule: str | None = spec("schedule", "A schedule named in `schedules` (default: the flow's `hours`).")

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        holiday = self._target("holiday", "holiday", self.holiday)
        if not holiday and self.closed:
            holiday = [Transition("holiday", self.closed, "closed", implicit=True)]
        return self._target("open", "open", self.open) + self._target("closed", "closed", self.closed) + holiday


@dataclass(eq=False)
class QueueNode(Node):
    """A `queue` node."""

    TYPE: ClassVar[str] = "queue"
    SUMMARY: ClassVar[str] = "Put the caller in line for a person."
    IS_END: ClassVar[bool] = True
    IS_HUMAN: ClassVar[bool] = True
    queue: str | None = spec("text", "The agent queue's name on the platform.")
    congestion: str | None = spec("target", "Where callers go when the queue is saturated.")
    max_wait: float | None = spec("seconds", "Longest wait in line, in seconds.", maximum=MAX_QUEUE_WAIT)
    on_timeout: str | None = spec("target", "Where callers go after max_wait.")

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        return self._target("congestion", "congestion", self.congestion) + self._target(
            "timeout", "on_timeout", self.on_timeout)


@dataclass(eq=False)
class TransferNode(Node):
    """A `transfer` node."""

    TYPE: ClassVar[str] = "transfer"
    SUMMARY: ClassVar[str] = "Transfer the call to another number."
    IS_END: ClassVar[bool] = True
    number: str | None = spec("phone", "The number called.")
    agent: bool = spec("bool", "A person answers at that number.", default=True)
    on_failure: str | None = spec("target", "Where the call goes if the transfer fails.")

    @property
    def is_human(self) -> bool:
        return bool(self.agent)

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        return self._target("failure", "on_failure", self.on_failure)


@dataclass(eq=False)
class CallbackNode(Node):
    """A `callback` node."""

    TYPE: ClassVar[str] = "callback"
    SUMMARY: ClassVar[str] = "Record a callback request."
    next: str | None = spec("target", "Where the call goes after the request (none: the call ends).")

    @property
    def is_end(self) -> bool:
        return self.next is None

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        return self._target("next", "next", self.next)


@dataclass(eq=False)
class VoicemailNode(Node):
    """A `voicemail` node."""

    TYPE: ClassVar[str] = "voicemail"
    SUMMARY: ClassVar[str] = "Record a message; the call ends after it unless `next` is given."
    IS_END: ClassVar[bool] = True
    next: str | None = spec("target", "Where the call goes after the message.")
    on_no_input: str | None = spec("target", "Where the call goes when the caller says nothing, so no message "
                                   "is recorded (default: as after a message).")
    timeout: float | None = spec("seconds", "Seconds of silence before no message is recorded (`on_no_input`).")

    def effective_timeout(self, defaults: Defaults) -> float:
        return self.timeout if self.timeout is not None else defaults.timeout

    def build_transitions(self, defaults: Defaults) -> list[Transition]:
        return self._target("next", "next", self.next) + self._target("no-input", "on_no_input", self.on_no_input)


@dataclass(eq=False)
class GotoNode(Node):
    """A `goto` node."""

    TYPE: ClassVar[str] = "goto"
    SUMMARY: ClassVar[str] = "Continue in another flow file."
    flow: str | None = spec("flowpath", "Path of the other flow file, relative to this one.", required=True)
    node: str | None = spec("text", "Node to continue at (default: that flow's start).")


@dataclass(eq=False)
class HangupNode(Node):
    """A `hangup` node."""

    TYPE: ClassVar[str] = "hangup"
    SUMMARY: ClassVar[str] = "End the call, after an optional goodbye prompt."
    IS_END: ClassVar[bool] = True


@dataclass(eq=False)
class UnknownNode(Node):
    """A node whose `type` is missing or unknown (a schema error): a step the tool cannot read.

    Not a type of the format. Its ways out are read from every field that some node type
    gives a meaning to (EXIT_KINDS), so the nodes after it stay reachable; what it does
    (end the call, put the caller through to a person, depend on the hours) is unknown.
    """

    TYPE: ClassVar[str] = "unknown"
    written_type: str | None = None  # the type as written, when it is a text

    @property
    def opaque(self) -> bool:
        return True


NODE_TYPES: dict[str, type[Node]] = {
    cls.TYPE: cls
    for cls in (PlayNode, MenuNode, InputNode, BranchNode, HoursNode, QueueNode, TransferNode,
                CallbackNode, VoicemailNode, GotoNode, HangupNode)
}


#: fields that lead somewhere in some node type -> the kind of their transitions (see `Transition`)
EXIT_KINDS: dict[str, str] = {
    "next": "next", "options": "key", "cases": "case", "default": "default",
    "on_no_input": "no-input", "on_no_match": "no-match", "on_invalid": "invalid", "on_max_retries": "max-retries",
    "open": "open", "closed": "closed", "holiday": "holiday",
    "congestion": "congestion", "on_timeout": "timeout", "on_failure": "failure",
}


@dataclass
class Schedule:
    """When the service answers; decides the `hours` branches."""

    name: str
    pos: Pos
    timezone: str = spec("timezone", "IANA time zone, e.g. Europe/Paris.", default="Europe/Paris")
    weekly: WeeklyHours = spec("weekly", "Day or day range (mon-fri) -> list of \"HH:MM-HH:MM\"; a missing day is closed.",
                               default={})
    holidays: str | None = spec("calendar", "Public-holiday calendar as the `holidays` package names it: FR, FR-57, GB.")
    closed: frozenset[date] = spec("dates", "Exceptional closure dates (YYYY-MM-DD).", default=frozenset())
    busy: WeeklyHours = spec("weekly", "Peak periods, same shape as weekly.", default={})
    positions: dict[str, Pos] = field(default_factory=dict, repr=False)
    broken: bool = field(default=False, repr=False)  # given with a schema error: what it says is incomplete


@dataclass
class Service:
    """The flow's `service`: who answers, at which number, at what price."""

    name: str | None = spec("text", "The service's name as callers know it.")
    phone: str | None = spec("phone", "The number callers dial.")
    tariff: str | None = spec("tariff", "free, standard or surcharged (required for short numbers 3xxx).")
    website: str | None = spec("text", "Web address callers can use instead.")
    email: str | None = spec("text", "E-mail address callers can use instead.")
    accessible: str | None = spec("text", "Adapted channel for deaf and hard-of-hearing callers.")
    positions: dict[str, Pos] = field(default_factory=dict, repr=False)


TARIFFS = ("free", "standard", "surcharged")
#: what calls run a flow: callers dialling in (default), callers waiting in a queue, calls the service makes
FLOW_KINDS = ("inbound", "in-queue", "outbound")


@dataclass(eq=False)
class Flow:
    """One flow file, built. `source` is the display name findings use."""

    source: str
    path: str | None
    id: str
    start: str | None
    name: str | None = None
    language: str = DEFAULT_LANGUAGE
    #: the languages the flow declares its prompts in (`languages:`); empty: only `language`
    languages: tuple[str, ...] = ()
    #: the language a prompt written as one text is in (the flow's `language` as written or inherited)
    prompt_language: str = DEFAULT_LANGUAGE
    kind: str = "inbound"
    service: Service = field(default_factory=Service)
    hours: Schedule | None = None
    schedules: dict[str, Schedule] = field(default_factory=dict)
    defaults: Defaults = field(default_factory=Defaults)
    nodes: dict[str, Node] = field(default_factory=dict)
    positions: dict[str, Pos] = field(default_factory=dict, repr=False)

    @property
    def lang(self) -> str:
        """Primary language subtag ("fr", "en") that the text helpers take."""
        return self.language.split("-")[0].lower() or "fr"

    def schedule(self, name: str | None) -> Schedule | None:
        return self.schedules.get(name) if name else self.hours

    # -- prompts in several languages ------------------------------------------------------
    def select_prompts(self) -> None:
        """Give every node the prompt in the flow's `language` (or its first language given):
        called once `language` is known (after the build, again after inheriting it)."""
        self.prompt_language = self.language
        self._pick(self.language)

    def use_language(self, language: str) -> None:
        """Run the flow in `language` (`simulate --language`, `audio --language`): its prompts
        where given (the first given elsewhere), its voice and its text reading."""
        self.language = language
        self._pick(language)

    def _pick(self, language: str) -> None:
        for node in self.nodes.values():
            if node.translations:
                node.prompt = node.translations.get(language) or next(iter(node.translations.values()))

    def prompt_in(self, node: Node, language: str) -> tuple[Prompt, ...] | None:
        """The node's prompt in `language`, None when it has none in it (or no prompt at all)."""
        if node.translations:
            return node.translations.get(language)
        return node.prompt if node.prompt and language == self.prompt_language else None

    def prompt_languages(self) -> list[str]:
        """Every language the flow's prompts are given in, or declared: declared ones first."""
        found = list(self.languages)
        for node in self.nodes.values():
            given = list(node.translations) if node.translations else [self.prompt_language] if node.prompt else []
            found += [language for language in given if language not in found]
        return found

    def where(self, field_name: str) -> Pos:
        """Position of a top-level field, or of a `defaults` field ("defaults.timeout")."""
        if field_name.startswith("defaults.") and field_name[9:] in self.defaults.positions:
            return self.defaults.positions[field_name[9:]]
        return self.positions.get(field_name, Pos(1, 1))
