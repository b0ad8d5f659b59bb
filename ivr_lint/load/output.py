"""What a load run prints: a text table by day with the worst intervals, JSON, CSV, Markdown.

Every format is built from the same rows (`interval_rows`, `day_rows`), so they agree;
JSON carries everything (period summary, confidence intervals, days, intervals, queues,
findings), CSV one line per interval, Markdown the day table and the findings for a report.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ivr_lint.findings import Finding
from ivr_lint.load.run import Result
from ivr_lint.load.stats import Stats

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FORMATS = ("text", "json", "csv", "markdown")


def _row(stats: Stats, within: tuple[float, ...]) -> dict[str, Any]:
    s = stats.summary(within)
    row = {
        "offered": s["offered"], "asked_for_agent": s["asked_for_agent"], "answered": s["answered"],
        "answer_rate": s["answer_rate"],
    }
    for t in within:
        row[f"answered_within_{t:g}s"] = s["answered_within"][f"{t:g}"]
        row[f"service_level_{t:g}s"] = s["service_level"][f"{t:g}"]
    row.update({
        "abandoned_queue": s["abandoned_queue"], "abandoned_ivr": s["abandoned_ivr"], "timed_out": s["timed_out"],
        "information": s["information"], "closed": s["closed"], "transfers": s["transfers"],
        "callbacks_requested": s["callbacks_requested"], "callbacks_made": s["callbacks_made"],
        "voicemails": s["voicemails"], "p_wait": s["p_wait"], "asa": s["asa"], "unstable": s["unstable"],
        "p90_wait": s["p90_wait"],
        "occupancy": s["occupancy"], "ivr_seconds": s["ivr_seconds"],
        "congestion_fired": sum(s["congestion"].values()), "agents": s["agents"], "agents_needed": s["agents_needed"],
    })
    return row


def interval_rows(result: Result, every: bool = False) -> list[dict[str, Any]]:
    """One row per interval with calls or agents (every interval with `every`)."""
    within = result.plan.traffic.answered_within
    rows = []
    for slot, stats in zip(result.plan.slots, result.intervals):
        if not every and not stats.offered and not any(q.agents for q in stats.queues.values()):
            continue
        rows.append({"day": slot.day.isoformat(), "weekday": WEEKDAYS[slot.day.weekday()],
                     "start": f"{slot.minute // 60:02d}:{slot.minute % 60:02d}",
                     "scenario": "open" if slot.is_open else "/".join(sorted(set(slot.scenario) - {"open"})),
                     **_row(stats, within)})
    return rows


def day_rows(result: Result) -> list[dict[str, Any]]:
    within = result.plan.traffic.answered_within
    return [{"day": day.isoformat(), "weekday": WEEKDAYS[day.weekday()], **_row(stats, within)}
            for day, stats, _ in result.days()]


def queue_rows(result: Result) -> dict[str, dict[str, Any]]:
    within = result.plan.traffic.answered_within
    out = {}
    for name in result.plan.queues:
        stats = Stats()
        for interval in result.intervals:
            if name in interval.queues:
                stats.queue(name).add(interval.queues[name])
        stats.offered = stats.queues[name].asked if name in stats.queues else 0
        summary = _row(stats, within)
        for key in ("offered", "abandoned_ivr", "information", "closed", "transfers", "callbacks_requested",
                    "voicemails", "ivr_seconds"):
            summary.pop(key, None)
        out[name] = summary
    return out


def worst(result: Result, count: int = 5) -> list[dict[str, Any]]:
    """The intervals with the lowest answer rate (then the longest ASA)."""
    rows = [r for r in interval_rows(result) if r["answer_rate"] is not None]
    rows.sort(key=lambda r: (r["answer_rate"], not r["unstable"], -(r["asa"] or 0)))
    return rows[:count]


# -- formats --------------------------------------------------------------------------------
def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 10 or float(value).is_integer() else f"{value:.1f}"


def _secs(value: float | None) -> str:
    if value == "unstable":
        return "∞"
    return "-" if value is None else f"{value:.0f}s" if value >= 10 else f"{value:.1f}s"


def _columns(result: Result) -> list[tuple[str, str, Any]]:
    first = f"{result.plan.traffic.answered_within[0]:g}"
    return [
        ("offered", "offered", _num), ("asked", "asked_for_agent", _num), ("answered", "answered", _num),
        ("rate", "answer_rate", _pct), (f"<={first}s", f"service_level_{first}s", _pct),
        ("aband.q", "abandoned_queue", _num), ("aband.ivr", "abandoned_ivr", _num), ("info", "information", _num),
        ("cb.asked", "callbacks_requested", _num), ("cb.made", "callbacks_made", _num),
        ("vmail", "voicemails", _num), ("ASA", "asa", _secs), ("p90", "p90_wait", _secs),
        ("occup.", "occupancy", _pct), ("congest.", "congestion_fired", _num), ("agents", "agents", _num),
        ("needed", "agents_needed", _num),
    ]


def _title(result: Result) -> str:
    plan = result.plan
    engine = ("closed forms (Erlang A with patience, Erlang C without)" if result.engine == "closed" else
              f"simulation, {result.replications} replication(s) from seed {result.seed}")
    return (f"Load model of {plan.traffic.flow} from {plan.traffic.file}: {engine}, "
            f"{plan.slots[0].day} to {plan.slots[-1].day}, {plan.traffic.interval}-minute intervals")


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths)))]
    for row in rows:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return lines


def format_finding(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}:{finding.column}: {finding.severity.label} [{finding.rule}] {finding.message}"


def text(result: Result, findings: list[Finding]) -> str:
    columns = _columns(result)
    rows = []
    for row in day_rows(result):
        rows.append([f"{row['weekday']} {row['day']}"] + [fmt(row[key]) for _, key, fmt in columns])
    period = _row(result.period(), result.plan.traffic.answered_within)
    rows.append(["period"] + [fmt(period[key]) for _, key, fmt in columns])
    lines = [_title(result), ""] + _table(["day"] + [h for h, _, _ in columns], rows)
    if result.confidence:
        parts = []
        for key, (mean, half) in result.confidence.items():
            shown = (f"{mean:.1f}s ± {half:.1f}s" if key == "asa" else f"{100 * mean:.1f}% ± {100 * half:.1f}%")
            parts.append(f"{key.replace('_', ' ')} {shown}")
        lines += ["", "95% confidence over the replications: " + ", ".join(parts)]
    worst_rows = worst(result)
    if worst_rows:
        lines += ["", "Worst intervals:"]
        for r in worst_rows:
            lines.append(f"  {r['weekday']} {r['day']} {r['start']}  answer rate {_pct(r['answer_rate'])}, "
                         f"ASA {_secs('unstable' if r['unstable'] else r['asa'])}, {_num(r['offered'])} offered, {_num(r['abandoned_queue'])} "
                         f"abandoned in queue, {_num(r['agents'])} agents"
                         + (f" ({_num(r['agents_needed'])} needed)" if r["agents_needed"] is not None else ""))
    if findings:
        lines += [""] + [format_finding(f) for f in findings]
    lines.append("")
    lines.append(summary_line(result, findings))
    return "\n".join(lines) + "\n"


def summary_line(result: Result, findings: list[Finding]) -> str:
    below = sum(1 for f in findings if f.rule == "below-target")
    others = len(findings) - below
    targets = ", ".join(str(t) for t in result.targets)
    parts = []
    if result.targets:
        parts.append(f"{below} interval(s) below target {targets}" if below else f"every interval meets {targets}")
    if others:
        parts.append(f"{others} finding(s) on the flow")
    return ("; ".join(parts) + ".") if parts else "No target given (use --target answer-rate=0.85)."


def markdown(result: Result, findings: list[Finding]) -> str:
    columns = _columns(result)
    lines = [f"## {_title(result)}", ""]
    headers = ["day"] + [h for h, _, _ in columns]
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * len(columns)) + "|")
    for row in day_rows(result):
        lines.append("| " + " | ".join([f"{row['weekday']} {row['day']}"] + [fmt(row[k]) for _, k, fmt in columns])
                     + " |")
    period = _row(result.period(), result.plan.traffic.answered_within)
    lines.append("| **period** | " + " | ".join(fmt(period[k]) for _, k, fmt in columns) + " |")
    worst_rows = worst(result)
    if worst_rows:
        lines += ["", "### Worst intervals", "", "| interval | answer rate | ASA | offered | agents | needed |",
                  "|---|---:|---:|---:|---:|---:|"]
        for r in worst_rows:
            lines.append(f"| {r['weekday']} {r['day']} {r['start']} | {_pct(r['answer_rate'])} | {_secs(r['asa'])} | "
                         f"{_num(r['offered'])} | {_num(r['agents'])} | {_num(r['agents_needed'])} |")
    if findings:
        lines += ["", "### Findings", ""]
        lines += [f"- `{f.file}:{f.line}:{f.column}` **{f.rule}** {f.message}" for f in findings]
    lines += ["", summary_line(result, findings)]
    return "\n".join(lines) + "\n"


def as_json(result: Result, findings: list[Finding]) -> str:
    plan = result.plan
    document = {
        "traffic": plan.traffic.file, "flow": plan.traffic.flow, "engine": result.engine,
        "period": {"start": plan.slots[0].day.isoformat(), "end": plan.slots[-1].day.isoformat()},
        "interval_minutes": plan.traffic.interval, "replications": result.replications, "seed": result.seed,
        "targets": [str(t) for t in result.targets],
        "summary": _row(result.period(), plan.traffic.answered_within),
        "confidence": {k: {"mean": m, "half_width": h if h == h else None} for k, (m, h) in result.confidence.items()},
        "days": day_rows(result),
        "queues": queue_rows(result),
        "intervals": interval_rows(result),
        "findings": [{"rule": f.rule, "severity": f.severity.label, "message": f.message, "file": f.file,
                      "line": f.line, "column": f.column, "node": f.node, **f.extra} for f in findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def as_csv(result: Result, findings: list[Finding]) -> str:
    rows = interval_rows(result)
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else round(v, 6) if isinstance(v, float) else v)
                             for k, v in row.items()})
    return buffer.getvalue()


def render(fmt: str, result: Result, findings: list[Finding]) -> str:
    return {"text": text, "json": as_json, "csv": as_csv, "markdown": markdown}[fmt](result, findings)
