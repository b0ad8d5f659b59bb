"""Code Climate JSON, the format of GitLab's code-quality reports."""

from __future__ import annotations

import hashlib
import json

from ivr_lint.engine import CheckResult
from ivr_lint.findings import Severity

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_codeclimate(result: CheckResult, color: bool = False) -> str:
    issues = []
    for f in result.findings:
        identity = f"{f.file}\0{f.rule}\0{f.node}\0{f.message}"
        issues.append({
            "type": "issue",
            "check_name": f.rule,
            "description": f.message,
            "categories": ["Bug Risk"] if f.severity is Severity.ERROR else ["Style"],
            "severity": _SEVERITY[f.severity],
            "fingerprint": hashlib.md5(identity.encode(), usedforsecurity=False).hexdigest(),
            "location": {"path": f.file, "lines": {"begin": f.line, "end": f.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
