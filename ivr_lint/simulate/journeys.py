"""Journey files: calls pinned down as tests, read with every value's position.

    flow: ../flows/caf-gironde.yaml        # relative to this file
    journeys:
      - name: a caller on Tuesday morning reaches an advisor with 0
        at: "2026-12-01 10:00"             # default: now
        congested: false
        unanswered: [advisors]             # queues/transfers nobody answers, or `all`
        vars: {code_postal: "44000"}
        wait_minutes: 10
        position: 3
        max_steps: 200
        keys: ["0"]                        # or "0,1"; `timeout` is silence
        expect: {outcome: agent, end: advisors, max_seconds: 30, hears: [...], not_hears: [...],
                 path: [...], path_includes: [...], path_excludes: [...]}

Mistakes (an unknown field, a key no phone can send, an unreadable time) are reported
at their line and column before anything runs, like a flow's schema errors. The flow
must lie in the directory trees given to `ivr-lint test`, as a `goto` target must lie
in those given to `check`: a journey file cannot run, or print, a file from elsewhere.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import yaml

from ivr_lint.findings import Pos
from ivr_lint.loading.source import ContentError, InputError, decode, read_bytes
from ivr_lint.loading.yamlparse import compose
from ivr_lint.project import FLOW_SUFFIXES, require_regular, roots_of, sniff, within
from ivr_lint.simulate.engine import DEFAULT_MAX_STEPS, DEFAULT_POSITION, DEFAULT_WAIT_MINUTES
from ivr_lint.simulate.transcript import ALL_OUTCOMES
from ivr_lint.text.quoting import quote

_JOURNEYS_MARKER = re.compile(rb"^journeys[ \t]*:", re.MULTILINE)
_SKIPPED = {".git", ".venv", "venv", "node_modules", "__pycache__"}

JOURNEY_FIELDS = ("name", "at", "congested", "unanswered", "vars", "wait_minutes", "position", "max_steps", "keys",
                  "expect")
EXPECT_FIELDS = ("outcome", "end", "max_seconds", "hears", "not_hears", "path", "path_includes", "path_excludes")


class JourneyFileError(Exception):
    """A journey file that cannot be used; the message starts with file:line:column."""


@dataclass
class Expect:
    outcome: str | None = None
    end: str | None = None
    max_seconds: float | None = None
    hears: list[str] = field(default_factory=list)
    not_hears: list[str] = field(default_factory=list)
    path: list[str] | None = None
    path_includes: list[str] = field(default_factory=list)
    path_excludes: list[str] = field(default_factory=list)


@dataclass
class Journey:
    name: str
    pos: Pos
    at: str | None = None
    at_pos: Pos | None = None
    congested: bool = False
    unanswered: list[str] = field(default_factory=list)
    vars: dict[str, str] = field(default_factory=dict)
    wait_minutes: int = DEFAULT_WAIT_MINUTES
    position: int = DEFAULT_POSITION
    max_steps: int = DEFAULT_MAX_STEPS
    keys: list[str] = field(default_factory=list)
    keys_pos: Pos | None = None
    expect: Expect = field(default_factory=Expect)


@dataclass
class JourneyFile:
    path: str
    flow: str  # the flow's path, resolved from this file's folder
    flow_pos: Pos
    journeys: list[Journey]


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


class _Reader:
    def __init__(self, path: str):
        self.path = path

    def error(self, node: yaml.Node | None, message: str) -> JourneyFileError:
        pos = _pos(node) if node is not None else Pos(1, 1)
        return JourneyFileError(f"{self.path}:{pos.line}:{pos.column}: {message}")

    def mapping(self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None) -> dict[str, yaml.Node]:
        """Entries of a mapping; `allowed` None accepts any text key."""
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{what} must be a mapping")
        out: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is None or (allowed is not None and name not in allowed):
                expected = f" (expected one of: {', '.join(allowed)})" if allowed else ""
                raise self.error(key, f"unknown field {quote(name)} in {what}{expected}")
            if name in out:
                raise self.error(key, f"{quote(name)} is repeated in {what}")
            out[name] = value
        return out

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
            raise self.error(node, f"{what} must be a text")
        return node.value

    def number(self, node: yaml.Node, what: str, kind=int):
        try:
            value = kind(self.text(node, what))
        except ValueError:
            raise self.error(node, f"{what} must be a number") from None
        if value < 0:
            raise self.error(node, f"{what} must not be negative")
        return value

    def flag(self, node: yaml.Node, what: str) -> bool:
        if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool")):
            raise self.error(node, f"{what} must be true or false")
        return node.value.lower() in ("true", "yes", "on")

    def texts(self, node: yaml.Node, what: str, comma: bool = False) -> list[str]:
        if isinstance(node, yaml.ScalarNode) and comma:
            return [part.strip() for part in node.value.split(",")] if node.value.strip() else []
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{what} must be a list")
        return [self.text(item, f"an item of {what}") for item in node.value]


def discover_journeys(paths: list[str] | tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Journey files named, and those found in directories (YAML with a top-level `journeys:`).

    In a directory only regular files are opened, and only their first bytes are read:
    a FIFO would block and a link to a device would never end.
    """
    files, problems = [], []
    for path in paths:
        if not os.path.isdir(path):
            if not os.path.lexists(path):
                problems.append(f"{path}: no such file or directory")
            else:
                files.append(path)
            continue
        found = []
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
            for name in sorted(names):
                candidate = os.path.join(folder, name)
                if name.endswith(FLOW_SUFFIXES) and sniff(candidate, _JOURNEYS_MARKER) is not False:
                    found.append(candidate)  # None (unreadable): load_journeys says why
        if not found:
            problems.append(f"{path}: no journey files found (YAML files with a top-level `journeys:` key)")
        files.extend(found)
    return files, problems


