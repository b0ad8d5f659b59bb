"""GitHub Actions workflow commands: findings show as annotations on the pull request."""

from __future__ import annotations

from ivr_lint.engine import CheckResult
from ivr_lint.findings import Severity

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(result: CheckResult, color: bool = False) -> str:
    lines = []
    for f in result.findings:
        properties = (f"file={_escape_property(f.file)},line={f.line},col={f.column},"
                      f"title={_escape_property(f'{f.rule} ({f.code})')}")
        node = f" (node {f.node})" if f.node else ""
        lines.append(f"::{_LEVELS[f.severity]} {properties}::{_escape_data(f.message + node)}")
    return "\n".join(lines) + ("\n" if lines else "")
