"""JUnit XML, which most CI systems (GitLab, Jenkins, Azure) show as test results:
one test case per checked file, failing with one entry per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from ivr_lint.engine import CheckResult


def format_junit(result: CheckResult, color: bool = False) -> str:
    by_file = defaultdict(list)
    for finding in result.findings:
        by_file[finding.file].append(finding)
    files = sorted(set(by_file) | set(result.checked_files))
    suite = ET.Element("testsuite", name="ivr-lint", tests=str(len(files)),
                       failures=str(sum(1 for f in files if by_file[f])), errors="0", skipped="0")
    for name in files:
        case = ET.SubElement(suite, "testcase", classname="ivr-lint", name=name)
        findings = by_file[name]
        if findings:
            failure = ET.SubElement(case, "failure", type="lint",
                                    message=f"{len(findings)} finding{'s' if len(findings) != 1 else ''}")
            failure.text = "\n".join(f"{f.file}:{f.line}:{f.column}: {f.severity.label} [{f.rule}] {f.message}"
                                     for f in findings)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
