"""What every stage reports: a finding, with a severity and an exact place."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True, slots=True)
class Pos:
    """A 1-based line and column in a source file.

    `file` is set only for data a flow inherits from another file (a `service.yaml`, a
    pyproject.toml): a finding about it is reported in that file, not in the flow.
    Slotted: a flow keeps one for every key and value it was written with (over a million
    in a 100,000-node flow), and a slotted one is 40 % smaller.
    """

    line: int
    column: int
    file: str | None = field(default=None, compare=False, repr=False)


@dataclass
class Finding:
    """One problem found in one file, ready to be filtered and formatted."""

    rule: str
    message: str
    file: str
    line: int
    column: int
    severity: Severity = Severity.ERROR
    code: str = ""
    node: str | None = None
    scenario: str | None = None
    path: list[str] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.rule, self.message)
