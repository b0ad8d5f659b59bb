"""Human-readable findings, one line each, coloured only on a terminal."""

from __future__ import annotations

import click

from ivr_lint.engine import CheckResult
from ivr_lint.findings import Severity

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def format_text(result: CheckResult, color: bool = False) -> str:
    lines = []
    for finding in result.findings:
        where = f"{finding.file}:{finding.line}:{finding.column}:"
        level = finding.severity.label
        rule = f"[{finding.rule}]"
        if color:
            where = click.style(where, bold=True)
            level = click.style(level, fg=_COLORS[finding.severity], bold=True)
            rule = click.style(rule, dim=True)
        node = f" (node {finding.node})" if finding.node else ""
        scenario = f" [{finding.scenario}]" if finding.scenario else ""
        lines.append(f"{where} {level} {rule} {finding.message}{node}{scenario}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: CheckResult) -> str:
    counts = {severity: 0 for severity in Severity}
    for finding in result.findings:
        counts[finding.severity] += 1
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    if not result.findings:
        return f"No problems found in {files}."
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}"
             for s in sorted(Severity, reverse=True) if counts[s]]
    return f"Found {', '.join(parts)} in {files}."
