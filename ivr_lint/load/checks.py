"""Findings of a load run: intervals below target, and what the load says of the flow's claims.

- `below-target` (traffic file, at the staff of that day): an interval whose answer rate or
  service level is below the target, with the agents it would need.
- `congestion-never-fires` (info) / `congestion-always-fires` (warning), at the queue's
  `congestion` field: a branch that no interval takes is dead weight or a threshold set too
  high; one taken in most open intervals of a day means the line is understaffed, and the
  "saturation" message has become the normal greeting.
- `quieter-hours-not-quieter`, at the congestion prompt: it sends callers to "quieter
  hours" (the afternoon, the end of the week, after 2 pm) where the model predicts as much
  waiting as elsewhere, or more: the message is false.
- `busy-not-peak`, at the schedule's `busy`: the declared peak periods wait less, in the
  model, than the other open hours; `peak-not-busy`: open hours outside them where far more
  callers wait (at least 1.5 times the busy periods' share, and 10 %).
"""

from __future__ import annotations

from typing import Callable, Iterable

from ivr_lint.analysis.prompts import readable
from ivr_lint.findings import Finding, Severity
from ivr_lint.load.output import WEEKDAYS
from ivr_lint.load.run import Result
from ivr_lint.model import flow as m
from ivr_lint.text.cues import quiet_periods, read_quieter_hours

_FIRED = 0.5  # an interval "fires" when at least half of the callers asking for the queue are diverted
_MOST = 0.5  # "most of the day": more than half of a day's open intervals
_WAITING = 0.1  # below this share of callers waiting anywhere, no time is busier than another


def below_target(result: Result) -> list[Finding]:
    plan = result.plan
    traffic = plan.traffic
    out = []
    for target in result.targets:
        for slot, stats in zip(plan.slots, result.intervals):
            for name, q in stats.queues.items():
                if q.asked < 0.5:
                    continue
                value = (q.answered / q.asked if target.kind == "answer-rate"
                         else q.within.get(target.seconds, 0.0) / q.asked)
                if value >= target.level - 1e-9:
                    continue
                what = "answer rate" if target.kind == "answer-rate" else f"service level at {target.seconds:g}s"
                needed = f", {q.needed:g} needed" if q.needed is not None else ""
                day_key = slot.day if f"staff.{name}.@{slot.day}" in traffic.positions else slot.day.weekday()
                pos = traffic.where(f"staff.{name}.@{day_key}")
                out.append(Finding(
                    "below-target",
                    f"{WEEKDAYS[slot.day.weekday()]} {slot.label}: {what} {100 * value:.1f}% at queue {name!r}, below "
                    f"{target}: {q.agents:g} agent(s) scheduled{needed}",
                    traffic.file, pos.line, pos.column, severity=Severity.WARNING, node=name,
                    extra={"interval": slot.label, "queue": name, "value": round(value, 4), "target": str(target),
                           "agents": q.agents, "agents_needed": q.needed}))
    return out


def flow_checks(result: Result) -> list[Finding]:
    plan = result.plan
    walk = plan.walk
    out: list[Finding] = []
    for node in walk.queues():
        if not node.congestion:
            continue
        name = walk.name(node)
        loaded = walk.file_of[id(node)]
        pos = node.where("congestion")
        open_slots = [(slot, stats.queues[name]) for slot, stats in zip(plan.slots, result.intervals)
                      if name in stats.queues and stats.queues[name].asked >= 0.5]
        if not open_slots:
            continue
        fired = [(slot, q) for slot, q in open_slots if q.congestion >= _FIRED * q.asked]
        if not any(q.congestion >= 0.5 for _, q in open_slots):
            out.append(Finding("congestion-never-fires",
                               f"queue {name!r}: the congestion branch is never taken over the period modelled "
                               f"(threshold {_threshold(plan, name)}): no interval needs it",
                               loaded.name, pos.line, pos.column, severity=Severity.INFO, node=node.id))
        days: dict = {}
        for slot, q in open_slots:
            total, hit = days.get(slot.day, (0, 0))
            days[slot.day] = (total + 1, hit + (q.congestion >= _FIRED * q.asked))
        busy_days = [day for day, (total, hit) in days.items() if hit > _MOST * total]
        if busy_days:
            shown = ", ".join(f"{WEEKDAYS[d.weekday()]} {d.isoformat()}" for d in busy_days[:5])
            out.append(Finding("congestion-always-fires",
                               f"queue {name!r}: the congestion branch is taken in most open intervals of {shown}"
                               f"{' and more' if len(busy_days) > 5 else ''} ({len(fired)} of {len(open_slots)} "
                               "intervals in all): add agents, or the saturation message is the usual greeting",
                               loaded.name, pos.line, pos.column, severity=Severity.WARNING, node=node.id))
        out.extend(_quieter_hours(result, node, name))
    out.extend(_busy_periods(result))
    return out


def _threshold(plan, name: str) -> str:
    rule = plan.traffic.congestion_for(name)
    return f"{rule.queue_above} callers waiting" if rule.queue_above is not None else f"{rule.wait_above:g}s predicted wait"


