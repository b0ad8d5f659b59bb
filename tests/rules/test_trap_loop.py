from ivr_lint.engine import check_paths
from tests.conftest import structure_config, findings

LOOP = """
ivr: 1
start: menu
nodes:
  menu:
    type: menu
    options: {"1": info}
    on_max_retries: menu
  info:
    type: play
    prompt: "Nos horaires sont sur le site."
    next: menu
"""


def test_loop_with_no_exit_is_one_finding_at_its_first_node(write):
    path = write(LOOP)
    assert findings(path, select="trap-loop") == [("trap-loop", 4, 3)]
    [finding] = check_paths([str(path)], structure_config()).findings
    assert finding.path == ["menu", "info"]


def test_loop_with_an_exit_passes(write):
    path = write(LOOP.replace('{"1": info}', '{"1": info, "0": agent}') + "  agent: {type: queue}\n")
    assert findings(path, select="trap-loop") == []


def test_goto_cycle_between_two_files_without_an_end_is_a_trap(write):
    a = write("ivr: 1\nstart: go\nnodes:\n  go: {type: goto, flow: b.yaml}\n", name="a.yaml")
    write("ivr: 1\nstart: back\nnodes:\n  back: {type: goto, flow: a.yaml}\n", name="b.yaml")
    result = check_paths([str(a.parent)], structure_config())
    assert sorted((f.file.rsplit("/", 1)[-1], f.rule, f.line) for f in result.findings) == [
        ("a.yaml", "trap-loop", 4), ("b.yaml", "trap-loop", 4)]


def test_goto_cycle_between_two_files_with_an_end_is_fine(write):
    a = write("ivr: 1\nstart: m\nnodes:\n  m: {type: menu, options: {'1': go, '0': q}, on_max_retries: q}\n"
              "  go: {type: goto, flow: b.yaml}\n  q: {type: queue}\n", name="a.yaml")
    write("ivr: 1\nstart: back\nnodes:\n  back: {type: goto, flow: a.yaml}\n", name="b.yaml")
    assert check_paths([str(a.parent)], structure_config()).findings == []


def test_explicit_self_loops_are_traps_not_dead_ends(write):
    for node in ("{type: play, prompt: Patientez, next: m}", "{type: menu, options: {'*': {repeat: true}}}"):
        path = write(f"ivr: 1\nstart: m\nnodes:\n  m: {node}\n")
        assert findings(path, select="trap-loop") == [("trap-loop", 4, 3)]
        assert findings(path, select="dead-end") == []
