"""One load run: the closed forms, or replications of the simulation in parallel processes.

Replications are independent runs with seeds `seed`, `seed + 1`...; each process reads the
traffic file and the flow itself (nothing but counters crosses a process boundary), and
their counters are averaged. A national network would fan the same replications out on
an existing engine (Ray, Dask) rather than a home-made one: `replicate` is the unit of work.
The agents needed always come from the closed forms (`--solve`), whichever engine runs.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from ivr_lint.load.closed import ClosedForms
from ivr_lint.load.erlang import Target
from ivr_lint.load.plan import Plan, build_plan
from ivr_lint.load.stats import Stats, mean_interval
from ivr_lint.load.traffic import read_traffic

DEFAULT_TARGET = "answer-rate=0.85"  # the "plan téléphone" aims above 85 % of calls answered


@dataclass
class Result:
    plan: Plan
    engine: str  # "closed" or "simulation"
    intervals: list[Stats]
    targets: list[Target]
    replications: int = 0
    seed: int | None = None
    confidence: dict[str, tuple[float, float]] = field(default_factory=dict)

    def period(self) -> Stats:
        total = Stats()
        for stats in self.intervals:
            total.add(stats)
        return total

    def days(self) -> list[tuple[date, Stats, list[int]]]:
        out: dict[date, tuple[Stats, list[int]]] = {}
        for slot, stats in zip(self.plan.slots, self.intervals):
            day, indexes = out.setdefault(slot.day, (Stats(), []))
            day.add(stats)
            indexes.append(slot.index)
        return [(day, stats, indexes) for day, (stats, indexes) in out.items()]


def targets_for(plan: Plan, given: list[str]) -> list[Target]:
    """--target values, else the traffic file's `targets`, else none."""
    if given:
        return [Target.parse(t) for t in given]
    return [Target.parse(f"{name}={value}") for name, value in plan.traffic.targets.items()]


def closed(plan: Plan, targets: list[Target], solve_for: Target | None) -> Result:
    return Result(plan, "closed", ClosedForms(plan, solve_for).run(), targets)


def replicate(traffic_path: str, today: date, seed: int) -> list[Stats]:
    """One replication in its own process: read the traffic file and the flow, simulate."""
    from ivr_lint.load.simulation import Simulation

    plan = build_plan(read_traffic(traffic_path, today))
    return Simulation(plan, seed).run()


def simulate(plan: Plan, targets: list[Target], solve_for: Target | None, replications: int, seed: int,
             jobs: int, today: date, progress: Callable[[int], None] | None = None) -> Result:
    from ivr_lint.load.simulation import Simulation

    runs: list[list[Stats]] = []
    if jobs <= 1 or replications == 1:
        for r in range(replications):
            slot_progress = (lambda i, r=r: progress(r * len(plan.slots) + i)) if progress else None
            runs.append(Simulation(plan, seed + r, slot_progress).run())
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, replications)) as pool:
            futures = {pool.submit(replicate, plan.traffic.path, today, seed + r): r for r in range(replications)}
            done: dict[int, list[Stats]] = {}
            for count, future in enumerate(as_completed(futures), start=1):
                done[futures[future]] = future.result()
                if progress:
                    progress(count * len(plan.slots) - 1)
        runs = [done[r] for r in range(replications)]  # in seed order, whatever finished first
    merged = [Stats() for _ in plan.slots]
    for run in runs:
        for total, stats in zip(merged, run):
            total.add(stats)
    intervals = [stats.scaled(1.0 / replications) for stats in merged]
    if solve_for is not None:
        needed = ClosedForms(plan, solve_for).run()
        for stats, closed_stats in zip(intervals, needed):
            for name, q in stats.queues.items():
                q.needed = closed_stats.queue(name).needed
    result = Result(plan, "simulation", intervals, targets, replications, seed)
    within = plan.traffic.answered_within
    per_run = []
    for run in runs:
        total = Stats()
        for stats in run:
            total.add(stats)
        per_run.append(total.summary(within))
    for key in ("answer_rate", "asa", "p_wait"):
        values = [s[key] for s in per_run if s[key] is not None]
        if values:
            result.confidence[key] = mean_interval(values)
    first = f"{within[0]:g}"
    values = [s["service_level"][first] for s in per_run if s["service_level"][first] is not None]
    if values:
        result.confidence[f"service_level_{first}"] = mean_interval(values)
    abandoned = [s["abandoned_queue"] / s["asked_for_agent"] for s in per_run if s["asked_for_agent"]]
    if abandoned:
        result.confidence["abandon_rate"] = mean_interval(abandoned)
    return result


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
