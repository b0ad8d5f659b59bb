"""The discrete-event engine: callers walk the flow one by one, on simpy's clock.

Calls arrive as a Poisson process whose rate changes with each interval. A caller walks the
flow with that moment's scenario (`walk`): the prompts it hears, the keys it presses by the
shares, up to a queue node or an end, all in one step of the clock (nothing in the IVR
depends on other callers). At a queue, the congestion branch is taken when the predicted
wait (callers ahead × handling time / agents) or the number waiting is above its threshold;
otherwise the caller waits for one of the interval's agents (a simpy Store of agents that
grows and shrinks as the staff changes), hangs up when its patience runs out, or leaves by
`on_timeout` after `max_wait`. Callbacks asked for come back `delay` later as work for the
same agents. Statistics stream into per-interval counters (`stats`): no call is kept.
The run is seeded: the same seed gives the same numbers.
"""

from __future__ import annotations

import math
import random
from typing import Callable

import simpy

from ivr_lint.load.plan import Plan
from ivr_lint.load.stats import Stats
from ivr_lint.load.walk import OUTCOMES, end_event
from ivr_lint.model import flow as m

_RANK = {name: i for i, name in enumerate(OUTCOMES)}
_MAX_MOVES = 500


class _Agents:
    """A queue's agents as tokens in a simpy Store; staff changes take effect as calls end."""

    def __init__(self, env: simpy.Environment):
        self.store = simpy.Store(env)
        self.staff = 0
        self.leaving = 0  # agents to remove when they finish their call
        self.waiting = 0

    def set_staff(self, count: int) -> None:
        change = count - self.staff
        self.staff = count
        if change > 0:
            cancelled = min(self.leaving, change)
            self.leaving -= cancelled
            for _ in range(change - cancelled):
                self.store.put(1)
        elif change < 0:
            for _ in range(-change):
                if self.store.items:
                    self.store.items.pop()
                else:
                    self.leaving += 1

    def release(self) -> None:
        if self.leaving:
            self.leaving -= 1
        else:
            self.store.put(1)


