"""Small helpers the public-service rules share."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ivr_lint.analysis.scenarios import Scenario, ScenarioGraph, scenarios_of
from ivr_lint.rules.base import FlowContext

OPEN_HOURS = Scenario("open")


def open_graph(ctx: FlowContext) -> ScenarioGraph:
    """The flow as callers meet it during opening hours, under normal load."""
    return scenarios_of(ctx.graph).get(OPEN_HOURS)


def arrow(path: list[str]) -> str:
    return " -> ".join(path)


def first_saying(names: Iterable[str], ctx: FlowContext, cue_of: Callable) -> tuple[bool, list]:
    """Whether a prompt of the nodes `names` (in that order) surely says it (`cue_of(node)`
    gives a cue with `found`, or None), and the unsure readings before it: reading stops at
    the first prompt that says it, so a flow that says it early costs one reading."""
    unsure = []
    for name in names:
        cue = cue_of(ctx.flow.nodes[name])
        if cue is not None:
            if cue.found:
                return True, unsure
            unsure.append(cue)
    return False, unsure
