"""The table of holiday calendars agrees with the installed `holidays` package."""

import subprocess
import sys

import holidays

from ivr_lint.model.calendar import calendar_problem
from ivr_lint.model.holiday_codes import CALENDARS
from tests.conftest import FLOWS


def test_every_tabled_calendar_is_known_to_holidays():
    live = holidays.list_supported_countries()
    for country, subdivisions in CALENDARS.items():
        assert country in live, f"{country} is no longer in holidays: rerun scripts/gen_holiday_codes.py"
        assert set(subdivisions) <= set(live[country]), country


def test_codes_are_judged_like_the_package():
    assert calendar_problem("FR-57") is None
    assert calendar_problem("fr-6ae") is None
    assert "unknown subdivision 'FR-99'" in calendar_problem("FR-99")
    assert "unknown public-holiday calendar 'XQ'" in calendar_problem("XQ")


def test_a_calendar_missing_from_the_table_is_looked_up_in_the_package(monkeypatch):
    monkeypatch.delitem(CALENDARS, "GB")
    assert calendar_problem("GB-SCT") is None
    assert calendar_problem("GB-XYZ") is not None


def test_checking_a_flow_with_holidays_does_not_import_the_package():
    script = (
        "import sys\n"
        "from ivr_lint.cli import main\n"
        f"try:\n    main(['check', {str(FLOWS / 'cpam-bas-rhin.yaml')!r}])\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert 'holidays' not in sys.modules, 'holidays imported by a plain check'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
