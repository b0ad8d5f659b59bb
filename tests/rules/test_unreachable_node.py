from tests.conftest import structure_config, MINIMAL, findings


def test_node_no_path_reaches_is_reported_at_its_id(write):
    path = write(MINIMAL + "  old-promo:\n    type: play\n    prompt: Promo\n    next: agent\n")
    assert findings(path, select="unreachable-node") == [("unreachable-node", 11, 3)]


def test_node_reached_through_goto_from_another_flow_is_reachable(write):
    target = write(MINIMAL + "  side-door:\n    type: play\n    prompt: Bonjour\n    next: agent\n", name="b.yaml")
    write("ivr: 1\nstart: jump\nnodes:\n  jump: {type: goto, flow: b.yaml, node: side-door}\n", name="a.yaml")
    from ivr_lint.engine import check_paths

    result = check_paths([str(target.parent)], structure_config())
    assert [f for f in result.findings if f.rule == "unreachable-node"] == []


def test_every_node_reachable_passes(write):
    assert findings(write(MINIMAL), select="unreachable-node") == []
