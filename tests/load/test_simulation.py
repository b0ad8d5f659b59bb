"""The simulation against the closed forms on one queue, and its promises: seeded, streaming, the flow's paths."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run

pytest.importorskip("simpy")

# One queue, two days of constant traffic in one-hour intervals; the first hour (the queue
# fills from empty) and the last (agents leave at the end) are left out of the comparison.
AGREEMENT = """\
interval: 60
period: {{start: "2026-12-07", days: 2}}
calls: {{mon-sun: {{"00:00-24:00": {calls}}}}}
handling_time: {{line: {aht}}}
staff: {{line: {{mon-sun: {{"00:00-24:00": {agents}}}}}}}
"""


def _steady(document: dict) -> dict[str, float]:
    """P(wait), ASA and abandonment over the intervals of steady state."""
    rows = [r for r in document["intervals"] if r["asked_for_agent"]][1:-1]
    asked = sum(r["asked_for_agent"] for r in rows)
    answered = sum(r["answered"] for r in rows)
    return {"p_wait": sum(r["p_wait"] * r["asked_for_agent"] for r in rows) / asked,
            "asa": sum(r["asa"] * r["answered"] for r in rows) / answered,
            "abandoned": sum(r["abandoned_queue"] for r in rows) / asked,
            "calls": asked}


def _both(path, seed: int, replications: int) -> tuple[dict, dict]:
    """The closed forms and the simulation (counts are per replication: the mean of the runs)."""
    closed = run("load", str(path), "-f", "json")
    simulated = run("load", str(path), "--simulate", "--replications", str(replications), "--jobs", "2",
                    "--seed", str(seed), "-f", "json")
    assert closed.exit_code == 0 and simulated.exit_code == 0, closed.output + simulated.output
    return _steady(json.loads(closed.stdout)), _steady(json.loads(simulated.stdout))


def test_simulation_agrees_with_erlang_c_when_callers_never_give_up(traffic):
    # One agent, a quarter of an Erlang: the queue that mixes fastest. Its ASA still has a
    # standard error near 0.7 % over 4 x 115,000 calls, so 2 % is three of them.
    path = traffic(AGREEMENT.format(calls=2500, aht=0.36, agents=1))
    closed, simulated = _both(path, seed=11, replications=4)
    assert simulated["calls"] > 100_000
    assert closed["abandoned"] == simulated["abandoned"] == 0
    assert simulated["p_wait"] == pytest.approx(closed["p_wait"], rel=0.02)
    assert simulated["asa"] == pytest.approx(closed["asa"], rel=0.02)


def test_simulation_agrees_with_erlang_a_when_callers_hang_up(traffic):
    # ten agents, 12 Erlangs offered, 30 s of patience: overloaded but stable thanks to abandonment
    path = traffic(AGREEMENT.format(calls=720, aht=60, agents=10) + "patience: {line: 30}\n")
    closed, simulated = _both(path, seed=3, replications=2)
    assert simulated["calls"] > 30_000
    for key in ("p_wait", "asa", "abandoned"):
        assert simulated[key] == pytest.approx(closed[key], rel=0.02), key
