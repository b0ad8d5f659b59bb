"""The explicit registry of rules, in code order.

A rule module is listed here or it does not exist: tests check that every module
under rules/ is registered, has a unique code and name, and a complete doc.
"""

from __future__ import annotations

from ivr_lint.rules.base import Rule
from ivr_lint.rules.structure.dead_end import DeadEnd
from ivr_lint.rules.structure.duplicate_key import DuplicateKey
from ivr_lint.rules.structure.invalid_dtmf import InvalidDtmf
from ivr_lint.rules.structure.missing_error_handling import MissingErrorHandling
from ivr_lint.rules.structure.schema_error import SchemaError
from ivr_lint.rules.structure.syntax_error import YamlSyntaxError
from ivr_lint.rules.structure.trap_loop import TrapLoop
from ivr_lint.rules.structure.unknown_target import UnknownTarget
from ivr_lint.rules.structure.unreachable_node import UnreachableNode

RULES: tuple[type[Rule], ...] = (
    YamlSyntaxError,
    SchemaError,
    DuplicateKey,
    UnknownTarget,
    UnreachableNode,
    DeadEnd,
    TrapLoop,
    InvalidDtmf,
    MissingErrorHandling,
)

BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}


def find_rule(name_or_code: str) -> type[Rule] | None:
    """A rule by its name (dead-end) or code (IVR006), case-insensitively for codes."""
    return BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code.upper())
