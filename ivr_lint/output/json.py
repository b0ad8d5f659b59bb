"""Machine-readable findings: {"findings": [...], "files": N, "service_sources": {...}}.

Field names are a public contract. `service_sources` says, for each checked flow, where
each block of its service identity (service, hours, language, kind) is written: in the
flow itself or in the service.yaml / pyproject.toml it inherits from.
"""

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


def service_sources(result: CheckResult) -> dict[str, dict[str, dict]]:
    sources = result.project.service_sources(result.checked_files) if result.project is not None else {}
    return {flow: {block: {"file": pos.file, "line": pos.line, "column": pos.column} for block, pos in blocks.items()}
            for flow, blocks in sources.items()}


def format_json(result: CheckResult, color: bool = False) -> str:
    payload = {"findings": [finding_dict(f) for f in result.findings], "files": result.files,
               "service_sources": service_sources(result)}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
