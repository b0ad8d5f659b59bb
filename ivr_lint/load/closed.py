"""The closed-form engine: the flow as a Markov chain, each queue as an Erlang A (or C) queue.

For each interval, the calls offered at the flow's start are pushed through the flow's ways
out (`walk`) until every share has ended or reached a queue; each queue then gets the
Poisson arrivals of that share and is solved with that interval's agents. A queue whose
predicted wait (or queue length) passes its congestion threshold sends its first-time
callers to its `congestion` branch for the whole interval; those who come back wait in line.
Callbacks asked for come back, `delay` later, as work for the same agents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ivr_lint.load.erlang import QueueResult, Target, erlang_a, solve
from ivr_lint.load.plan import Plan, Slot
from ivr_lint.load.stats import Stats
from ivr_lint.load.walk import OUTCOMES, end_event, survival
from ivr_lint.model import flow as m

_RANK = {name: i for i, name in enumerate(OUTCOMES)}
_MAX_STEPS = 400
_NEGLIGIBLE = 1e-10


@dataclass
class Routing:
    """Where the calls offered at the start of the flow go, as shares of them."""

    queues: dict[str, float] = field(default_factory=dict)  # share reaching each queue (and waiting)
    asked: dict[str, float] = field(default_factory=dict)  # share reaching each queue node a first time
    ivr_seconds: dict[str, float] = field(default_factory=dict)  # their IVR time, summed (share x seconds)
    ends: dict[str, float] = field(default_factory=dict)  # outcome -> share, for calls ending in the IVR
    callbacks: float = 0.0
    voicemails: float = 0.0
    congestion: dict[str, float] = field(default_factory=dict)  # share sent to each congestion branch
    callback_from: dict[str, float] = field(default_factory=dict)  # queue -> share asking a callback after it


def mix(plain: Routing, diverted: list[tuple[float, Routing]]) -> Routing:
    """`plain`, with a share f of the callers of each congested queue routed as in its own routing."""
    if not diverted:
        return plain
    out = Routing(callbacks=plain.callbacks, voicemails=plain.voicemails)
    for name in ("queues", "asked", "ivr_seconds", "ends", "congestion", "callback_from"):
        table = dict(getattr(plain, name))
        for f, other in diverted:
            for key in set(table) | set(getattr(other, name)):
                table[key] = table.get(key, 0.0) + f * (getattr(other, name).get(key, 0.0) - getattr(plain, name).get(key, 0.0))
        setattr(out, name, table)
    for f, other in diverted:
        out.callbacks += f * (other.callbacks - plain.callbacks)
        out.voicemails += f * (other.voicemails - plain.voicemails)
    return out


def route(plan: Plan, scenario: tuple[str, ...], congested: frozenset[str]) -> Routing:
    """Push a unit of calls through the flow in this scenario, with these queues congested."""
    walk = plan.walk
    patience = plan.traffic.ivr_patience
    is_open = all(s == "open" for s in scenario)
    out = Routing()
    # state: (node, failures, visited queues, best event, last queue) -> [mass, mass * elapsed]
    pending: dict[tuple, list[float]] = {(walk.start, 0, frozenset(), None, None): [1.0, 0.0]}
    for _ in range(_MAX_STEPS):
        if not pending:
            break
        following: dict[tuple, list[float]] = {}
        for (node, failures, visited, best, last), (mass, timed) in pending.items():
            if mass < _NEGLIGIBLE:
                continue
            if isinstance(node, m.QueueNode):
                name = walk.name(node)
                said = walk.prompt_seconds(node)
                alive = survival(said, patience)
                _add(out.ends, "ivr-abandoned", mass * (1 - alive))
                mass, timed = mass * alive, (timed + mass * said) * alive
                if name not in visited:
                    out.asked[name] = out.asked.get(name, 0.0) + mass
                if name in congested and name not in visited and node.congestion:
                    out.congestion[name] = out.congestion.get(name, 0.0) + mass
                    target = walk.file_of[id(node)].flow.nodes.get(node.congestion)
                    if target is not None:
                        _push(following, (target, 0, visited | {name}, best, name), mass, timed)
                        continue
                out.queues[name] = out.queues.get(name, 0.0) + mass
                out.ivr_seconds[name] = out.ivr_seconds.get(name, 0.0) + timed
                continue
            for move in walk.moves(node, failures, scenario):
                share = mass * move.share
                alive = survival(move.seconds, patience)
                _add(out.ends, "ivr-abandoned", share * (1 - alive))
                share_alive = share * alive
                moved_time = (timed * move.share + share * move.seconds) * alive
                event = move.event
                new_best = best
                if event in ("callback", "voicemail", "transfer"):
                    if event == "callback":
                        out.callbacks += share_alive
                        key = last or (plan.traffic.callback_queue or (plan.queues[0] if plan.queues else ""))
                        out.callback_from[key] = out.callback_from.get(key, 0.0) + share_alive
                    if event == "voicemail":
                        out.voicemails += share_alive
                    new_best = event if best is None or _RANK[event] < _RANK[best] else best
                if move.target is None:
                    _add(out.ends, new_best or end_event(event, is_open), share_alive)
                else:
                    _push(following, (move.target, move.failures, visited, new_best, last), share_alive, moved_time)
        pending = following
    left = sum(v[0] for v in pending.values())
    if left > _NEGLIGIBLE:
        _add(out.ends, "loop", left)
    return out


def _push(table: dict, key: tuple, mass: float, timed: float) -> None:
    found = table.get(key)
    if found is None:
        table[key] = [mass, timed]
    else:
        found[0] += mass
        found[1] += timed


def _add(table: dict, key: str, value: float) -> None:
    if value:
        table[key] = table.get(key, 0.0) + value


def _p90(result: QueueResult, mu: float, lam: float) -> float | None:
    """The 90th-percentile wait of answered callers, for Erlang C (closed form); None otherwise."""
    if result.abandoned or not math.isfinite(result.asa):
        return None
    if result.p_wait <= 0.1:
        return 0.0
    return math.log(result.p_wait / 0.1) / (result.agents * mu - lam)


class ClosedForms:
    """Per interval and queue: arrivals from the routing, then Erlang A (or C)."""

    def __init__(self, plan: Plan, target: Target | None = None):
        self.plan = plan
        self.target = target
        self._routes: dict[tuple, Routing] = {}

    def routing(self, scenario: tuple[str, ...], congested: frozenset[str]) -> Routing:
        key = (scenario, congested)
        if key not in self._routes:
            self._routes[key] = route(self.plan, scenario, congested)
        return self._routes[key]

    def queue_result(self, queue: str, lam: float, agents: float, within: tuple[float, ...]) -> QueueResult:
        traffic = self.plan.traffic
        mu = 1.0 / traffic.handling_for(queue).mean
        patience = traffic.patience_for(queue)
        return erlang_a(lam, mu, int(agents), 1.0 / patience if patience else None, within)

    def _over(self, queue: str, result: QueueResult) -> bool:
        rule = self.plan.traffic.congestion_for(queue)
        return bool((rule.wait_above is not None and result.asa > rule.wait_above) or
                    (rule.queue_above is not None and result.mean_queue > rule.queue_above))

    def run(self) -> list[Stats]:
        """Each interval: the callers a congested queue diverts are the share that brings its
        predicted wait back to the threshold (the branch acts as a regulator, as on a platform
        that decides caller by caller); congested queues are treated one by one."""
        plan = self.plan
        seconds = plan.interval_seconds
        out: list[Stats] = []
        callbacks_due: list[dict[str, float]] = [dict() for _ in plan.slots]
        delay = plan.traffic.callback_delay
        delay_slots = int(math.ceil(delay / seconds)) if delay else 0
        congestible = {walk_name for walk_name in plan.queues
                       if getattr(plan.walk.node_named(walk_name), "congestion", None)}
        for slot in plan.slots:
            plain = self.routing(slot.scenario, frozenset())
            due = {}
            for queue, count in callbacks_due[slot.index].items():
                if slot.staff.get(queue, 0):
                    due[queue] = count
                elif slot.index + 1 < len(plan.slots):  # nobody to call: later
                    later = callbacks_due[slot.index + 1]
                    later[queue] = later.get(queue, 0.0) + count
            diverted = []
            for queue in plan.queues:
                if queue not in congestible:
                    continue
                agents = slot.staff.get(queue, 0)

                def over(f: float, congested: Routing | None = None) -> bool:
                    share = plain.queues.get(queue, 0.0) if congested is None else (
                        (1 - f) * plain.queues.get(queue, 0.0) + f * congested.queues.get(queue, 0.0))
                    lam = (slot.offered * share + due.get(queue, 0.0)) / seconds
                    return lam > 0 and self._over(queue, self.queue_result(queue, lam, agents, ()))

                if not over(0.0):
                    continue
                congested = self.routing(slot.scenario, frozenset([queue]))
                low, high = 0.0, 1.0
                if over(1.0, congested):
                    low = 1.0
                else:
                    for _ in range(8):  # f within 0.4 %
                        middle = (low + high) / 2
                        if over(middle, congested):
                            low = middle
                        else:
                            high = middle
                    low = high
                diverted.append((low, congested))
            stats = Stats(offered=slot.offered)
            self._fill(stats, slot, mix(plain, diverted), due, callbacks_due, delay_slots)
            out.append(stats)
        return out

    def _fill(self, stats: Stats, slot: Slot, routing: Routing, due: dict[str, float], callbacks_due: list,
              delay_slots: int) -> None:
        plan, traffic = self.plan, self.plan.traffic
        within = traffic.answered_within
        seconds = plan.interval_seconds
        n = slot.offered
        for outcome, share in routing.ends.items():
            attribute = {"ivr-abandoned": "ivr_abandoned", "information": "information", "closed": "closed",
                         "transfer": "transfer", "loop": "loop", "hangup": "information"}.get(outcome)
            if attribute:
                setattr(stats, attribute, getattr(stats, attribute) + n * share)
        stats.callback = n * routing.callbacks
        stats.voicemail = n * routing.voicemails
        for queue, share in routing.callback_from.items():
            later = slot.index + delay_slots
            if share and later < len(plan.slots) and queue:
                table = callbacks_due[later]
                table[queue] = table.get(queue, 0.0) + n * share * traffic.callback_answered
        for queue in plan.queues:
            q = stats.queue(queue)
            agents = slot.staff.get(queue, 0)
            q.agents = agents
            q.staffed_seconds = agents * seconds
            arrivals = n * routing.queues.get(queue, 0.0)
            outbound = due.get(queue, 0.0)
            q.asked = n * routing.asked.get(queue, 0.0)
            q.congestion = n * routing.congestion.get(queue, 0.0)
            q.callbacks_made = outbound
            stats.ivr_seconds += n * routing.ivr_seconds.get(queue, 0.0)
            if arrivals <= 0 and outbound <= 0:
                if self.target is not None:
                    q.needed = 0
                continue
            lam = (arrivals + outbound) / seconds
            result = self.queue_result(queue, lam, agents, within)
            q.offered = arrivals
            q.answered = arrivals * result.answered
            q.abandoned = arrivals * result.abandoned
            q.waited = arrivals * result.p_wait
            q.unstable = not math.isfinite(result.asa)
            q.wait_sum = 0.0 if q.unstable else q.answered * result.asa
            q.within = {t: arrivals * v for t, v in result.service_level.items()}
            mean = traffic.handling_for(queue).mean
            q.busy_seconds = min(q.staffed_seconds, (q.answered + outbound) * mean)
            q.p90_closed = _p90(result, 1.0 / mean, lam)
            if self.target is not None:
                # the agents that meet the target without diverting anyone to the congestion branch
                patience = traffic.patience_for(queue)
                wanted = (n * (routing.asked.get(queue, 0.0)) + outbound) / seconds
                q.needed = max(0, solve(max(lam, wanted), 1.0 / mean, 1.0 / patience if patience else None,
                                        self.target))
