"""Closed forms for one queue in one interval: Erlang C (callers wait for ever) and Erlang A.

Erlang A is the M/M/n+M queue (Palm; Garnett, Mandelbaum and Reiman 2002): Poisson arrivals
at rate `lam`, n agents serving at rate `mu` each, and callers who hang up after an
exponential patience of rate `theta`. Its stationary distribution is a birth-death chain;
the waiting time of a caller who finds i callers ahead is the sum of exponential phases
of rates n·mu + (k+1)·theta (k = i..0), and that caller is served with probability
n·mu / (n·mu + (i+1)·theta) (the product telescopes). Service levels come from that
phase-type distribution by uniformisation. As theta → 0 it tends to Erlang C.

Definitions (per call offered to the queue): `answered` the share reaching an agent,
`service_level[t]` the share answered within t seconds, `asa` the mean wait of answered
calls, `p_wait` the share that finds every agent busy, `abandoned` the share that hangs up
waiting, `occupancy` the share of agent time spent on calls, `mean_queue` the mean number
waiting.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

_TAIL = 1e-13
_MAX_QUEUE = 20_000


@dataclass(frozen=True)
class QueueResult:
    agents: float
    offered_load: float  # Erlangs: lam / mu
    p_wait: float
    answered: float
    abandoned: float
    asa: float  # seconds; inf when the queue grows without bound
    service_level: dict[float, float]
    occupancy: float
    mean_queue: float
    mean_wait: float  # seconds, every caller (answered or not): the predicted wait

    def to_dict(self) -> dict:
        return {"agents": self.agents, "offered_load": self.offered_load, "p_wait": self.p_wait,
                "answered": self.answered, "abandoned": self.abandoned, "asa": _finite(self.asa),
                "service_level": {f"{t:g}": v for t, v in self.service_level.items()},
                "occupancy": self.occupancy, "mean_queue": _finite(self.mean_queue),
                "mean_wait": _finite(self.mean_wait)}


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def erlang_b(load: float, n: int) -> float:
    """Blocking probability of n servers under `load` Erlangs (stable recursion)."""
    b = 1.0
    for k in range(1, n + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(lam: float, mu: float, n: int, within: tuple[float, ...] = (20.0,)) -> QueueResult:
    """M/M/n: nobody gives up."""
    load = lam / mu if mu > 0 else math.inf
    if lam <= 0:
        return QueueResult(n, 0.0, 0.0, 1.0, 0.0, 0.0, {t: 1.0 for t in within}, 0.0, 0.0, 0.0)
    if n <= 0 or load >= n:  # the line grows all interval long: agents answer at most n mu per second
        return QueueResult(n, load, 1.0, min(1.0, n / load), 0.0, math.inf, {t: 0.0 for t in within},
                           1.0 if n > 0 else 0.0, math.inf, math.inf)
    b = erlang_b(load, n)
    p_wait = n * b / (n - load * (1 - b))
    drain = n * mu - lam
    asa = p_wait / drain
    levels = {t: 1 - p_wait * math.exp(-drain * t) for t in within}
    return QueueResult(n, load, p_wait, 1.0, 0.0, asa, levels, load / n, p_wait * lam / drain, asa)


@functools.lru_cache(maxsize=4096)
def erlang_a(lam: float, mu: float, n: int, theta: float | None, within: tuple[float, ...] = (20.0,)) -> QueueResult:
    """M/M/n+M: callers hang up after an exponential patience of mean 1/theta (None or 0: Erlang C).
    Cached: the intervals of a week repeat the same figures."""
    if not theta:
        return erlang_c(lam, mu, n, within)
    load = lam / mu
    if lam <= 0:
        return QueueResult(n, 0.0, 0.0, 1.0, 0.0, 0.0, {t: 1.0 for t in within}, 0.0, 0.0, 0.0)
    import numpy as np

    service = n * mu
    # queue part relative to pi_n: q[k] = prod_{m=1..k} lam / (n mu + m theta), k = 0..K
    peak = max(0.0, (lam - service) / theta)
    size = min(_MAX_QUEUE, int(peak + 12 * math.sqrt(lam / theta) + 50))
    steps = np.arange(1, size + 1)
    q = np.concatenate(([1.0], np.exp(np.cumsum(math.log(lam) - np.log(service + steps * theta)))))
    total = float(q.sum())
    below = 1.0 / erlang_b(load, n) - 1.0 if n > 0 else 0.0  # sum_{j<n} pi_j / pi_n
    pi_n = 1.0 / (below + total)
    p_wait = pi_n * total
    mean_queue = pi_n * float(np.dot(np.arange(size + 1), q))
    abandoned = theta * mean_queue / lam
    if n == 0:
        return QueueResult(0, load, 1.0, 0.0, 1.0, 0.0, {t: 0.0 for t in within}, 0.0, mean_queue, 1.0 / theta)
    # a caller finding i ahead (state n+i) is served with probability service / (service + (i+1) theta),
    # after phases of rates service + (k+1) theta, k = i..0
    rates = service + (np.arange(size + 1) + 1) * theta
    served = pi_n * q * service / rates
    answered = (1.0 - p_wait) + float(served.sum())
    asa = float(np.dot(served, np.cumsum(1.0 / rates))) / answered if answered > 0 else 0.0
    levels = _levels(served, service, theta, within) if within else {}
    levels = {t: (1.0 - p_wait) + v for t, v in levels.items()}
    occupancy = min(1.0, lam * answered / mu / n)
    return QueueResult(n, load, p_wait, answered, abandoned, asa, levels, occupancy, mean_queue, mean_queue / lam)


def _levels(served: list[float], service: float, theta: float, within: tuple[float, ...]) -> dict[float, float]:
    """Sum over i of served[i] * P(sum of phases k = 0..i of rates service + (k+1) theta <= t)."""
    import numpy as np

    tail = np.cumsum(served[::-1])[::-1]
    keep = max(1, int(np.count_nonzero(tail > 1e-11 * tail[0])))
    v = served[:keep].copy()
    total = float(v.sum())
    rates = service + (np.arange(keep) + 1) * theta
    top = float(rates[-1])
    stay = 1.0 - rates / top
    move = rates / top
    horizon = max(within) * top
    jumps = int(horizon + 8 * math.sqrt(horizon) + 12)  # the Poisson number of jumps stays below this
    absorbed = np.empty(jumps + 1)
    absorbed[0] = 0.0
    out = np.empty_like(v)
    done = 0.0
    for m in range(1, jumps + 1):
        np.multiply(v, move, out=out)
        done += out[0]
        v *= stay
        v[:-1] += out[1:]
        absorbed[m] = done
        if done >= total * (1 - 1e-13):
            absorbed[m + 1:] = done
            break
    result = {}
    ms = np.arange(jumps + 1)
    for t in within:
        x = t * top
        if x <= 0:
            result[t] = 0.0
            continue
        log_weights = ms * math.log(x) - x - _log_factorials(jumps)
        result[t] = float(np.dot(np.exp(log_weights), absorbed))
    return result


@functools.lru_cache(maxsize=64)
def _log_factorials(upto: int):
    import numpy as np

    return np.array([math.lgamma(k + 1) for k in range(upto + 1)])


def meets(result: QueueResult, target: "Target") -> bool:
    return target.value_of(result) >= target.level - 1e-12


@dataclass(frozen=True)
class Target:
    """`answer-rate=0.85` or `service-level=0.8@20s`."""

    kind: str  # "answer-rate" or "service-level"
    level: float
    seconds: float | None = None

    @classmethod
    def parse(cls, text: str) -> "Target":
        name, equals, value = text.partition("=")
        name = name.strip().lower()
        try:
            if name == "answer-rate" and equals:
                level = float(value)
                if 0 < level <= 1:
                    return cls("answer-rate", level)
            if name == "service-level" and equals:
                level_text, at, seconds = value.partition("@")
                level, secs = float(level_text), float(seconds.strip().rstrip("s") if at else "20")
                if 0 < level <= 1 and secs > 0:
                    return cls("service-level", level, secs)
        except ValueError:
            pass
        raise ValueError(f"unreadable target {text!r}: use answer-rate=0.85 or service-level=0.8@20s")

    def value_of(self, result: QueueResult) -> float:
        if self.kind == "answer-rate":
            return result.answered
        return result.service_level.get(self.seconds, 0.0)

    def __str__(self) -> str:
        if self.kind == "answer-rate":
            return f"answer-rate={self.level:g}"
        return f"service-level={self.level:g}@{self.seconds:g}s"


def solve(lam: float, mu: float, theta: float | None, target: Target, limit: int = 100_000) -> int:
    """The fewest agents meeting `target` (Erlang A, or C when theta is None): meeting it only
    gets easier with more agents, so a doubling search then a bisection."""
    if lam <= 0:
        return 0
    within = (target.seconds,) if target.seconds else ()

    def ok(n: int) -> bool:
        return meets(erlang_a(lam, mu, n, theta, within), target)

    # n agents answer at most n mu / lam of the calls, so fewer than level x load never meet the target
    low = max(0, math.ceil(target.level * lam / mu) - 1)
    high = max(low + 1, math.ceil(lam / mu))
    while not ok(high):
        if high >= limit:
            return limit
        low, high = high, min(limit, high * 2)
    while high - low > 1:
        middle = (low + high) // 2
        if ok(middle):
            high = middle
        else:
            low = middle
    return high
