"""When the simulated call happens, and what each schedule says at that moment.

`--at` is read in the flow's time zone (that of its `hours`), so "2026-12-01 10:00"
means ten o'clock in Bordeaux for a Bordeaux flow, whatever the machine's zone. Every
`hours` node of the call is decided at that one moment: a call is short next to the
granularity of opening hours, and a fixed moment keeps journeys reproducible.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from ivr_lint.model.calendar import OPEN, holiday_name, local_time, state_at
from ivr_lint.model.flow import Flow, HoursNode, Schedule

DEFAULT_TIMEZONE = "Europe/Paris"
AT_FORMAT = "YYYY-MM-DD HH:MM"
_AT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?")


class ClockError(ValueError):
    """A moment that cannot be read; the message says what is expected."""


def flow_zone(flow: Flow) -> ZoneInfo:
    return ZoneInfo(flow.hours.timezone if flow.hours is not None else DEFAULT_TIMEZONE)


def parse_at(text: str | None, flow: Flow, now: datetime | None = None) -> datetime:
    """The call's moment, time-zone aware; None or "now" is the current time."""
    zone = flow_zone(flow)
    if text is None or text.strip().lower() == "now":
        return (now or datetime.now(zone)).astimezone(zone)
    value = text.strip()
    if not _AT.fullmatch(value):
        raise ClockError(f"cannot read the time {text!r}: use {AT_FORMAT!r} (for example \"2026-12-01 10:00\"), "
                         "optionally with seconds or a UTC offset, or \"now\"")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise ClockError(f"cannot read the time {text!r}: {error}") from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def format_at(moment: datetime) -> str:
    """The `--at` / journey `at` spelling of a moment (in its own zone)."""
    return moment.strftime("%Y-%m-%d %H:%M")


def hours_state(flow: Flow, node: HoursNode, moment: datetime) -> str:
    """Which branch an `hours` node takes; a flow without a schedule is always open."""
    schedule = flow.schedule(node.schedule)
    return state_at(schedule, moment) if schedule is not None else OPEN


def describe(schedule: Schedule | None, moment: datetime) -> str:
    """"Tuesday 2026-12-01 10:00 Europe/Paris", with the holiday's name when there is one."""
    local = local_time(schedule, moment) if schedule is not None else moment
    text = f"{local:%A %Y-%m-%d %H:%M} {local.tzinfo}"
    name = holiday_name(schedule, local.date()) if schedule is not None else None
    return f"{text}, {name}" if name else text
