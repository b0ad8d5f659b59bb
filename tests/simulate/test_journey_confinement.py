"""A journey file runs only a flow inside the trees given to `ivr-lint test`, like a `goto`,
and its messages never quote more than a line of what it holds."""

import os

import pytest

from tests.conftest import MINIMAL, dedent, run

JOURNEY = """\
# journeys for the advisor line
flow: {flow}
journeys:
  - name: zero reaches an advisor
    keys: "0"
    expect: {{outcome: agent}}
"""


@pytest.fixture
def tree(tmp_path):
    """project/ with flows/line.yaml, tests/ for journeys, and a flow outside the project."""
    project = tmp_path / "project"
    (project / "flows").mkdir(parents=True)
    (project / "tests").mkdir()
    (project / "flows" / "line.yaml").write_text(MINIMAL)
    (tmp_path / "outside.yaml").write_text(MINIMAL)
    return project


def _journeys(folder, flow, name="line.journeys.yaml"):
    path = folder / name
    path.write_text(JOURNEY.format(flow=flow))
    return path


@pytest.mark.parametrize("flow", ["/etc/passwd", "../../outside.yaml", "../../../../../../../../etc/hostname"])
def test_a_flow_outside_the_tree_is_refused_at_its_line_without_reading_it(tree, flow):
    path = _journeys(tree / "tests", flow)
    result = run("test", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"ivr-lint: error: {path}:2:7: `flow` {flow!r} leaves the directory tree given to `ivr-lint test`; "
        "run it on a directory that holds both the journeys and the flow")
    assert "root:" not in result.output and "zero reaches an advisor" not in result.stdout


def test_the_tree_is_the_one_given_on_the_command_line(tree):
    """`test tests/x.yaml` may not reach ../flows/, but `test .` from the project root may."""
    path = _journeys(tree / "tests", "../flows/line.yaml")
    assert run("test", str(path)).exit_code == 2
    result = run("test", str(tree))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"{path} (flow {tree / 'flows' / 'line.yaml'})",
        "  ok    zero reaches an advisor",
    ]
    both = run("test", str(path), str(tree / "flows"))  # or name the flows' folder beside the journeys
    assert "  ok    zero reaches an advisor" in both.stdout


def test_a_symbolic_link_out_of_the_tree_is_followed_before_judging(tree, tmp_path):
    os.symlink(tmp_path / "outside.yaml", tree / "tests" / "inside-looking.yaml")
    path = _journeys(tree / "tests", "inside-looking.yaml")
    result = run("test", str(path))
    assert result.exit_code == 2
    assert "`flow` 'inside-looking.yaml' leaves the directory tree" in result.stderr


def test_a_link_is_judged_by_where_it_leads(tree):
    os.symlink(tree / "flows" / "line.yaml", tree / "tests" / "line.yaml")
    path = _journeys(tree / "tests", "line.yaml")
    assert run("test", str(path)).exit_code == 2  # it leads out of tests/
    result = run("test", str(tree))  # but stays in the project
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("flow", ['""', '"a\\0b.yaml"'])
def test_an_empty_or_nul_flow_path_is_refused(tree, flow):
    path = _journeys(tree / "tests", flow)
    result = run("test", str(path))
    assert result.exit_code == 2
    assert f"{path}:2:7: `flow` must name a flow file" in result.stderr


def test_messages_quote_at_most_120_characters_of_a_value(tree):
    name = "x" * 5000
    path = tree / "flows" / "long.journeys.yaml"
    path.write_text(dedent(f"""
        flow: line.yaml
        journeys:
          - name: {name}
          - name: {name}
    """))
    result = run("test", str(path))
    assert result.exit_code == 2
    line = result.stderr.splitlines()[0]
    assert line == (f"ivr-lint: error: {path}:1:1: journey name {'x' * 120!r}… (5,000 characters) is used twice "
                    "(lines 3 and 4)")


def test_a_long_outside_path_is_quoted_short(tree):
    flow = "../" * 200 + "etc/passwd"
    path = _journeys(tree / "tests", flow)
    result = run("test", str(path))
    assert result.exit_code == 2
    assert f"`flow` {flow[:120]!r}… ({len(flow):,} characters) leaves the directory tree" in result.stderr
    assert len(result.stderr.splitlines()[0]) < 400


def test_an_unknown_field_name_is_quoted_short(tree):
    path = tree / "flows" / "typo.journeys.yaml"
    path.write_text(f"flow: line.yaml\njourneys:\n  - name: a\n    {'k' * 300}: 1\n")
    result = run("test", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ivr-lint: error: {path}:4:5: unknown field {'k' * 120!r}… (300 characters) "
                                    "in a journey")
