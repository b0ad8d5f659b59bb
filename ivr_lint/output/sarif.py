"""SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab, Azure) import."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ivr_lint import __version__
from ivr_lint.engine import CheckResult
from ivr_lint.findings import Severity
from ivr_lint.rules import BY_NAME, RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(name: str) -> str:
    """A valid URI for a finding's file: file:// for absolute paths, percent-encoded relative ones."""
    if os.path.isabs(name):
        return Path(name).as_uri()
    return quote(name.replace("\\", "/"))


def _rule_descriptor(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc().split("\n\n")[1] if "\n\n" in rule.doc() else rule.summary},
        "help": {"text": rule.doc(), "markdown": rule.doc()},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"tags": list(rule.tags)},
    }


def format_sarif(result: CheckResult, color: bool = False) -> str:
    index = {rule.name: i for i, rule in enumerate(RULES)}
    results = []
    for f in result.findings:
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(f.file)},
                "region": {"startLine": f.line, "startColumn": f.column},
            }
        }
        if f.node:
            location["logicalLocations"] = [{"name": f.node, "kind": "element"}]
        entry = {
            "ruleId": BY_NAME[f.rule].code,
            "ruleIndex": index[f.rule],
            "level": _LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        properties = {k: v for k, v in (("scenario", f.scenario), ("path", f.path)) if v}
        if properties:
            entry["properties"] = properties
        results.append(entry)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ivr-lint",
                "version": __version__,
                "informationUri": "https://pypi.org/project/ivr-lint/",
                "rules": [_rule_descriptor(rule) for rule in RULES],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
