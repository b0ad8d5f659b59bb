"""What a rule is: its identity, its options, its doc, and the reports it yields.

Rules never compute positions or read files: they report a model object (a node and
one of its fields, or a top-level field of the flow) and the engine turns that into a
file, line and column.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Any, ClassVar, Iterator

from ivr_lint.findings import Pos, Severity

if TYPE_CHECKING:
    from ivr_lint.analysis.graph import FlowGraph
    from ivr_lint.analysis.prompts import PromptFacts
    from ivr_lint.model.flow import Flow, Node
    from ivr_lint.project import LoadedFile, Project


@dataclass(frozen=True)
class Option:
    """A rule setting users may change in `[tool.ivr-lint.rules.<name>]`."""

    name: str
    default: Any
    doc: str

    def coerce(self, value: Any) -> Any:
        """Check a configured value against the default's type (numbers: finite, not negative)."""
        expected = type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected in (list, tuple) and isinstance(value, (list, tuple)):
            if not all(isinstance(item, str) for item in value):
                raise ValueError(f"option {self.name!r} takes a list of texts, not {value!r}")
            return type(self.default)(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ValueError(f"option {self.name!r} takes a {expected.__name__}, not {value!r}")
        if expected in (int, float) and not 0 <= value < float("inf"):
            raise ValueError(f"option {self.name!r} takes a positive number, not {value!r}")
        return value


@dataclass
class Report:
    """A rule's raw finding: what is wrong and which model object it is about."""

    message: str
    node: "Node | None" = None
    field: str | None = None  # a node field ("next", "options.1") or, without node, a flow field
    pos: Pos | None = None  # explicit position (load-level rules only)
    node_id: str | None = None  # explicit node id when there is no node object
    severity: Severity | None = None  # a milder variant of the rule (e.g. info asking for data)
    scenario: str | None = None
    path: list[str] | None = None
    extra: dict = dataclass_field(default_factory=dict)


@dataclass
class FlowContext:
    """Everything a rule may ask about one checked file."""

    loaded: "LoadedFile"
    project: "Project"
    options: dict[str, Any]
    prompts: "PromptFacts | None" = None

    @property
    def flow(self) -> "Flow | None":
        return self.loaded.flow

    @property
    def graph(self) -> "FlowGraph | None":
        return self.loaded.graph


class Rule:
    """Base class; subclasses set the class attributes and implement `check`.

    The class docstring is the rule's doc (`ivr-lint rule NAME`), with the sections
    "What it does", "Why is this bad", "Example" (a failing flow in a ```yaml block),
    "Use instead" (a passing flow) and, when the rule has options, "Options".
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    tags: ClassVar[tuple[str, ...]] = ()
    source: ClassVar[str] = ""  # where the rule comes from (charter commitment, guidance)
    options: ClassVar[tuple[Option, ...]] = ()
    needs_flow: ClassVar[bool] = True  # skipped when the file has no usable flow
    reads_prompts: ClassVar[bool] = False  # its verdict depends on what prompts say
    inbound_only: ClassVar[bool] = False  # about the journey of callers dialling in (skipped for other kinds)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return textwrap.dedent(cls.__doc__ or "").strip()

    @classmethod
    def examples(cls) -> tuple[str, str]:
        """The failing and the passing YAML examples of the doc."""
        doc = cls.doc()
        blocks = {}
        for heading in ("Example", "Use instead"):
            match = re.search(rf"## {heading}\n.*?```yaml\n(.*?)```", doc, re.S)
            blocks[heading] = match.group(1) if match else ""
        return blocks["Example"], blocks["Use instead"]

    @classmethod
    def default_options(cls) -> dict[str, Any]:
        return {option.name: option.default for option in cls.options}


class LoadRule(Rule):
    """A rule whose findings come from loading the file (syntax, schema, duplicates)."""

    needs_flow = False

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        for finding in ctx.loaded.findings:
            if finding.rule == self.name:
                yield Report(finding.message, pos=Pos(finding.line, finding.column), node_id=finding.node)
