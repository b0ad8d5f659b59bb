"""What the load says of the flow: quieter hours that are not, busy periods that are not, dead congestion branches."""

from __future__ import annotations

import json
import textwrap

import pytest

from ivr_lint.load.checks import quieter_periods
from tests.conftest import run

pytest.importorskip("simpy")

FLOW = """\
ivr: 1
language: {language}
hours:
  timezone: Europe/London
  weekly: {{mon-fri: ["09:00-17:00"]}}
  busy: {{mon-fri: ["{busy}"]}}
start: check
nodes:
  check: {{type: hours, open: line, closed: bye}}
  line: {{type: queue, congestion: full}}
  full:
    type: menu
    prompt: "{prompt}"
    options: {{"1": call-back, "2": line}}
    on_max_retries: line
  call-back: {{type: callback, next: bye}}
  bye: {{type: hangup, prompt: "Goodbye."}}
"""

TRAFFIC = """\
interval: 60
period: {{start: "2026-12-07", days: 5}}
calls: {{mon-fri: {{"09:00-12:00": {morning}, "12:00-17:00": {afternoon}}}}}
handling_time: {{line: 300}}
staff: {{line: {{mon-fri: {{"09:00-17:00": {agents}}}}}}}
patience: {{line: 240}}
congestion: {{line: {{wait_above: 60}}}}
"""

QUIET_AFTERNOON = "All lines are busy. Our lines are quieter in the afternoon. For a call back press 1."


def _findings(traffic, flow: str, body: str) -> list[dict]:
    result = run("load", str(traffic(textwrap.dedent(body), flow=flow)), "-f", "json")
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] != "below-target"]


def test_quieter_afternoon_that_is_busier_is_reported_at_the_prompt(traffic):
    flow = FLOW.format(language="en-GB", busy="09:00-12:00", prompt=QUIET_AFTERNOON)
    found = _findings(traffic, flow, TRAFFIC.format(morning=40, afternoon=130, agents=10))
    quieter = [f for f in found if f["rule"] == "quieter-hours-not-quieter"]
    assert len(quieter) == 1
    assert (quieter[0]["line"], quieter[0]["column"], quieter[0]["node"]) == (13, 13, "full")
    assert "'Our lines are quieter in the afternoon'" in quieter[0]["message"]


def test_a_true_quieter_afternoon_is_not_reported(traffic):
    flow = FLOW.format(language="en-GB", busy="09:00-12:00", prompt=QUIET_AFTERNOON)
    found = _findings(traffic, flow, TRAFFIC.format(morning=130, afternoon=60, agents=10))
    assert not [f for f in found if f["rule"] in ("quieter-hours-not-quieter", "busy-not-peak")]


def test_busy_periods_that_are_the_quiet_ones_are_reported(traffic):
    flow = FLOW.format(language="en-GB", busy="14:00-17:00", prompt=QUIET_AFTERNOON)
    found = _findings(traffic, flow, TRAFFIC.format(morning=130, afternoon=60, agents=10))
    busy = [f for f in found if f["rule"] == "busy-not-peak"]
    assert len(busy) == 1 and (busy[0]["line"], busy[0]["column"]) == (6, 3)
    assert "are not the predicted peaks" in busy[0]["message"]


def test_peaks_outside_the_busy_periods_are_reported(traffic):
    flow = FLOW.format(language="en-GB", busy="09:00-10:00", prompt=QUIET_AFTERNOON)
    body = TRAFFIC.format(morning=60, afternoon=60, agents=10).replace(
        '"12:00-17:00": 60', '"12:00-15:00": 60, "15:00-17:00": 150')
    found = _findings(traffic, flow, body)
    peaks = [f for f in found if f["rule"] == "peak-not-busy"]
    assert len(peaks) == 1 and (peaks[0]["line"], peaks[0]["column"]) == (6, 3)
    assert "Mon 15h, Mon 16h, Tue 15h" in peaks[0]["message"]
    assert [f["rule"] for f in found if f["rule"] == "busy-not-peak"] == ["busy-not-peak"]


def test_a_congestion_branch_that_never_fires(traffic):
    flow = FLOW.format(language="en-GB", busy="09:00-12:00", prompt=QUIET_AFTERNOON)
    found = _findings(traffic, flow, TRAFFIC.format(morning=30, afternoon=40, agents=30))
    never = [f for f in found if f["rule"] == "congestion-never-fires"]
    assert len(never) == 1 and never[0]["severity"] == "info"
    assert (never[0]["line"], never[0]["column"]) == (10, 35)  # the queue's `congestion` field
    # the afternoon has more calls, but nobody waits at any hour: "quieter" is not judged
    assert not [f for f in found if f["rule"] == "quieter-hours-not-quieter"]


def test_a_congestion_branch_that_fires_all_day(traffic):
    flow = FLOW.format(language="en-GB", busy="09:00-12:00", prompt=QUIET_AFTERNOON)
    found = _findings(traffic, flow, TRAFFIC.format(morning=150, afternoon=150, agents=8))
    always = [f for f in found if f["rule"] == "congestion-always-fires"]
    assert len(always) == 1 and always[0]["severity"] == "warning"
    assert "Mon 2026-12-07, Tue 2026-12-08" in always[0]["message"]
    assert not [f for f in found if f["rule"] == "congestion-never-fires"]


