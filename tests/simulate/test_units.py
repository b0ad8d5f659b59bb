"""Unit tests of the pieces the commands are built from."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from ivr_lint.analysis.scenarios import Scenario
from ivr_lint.findings import Pos
from ivr_lint.model.flow import Schedule
from ivr_lint.simulate import answers as A
from ivr_lint.simulate.bound import lower_bound
from ivr_lint.simulate.clock import ClockError, parse_at
from ivr_lint.simulate.loading import load_flow
from ivr_lint.simulate.placeholders import fill, say_schedule
from ivr_lint.simulate.scenarios import Analysis
from tests.conftest import FLOWS

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(scope="module")
def caf():
    return load_flow(str(FLOWS / "caf-gironde.yaml"))


@pytest.mark.parametrize("text, expected", [
    ("2026-12-01 10:00", datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)),
    ("2026-12-01T10:00:30", datetime(2026, 12, 1, 10, 0, 30, tzinfo=PARIS)),
    ("2026-12-01 09:00Z", datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)),
    ("2026-07-01 10:00+02:00", datetime(2026, 7, 1, 10, 0, tzinfo=PARIS)),
])
def test_at_is_read_in_the_flows_time_zone(caf, text, expected):
    assert parse_at(text, caf.file.flow) == expected


@pytest.mark.parametrize("text", ["2026-12-01", "01/12/2026 10:00", "10:00", "2026-12-32 10:00"])
def test_unreadable_times(caf, text):
    with pytest.raises(ClockError, match="cannot read the time"):
        parse_at(text, caf.file.flow)


def test_schedules_said_in_words():
    schedule = Schedule("hours", Pos(1, 1), weekly={d: ((510, 720), (810, 990)) for d in range(5)} | {5: ((540, 720),)})
    assert say_schedule(schedule, "fr") == "du lundi au vendredi de 8h30 à 12h et de 13h30 à 16h30, et le samedi de 9h à 12h"
    assert say_schedule(schedule, "en") == ("Monday to Friday from 8:30am to 12pm and from 1:30pm to 4:30pm, "
                                            "and Saturday from 9am to 12pm")
    assert fill("{wait_minutes} min, {unknown}", {"wait_minutes": 7}) == "7 min, {unknown}"


def test_answers_that_a_phone_can_send():
    words = {"conseiller": "conseiller"}
    assert A.check_answer("0", words) is None and A.check_answer("1234#", words) is None
    assert A.check_answer("Conseiller", words) is None and A.check_answer("timeout", words) is None
    assert "is not an answer" in A.check_answer("1a", words)
    assert A.fold("  Déménagement  ") == "demenagement"


def test_moment_classes_of_a_flow_with_two_schedules():
    leeds = load_flow(str(FLOWS / "council-tax-leeds.yaml"))
    analysis = Analysis(leeds.project, leeds.file, date(2026, 12, 1))
    moments = [(m.at.strftime("%a %Y-%m-%d %H:%M"), m.scenario_state, tuple(s for _, s in m.states))
               for m in analysis.moments]
    assert moments == [
        ("Tue 2026-12-01 09:30", "open", ("open", "closed")),  # before the recovery team starts
        ("Tue 2026-12-01 13:00", "open", ("open", "open")),
        ("Tue 2026-12-01 20:00", "closed", ("closed", "closed")),
        ("Thu 2026-12-24 13:00", "holiday", ("holiday", "holiday")),
    ]


def test_congested_scenarios_without_a_queue_are_not_repeated(caf):
    analysis = Analysis(caf.project, caf.file, date(2026, 12, 1))
    assert [s.name for s in analysis.targets] == ["open", "open+congested", "closed", "holiday"]
    assert analysis.same_as_normal(Scenario("closed", True))


def test_lower_bound_counts_edges_between_parts_of_the_flow(caf):
    analysis = Analysis(caf.project, caf.file, date(2026, 12, 1))
    targets = {s: set(t) for s, t in analysis.targets.items()}
    # closed and holiday each need one journey; with load or without, every way into the queue needs its own
    assert lower_bound(analysis, {Scenario("closed"): targets[Scenario("closed")]}) == 1
    assert lower_bound(analysis, targets) == 26
