"""Large flows are drawn folded: the top of the call tree, deeper branches as "⋯ N more nodes" boxes.

`dot` needs minutes for 10,000 nodes; pictures keep 500 boxes by default (--max-nodes),
say so in their subtitle and legend, and each box names the `--focus` that draws it.
"""

import re

import pytest

from tests.conftest import run


def tree_flow(menus: int, options: int = 3) -> str:
    """Menus of `options` keys filled breadth first (menu i leads to menus i*options+1...), leaves are messages."""
    lines = ["ivr: 1", "start: m0", "nodes:", "  agent: {type: queue, prompt: \"Un conseiller.\"}"]
    for m in range(menus):
        keys = []
        for k in range(1, options + 1):
            child = m * options + k
            target = f"m{child}" if child < menus else f"p{m}-{k}"
            keys.append(f'"{k}": {target}')
            if child >= menus:
                lines.append(f'  p{m}-{k}: {{type: play, prompt: "Information {m} {k}.", next: agent}}')
        lines.append(f'  m{m}: {{type: menu, prompt: "Menu {m}.", options: {{{", ".join(keys)}, "0": agent}}, '
                     "on_max_retries: agent}")
    return "\n".join(lines) + "\n"


def node_ids(dot: str) -> list[str]:
    """Ids of the flow's nodes drawn in DOT source (not the ⋯ boxes, stubs or the call)."""
    return re.findall(r'^  "([^"]+)" \[.*class="ivr-node type-(?!fold)', dot, re.MULTILINE)


def boxes(dot: str) -> list[str]:
    return re.findall(r'^  "(fold:[^"]+)" \[', dot, re.MULTILINE)


@pytest.fixture
def big(write):
    return write(tree_flow(300), "big.yaml")  # 300 menus, 601 messages, an agent: 902 nodes


def test_a_picture_of_902_nodes_keeps_the_top_levels_within_500_boxes(big):
    result = run("render", str(big), "--format", "dot")
    assert result.exit_code == 0, result.output
    drawn, folded_boxes = node_ids(result.stdout), boxes(result.stdout)
    assert len(drawn) + len(folded_boxes) <= 500
    assert {"m0", "m1", "m2", "m3", "agent"} <= set(drawn)  # the top of the tree
    assert "m299" not in drawn and "p299-3" not in drawn
    folded = int(re.search(r"([\d,]+) of 902 nodes folded into ⋯ boxes \(--max-nodes 500; "
                           r"--max-nodes 0 draws everything\)", result.stdout).group(1).replace(",", ""))
    assert folded == 902 - len(drawn)
    counts = [int(n.replace(",", "")) for n in re.findall(r'^  "fold:[^"]+" \[[^\n]*?⋯ ([\d,]+) more node',
                                                          result.stdout, re.MULTILINE)]
    assert len(counts) == len(folded_boxes)
    assert sum(counts) == folded  # every folded node is in exactly one box
    assert "folded branch (--max-nodes)" in result.stdout  # in the legend


def test_each_box_names_the_focus_that_draws_its_branch(big):
    dot = run("render", str(big), "--format", "dot").stdout
    focus = re.search(r"ivr-lint render --focus (m\d+)", dot).group(1)
    branch = run("render", str(big), "--format", "dot", "--focus", focus)
    assert branch.exit_code == 0, branch.output
    assert f"from {focus}" in branch.stdout
    drawn = set(node_ids(branch.stdout))
    assert focus in drawn and "m0" not in drawn  # what the focus leads to, not what leads to it
    assert not boxes(branch.stdout)  # a branch this small is drawn whole


def test_max_nodes_0_draws_every_node_and_a_small_budget_folds_more(big):
    whole = run("render", str(big), "--format", "dot", "--max-nodes", "0").stdout
    assert len(node_ids(whole)) == 902 and not boxes(whole) and "folded" not in whole
    small = run("render", str(big), "--format", "dot", "--max-nodes", "30").stdout
    assert len(node_ids(small)) + len(boxes(small)) <= 30
    assert "--max-nodes 30;" in small


def test_the_text_tree_stays_whole_unless_asked(big):
    tree = run("render", str(big)).stdout
    assert "m299 [menu]" in tree and "⋯" not in tree
    folded = run("render", str(big), "--max-nodes", "20").stdout
    assert "m299 [menu]" not in folded
    assert re.search(r"→ ⋯ [\d,]+ more nodes \(ivr-lint render --focus m\d+\)", folded)
    assert "of 902 nodes folded into ⋯ boxes (--max-nodes 20;" in folded.splitlines()[1]


def test_mermaid_is_folded_like_the_picture(big):
    result = run("render", str(big), "--format", "mermaid")
    assert result.exit_code == 0
    assert "more nodes" in result.stdout and "m299" not in result.stdout


def test_a_flow_within_the_budget_is_drawn_as_before(write):
    flow = write(tree_flow(10), "small.yaml")
    default, whole = (run("render", str(flow), "--format", "dot", *extra).stdout for extra in ([], ["--max-nodes", "0"]))
    assert default == whole and "⋯" not in default


def test_focus_on_an_unknown_node_is_a_usage_error(big, tmp_path):
    result = run("render", str(big), "--focus", "nowhere", "-o", str(tmp_path / "x.dot"))
    assert result.exit_code == 2
    assert f"--focus 'nowhere': {big} has no node with this id" in result.stderr
    assert not (tmp_path / "x.dot").exists()
    assert run("render", str(big), "--max-nodes", "-1").exit_code == 2


def test_a_long_chain_folds_below_the_budget(write):
    lines = ["ivr: 1", "start: p0", "nodes:"]
    lines += [f'  p{i}: {{type: play, prompt: "Message {i}.", next: p{i + 1}}}' for i in range(700)]
    lines.append('  p700: {type: hangup, prompt: "Au revoir."}')
    flow = write("\n".join(lines) + "\n", "chain.yaml")
    dot = run("render", str(flow), "--format", "dot").stdout
    drawn = node_ids(dot)
    assert drawn[:3] == ["p0", "p1", "p2"] and len(drawn) == 499
    assert boxes(dot) == ["fold:p498"]
    assert "⋯ 202 more nodes" in dot and "ivr-lint render --focus p499" in dot
