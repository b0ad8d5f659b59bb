"""What an import gives back, how it fails, and how unknown prompt text is written.

Unknown text convention: whatever words the export cannot tell (an audio file, a
prompt read from an attribute at run time, a platform announcement) are written
inside the prompt as ``[unknown: WHAT]``, for example
``[unknown: audio prompt 'welcome.wav']``. Known words stay outside the marker, so a
prompt may mix both. Rules that read prompt text use `known_text` and `has_unknown_text`
to tell "the prompt does not say it" from "we cannot know what the prompt says".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ivr_lint.text.quoting import shorten

#: the marker around words the export cannot tell (see module docstring)
UNKNOWN_PATTERN = re.compile(r"\[unknown: ((?:[^\[\]]|\[[^\[\]]*\])*)\]")


def unknown_text(what: str) -> str:
    """The prompt text for words the export cannot tell: ``[unknown: WHAT]``."""
    what = " ".join(what.replace("[", "(").replace("]", ")").split())
    return f"[unknown: {what}]"


def has_unknown_text(text: str) -> bool:
    """True when some of the prompt's words are unknown (an audio file, a run-time value)."""
    return UNKNOWN_PATTERN.search(text) is not None


def known_text(text: str) -> str:
    """The prompt's words without the unknown parts."""
    return " ".join(UNKNOWN_PATTERN.sub(" ", text).split())


@dataclass(frozen=True)
class Unknown:
    """A place where the export cannot tell what happens (listed by `ivr-lint import`)."""

    node: str  #: node id in the imported flow
    kind: str  #: audio | dynamic-prompt | external-result | condition | sub-flow | opaque | platform
    detail: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.node}{where}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class Dangling:
    """A place the export sends the call to that it does not have (a Goto to a missing label).

    The import keeps the jump to it, so `check` reports `unknown-target` where the export
    makes the jump, and `simulate` stops there, rather than inventing what the platform does.
    """

    target: str  #: the export's name for the missing place, e.g. ``incoming,s,nolabel``
    what: str  #: the export's own words for the jump, e.g. ``Goto(nolabel)``
    line: int | None = None
    column: int | None = None

    def describe(self, file: str) -> str:
        """``unknown target T at FILE:LINE, named by WHAT``: what a simulated call that reaches it says."""
        where = f"{file}:{self.line}" if self.line else file
        return f"unknown target {self.target!r} at {where}, named by {self.what}"


@dataclass
class ImportResult:
    """A platform export converted to a flow-format-v1 YAML document."""

    format: str
    yaml_text: str
    #: node id -> (line, column), 1-based, in the original file; None where the format has no lines
    origins: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    #: node id -> the element's identifier in the export (action id, state name, context/extension...)
    origin_ids: dict[str, str] = field(default_factory=dict)
    unknowns: list[Unknown] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the export's own name for the flow, when it has one
    title: str | None = None
    #: target id -> the jump to a place the export does not have (left dangling: unknown-target)
    dangling: dict[str, Dangling] = field(default_factory=dict)
    #: (node id, field) -> where that part of the call is defined, outside this export (a Genesys
    #: queue's congestion handling is in its in-queue flow): rules do not call it missing
    elsewhere: dict[tuple[str, str], str] = field(default_factory=dict)

    def origin_of(self, flow, node_id: str, field_name: str | None) -> tuple[int, int] | None:
        """Where in the export a finding on `node_id` (about its field `field_name`) is.

        A transition to a dangling target is reported at the jump that names it (the Goto's
        line), not at the start of the element that holds it.
        """
        if field_name and self.dangling and flow is not None and node_id in flow.nodes:
            for transition in flow.nodes[node_id].transitions:
                jump = self.dangling.get(transition.target) if transition.field == field_name else None
                if jump is not None and jump.line:
                    return jump.line, jump.column or 1
        return self.origins.get(node_id)

    def one_per_element(self, findings: list) -> list:
        """One finding per rule and export element, from the node that is the element itself.

        Importers unroll some constructs into several nodes of one element (a FreeSWITCH menu
        and its `-again` replay, a VoiceXML field and its `-wait` state, a Genesys menu and its
        no-selection end): a rule that fires on each copy would report the same problem
        several times at the same line. The original keeps its findings there: copies are
        named after it with a suffix, so it is the shortest id (then the first built).
        Findings with no node, or at different places, are all kept.
        """
        order = {node: index for index, node in enumerate(self.origin_ids)}
        last = len(order)

        def rank(node: str) -> tuple[int, int]:
            return len(node), order.get(node, last)

        owner: dict[tuple, str] = {}
        for finding in findings:
            if finding.node is not None:
                key = (finding.rule, finding.file, finding.line, finding.column)
                if key not in owner or rank(finding.node) < rank(owner[key]):
                    owner[key] = finding.node
        if len(owner) == len({(f.rule, f.file, f.line, f.column, f.node) for f in findings if f.node is not None}):
            return findings
        return [f for f in findings
                if f.node is None or owner[(f.rule, f.file, f.line, f.column)] == f.node]

    @property
    def node_count(self) -> int:
        return len(self.origin_ids)


class ImportFailure(Exception):
    """An export that cannot be converted: bad syntax, wrong format, impossible structure."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 element: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.element = element

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.element:
            where.append(f"element {shorten(' '.join(str(self.element).split()))}")
        return f"{self.message} ({'; '.join(where)})" if where else self.message
