"""Small helpers the public-service rules share."""

from __future__ import annotations

from ivr_lint.analysis.scenarios import Scenario, ScenarioGraph, scenarios_of
from ivr_lint.rules.base import FlowContext

OPEN_HOURS = Scenario("open")


def open_graph(ctx: FlowContext) -> ScenarioGraph:
    """The flow as callers meet it during opening hours, under normal load."""
    return scenarios_of(ctx.graph).get(OPEN_HOURS)


def arrow(path: list[str]) -> str:
    return " -> ".join(path)
