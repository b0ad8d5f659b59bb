"""The explicit registry of rules, in code order.

A rule module is listed here or it does not exist: tests check that every module
under rules/ is registered, has a unique code and name, and a complete doc.
"""

from __future__ import annotations

from ivr_lint.rules.base import Rule
from ivr_lint.rules.service.agent_not_offered import AgentNotOffered
from ivr_lint.rules.service.closed_message_incomplete import ClosedMessageIncomplete
from ivr_lint.rules.service.congestion_options import CongestionOptions
from ivr_lint.rules.service.hangup_on_error import HangupOnError
from ivr_lint.rules.service.hours_mismatch import HoursMismatch
from ivr_lint.rules.service.long_prompt import LongPrompt
from ivr_lint.rules.service.menu_prompt_mismatch import MenuPromptMismatch
from ivr_lint.rules.service.menu_too_deep import MenuTooDeep
from ivr_lint.rules.service.missing_service_info import MissingServiceInfo
from ivr_lint.rules.service.missing_translation import MissingTranslation
from ivr_lint.rules.service.no_accessible_channel import NoAccessibleChannel
from ivr_lint.rules.service.no_agent_path import NoAgentPath
from ivr_lint.rules.service.queue_reachable_when_closed import QueueReachableWhenClosed
from ivr_lint.rules.service.quieter_hours_mismatch import QuieterHoursMismatch
from ivr_lint.rules.service.short_timeout import ShortTimeout
from ivr_lint.rules.service.slow_agent_path import SlowAgentPath
from ivr_lint.rules.service.surcharged_number import SurchargedNumber
from ivr_lint.rules.service.too_many_choices import TooManyChoices
from ivr_lint.rules.service.unclear_language import UnclearLanguage
from ivr_lint.rules.structure.dead_end import DeadEnd
from ivr_lint.rules.structure.duplicate_key import DuplicateKey
from ivr_lint.rules.structure.invalid_dtmf import InvalidDtmf
from ivr_lint.rules.structure.missing_error_handling import MissingErrorHandling
from ivr_lint.rules.structure.schema_error import SchemaError
from ivr_lint.rules.structure.syntax_error import YamlSyntaxError
from ivr_lint.rules.structure.trap_loop import TrapLoop
from ivr_lint.rules.structure.unknown_target import UnknownTarget
from ivr_lint.rules.structure.unreachable_node import UnreachableNode
from ivr_lint.rules.structure.unused_suppression import UnusedSuppression

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
    UnusedSuppression,
    NoAgentPath,
    AgentNotOffered,
    SlowAgentPath,
    HangupOnError,
    TooManyChoices,
    MenuTooDeep,
    LongPrompt,
    UnclearLanguage,
    MissingServiceInfo,
    ClosedMessageIncomplete,
    QueueReachableWhenClosed,
    HoursMismatch,
    CongestionOptions,
    SurchargedNumber,
    NoAccessibleChannel,
    MenuPromptMismatch,
    ShortTimeout,
    QuieterHoursMismatch,
    MissingTranslation,
)

BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}


def find_rule(name_or_code: str) -> type[Rule] | None:
    """A rule by its name (dead-end) or code (IVR006), case-insensitively for codes."""
    return BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code.upper())