WEEKDAYS_ONLY, WITH_SATURDAY = range(5), range(6)


@pytest.mark.parametrize("text, lang, open_days, quiet, busy", [
    # a Monday-to-Friday service: "en fin de semaine" can only be its last open days
    ("Nos lignes sont moins chargées l'après-midi et en fin de semaine.", "fr", WEEKDAYS_ONLY,
     [(0, 900), (4, 600), (3, 600)], [(1, 600), (2, 600)]),
    # open on Saturday: the weekend it opens, not Thursday or Friday
    ("Appelez de préférence en fin de semaine.", "fr", WITH_SATURDAY, [(5, 600)], [(3, 600), (4, 600), (1, 600)]),
    # opening days unknown: the weekend, the everyday meaning
    ("Appelez de préférence en fin de semaine.", "fr", None, [(5, 600), (6, 600)], [(3, 600), (4, 600)]),
    ("Appelez de préférence le mercredi.", "fr", WEEKDAYS_ONLY, [(2, 600)], [(1, 900)]),
    ("Appelez de préférence le lundi matin.", "fr", WEEKDAYS_ONLY, [(0, 600)], [(0, 900), (1, 600)]),
    ("Nos lignes sont moins chargées après 14h.", "fr", WEEKDAYS_ONLY, [(0, 14 * 60 + 30)], [(0, 13 * 60)]),
    ("Évitez le lundi, nos lignes sont plus calmes le jeudi.", "fr", WEEKDAYS_ONLY, [(3, 600)], [(0, 600)]),
    ("Lines are usually quieter after 2pm.", "en", WEEKDAYS_ONLY, [(0, 15 * 60)], [(0, 11 * 60)]),
    ("Our lines are quieter in the morning.", "en", WEEKDAYS_ONLY, [(3, 600)], [(3, 900)]),
    ("Lines are quieter at the end of the week.", "en", WITH_SATURDAY, [(3, 600), (4, 600)], [(5, 600)]),
])
def test_what_a_prompt_calls_quieter(text, lang, open_days, quiet, busy):
    claim = quieter_periods(text, lang, open_days)
    assert claim is not None
    inside, _ = claim
    assert all(inside(day, minute) for day, minute in quiet)
    assert not any(inside(day, minute) for day, minute in busy)


def test_a_prompt_naming_no_period_makes_no_claim():
    assert quieter_periods("Nos lignes sont saturées.", "fr") is None


FIN_DE_SEMAINE = """\
ivr: 1
language: fr-FR
hours:
  timezone: Europe/Paris
  weekly: {{{open}: ["09:00-17:00"]}}
start: check
nodes:
  check: {{type: hours, open: line, closed: bye}}
  line: {{type: queue, congestion: full}}
  full:
    type: menu
    prompt: "Toutes nos lignes sont occupées. Nos lignes sont moins chargées en fin de semaine. Pour être rappelé, tapez 1."
    options: {{"1": call-back, "2": line}}
    on_max_retries: line
  call-back: {{type: callback, next: bye}}
  bye: {{type: hangup, prompt: "Au revoir."}}
"""

BY_DAY = """\
interval: 60
period: {{start: "2026-12-07", days: {days}}}
calls: {{mon-wed: {{"09:00-17:00": {early}}}, thu-fri: {{"09:00-17:00": {late}}}, sat: {{"09:00-17:00": {saturday}}}}}
handling_time: {{line: 300}}
staff: {{line: {{mon-sat: {{"09:00-17:00": 10}}}}}}
patience: {{line: 240}}
congestion: {{line: {{wait_above: 60}}}}
"""


def _quieter(found):
    return [f["message"] for f in found if f["rule"] == "quieter-hours-not-quieter"]


def test_fin_de_semaine_of_a_weekday_service_is_its_thursday_and_friday(traffic):
    flow = FIN_DE_SEMAINE.format(open="mon-fri")
    busier_late = _findings(traffic, flow, BY_DAY.format(days=5, early=40, late=130, saturday=0))
    assert len(_quieter(busier_late)) == 1
    assert "'Nos lignes sont moins chargées en fin de semaine'" in _quieter(busier_late)[0]
    quieter_late = _findings(traffic, flow, BY_DAY.format(days=5, early=130, late=40, saturday=0))
    assert _quieter(quieter_late) == []


def test_fin_de_semaine_of_a_service_open_on_saturday_is_the_saturday(traffic):
    flow = FIN_DE_SEMAINE.format(open="mon-sat")
    # Thursday and Friday are quiet, Saturday is the busiest day: the prompt is wrong
    found = _findings(traffic, flow, BY_DAY.format(days=6, early=60, late=30, saturday=140))
    assert len(_quieter(found)) == 1
    found = _findings(traffic, flow, BY_DAY.format(days=6, early=120, late=130, saturday=30))
    assert _quieter(found) == []
