"""One flow as a stable, line-per-fact outline: what `git diff` compares through a textconv driver.

git's textconv turns each side into text and diffs the lines, so each fact that matters to
a caller is one line that changes only when the fact does: a node and its prompt, each of
its ways out, each day's hours, the service block, the fastest way to a person per
scenario, the deepest menu, the longest prompt, and the findings (without line numbers,
which move with every edit above them).
"""

from __future__ import annotations

from ivr_lint.analysis.prompts import PromptFacts
from ivr_lint.config import Config
from ivr_lint.diff.callers import caller_view, said_seconds
from ivr_lint.analysis.changes import _q, _value, weekly_text
from ivr_lint.diff.sources import Side
from ivr_lint.engine import CheckResult, check_loaded
from ivr_lint.model.flow import format_fields


def outline(side: Side, config: Config) -> str:
    side.load()
    result = CheckResult(project=side.project)
    check_loaded(result, list(side.loaded.values()), config)
    lines = []
    for key, loaded in side.loaded.items():
        flow = loaded.flow
        lines.append(f"# {key}")
        if flow is None:
            lines.append("(not a usable flow)")
        else:
            for name in ("name", "language", "kind", "start"):
                lines.append(f"{name}: {_q(getattr(flow, name))}")
            for name, spec in format_fields(type(flow.service)).items():
                if getattr(flow.service, name) is not None:
                    lines.append(f"service.{name}: {_q(getattr(flow.service, name))}")
            schedules = [("hours", flow.hours)] + [(f"schedules.{n}", s) for n, s in sorted(flow.schedules.items())]
            for label, schedule in schedules:
                if schedule is None:
                    continue
                lines.append(f"{label}.timezone: {schedule.timezone}")
                for day, said in weekly_text(schedule.weekly).items():
                    lines.append(f"{label}.weekly {day}: {said}")
                if schedule.holidays:
                    lines.append(f"{label}.holidays: {schedule.holidays}")
                for closed in sorted(schedule.closed):
                    lines.append(f"{label}.closed: {closed}")
            lines.append("")
            for node in flow.nodes.values():
                lines.append(f"[{node.id}] {node.type}")
                for name, spec in format_fields(type(node)).items():
                    value = getattr(node, name)
                    if spec.metadata["kind"] == "options":
                        for k, option in value.items():
                            target = "(replay)" if option.repeat else option.next
                            label = f" ({option.label})" if option.label else ""
                            lines.append(f"  key {k} -> {target}{label}")
                    elif spec.metadata["kind"] == "cases":
                        for k, target in value.items():
                            lines.append(f"  case {k} -> {target}")
                    elif value not in (None, (), {}, False) and name != "label":
                        arrow = " -> " if spec.metadata["kind"] == "target" else ": "
                        lines.append(f"  {name}{arrow}{_value(value) if spec.metadata['kind'] != 'target' else value}")
            lines.append("")
            view = caller_view(loaded, PromptFacts(flow, config.words_per_minute, config.measured_durations))
            for scenario, way in view.persons.items():
                said = ("no person" if way is None else
                        f"{said_seconds(way.seconds, way.unknown)}, {way.keys} keys ({' -> '.join(way.path)})")
                lines.append(f"fastest to a person [{scenario}]: {said}")
            lines.append(f"deepest menu: {view.deepest[0]} ({view.deepest[1]})")
            lines.append(f"longest prompt: {said_seconds(view.longest[0], view.longest[2])} ({view.longest[1]})")
        for finding in sorted((f for f in result.findings if f.file == key),
                              key=lambda f: (f.rule, f.node or "", f.message)):
            node = f" (node {finding.node})" if finding.node else ""
            lines.append(f"{finding.severity.label} [{finding.rule}] {finding.message}{node}")
        lines.append("")
    return "\n".join(lines)
