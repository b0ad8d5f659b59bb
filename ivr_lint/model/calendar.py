"""When a schedule is open: weekly hours, exceptional closures and public holidays.

Public holidays come from the `holidays` package; a calendar is named as it names them:
a country code (FR, GB) optionally followed by a subdivision (FR-57, GB-SCT).
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ivr_lint.model.flow import Schedule

OPEN, CLOSED, HOLIDAY = "open", "closed", "holiday"


@functools.lru_cache(maxsize=None)
def _supported() -> dict[str, list[str]]:
    import holidays

    return holidays.list_supported_countries()


def _split(code: str) -> tuple[str, str | None]:
    country, _, subdiv = code.partition("-")
    return country.upper(), (subdiv or None)


def calendar_problem(code: str) -> str | None:
    """Why `code` is not a calendar the holidays package knows, or None."""
    country, subdiv = _split(code)
    supported = _supported()
    if country not in supported:
        return f"unknown public-holiday calendar {code!r} (a country code such as FR or GB)"
    if subdiv is not None and subdiv.upper() not in {s.upper() for s in supported[country]}:
        known = ", ".join(f"{country}-{s}" for s in supported[country][:12])
        return f"unknown subdivision {code!r} (for {country}: {known}...)"
    return None


@functools.lru_cache(maxsize=64)
def holiday_calendar(code: str):
    """The holidays package's calendar for a code (years are filled in lazily)."""
    import holidays

    country, subdiv = _split(code)
    if subdiv is not None:
        subdiv = next(s for s in _supported()[country] if s.upper() == subdiv.upper())
    return holidays.country_holidays(country, subdiv=subdiv)


def holiday_name(schedule: Schedule, day: date) -> str | None:
    """The public holiday or closure on `day`, if any."""
    if day in schedule.closed:
        return "exceptional closure"
    if schedule.holidays:
        return holiday_calendar(schedule.holidays).get(day)
    return None


def local_time(schedule: Schedule, moment: datetime) -> datetime:
    """A naive moment is read in the schedule's time zone; an aware one is converted."""
    zone = ZoneInfo(schedule.timezone)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def state_at(schedule: Schedule, moment: datetime) -> str:
    """open, closed or holiday: which branch an `hours` node takes at `moment`."""
    local = local_time(schedule, moment)
    if holiday_name(schedule, local.date()) is not None:
        return HOLIDAY
    minute = local.hour * 60 + local.minute
    for start, end in schedule.weekly.get(local.weekday(), ()):
        if start <= minute < end:
            return OPEN
    return CLOSED
