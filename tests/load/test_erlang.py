"""The closed forms: Erlang C's published example, pyworkforce as an oracle, Erlang A's limits."""

from __future__ import annotations

import math

import pytest

from ivr_lint.load.erlang import Target, erlang_a, erlang_c, solve

pytest.importorskip("numpy")

# 100 calls per 30 minutes, 180 s handling, 20 s target (the classic Erlang C example)
LAM, MU = 100 / 1800, 1 / 180


def test_erlang_c_published_example():
    result = erlang_c(LAM, MU, 14, (20,))
    assert round(result.p_wait, 4) == 0.1741
    assert round(result.service_level[20], 3) == 0.888
    assert round(result.asa, 2) == 7.84
    assert round(result.occupancy, 3) == 0.714
    assert result.answered == 1.0 and result.abandoned == 0.0


def test_solve_finds_fourteen_agents_for_eighty_percent_in_twenty_seconds():
    assert solve(LAM, MU, None, Target.parse("service-level=0.8@20s")) == 14
    assert erlang_c(LAM, MU, 13, (20,)).service_level[20] < 0.8


@pytest.mark.parametrize("calls, aht, agents", [(100, 3, 14), (250, 4.5, 45), (40, 6, 10), (600, 2, 45), (12, 8, 4)])
def test_erlang_c_agrees_with_pyworkforce(calls, aht, agents):
    queuing = pytest.importorskip("pyworkforce.queuing")
    oracle = queuing.ErlangC(transactions=calls, asa=20 / 60, aht=aht, interval=30, shrinkage=0.0)
    ours = erlang_c(calls / 1800, 1 / (aht * 60), agents, (20,))
    assert ours.p_wait == pytest.approx(oracle.waiting_probability(positions=agents), rel=1e-9)
    assert ours.service_level[20] == pytest.approx(oracle.service_level(positions=agents), rel=1e-9)
    assert ours.occupancy == pytest.approx(oracle.achieved_occupancy(positions=agents), rel=1e-9)


def test_solve_with_callers_who_never_give_up_asks_for_a_stable_line():
    assert solve(LAM, MU, None, Target.parse("answer-rate=0.85")) == 9  # 9 agents: 90 % of 10 Erlangs
    assert solve(LAM, MU, None, Target.parse("answer-rate=0.95")) == 10


def test_pyworkforce_solves_the_same_agents():
    queuing = pytest.importorskip("pyworkforce.queuing")
    for calls, aht in ((100, 3), (320, 5), (45, 7)):
        oracle = queuing.ErlangC(transactions=calls, asa=20 / 60, aht=aht, interval=30, shrinkage=0.0)
        wanted = oracle.required_positions(service_level=0.8, max_occupancy=1.0)["raw_positions"]
        assert solve(calls / 1800, 1 / (aht * 60), None, Target.parse("service-level=0.8@20s")) == wanted


@pytest.mark.parametrize("agents", [11, 14, 20])
def test_erlang_a_tends_to_erlang_c_as_patience_grows(agents):
    c = erlang_c(LAM, MU, agents, (20, 60))
    a = erlang_a(LAM, MU, agents, 1e-9, (20, 60))  # a patience of 30 years
    assert a.p_wait == pytest.approx(c.p_wait, rel=1e-5)
    assert a.asa == pytest.approx(c.asa, rel=1e-5)
    assert a.service_level[20] == pytest.approx(c.service_level[20], rel=1e-5)
    assert a.service_level[60] == pytest.approx(c.service_level[60], rel=1e-5)
    assert a.abandoned < 1e-5


def test_erlang_a_moves_monotonically_towards_erlang_c():
    c = erlang_c(LAM, MU, 12, (20,))
    gaps = [abs(erlang_a(LAM, MU, 12, 1 / patience, (20,)).asa - c.asa) for patience in (60, 600, 6000, 600000)]
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 0.01 * c.asa


def test_erlang_a_with_impatient_callers_answers_fewer_but_faster():
    c = erlang_c(LAM, MU, 11, (20,))
    a = erlang_a(LAM, MU, 11, 1 / 60, (20,))
    assert a.answered < 1 and a.abandoned == pytest.approx(1 - a.answered, abs=1e-9)
    assert a.asa < c.asa and a.p_wait < c.p_wait


def test_overload_without_patience_never_answers_in_time():
    result = erlang_c(LAM, MU, 9, (20,))  # 10 Erlangs on 9 agents
    assert result.p_wait == 1.0 and math.isinf(result.asa) and result.service_level[20] == 0.0
    assert result.answered == pytest.approx(0.9)  # 9 agents answer at most 9/10 of the calls


def test_overload_with_patience_is_stable():
    result = erlang_a(LAM, MU, 9, 1 / 120, (20,))
    assert 0 < result.answered < 1 and math.isfinite(result.asa)
    assert result.occupancy < 1.0


def test_no_agent_means_every_caller_gives_up():
    result = erlang_a(LAM, MU, 0, 1 / 120, (20,))
    assert result.answered == 0.0 and result.abandoned == 1.0


def test_answer_rate_target_needs_fewer_agents_when_callers_are_patient():
    target = Target.parse("answer-rate=0.85")
    impatient = solve(LAM, MU, 1 / 30, target)
    patient = solve(LAM, MU, 1 / 600, target)
    assert patient <= impatient
    assert erlang_a(LAM, MU, impatient, 1 / 30, ()).answered >= 0.85
    assert erlang_a(LAM, MU, impatient - 1, 1 / 30, ()).answered < 0.85


@pytest.mark.parametrize("text", ["answer-rate=1.5", "service-level=0.8@", "speed=3", "answer-rate"])
def test_unreadable_targets_are_refused(text):
    with pytest.raises(ValueError):
        Target.parse(text)
