from tests.conftest import MINIMAL, findings, run_json

BROKEN = MINIMAL.replace('"0": agent', '"0": agnet')


def test_misspelt_rule_name_is_reported_at_the_comment(write):
    path = write(BROKEN.replace("  menu:\n", "  menu:  # ivr-lint: disable=unknown-targt\n"))
    assert findings(path) == [("unused-suppression", 4, 10), ("unknown-target", 7, 20)]


def test_stale_suppression_is_reported_and_a_used_one_is_not(write):
    stale = write(MINIMAL.replace("  menu:\n", "  menu:  # ivr-lint: disable=dead-end\n"), "stale.yaml")
    assert findings(stale) == [("unused-suppression", 4, 10)]
    used = write(BROKEN.replace("  menu:\n", "  menu:  # ivr-lint: disable=unknown-target\n"), "used.yaml")
    assert findings(used) == []


def test_rules_left_out_of_the_run_are_not_called_unused(write):
    path = str(write(MINIMAL.replace("  menu:\n", "  menu:  # ivr-lint: disable=dead-end\n")))
    assert run_json("check", "--select", "unused-suppression,unknown-target", path)[1]["findings"] == []
