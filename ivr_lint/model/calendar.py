"""When a schedule is open: weekly hours, exceptional closures and public holidays.

Public holidays come from the `holidays` package; a calendar is named as it names them:
a country code (FR, GB) optionally followed by a subdivision (FR-57, GB-SCT).
"""

from __future__ import annotations

import functools
from datetime import date, datetime

from ivr_lint.model.flow import Schedule

OPEN, CLOSED, HOLIDAY = "open", "closed", "holiday"


def _subdivisions(country: str) -> tuple[str, ...] | None:
    """The subdivisions of a country calendar, or None when `holidays` does not know it.

    The generated table answers without importing `holidays` (listing its calendars imports
    every country module); a code missing from it, say one a newer `holidays` added, is
    looked up in the installed package before it is refused.
    """
    from ivr_lint.model.holiday_codes import CALENDARS

    if country in CALENDARS:
        return CALENDARS[country]
    return _installed().get(country)


@functools.lru_cache(maxsize=None)
def _installed() -> dict[str, tuple[str, ...]]:
    import holidays

    return {country: tuple(subdivs) for country, subdivs in holidays.list_supported_countries().items()}


def _split(code: str) -> tuple[str, str | None]:
    country, _, subdiv = code.partition("-")
    return country.upper(), (subdiv or None)


def calendar_problem(code: str) -> str | None:
    """Why `code` is not a calendar the holidays package knows, or None."""
    country, subdiv = _split(code)
    subdivisions = _subdivisions(country)
    if subdivisions is None:
        return f"unknown public-holiday calendar {code!r} (a country code such as FR or GB)"
    if subdiv is not None and subdiv.upper() not in {s.upper() for s in subdivisions}:
        known = ", ".join(f"{country}-{s}" for s in subdivisions[:12])
        return f"unknown subdivision {code!r} (for {country}: {known}...)"
    return None


@functools.lru_cache(maxsize=64)
def holiday_calendar(code: str):
    """The holidays package's calendar for a code (years are filled in lazily)."""
    import holidays

    country, subdiv = _split(code)
    if subdiv is not None:
        subdiv = next(s for s in _subdivisions(country) or () if s.upper() == subdiv.upper())
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
    from zoneinfo import ZoneInfo  # its tz database is read only for a moment's state

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
