"""The registry is the only list of rules; every rule is complete and its doc examples are true."""

import pkgutil

import pytest

import ivr_lint.rules as rules_package
from ivr_lint.rules import BY_CODE, BY_NAME, RULES
from tests.conftest import findings

SECTIONS = ("## What it does", "## Why is this bad", "## Example", "## Use instead")


def _rule_modules():
    for info in pkgutil.walk_packages(rules_package.__path__, "ivr_lint.rules."):
        if not info.ispkg and info.name != "ivr_lint.rules.base" and not info.name.rsplit(".", 1)[1].startswith("_"):
            yield info.name


def test_every_rule_module_is_registered():
    registered = {rule.__module__ for rule in RULES}
    assert set(_rule_modules()) == registered


def test_codes_and_names_are_unique_and_well_formed():
    assert len(BY_CODE) == len(BY_NAME) == len(RULES)
    for rule in RULES:
        assert rule.code.startswith("IVR") and rule.code[3:].isdigit()
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary.endswith(".")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_doc_has_every_section(rule):
    doc = rule.doc()
    for section in SECTIONS:
        assert section in doc, f"{rule.name} doc lacks {section}"
    if rule.options:
        assert "## Options" in doc or all(option.doc for option in rule.options)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_doc_examples_bad_fires_good_stays_quiet(rule, write):
    bad, good = rule.examples()
    assert bad and good
    assert any(name == rule.name for name, _, _ in findings(write(bad, "bad.yaml"), select=rule.name))
    assert findings(write(good, "good.yaml"), select=rule.name) == []
