from collections import deque
from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import HoursNode, Schedule
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.text.hours import SpokenHours, format_hours, format_intervals


class HoursMismatch(Rule):
    """
    ## What it does
    Reads the opening hours said in prompts (French or English: "du lundi au vendredi
    de 8h30 à 12h", "le samedi matin de 9 h à midi", "Monday to Friday from 8am to
    6:30pm") and compares them, day by day, with the schedule the flow runs on at that
    point (the `schedule` of the `hours` check the caller came through, else `hours`).
    When a prompt gives the week's hours as a range or list of days ("du lundi au jeudi
    de 9h à 17h"), an open day it leaves out is a difference too; hours said for one day
    in a sentence of its own ("le samedi, de 9h à 12h") are compared for that day alone.
    Hours the parser cannot read produce no finding.

    ## Why is this bad
    M8: information is accurate and consistent across channels. A prompt that says the
    wrong hours sends callers to a closed line, and is the first thing to go stale when
    the schedule changes.

    ## Example
    ```yaml
    ivr: 1
    hours: {weekly: {mon-fri: ["08:30-12:00", "13:30-16:30"]}}
    start: check
    nodes:
      check: {type: hours, open: agent, closed: closed}
      agent: {type: queue}
      closed:
        type: hangup
        prompt: "Nous sommes ouverts du lundi au vendredi de 9h à 17h."
    ```

    ## Use instead
    ```yaml
    ivr: 1
    hours: {weekly: {mon-fri: ["08:30-12:00", "13:30-16:30"]}}
    start: check
    nodes:
      check: {type: hours, open: agent, closed: closed}
      agent: {type: queue}
      closed:
        type: hangup
        prompt: "Nous sommes ouverts du lundi au vendredi de 8h30 à 12h et de 13h30 à 16h30."
    ```
    """

    code = "IVR112"
    name = "hours-mismatch"
    severity = Severity.ERROR
    summary = "Opening hours said in a prompt differ from the schedule the flow runs on."
    tags = ("service", "M8")
    source = "M8 (engagement 4): accurate, consistent information"
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        lang = flow.lang
        schedules_of = schedules_by_node(ctx)
        for node in flow.nodes.values():
            spoken = ctx.prompts.spoken_hours(node) if node.prompt else None
            if spoken is None:
                continue
            # a node no stated way reaches may run under any schedule (say, past a schema error)
            candidates = [s for s in schedules_of.get(node.id) or [None, *flow.schedules] if flow.schedule(s) is not None]
            schedules = [flow.schedule(s) for s in candidates if not flow.schedule(s).broken]  # schema-error first
            if not schedules or any(not _differences(spoken, s) for s in schedules):
                continue
            schedule = schedules[0]
            said, runs = _differences(spoken, schedule)
            name = "`hours`" if schedule is flow.hours else f"schedule `{schedule.name}`"
            yield Report(f"the hours said in {node.id!r} differ from {name}: said {say_days(said, lang)}; "
                         f"schedule {say_days(runs, lang)}", node=node, field="prompt",
                         extra={"said": _json(said), "schedule": _json(runs)})


def schedules_by_node(ctx: FlowContext) -> dict[str, set[str | None]]:
    """Which schedule each node runs under: that of the last `hours` check passed on the way.

    Breadth-first over (node, schedule): a node reached under several gets them all.
    """
    flow, graph = ctx.flow, ctx.graph.multi
    seen = {(entry, None) for entry in ctx.graph.entries}
    queue = deque(seen)
    result: dict[str, set[str | None]] = {}
    while queue:
        node_id, schedule = queue.popleft()
        result.setdefault(node_id, set()).add(schedule)
        node = flow.nodes[node_id]
        if node.opaque:
            continue  # an unreadable step may check any schedule: what follows is not followed from it
        passed = node.schedule if isinstance(node, HoursNode) else schedule
        for target in graph.successors(node_id):
            state = (target, passed)
            if state not in seen:
                seen.add(state)
                queue.append(state)
    return result


def _differences(spoken: SpokenHours, schedule: Schedule):
    """(said, schedule) restricted to the days that differ; None when they agree."""
    said, runs = {}, {}
    for day, intervals in spoken.days.items():
        expected = schedule.weekly.get(day, ())
        if tuple(intervals) != tuple(expected):
            said[day], runs[day] = tuple(intervals), tuple(expected)
    if spoken.times:
        for day, expected in schedule.weekly.items():
            if day not in spoken.days and expected and tuple(expected) != tuple(spoken.times):
                said[day], runs[day] = tuple(spoken.times), tuple(expected)
    elif spoken.whole_week:  # "du lundi au jeudi de 9h à 17h" while Friday is open too
        for day, expected in schedule.weekly.items():
            if day not in spoken.days and expected:
                said[day], runs[day] = None, tuple(expected)
    return (said, runs) if said else None


def say_days(days, lang: str) -> str:
    """Day by day, with runs of days that share their hours folded: "lundi-vendredi 09:00-17:00"."""
    ordered = sorted(days)
    groups: list[list[int]] = []
    for day in ordered:
        if groups and groups[-1][-1] == day - 1 and days[groups[-1][-1]] == days[day]:
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        first = format_hours({group[0]: ()}, lang).rsplit(" ", 1)[0]
        last = format_hours({group[-1]: ()}, lang).rsplit(" ", 1)[0]
        label = first if len(group) == 1 else f"{first}-{last}"
        said = days[group[0]]
        unsaid = "not mentioned" if lang[:2].lower() == "en" else "non mentionné"
        parts.append(f"{label} {unsaid if said is None else format_intervals(said, lang)}")
    return "; ".join(parts)


def _json(days) -> dict:
    """Day -> [[start, end], ...] in minutes; null for an open day the prompt leaves out."""
    return {str(day): None if spans is None else [[start, end] for start, end in spans]
            for day, spans in days.items()}
