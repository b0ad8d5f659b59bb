from typing import Iterator

from ivr_lint.analysis.prompts import readable
from ivr_lint.findings import Severity
from ivr_lint.model.flow import QueueNode, Schedule
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service.congestion_options import congestion_heard
from ivr_lint.rules.service.hours_mismatch import say_days, schedules_by_node
from ivr_lint.text.cues import quiet_periods

_DAY = 24 * 60


class QuieterHoursMismatch(Rule):
    """
    ## What it does
    Reads the quieter hours a congestion prompt points callers to ("appelez plutôt le
    lundi matin", "lines are quieter after 2pm", "privilégiez l'après-midi") and checks
    them against the peak periods the flow itself declares in `busy` (of `hours`, or of
    the schedule the caller came through). It reports a prompt whose recommended time
    falls, on every open day it names, inside those peak periods. A time it cannot read
    precisely ("en fin de matinée", "first thing") gives an `info` at most; times the
    prompt says to avoid are not compared.

    ## Why is this bad
    M8: information is accurate and consistent. Sending saturated callers to the very
    hours the service knows to be its busiest makes them wait twice, and shows the
    prompt has not followed the schedule.

    ## Example
    ```yaml
    ivr: 1
    hours:
      weekly: {mon-fri: ["08:30-12:00", "13:30-17:00"]}
      busy: {mon: ["08:30-12:00"]}
    start: agent
    nodes:
      agent: {type: queue, congestion: busy}
      busy:
        type: menu
        prompt: "Nos lignes sont saturées. Appelez plutôt le lundi matin. Pour être rappelé, tapez 1."
        options: {"1": callback}
        on_max_retries: callback
      callback: {type: callback, prompt: "Nous vous rappellerons."}
    ```

    ## Use instead
    ```yaml
    ivr: 1
    hours:
      weekly: {mon-fri: ["08:30-12:00", "13:30-17:00"]}
      busy: {mon: ["08:30-12:00"]}
    start: agent
    nodes:
      agent: {type: queue, congestion: busy}
      busy:
        type: menu
        prompt: "Nos lignes sont saturées. Appelez plutôt le jeudi après-midi. Pour être rappelé, tapez 1."
        options: {"1": callback}
        on_max_retries: callback
      callback: {type: callback, prompt: "Nous vous rappellerons."}
    ```
    """

    code = "IVR118"
    name = "quieter-hours-mismatch"
    severity = Severity.ERROR
    summary = "A congestion prompt recommends hours that the flow's `busy` periods declare as peak."
    tags = ("service", "M8")
    source = "M8 (engagement 4): accurate, consistent information; M4 (b) quieter hours"
    inbound_only = True
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        schedules = [s for s in [flow.hours, *flow.schedules.values()] if s is not None]
        if not any(s.busy for s in schedules):
            return
        schedules_of = schedules_by_node(ctx)
        done: set[str] = set()
        for queue in flow.nodes.values():
            if not isinstance(queue, QueueNode) or queue.broken or queue.congestion not in flow.nodes:
                continue
            for node in congestion_heard(ctx, queue):
                if node.id in done:
                    continue
                done.add(node.id)
                cue = ctx.prompts.quieter_cue(node)
                if cue is None or not cue.found:
                    continue
                under = [flow.schedule(s) for s in schedules_of.get(node.id, {None})]
                under = [s for s in under if s is not None and s.busy] or [s for s in schedules if s.busy][:1]
                text = node.prompt_text
                open_days = {day for day, intervals in under[0].weekly.items() if intervals} if under else None
                for start, end, days, window, precise in _pointed_times(readable(text), cue, open_days):
                    verdicts = [_peak(s, days, window) for s in under]
                    if not verdicts or not all(verdicts):
                        continue
                    said, schedule = text[start:end], under[0]
                    where = "`hours.busy`" if schedule is flow.hours else f"`busy` of schedule `{schedule.name}`"
                    peak = say_days({d: schedule.busy[d] for d in sorted(verdicts[0])}, flow.lang)
                    if precise:
                        yield Report(f"{node.id!r} points congested callers to \"{said}\", which {where} declares "
                                     f"as peak ({peak})", node=node, field="prompt",
                                     extra={"said": said, "busy": peak})
                    else:
                        yield Report(f"could not read \"{said}\" in {node.id!r} precisely; it may fall in the peak "
                                     f"periods {where} declares ({peak})", node=node, field="prompt",
                                     severity=Severity.INFO, extra={"said": said, "busy": peak})
                    break


def _pointed_times(text: str, cue, open_days):
    """(start, end, days, window, precise) for each time the prompt recommends, a day and a
    part of the day said together ("le lundi matin") read as one (`text.cues.quiet_periods`)."""
    for period in quiet_periods(text, cue, open_days):
        yield period.start, period.end, period.days, period.window, period.precise


def _peak(schedule: Schedule, days: frozenset[int], window: tuple[int, int] | None) -> set[int]:
    """The days on which the window, cut to the opening hours, lies inside the busy periods;
    empty unless that holds for every open day the window names."""
    window = window or (0, _DAY)
    peak: set[int] = set()
    for day in sorted(days or range(7)):
        open_ = [(max(s, window[0]), min(e, window[1])) for s, e in schedule.weekly.get(day, ())]
        open_ = [(s, e) for s, e in open_ if s < e]
        if not open_:
            continue  # closed then: another rule's business
        busy = _merged(schedule.busy.get(day, ()))
        if not all(any(bs <= s and e <= be for bs, be in busy) for s, e in open_):
            return set()
        peak.add(day)
    return peak


def _merged(intervals) -> list[tuple[int, int]]:
    """Touching or overlapping busy periods as one ("08:30-10:00", "10:00-12:00")."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out
