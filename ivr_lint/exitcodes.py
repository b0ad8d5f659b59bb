"""The exit codes, in one place (ruff's convention)."""

import enum


class ExitCode(enum.IntEnum):
    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on (or failed journeys)
    USAGE = 2  # usage error, unreadable path, bad configuration
