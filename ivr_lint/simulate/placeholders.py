"""Prompt placeholders, filled as the platform fills them during a real call.

`{wait_minutes}` and `{queue_position}` come from the queue (`--wait-minutes`,
`--position`), `{opening_hours}` is the flow's schedule said in words, and any other
`{name}` is a variable (typed at an `input`, or set with `--var`). A placeholder with no
value is left as written, so the transcript shows what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ivr_lint.model.flow import Schedule

PLACEHOLDER = re.compile(r"\{(\w+)\}")

_FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def fill(text: str, values: Mapping[str, object]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def _fr_time(minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    return f"{hours}h{minutes:02d}" if minutes else f"{hours}h"


def _en_time(minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    suffix = "am" if hours < 12 or hours == 24 else "pm"
    hours = hours % 12 or 12
    return f"{hours}:{minutes:02d}{suffix}" if minutes else f"{hours}{suffix}"


def say_schedule(schedule: Schedule | None, lang: str) -> str:
    """"du lundi au vendredi de 9h à 12h et de 13h30 à 16h30, et le samedi de 9h à 12h"."""
    en = lang.startswith("en")
    if schedule is None or not schedule.weekly:
        return ""
    groups: list[tuple[int, int, tuple]] = []  # (first day, last day, intervals)
    for day in range(7):
        spans = schedule.weekly.get(day, ())
        if not spans:
            continue
        if groups and groups[-1][1] == day - 1 and groups[-1][2] == spans:
            groups[-1] = (groups[-1][0], day, spans)
        else:
            groups.append((day, day, spans))
    parts = []
    for first, last, spans in groups:
        if en:
            days = _EN_DAYS[first] if first == last else f"{_EN_DAYS[first]} to {_EN_DAYS[last]}"
            times = " and ".join(f"from {_en_time(a)} to {_en_time(b)}" for a, b in spans)
        else:
            days = f"le {_FR_DAYS[first]}" if first == last else f"du {_FR_DAYS[first]} au {_FR_DAYS[last]}"
            times = " et ".join(f"de {_fr_time(a)} à {_fr_time(b)}" for a, b in spans)
        parts.append(f"{days} {times}")
    joiner = ", and " if en else ", et "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + joiner + parts[-1]
