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


@pytest.mark.parametrize("text, lang, quiet, busy", [
    ("Nos lignes sont moins chargées l'après-midi et en fin de semaine.", "fr", [(0, 900), (4, 600)], [(1, 600)]),
    ("Appelez de préférence le mercredi.", "fr", [(2, 600)], [(1, 900)]),
    ("Nos lignes sont moins chargées après 14h.", "fr", [(0, 14 * 60 + 30)], [(0, 13 * 60)]),
    ("Lines are usually quieter after 2pm.", "en", [(0, 15 * 60)], [(0, 11 * 60)]),
    ("Our lines are quieter in the morning.", "en", [(3, 600)], [(3, 900)]),
])
def test_what_a_prompt_calls_quieter(text, lang, quiet, busy):
    claim = quieter_periods(text, lang)
    assert claim is not None
    inside, _ = claim
    assert all(inside(day, minute) for day, minute in quiet)
    assert not any(inside(day, minute) for day, minute in busy)


def test_a_prompt_naming_no_period_makes_no_claim():
    assert quieter_periods("Nos lignes sont saturées.", "fr") is None
