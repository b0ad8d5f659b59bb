"""The diff said three ways: text (coloured on a terminal only), JSON, and Markdown for a pull
request comment or GitHub's job summary ($GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

import json

import click

from ivr_lint.diff.callers import said_seconds, seconds_json
from ivr_lint.diff.compare import Diff, FlowDiff
from ivr_lint.findings import Finding

_STATUS = {"added": "added", "removed": "removed", "changed": "changed", "unchanged": "unchanged"}


def _finding(f: Finding) -> str:
    node = f" (node {f.node})" if f.node else ""
    scenario = f" [{f.scenario}]" if f.scenario else ""
    return f"{f.line}:{f.column}: {f.severity.label} [{f.rule}] {f.message}{node}{scenario}"


def _finding_json(f: Finding) -> dict:
    return {"rule": f.rule, "code": f.code, "severity": f.severity.label, "message": f.message, "file": f.file,
            "line": f.line, "column": f.column, "node": f.node, "scenario": f.scenario}


def sections(flow: FlowDiff) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(style, line)]) for one flow; style is add, remove, change or plain."""
    out = []
    if flow.problems:
        out.append(("Problems", [("remove", p) for p in flow.problems]))
    if flow.changes:
        style = {"node-added": "add", "option-added": "add", "node-removed": "remove", "option-removed": "remove"}
        out.append(("Changes", [(style.get(c.kind, "change"), c.message) for c in flow.changes]))
    callers = []
    callers += [("change", j.message) for j in flow.journeys]
    callers += [("remove" if p.slower else "add" if p.faster else "change", p.message) for p in flow.persons]
    callers += [("remove", f"{s}: {n!r} no longer puts the caller through to a person") for s, n in flow.people_lost]
    callers += [("add", f"{s}: {n!r} now puts the caller through to a person") for s, n in flow.people_gained]
    if flow.deepest:
        (a, a_node), (b, b_node) = flow.deepest
        callers.append(("remove" if b > a else "add" if b < a else "change",
                        f"deepest menu: {b} level{'s' if b != 1 else ''} ({b_node}), was {a} ({a_node})"))
    if flow.longest:
        (a, a_node, a_unknown), (b, b_node, b_unknown) = flow.longest
        callers.append(("remove" if b > a else "add",
                        f"longest prompt: {said_seconds(b, b_unknown)} ({b_node}), was {said_seconds(a, a_unknown)} "
                        f"({a_node})"))
    callers += [("remove" if b > a else "add", f"{menu}: {b} choice{'s' if b != 1 else ''}, was {a}")
                for menu, a, b in flow.choices]
    if callers:
        out.append(("What callers feel", callers))
    if flow.new_findings:
        out.append(("New findings", [("remove", _finding(f)) for f in flow.new_findings]))
    if flow.fixed_findings:
        out.append(("Fixed findings", [("add", _finding(f)) for f in flow.fixed_findings]))
    return out


_COLOURS = {"add": "green", "remove": "red", "change": "yellow"}
_MARKS = {"add": "+", "remove": "-", "change": "~", "plain": " "}


def format_text(diff: Diff, color: bool = False) -> str:
    lines = []
    for flow in diff.flows:
        if flow.status == "unchanged":
            continue
        title = f"{flow.key}: {_STATUS[flow.status]}"
        lines.append(click.style(title, bold=True) if color else title)
        for heading, items in sections(flow):
            lines.append(f"  {heading}:")
            for style, text in items:
                line = f"  {_MARKS[style]} {text}"
                lines.append(click.style(line, fg=_COLOURS[style]) if color and style in _COLOURS else line)
        lines.append("")
    lines.append(summary(diff))
    return "\n".join(lines) + "\n"


def summary(diff: Diff) -> str:
    counts = {status: sum(1 for f in diff.flows if f.status == status) for status in _STATUS}
    said = ", ".join(f"{n} flow{'s' if n != 1 else ''} {status}" for status, n in counts.items()
                     if n and status != "unchanged")
    regressions = len(diff.regressions)
    if not said:
        return f"No change between {diff.old_label} and {diff.new_label} ({counts['unchanged']} flows compared)."
    tail = f"; {regressions} regression{'s' if regressions != 1 else ''}" if regressions else "; no regression"
    return f"{diff.old_label} -> {diff.new_label}: {said}{tail}."


def format_json(diff: Diff, color: bool = False) -> str:
    flows = []
    for flow in diff.flows:
        flows.append({
            "file": flow.key, "status": flow.status, "problems": flow.problems,
            "changes": [c.to_json() for c in flow.changes],
            "journeys": [j.to_json() for j in flow.journeys],
            "persons": [p.to_json() for p in flow.persons],
            "people_lost": [{"scenarios": s, "node": n} for s, n in flow.people_lost],
            "people_gained": [{"scenarios": s, "node": n} for s, n in flow.people_gained],
            "deepest_menu": None if not flow.deepest else {
                "before": {"levels": flow.deepest[0][0], "node": flow.deepest[0][1]},
                "after": {"levels": flow.deepest[1][0], "node": flow.deepest[1][1]}},
            "longest_prompt": None if not flow.longest else {
                side: {**seconds_json("seconds", seconds, [node] if unknown else []), "node": node}
                for side, (seconds, node, unknown) in zip(("before", "after"), flow.longest)},
            "choices": [{"menu": m, "before": a, "after": b} for m, a, b in flow.choices],
            "new_findings": [_finding_json(f) for f in flow.new_findings],
            "fixed_findings": [_finding_json(f) for f in flow.fixed_findings],
            "regressions": flow.regressions,
        })
    return json.dumps({"old": diff.old_label, "new": diff.new_label, "flows": flows,
                       "regressions": [{"file": k, "message": m} for k, m in diff.regressions]},
                      ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown list item (no accidental emphasis, tags or tables)."""
    return (text.replace("\\", "\\\\").replace("`", "\\`").replace("*", "\\*").replace("_", "\\_")
            .replace("<", "&lt;").replace("|", "\\|"))


_EMOJI = {"add": "🟢", "remove": "🔴", "change": "🟠", "plain": ""}


def format_markdown(diff: Diff, color: bool = False) -> str:
    lines = [f"## ivr-lint diff `{diff.old_label}` → `{diff.new_label}`", ""]
    regressions = diff.regressions
    if regressions:
        lines += [f"**{len(regressions)} regression{'s' if len(regressions) != 1 else ''}**", ""]
        lines += [f"- ⚠️ `{key}`: {_md(message)}" for key, message in regressions] + [""]
    for flow in diff.flows:
        if flow.status == "unchanged":
            continue
        lines += [f"### `{flow.key}` ({flow.status})", ""]
        for heading, items in sections(flow):
            lines += [f"**{heading}**", ""]
            lines += [f"- {_EMOJI[style]} {_md(text)}".replace("-  ", "- ") for style, text in items] + [""]
    lines.append(_md(summary(diff)))
    return "\n".join(lines) + "\n"


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown}
