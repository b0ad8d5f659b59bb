"""Human-readable findings, one line each, coloured only on a terminal.

A finding quotes the user's text (node ids, prompts, file names): its control characters are
written as visible escapes (`ivr_lint.text.safe`), so a flow cannot drive the terminal; the
colour codes are added afterwards, by this module only."""

from __future__ import annotations

from ivr_lint.engine import CheckResult
from ivr_lint.findings import Severity
from ivr_lint.text.safe import one_line

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def format_text(result: CheckResult, color: bool = False) -> str:
    lines = []
    for finding in result.findings:
        where = f"{one_line(finding.file)}:{finding.line}:{finding.column}:"
        level = finding.severity.label
        rule = f"[{finding.rule}]"
        if color:  # click (its styles) is imported only for a terminal
            import click

            where = click.style(where, bold=True)
            level = click.style(level, fg=_COLORS[finding.severity], bold=True)
            rule = click.style(rule, dim=True)
        node = f" (node {one_line(finding.node)})" if finding.node else ""
        scenario = f" [{one_line(finding.scenario)}]" if finding.scenario else ""
        lines.append(f"{where} {level} {rule} {one_line(finding.message)}{node}{scenario}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: CheckResult) -> str:
    """The last line: what was checked and found. After an input error it never says "no
    problems": the errors above mean some of what was asked was not checked."""
    counts = {severity: 0 for severity in Severity}
    for finding in result.findings:
        counts[finding.severity] += 1
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    exports = _exports(result)
    if exports:
        files += f" ({exports} platform export{'s' if exports != 1 else ''})"
    errors = len(result.input_errors)
    if errors:
        problems = f"{errors} error{'s' if errors != 1 else ''} above"
        if not result.files:
            return f"Nothing was checked ({problems})."
        incomplete = f"; the check is incomplete ({problems})."
    else:
        incomplete = "."
    if not result.findings:
        return (f"No problems found in {files}." if not errors
                else f"No finding in the {files} checked{incomplete}")
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}"
             for s in sorted(Severity, reverse=True) if counts[s]]
    return f"Found {', '.join(parts)} in {files}{incomplete}"


def _exports(result: CheckResult) -> int:
    """How many of the checked files were platform exports converted in memory."""
    if result.project is None:
        return 0
    checked = set(result.checked_files)
    return sum(1 for loaded in result.project.files.values() if loaded.imported is not None and loaded.name in checked)
