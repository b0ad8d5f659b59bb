"""`ivr-lint load FLOW --template`: a commented traffic file with the flow's names filled in.

Every queue gets its handling time, staff, patience and congestion threshold; every menu,
input and branch its choices with the default shares (equal among the announced options,
5 % silence); calls and staff follow the flow's opening hours. The figures are placeholders
to replace with a platform's reports; the file is valid as it is, so the model runs at once.
"""

from __future__ import annotations

import json
import math
import os
from datetime import date

from ivr_lint.load.traffic import next_full_week
from ivr_lint.load.walk import DEFAULT_SILENCE, FlowWalk
from ivr_lint.model import flow as m

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _hours(weekly: m.WeeklyHours, interval: int, value: int) -> list[tuple[str, str]]:
    """(day key, {range: value}) lines, days with the same hours grouped (mon-fri)."""
    groups: list[tuple[list[int], tuple]] = []
    for day in range(7):
        spans = tuple((start // interval * interval, math.ceil(end / interval) * interval)
                      for start, end in weekly.get(day, ()))
        if not spans:
            continue
        if groups and groups[-1][1] == spans and groups[-1][0][-1] == day - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], spans))
    lines = []
    for days, spans in groups:
        key = _DAY_NAMES[days[0]] if len(days) == 1 else f"{_DAY_NAMES[days[0]]}-{_DAY_NAMES[days[-1]]}"
        ranges = ", ".join(f'"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}": {value}' for s, e in spans)
        lines.append((key, "{" + ranges + "}"))
    return lines


def _shares(keys: list[str], silence: bool) -> list[tuple[str, float]]:
    rest = 1.0 - (DEFAULT_SILENCE if silence else 0.0)
    each = math.floor(rest / len(keys) * 1000) / 1000 if keys else 0.0
    return [(k, each) for k in keys]


def template(walk: FlowWalk, flow_path: str, output: str | None, today: date, interval: int = 30) -> str:
    flow = walk.start_file.flow
    folder = os.path.dirname(os.path.abspath(output)) if output else os.getcwd()
    relative = os.path.relpath(os.path.abspath(flow_path), folder)
    start, _ = next_full_week(today)
    weekly = flow.hours.weekly if flow.hours and flow.hours.weekly else {d: ((9 * 60, 17 * 60),) for d in range(5)}
    queues = walk.queues()
    out = [
        f"# Traffic file for {flow.name or flow.id}, written by `ivr-lint load --template`.",
        "# Every figure is a placeholder: replace it with your platform's reports, then run",
        "#   ivr-lint load THIS-FILE [--simulate] [--target answer-rate=0.85] [--plot DIR]",
        "# The schema: `ivr-lint load --schema` (JSON Schema, for editors).",
        "traffic: 1",
        f"flow: {_q(relative)}" + ("" if output else "  # relative to this file: adjust if you save it elsewhere"),
        f"interval: {interval}  # minutes per interval: 15, 30 or 60",
        f'period: {{start: "{start.isoformat()}", days: 7}}  # the dates to model',
        "",
        "# Calls offered per interval at the start of the flow, by weekday (mon-fri, sat) or by date",
        "# (YYYY-MM-DD, which wins over its weekday). Or `calls_csv: {file: report.csv, date: Date,",
        "# start: Interval, offered: Offered}` to read a platform's interval report.",
        "calls:",
    ]
    out += [f"  {key}: {ranges}" for key, ranges in _hours(weekly, interval, 60)]
    if not queues:
        out += ["", "# The flow has no queue node: nothing waits for an agent."]
    else:
        out += ["", "# Mean talk plus wrap-up time, seconds, per queue: a number (exponential) or",
                "# {mean: 360, spread: 0.6} (log-normal, spread = coefficient of variation).", "handling_time:"]
        out += [f"  {walk.name(q)}: 300  # {q.label or q.queue or q.id}" for q in queues]
        out += ["", "# Agents per queue per interval, in the `weekly` shape of the flow's hours.", "staff:"]
        for q in queues:
            out.append(f"  {walk.name(q)}:")
            out += [f"    {key}: {ranges}" for key, ranges in _hours(weekly, interval, 8)]
        out += ["", "# Mean seconds a caller holds in line before hanging up (exponential); remove a queue",
                "# for callers who never give up. `ivr`: hang-ups while prompts play.", "patience:"]
        out += [f"  {walk.name(q)}: 180" for q in queues]
        out.append("  ivr: 900")
        congested = [q for q in queues if q.congestion]
        if congested:
            out += ["", "# When a queue takes its `congestion` branch: predicted wait above N seconds",
                    "# ({wait_above: 300}) or more than N callers waiting ({queue_above: 20}).", "congestion:"]
            out += [f"  {walk.name(q)}: {{wait_above: 300}}" for q in congested]
        out += ["", "# Callbacks asked for come back as outbound calls on the same agents.",
                "callbacks: {answered: 0.8, delay: 3600}  # share picked up; seconds until the call"]
    choosers = [n for n in walk.nodes() if isinstance(n, (m.MenuNode, m.InputNode, m.BranchNode))
                or (isinstance(n, m.TransferNode) and n.on_failure)]
    if choosers:
        out += ["", "# Share of callers per choice (default: equal among the announced options, 5 % silence).",
                "choices:"]
    for node in choosers:
        out.append(f"  {walk.name(node)}:" + (f"  # {node.label}" if node.label else ""))
        if isinstance(node, m.MenuNode):
            announced = [o for o in node.options.values() if not o.repeat]
            for (key, share), option in zip(_shares([o.key for o in announced], True), announced):
                out.append(f"    {_q(key)}: {share}  # {option.label or option.next}")
            for option in node.options.values():
                if option.repeat:
                    out.append(f"    {_q(option.key)}: 0.0  # replay")
            out += [f"    silence: {DEFAULT_SILENCE}", "    wrong: 0.0  # a key the menu does not offer"]
        elif isinstance(node, m.TransferNode):
            out.append("    failure: 0.0  # the transfer fails (on_failure)")
        elif isinstance(node, m.InputNode):
            out += ["    valid: 0.9", "    invalid: 0.05", f"    silence: {DEFAULT_SILENCE}"]
        else:
            values = list(node.cases) + (["default"] if node.default else [])
            for key, share in _shares(values, False):
                out.append(f"    {_q(key)}: {share}")
    out += ["", "# Seconds for the 'answered within' columns, and the targets checked without --target.",
            "answered_within: [20, 60]", "targets: {answer-rate: 0.85}"]
    return "\n".join(out) + "\n"
