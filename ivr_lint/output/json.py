"""Machine-readable findings: {"findings": [...], "files": N}. Field names are a public contract."""

from __future__ import annotations

import json

from ivr_lint.engine import CheckResult
from ivr_lint.findings import Finding


def finding_dict(finding: Finding) -> dict:
    data = {
        "rule": finding.rule,
        "code": finding.code,
        "severity": finding.severity.label,
        "message": finding.message,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "node": finding.node,
        "scenario": finding.scenario,
        "path": finding.path,
    }
    data.update(finding.extra)
    return data


def format_json(result: CheckResult, color: bool = False) -> str:
    payload = {"findings": [finding_dict(f) for f in result.findings], "files": result.files}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
