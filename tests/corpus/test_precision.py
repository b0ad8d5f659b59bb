"""Precision corpus (issue 9 §8): well-made flows are clean, one-fault flows get exactly their fault.

Every case is checked as a user checks it, `ivr-lint check --format json`, under the
`recommended` preset (tests/corpus/pyproject.toml). The bar:

- a well-made case gets no warning and no error; info findings (plain-language hints,
  readings the tool is unsure of) are allowed, and listed by `scripts/precision.py`;
- a one-fault case gets every finding its `# expect:` lines declare (rule and line, at
  any severity) and no other warning or error.

A case that fails today because of a known linter bug is marked `xfail(strict=True)` in
KNOWN_FAILURES with its cause: when the fix lands the case passes, strict turns that into a
failure, and the mark must be removed. Never edit a flow to dodge a false alarm.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run
from tests.corpus.corpus import ONE_FAULT, WELL_MADE, cases, check, describe, score

#: the rules being added in issue 9 §7; they count for coverage before they are registered
NEW_RULES = {"menu-prompt-mismatch", "short-timeout", "quieter-hours-mismatch"}


#: case id -> why it fails today (which rule misfires, and why); remove an entry when its fix lands
KNOWN_FAILURES: dict[str, str] = {}


def _params(folder):
    params = []
    for case in cases(folder):
        reason = KNOWN_FAILURES.get(case.id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


def _report(findings: list[dict]) -> str:
    return "\n".join(describe(f) for f in findings)


@pytest.mark.parametrize("case", _params(WELL_MADE))
def test_well_made_flow_has_no_warning_or_error(case):
    assert not case.expected, "a well-made flow declares no `# expect:` line"
    result = score(case, check(case))
    assert not result.false_positives, "false alarms:\n" + _report(result.false_positives)


@pytest.mark.parametrize("case", _params(ONE_FAULT))
def test_one_fault_flow_gets_exactly_its_fault(case):
    assert case.expected, "a one-fault flow declares its fault with `# expect: RULE line N`"
    result = score(case, check(case))
    missed = "\n".join(f"{e.file}:{e.line}: [{e.rule}] not reported" for e in result.false_negatives)
    assert not result.false_negatives and not result.false_positives, (
        missed + "\nfindings nobody expected:\n" + _report(result.false_positives))


def test_the_corpus_is_large_enough_to_mean_something():
    assert len(cases(WELL_MADE)) >= 24
    assert len(cases(ONE_FAULT)) >= 24


def test_one_fault_flows_cover_every_rule():
    listed = {rule["name"] for rule in json.loads(run("rules", "--format", "json").stdout)}
    expected = {e.rule for case in cases(ONE_FAULT) for e in case.expected}
    assert expected - listed <= NEW_RULES, "an expectation names no rule"
    assert listed | NEW_RULES <= expected, "rules no one-fault flow exercises"


def test_known_failures_name_existing_cases():
    ids = {case.id for case in cases(WELL_MADE) + cases(ONE_FAULT)}
    assert set(KNOWN_FAILURES) <= ids
