"""Streaming statistics: counters per interval that both engines fill, merged and summarised.

Nothing keeps a call: each call adds to its interval's counters and to a fixed histogram
of waits (for the 90th percentile), so memory depends on the number of intervals, never on
the number of calls. Counters add up, so replications, days and the whole period are sums,
and the closed forms fill the same counters with expected numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: waits are binned by BIN seconds up to BINS * BIN; longer waits fall in the last bin
BIN = 5.0
BINS = 720

COUNTERS = ("offered", "answered", "abandoned", "ivr_abandoned", "information", "closed", "transfer",
            "callback", "callbacks_made", "voicemail", "loop", "reached_queue", "waited", "congestion")


@dataclass
class QueueStats:
    asked: float = 0.0  # callers who reached the queue node (once each): they asked for a person
    offered: float = 0.0  # callers who waited in line (after the congestion branch, if any)
    answered: float = 0.0
    abandoned: float = 0.0
    timed_out: float = 0.0  # left after max_wait (on_timeout)
    waited: float = 0.0  # callers who found every agent busy
    wait_sum: float = 0.0  # seconds waited by answered callers
    within: dict[float, float] = field(default_factory=dict)
    congestion: float = 0.0  # callers sent to the congestion branch
    callbacks_made: float = 0.0
    busy_seconds: float = 0.0
    staffed_seconds: float = 0.0
    agents: float = 0.0
    needed: float | None = None
    histogram: list[int] | None = None  # wait histogram of answered callers (simulation only)
    p90_closed: float | None = None  # the closed forms' 90th percentile wait
    unstable: bool = False  # more work than agents and nobody gives up: the wait grows without bound

    def add(self, other: "QueueStats") -> None:
        for name in ("asked", "offered", "answered", "abandoned", "timed_out", "waited", "wait_sum", "congestion",
                     "callbacks_made", "busy_seconds", "staffed_seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for t, v in other.within.items():
            self.within[t] = self.within.get(t, 0.0) + v
        if other.histogram is not None:
            if self.histogram is None:
                self.histogram = [0] * BINS
            for i, v in enumerate(other.histogram):
                if v:
                    self.histogram[i] += v
        self.agents = max(self.agents, other.agents)
        if other.needed is not None:
            self.needed = max(self.needed or 0, other.needed)
        self.unstable = self.unstable or other.unstable
        if other.p90_closed is not None:
            self.p90_closed = max(self.p90_closed or 0.0, other.p90_closed)

    def record_wait(self, seconds: float, within: tuple[float, ...]) -> None:
        self.answered += 1
        self.wait_sum += seconds
        for t in within:
            if seconds <= t:
                self.within[t] = self.within.get(t, 0.0) + 1
        if self.histogram is None:
            self.histogram = [0] * BINS
        self.histogram[min(BINS - 1, int(seconds / BIN))] += 1

    def p90(self) -> float | None:
        if self.histogram is None:
            return self.p90_closed
        total = sum(self.histogram)
        if not total:
            return None
        goal, running = 0.9 * total, 0
        for i, v in enumerate(self.histogram):
            running += v
            if running >= goal:
                return (i + 1) * BIN if i else (0.0 if self.histogram[0] == total else BIN)
        return BINS * BIN


@dataclass
class Stats:
    """What happened to the calls offered in one interval (or a day, or the period)."""

    offered: float = 0.0
    ivr_abandoned: float = 0.0
    information: float = 0.0  # ended by a message while the service is open
    closed: float = 0.0  # ended by a message while it is closed or on holiday
    transfer: float = 0.0
    callback: float = 0.0  # callbacks asked for
    voicemail: float = 0.0
    loop: float = 0.0
    ivr_seconds: float = 0.0  # total time callers reaching a queue spent in the IVR before it
    queues: dict[str, QueueStats] = field(default_factory=dict)

    def queue(self, name: str) -> QueueStats:
        found = self.queues.get(name)
        if found is None:
            found = self.queues[name] = QueueStats()
        return found

    def add(self, other: "Stats") -> None:
        for name in ("offered", "ivr_abandoned", "information", "closed", "transfer", "callback", "voicemail",
                     "loop", "ivr_seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, q in other.queues.items():
            self.queue(name).add(q)

    def scaled(self, factor: float) -> "Stats":
        """Counts divided by replications (agents and percentiles stay as they are)."""
        out = Stats()
        out.add(self)
        for name in ("offered", "ivr_abandoned", "information", "closed", "transfer", "callback", "voicemail",
                     "loop", "ivr_seconds"):
            setattr(out, name, getattr(out, name) * factor)
        for q in out.queues.values():
            for name in ("asked", "offered", "answered", "abandoned", "timed_out", "waited", "wait_sum", "congestion",
                         "callbacks_made", "busy_seconds", "staffed_seconds"):
                setattr(q, name, getattr(q, name) * factor)
            q.within = {t: v * factor for t, v in q.within.items()}
        return out

    # -- summary ---------------------------------------------------------------------------
    def total(self) -> QueueStats:
        out = QueueStats()
        for q in self.queues.values():
            out.add(q)
        out.agents = sum(q.agents for q in self.queues.values())
        needed = [q.needed for q in self.queues.values() if q.needed is not None]
        out.needed = sum(needed) if needed else None
        return out

    def summary(self, within: tuple[float, ...]) -> dict:
        t = self.total()
        offered = self.offered
        reached = t.offered

        def rate(x: float, of: float) -> float | None:
            return x / of if of else None

        return {
            "offered": _round(offered),
            "answered": _round(t.answered),
            "asked_for_agent": _round(t.asked),
            "answer_rate": rate(t.answered, t.asked),
            "answered_of_offered": rate(t.answered, offered),
            "answered_within": {f"{s:g}": _round(t.within.get(s, 0.0)) for s in within},
            "service_level": {f"{s:g}": rate(t.within.get(s, 0.0), t.asked) for s in within},
            "abandoned_queue": _round(t.abandoned),
            "abandoned_ivr": _round(self.ivr_abandoned),
            "timed_out": _round(t.timed_out),
            "information": _round(self.information),
            "closed": _round(self.closed),
            "transfers": _round(self.transfer),
            "callbacks_requested": _round(self.callback),
            "callbacks_made": _round(t.callbacks_made),
            "voicemails": _round(self.voicemail),
            "reached_queue": _round(reached),
            "p_wait": rate(t.waited, reached),
            "asa": None if t.unstable else rate(t.wait_sum, t.answered),
            "unstable": t.unstable,
            "p90_wait": t.p90(),
            "occupancy": rate(t.busy_seconds, t.staffed_seconds),
            "ivr_seconds": rate(self.ivr_seconds, reached),
            "congestion": {name: _round(q.congestion) for name, q in self.queues.items()},
            "agents": _round(t.agents),
            "agents_needed": t.needed,
        }


def _round(value: float) -> float:
    return round(value, 3) if not float(value).is_integer() else int(value)


def mean_interval(values: list[float]) -> tuple[float, float]:
    """Mean and half-width of a 95 % confidence interval (Student's t) over replications."""
    n = len(values)
    mean = sum(values) / n if n else math.nan
    if n < 2:
        return mean, math.nan
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, _T95.get(n - 1, 1.96) * math.sqrt(variance / n)


_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
        20: 2.086, 25: 2.060, 30: 2.042}
