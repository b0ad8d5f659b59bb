"""JUnit XML for journey results: the format every CI shows as a test report.

One <testsuite> per journey file, one <testcase> per journey; a failed expectation is a
<failure>, a file that cannot be used (bad YAML, a flow `check` rejects) an <error>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ivr_lint.simulate.runner import Result
from ivr_lint.simulate.transcript import summary


@dataclass
class Suite:
    name: str  # the journey file
    flow: str  # the flow's id, used as the class name
    results: list[Result] = field(default_factory=list)
    error: str | None = None


def to_xml(suites: list[Suite]) -> str:
    root = ET.Element("testsuites", name="ivr-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    elapsed = 0.0
    for suite in suites:
        failures = sum(1 for r in suite.results if not r.passed)
        errors = 1 if suite.error else 0
        seconds = sum(r.seconds for r in suite.results)
        node = ET.SubElement(root, "testsuite", name=suite.name, tests=str(len(suite.results) + errors),
                             failures=str(failures), errors=str(errors), time=f"{seconds:.3f}")
        if suite.error:
            case = ET.SubElement(node, "testcase", classname=suite.flow or suite.name, name="load", file=suite.name)
            ET.SubElement(case, "error", message=suite.error.splitlines()[0]).text = suite.error
        for result in suite.results:
            case = ET.SubElement(node, "testcase", classname=suite.flow, name=result.journey.name, file=suite.name,
                                 line=str(result.journey.pos.line), time=f"{result.seconds:.3f}")
            if not result.passed:
                ET.SubElement(case, "failure", message=result.problems[0]).text = "\n".join(result.problems)
            if result.transcript is not None:
                ET.SubElement(case, "system-out").text = "\n".join(summary(result.transcript, 150))
        totals["tests"] += len(suite.results) + errors
        totals["failures"] += failures
        totals["errors"] += errors
        elapsed += seconds
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{elapsed:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