def load_journeys(path: str, roots: list[str] | None = None) -> JourneyFile:
    """Read and validate a journey file; raise JourneyFileError (exit code 2) if unusable.

    `roots`: the paths given on the command line; the journey's flow must lie in their
    trees (default: the journey file's own folder).
    """
    reader = _Reader(path)
    try:
        require_regular(path, "a journey file")
        root = compose(decode(read_bytes(path)))
    except InputError as error:
        raise JourneyFileError(str(error)) from None
    except ContentError as error:
        raise JourneyFileError(f"{path}:{error.pos.line}:{error.pos.column}: {error}") from None
    if root is None:
        raise JourneyFileError(f"{path}:1:1: empty journey file (expected `flow:` and `journeys:`)")
    top = reader.mapping(root, "the journey file", ("flow", "journeys"))
    for required in ("flow", "journeys"):
        if required not in top:
            raise reader.error(root, f"missing `{required}`")
    written = reader.text(top["flow"], "`flow`")
    flow = os.path.normpath(os.path.join(os.path.dirname(path), written))
    if not written.strip() or "\x00" in written:
        raise reader.error(top["flow"], f"`flow` must name a flow file, not {quote(written)}")
    if not within(flow, roots_of(list(roots) if roots else [path])):
        raise reader.error(top["flow"], f"`flow` {quote(written)} leaves the directory tree given to `ivr-lint test`; "
                                        "run it on a directory that holds both the journeys and the flow")
    items = top["journeys"]
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        raise reader.error(items, "`journeys` must be a non-empty list")
    journeys = [_journey(reader, item) for item in items.value]
    seen: dict[str, Journey] = {}
    for journey in journeys:
        if journey.name in seen:
            raise reader.error(None, f"journey name {quote(journey.name)} is used twice "
                               f"(lines {seen[journey.name].pos.line} and {journey.pos.line})")
        seen[journey.name] = journey
    return JourneyFile(path, flow, _pos(top["flow"]), journeys)


def _journey(reader: _Reader, node: yaml.Node) -> Journey:
    fields = reader.mapping(node, "a journey", JOURNEY_FIELDS)
    if "name" not in fields:
        raise reader.error(node, "a journey needs a `name`")
    journey = Journey(name=reader.text(fields["name"], "`name`"), pos=_pos(node))
    if "at" in fields:
        journey.at, journey.at_pos = reader.text(fields["at"], "`at`"), _pos(fields["at"])
    if "congested" in fields:
        journey.congested = reader.flag(fields["congested"], "`congested`")
    if "unanswered" in fields:
        journey.unanswered = reader.texts(fields["unanswered"], "`unanswered`", comma=True)
    if "vars" in fields:
        journey.vars = {k: reader.text(v, f"variable {quote(k)}")
                        for k, v in reader.mapping(fields["vars"], "`vars`", None).items()}
    for name in ("wait_minutes", "position", "max_steps"):
        if name in fields:
            setattr(journey, name, reader.number(fields[name], f"`{name}`"))
    if "keys" in fields:
        journey.keys, journey.keys_pos = reader.texts(fields["keys"], "`keys`", comma=True), _pos(fields["keys"])
    if "expect" in fields:
        journey.expect = _expect(reader, fields["expect"])
    return journey


def _expect(reader: _Reader, node: yaml.Node) -> Expect:
    fields = reader.mapping(node, "`expect`", EXPECT_FIELDS)
    expect = Expect()
    if "outcome" in fields:
        expect.outcome = reader.text(fields["outcome"], "`outcome`")
        if expect.outcome not in ALL_OUTCOMES:
            raise reader.error(fields["outcome"], f"unknown outcome {quote(expect.outcome)} "
                               f"(one of: {', '.join(ALL_OUTCOMES)})")
    if "end" in fields:
        expect.end = reader.text(fields["end"], "`end`")
    if "max_seconds" in fields:
        expect.max_seconds = reader.number(fields["max_seconds"], "`max_seconds`", float)
    for name in ("hears", "not_hears", "path_includes", "path_excludes"):
        if name in fields:
            setattr(expect, name, reader.texts(fields[name], f"`{name}`"))
    if "path" in fields:
        expect.path = reader.texts(fields["path"], "`path`")
    return expect