class Simulation:
    def __init__(self, plan: Plan, seed: int = 1, progress: Callable[[int], None] | None = None):
        self.plan = plan
        self.rng = random.Random(seed)
        self.progress = progress
        self.env = simpy.Environment()
        self.stats = [Stats() for _ in plan.slots]
        self.agents = {q: _Agents(self.env) for q in plan.queues}
        traffic = plan.traffic
        self.within = traffic.answered_within
        self.service = {}
        for q in plan.queues:
            handling = traffic.handling_for(q)
            if handling.spread:
                sigma2 = math.log(1 + handling.spread ** 2)
                self.service[q] = (math.log(handling.mean) - sigma2 / 2, math.sqrt(sigma2), handling.mean)
            else:
                self.service[q] = (None, None, handling.mean)
        self.patience = {q: traffic.patience_for(q) for q in plan.queues}
        self.congestion = {q: traffic.congestion_for(q) for q in plan.queues}
        self.queue_nodes = {plan.walk.name(q): q for q in plan.walk.queues()}

    def run(self) -> list[Stats]:
        plan = self.plan
        for slot in plan.slots:
            for q in plan.queues:
                self.stats[slot.index].queue(q).staffed_seconds = slot.staff.get(q, 0) * plan.interval_seconds
                self.stats[slot.index].queue(q).agents = slot.staff.get(q, 0)
        self.env.process(self._clock())
        self.env.process(self._arrivals())
        self.env.run(until=plan.horizon + 6 * 3600)  # calls in line at the end of the period finish
        return self.stats

    # -- processes ------------------------------------------------------------------------
    def _clock(self):
        plan = self.plan
        for slot in plan.slots:
            for q in plan.queues:
                self.agents[q].set_staff(int(slot.staff.get(q, 0)))
            if self.progress is not None:
                self.progress(slot.index)
            yield self.env.timeout(plan.interval_seconds)
        for q in plan.queues:
            self.agents[q].set_staff(0)

    def _arrivals(self):
        env, rng, plan = self.env, self.rng, self.plan
        length = plan.interval_seconds
        for slot in plan.slots:
            end = (slot.index + 1) * length
            if slot.offered > 0:
                rate = slot.offered / length
                moment = slot.index * length + rng.expovariate(rate)
                while moment < end:
                    if moment > env.now:
                        yield env.timeout(moment - env.now)
                    env.process(self._caller(slot))
                    moment += rng.expovariate(rate)
            if end > env.now:
                yield env.timeout(end - env.now)

    def _service_time(self, queue: str) -> float:
        mu, sigma, mean = self.service[queue]
        return self.rng.lognormvariate(mu, sigma) if sigma else self.rng.expovariate(1.0 / mean)

    def _caller(self, slot):
        env, rng, walk, plan = self.env, self.rng, self.plan.walk, self.plan
        stats = self.stats[slot.index]
        stats.offered += 1
        scenario = slot.scenario
        ivr_patience = plan.traffic.ivr_patience
        ivr_left = rng.expovariate(1.0 / ivr_patience) if ivr_patience else math.inf
        node, failures, visited, best, last = walk.start, 0, set(), None, None
        ivr_time, counted_ivr = 0.0, False
        for _ in range(_MAX_MOVES):
            # walk the IVR up to a queue node or an end: one step of the clock
            seconds, ended, event_end = 0.0, False, None
            while not isinstance(node, m.QueueNode):
                moves = walk.moves(node, failures, scenario)
                pick, move = rng.random(), moves[-1]
                for candidate in moves:
                    pick -= candidate.share
                    if pick < 0:
                        move = candidate
                        break
                seconds += move.seconds
                if move.event in ("callback", "voicemail", "transfer"):
                    if seconds > ivr_left:
                        break
                    best = move.event if best is None or _RANK[move.event] < _RANK[best] else best
                    if move.event == "callback":
                        stats.callback += 1
                        self._schedule_callback(env.now + seconds, last)
                    elif move.event == "voicemail":
                        stats.voicemail += 1
                if move.target is None:
                    ended, event_end = True, move.event
                    break
                node, failures = move.target, move.failures
            else:
                seconds += walk.prompt_seconds(node)
            if seconds > ivr_left:
                yield env.timeout(ivr_left)
                if best is None:
                    stats.ivr_abandoned += 1
                else:
                    self._count_end(stats, best)
                return
            ivr_left -= seconds
            ivr_time += seconds
            if seconds:
                yield env.timeout(seconds)
            if ended:
                self._count_end(stats, best or end_event(event_end, slot.is_open))
                return
            # at a queue node
            name = walk.name(node)
            last = name
            q = stats.queue(name)
            agents = self.agents[name]
            if name not in visited:
                q.asked += 1
                if node.congestion and self._congested(name, agents):
                    visited.add(name)
                    q.congestion += 1
                    node, failures = walk.file_of[id(node)].flow.nodes[node.congestion], 0
                    continue
                visited.add(name)
            if not counted_ivr:  # once per caller, not again after a congestion menu
                stats.ivr_seconds += ivr_time
                counted_ivr = True
            q.offered += 1
            arrived = env.now
            if agents.store.items and not agents.waiting:
                agents.store.items.pop()
            else:
                q.waited += 1
                patience = self.patience[name]
                limit = min(rng.expovariate(1.0 / patience) if patience else math.inf,
                            node.max_wait if node.max_wait and node.on_timeout else math.inf)
                agents.waiting += 1
                request = agents.store.get()
                if math.isfinite(limit):
                    outcome = yield request | env.timeout(limit)
                    got = request in outcome
                else:
                    yield request
                    got = True
                agents.waiting -= 1
                if not got:
                    request.cancel()
                    if request.triggered:  # an agent came free at the very moment the caller left
                        agents.release()
                    if node.max_wait and node.on_timeout and env.now - arrived >= node.max_wait - 1e-9:
                        q.timed_out += 1
                        node, failures = walk.file_of[id(node)].flow.nodes[node.on_timeout], 0
                        continue
                    q.abandoned += 1
                    self._count_end(stats, best or "abandoned", counted_in_queue=True)
                    return
            q.record_wait(env.now - arrived, self.within)
            yield from self._serve(name, agents)
            return
        stats.loop += 1

    def _serve(self, name: str, agents: _Agents):
        start = self.env.now
        duration = self._service_time(name)
        yield self.env.timeout(duration)
        agents.release()
        self._busy(name, start, start + duration)

    def _busy(self, name: str, start: float, end: float) -> None:
        length = self.plan.interval_seconds
        index = int(start // length)
        while start < end and index < len(self.stats):
            edge = min(end, (index + 1) * length)
            self.stats[index].queue(name).busy_seconds += edge - start
            start, index = edge, index + 1

    def _congested(self, name: str, agents: _Agents) -> bool:
        rule = self.congestion[name]
        if rule.queue_above is not None:
            return agents.waiting > rule.queue_above
        ahead = agents.waiting + (0 if agents.store.items else 1)
        if not agents.staff:
            return True
        predicted = ahead * self.service[name][2] / agents.staff if not agents.store.items else 0.0
        return predicted > rule.wait_above

    def _count_end(self, stats: Stats, outcome: str, counted_in_queue: bool = False) -> None:
        if counted_in_queue:
            return
        attribute = {"ivr-abandoned": "ivr_abandoned", "information": "information", "closed": "closed",
                     "transfer": "transfer", "loop": "loop", "hangup": "information"}.get(outcome)
        if attribute:
            setattr(stats, attribute, getattr(stats, attribute) + 1)

    def _schedule_callback(self, asked_at: float, queue: str | None) -> None:
        queue = queue or self.plan.traffic.callback_queue or (self.plan.queues[0] if self.plan.queues else None)
        if queue is None:
            return
        self.env.process(self._callback(asked_at, queue))

    def _callback(self, asked_at: float, queue: str):
        env = self.env
        due = asked_at + self.plan.traffic.callback_delay
        if due >= self.plan.horizon:
            return
        if due > env.now:
            yield env.timeout(due - env.now)
        if self.rng.random() >= self.plan.traffic.callback_answered:
            return
        agents = self.agents[queue]
        yield agents.store.get()
        slot = self.plan.slot_at(env.now)
        self.stats[slot].queue(queue).callbacks_made += 1
        yield from self._serve(queue, agents)
