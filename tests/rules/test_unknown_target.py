from ivr_lint.engine import check_paths
from tests.conftest import structure_config, MINIMAL, findings


def test_unknown_option_target_is_reported_at_the_value(write):
    path = write(MINIMAL.replace('"0": agent', '"0": agnet'))
    assert findings(path, select="unknown-target") == [("unknown-target", 7, 20)]


def test_message_suggests_the_closest_node(write):
    path = write(MINIMAL.replace('"0": agent', '"0": agnet'))
    [finding] = check_paths([str(path)], structure_config()).findings
    assert finding.message == "option '0' leads to an unknown node 'agnet'; did you mean 'agent'?"
    assert finding.node == "menu"


def test_unknown_start_is_reported_at_start(write):
    path = write(MINIMAL.replace("start: menu", "start: welcome"))
    assert ("unknown-target", 2, 8) in findings(path, select="unknown-target")


def test_unknown_max_retries_target(write):
    path = write(MINIMAL.replace("on_max_retries: agent", "on_max_retries: operator"))
    assert findings(path, select="unknown-target") == [("unknown-target", 8, 21)]


def test_goto_to_missing_file_and_node(write):
    write("ivr: 1\nstart: a\nnodes:\n  a: {type: queue}\n", name="other.yaml")
    path = write("""
        ivr: 1
        start: menu
        nodes:
          menu:
            type: menu
            options: {"1": missing-file, "2": missing-node, "3": ok}
            on_max_retries: ok
          missing-file: {type: goto, flow: nowhere.yaml}
          missing-node: {type: goto, flow: other.yaml, node: b}
          ok: {type: goto, flow: other.yaml}
    """)
    assert findings(path, select="unknown-target") == [("unknown-target", 8, 36), ("unknown-target", 9, 54)]


def test_known_targets_pass(write):
    assert findings(write(MINIMAL), select="unknown-target") == []