def _wait_by_slot(result: Result, name: str | None = None) -> list[tuple[object, float, float]]:
    """(slot, callers asking, those who found every agent busy) for the open intervals with callers."""
    rows = []
    for slot, stats in zip(result.plan.slots, result.intervals):
        queues = [stats.queues[name]] if name and name in stats.queues else list(stats.queues.values())
        asked = sum(q.asked for q in queues)
        waited = sum(q.waited + q.congestion for q in queues)
        if asked >= 0.5 and slot.is_open:
            rows.append((slot, asked, waited))
    return rows


def _compare(rows, inside: Callable[[object], bool]) -> tuple[float, float] | None:
    a_in = sum(r[1] for r in rows if inside(r[0]))
    a_out = sum(r[1] for r in rows if not inside(r[0]))
    if a_in < 0.5 or a_out < 0.5:
        return None
    return (sum(r[2] for r in rows if inside(r[0])) / a_in, sum(r[2] for r in rows if not inside(r[0])) / a_out)


def _quieter_hours(result: Result, queue: m.QueueNode, name: str) -> list[Finding]:
    walk = result.plan.walk
    loaded = walk.file_of[id(queue)]
    target = loaded.flow.nodes.get(queue.congestion)
    if target is None or not target.prompt:
        return []
    open_days = {slot.day.weekday() for slot in result.plan.slots if slot.is_open}
    claim = quieter_periods(readable(target.prompt_text), loaded.flow.lang, open_days)
    if claim is None:
        return []
    inside, said = claim
    compared = _compare(_wait_by_slot(result, name), lambda slot: inside(slot.day.weekday(), slot.minute))
    if compared is None:
        return []
    quiet, other = compared
    if quiet + 0.02 < other or max(quiet, other) < _WAITING:
        return []
    pos = target.prompt[0].pos
    return [Finding("quieter-hours-not-quieter",
                    f"node {target.id!r} says the lines are quieter {said!r}, but the model predicts "
                    f"{100 * quiet:.0f}% of callers waiting then against {100 * other:.0f}% at other open hours",
                    loaded.name, pos.line, pos.column, severity=Severity.WARNING, node=target.id)]


def _busy_periods(result: Result) -> list[Finding]:
    out = []
    walk = result.plan.walk
    for label, schedule in walk.schedules:
        if not schedule.busy:
            continue

        def inside(slot, busy=schedule.busy) -> bool:
            return any(start <= slot.minute < end for start, end in busy.get(slot.day.weekday(), ()))

        rows = _wait_by_slot(result)
        compared = _compare(rows, inside)
        if compared is None:
            continue
        busy, other = compared
        pos = schedule.positions.get("busy@key", schedule.positions.get("busy", schedule.pos))
        flow_file = pos.file or next(f.name for f in result.plan.project.files.values()
                                     if f.flow is not None and label.startswith(f"{f.flow.id}:"))
        name = label.split(":", 1)[1]
        if busy <= other + 0.02 and max(busy, other) >= _WAITING:
            out.append(Finding("busy-not-peak",
                               f"the `busy` periods of {name!r} are not the predicted peaks: {100 * busy:.0f}% of "
                               f"callers wait in them against {100 * other:.0f}% at other open hours",
                               flow_file, pos.line, pos.column, severity=Severity.WARNING))
        # the busiest hours outside the declared periods: far busier than the declared ones
        peaks = [(waited / asked, slot) for slot, asked, waited in rows if not inside(slot)]
        peaks = [(share, slot) for share, slot in peaks if share >= max(_WAITING, 1.5 * busy)]
        if peaks:
            hours = sorted({(slot.day.weekday(), slot.minute // 60) for _, slot in peaks})
            shown = ", ".join(f"{WEEKDAYS[d]} {h:02d}h" for d, h in hours[:6]) + (" ..." if len(hours) > 6 else "")
            worst = max(share for share, _ in peaks)
            out.append(Finding("peak-not-busy",
                               f"predicted peaks outside the `busy` periods of {name!r}: {shown} (up to "
                               f"{100 * worst:.0f}% of callers waiting, against {100 * busy:.0f}% in the busy periods)",
                               flow_file, pos.line, pos.column, severity=Severity.WARNING))
    return out


# -- what a congestion prompt calls quieter ----------------------------------------------------

def quieter_periods(text: str, lang: str, open_days: Iterable[int] | None = None
                    ) -> tuple[Callable[[int, int], bool], str] | None:
    """(weekday, minute) -> whether the prompt calls that moment quieter, and the sentence
    that says so; None when it names no quieter period. The reading is `text.cues`'s (the
    times a sure quieter-hours cue recommends, each day with its part of the day); the
    periods named together count as one claim (their union). `open_days` (0 = Monday) are
    the days the service opens, which settle what "en fin de semaine" means."""
    periods = quiet_periods(text, read_quieter_hours(text, lang), open_days)
    if not periods:
        return None
    shown = read_quieter_hours(text, lang).sentence.rstrip(".!?… ")
    return (lambda day, minute: any(p.holds(day, minute) for p in periods)), shown


def all_findings(result: Result) -> list[Finding]:
    findings = below_target(result) + flow_checks(result)
    return sorted(findings, key=lambda f: (f.rule != "below-target", f.file, f.line, f.column, f.message))

