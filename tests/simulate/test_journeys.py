"""`ivr-lint test` (journey files, JUnit) and `ivr-lint journeys` (generated covering sets)."""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import yaml

from tests.conftest import FLOWS, REPO, dedent, run
from tests.simulate.conftest import LINE

ISSUE_EXAMPLE = """\
flow: {flow}
journeys:
  - name: a caller on Tuesday morning reaches an advisor with 0
    at: "2026-12-01 10:00"
    keys: ["0"]
    expect: {{outcome: agent, end: advisors, max_seconds: 30}}
  - name: Christmas day gives the hours and the website
    at: "2026-12-25 10:00"
    expect: {{outcome: hangup, hears: ["du lundi au vendredi", "caf.fr"]}}
  - name: congestion offers a callback
    at: "2026-12-01 10:00"
    congested: true
    keys: ["0", "1"]
    expect: {{outcome: callback, path_includes: [busy-menu]}}
"""

FAILING = """\
  - name: a wrong expectation
    at: "2026-12-01 10:00"
    keys: "0"
    expect: {outcome: callback, end: goodbye, hears: ["rappel"], not_hears: ["conseiller"], max_seconds: 5}
"""


@pytest.fixture
def flows(tmp_path):
    """A copy of the bundled flows beside the journey files: a journey's flow lies in its tree."""
    folder = tmp_path / "flows"
    folder.mkdir()
    for flow in FLOWS.glob("*.yaml"):
        if not flow.name.endswith(".journeys.yaml"):
            shutil.copy(flow, folder / flow.name)
    return folder


@pytest.fixture
def caf_journeys(write, flows):
    return write(ISSUE_EXAMPLE.format(flow=flows / "caf-gironde.yaml"), "caf.journeys.yaml")


def test_the_issue_example_passes(caf_journeys, flows):
    result = run("test", str(caf_journeys))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:4] == [
        f"{caf_journeys} (flow {flows / 'caf-gironde.yaml'})",
        "  ok    a caller on Tuesday morning reaches an advisor with 0",
        "  ok    Christmas day gives the hours and the website",
        "  ok    congestion offers a callback",
    ]
    assert result.stdout.splitlines()[4].startswith("3 journeys in 1 file: 3 passed, 0 failed")


def test_a_failing_journey_says_what_differs_and_exits_1(write, flows):
    path = write(ISSUE_EXAMPLE.format(flow=flows / "caf-gironde.yaml") + FAILING, "caf.journeys.yaml")
    result = run("test", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[4:11] == [
        f"  FAIL  a wrong expectation ({path}:15)",
        "        outcome: expected callback, got agent",
        "        end: expected goodbye, got advisors",
        lines[7],
        "        hears: 'rappel' is never said",
        "        not_hears: 'conseiller' is said",
        lines[10],
    ]
    assert lines[7].startswith("        elapsed: expected at most 5 s, got 2")
    assert lines[10].startswith("        got path: welcome > check-hours > main-menu > advisors (keys: 0; elapsed 0:")
    assert lines[11].startswith("4 journeys in 1 file: 3 passed, 1 failed")


def test_junit_report(write, tmp_path, flows):
    path = write(ISSUE_EXAMPLE.format(flow=flows / "caf-gironde.yaml") + FAILING, "caf.journeys.yaml")
    report = tmp_path / "out" / "junit.xml"
    report.parent.mkdir()
    assert run("test", str(path), "--junit", str(report)).exit_code == 1
    assert os.listdir(report.parent) == ["junit.xml"]  # written atomically: no temporary file left
    root = ET.parse(report).getroot()
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == ("testsuites", "4", "1", "0")
    suite = root.find("testsuite")
    assert suite.get("name") == str(path)
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "a caller on Tuesday morning reaches an advisor with 0", "Christmas day gives the hours and the website",
        "congestion offers a callback", "a wrong expectation"]
    assert {c.get("classname") for c in cases} == {"caf-gironde"}
    assert [c.get("line") for c in cases] == ["3", "7", "10", "15"]
    failure = cases[3].find("failure")
    assert failure.get("message") == "outcome: expected callback, got agent"
    assert cases[0].find("failure") is None
    assert cases[0].find("system-out").text.startswith("Outcome: agent (ended at advisors)")


def test_nodes_of_another_flow_match_with_or_without_their_flow_id(tmp_path, flows):
    path = tmp_path / "nantes.journeys.yaml"
    path.write_text(dedent(f"""
        flow: {flows / 'mairie-nantes.yaml'}
        journeys:
          - name: civil status through the sub-flow
            at: "2026-12-01 10:00"
            keys: ["1", "0"]
            expect:
              outcome: agent
              end: ec-agents
              path_includes: [etat-civil, "mairie-nantes-etat-civil:etat-civil-menu"]
              path_excludes: [agents]
    """))
    result = run("test", str(path))
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("body, message", [
    ("journeys:\n  - name: x\n", "{path}:1:1: missing `flow`"),
    ("flow: {flow}\njourneys:\n  - name: x\n    expct: {{outcome: agent}}\n",
     ("{path}:4:5: unknown field 'expct' in a journey (expected one of: name, at, congested, unanswered, vars, "
     "wait_minutes, position, max_steps, keys, expect)")),
    ("flow: {flow}\njourneys:\n  - name: x\n    expect: {{outcome: person}}\n",
     "{path}:4:23: unknown outcome 'person' (one of: agent, transfer, callback, voicemail, abandoned, hangup, loop, unknown-target)"),
    ("flow: {flow}\njourneys:\n  - name: x\n    keys: ['1', 'x!']\n",
     "{path}:4:11: journey 'x': keys: answer 2: 'x!' is not an answer"),
    ("flow: {flow}\njourneys:\n  - name: x\n    at: next tuesday\n",
     "{path}:4:9: cannot read the time 'next tuesday'"),
    ("flow: {flow}\njourneys:\n  - name: x\n    congested: maybe\n", "{path}:4:16: `congested` must be true or false"),
    ("flow: {flow}\njourneys:\n  - name: x\n    unanswered: [nobody]\n",
     "{path}:3:5: journey 'x': unanswered: no queue or transfer has the id 'nobody'"),
    ("flow: {flow}\njourneys:\n  - name: x\n  - name: x\n", "{path}:1:1: journey name 'x' is used twice (lines 3 and 4)"),
    ("flow: {flow}\njourneys: [\n", "{path}:3:1: "),
    ("flow: missing.yaml\njourneys:\n  - name: x\n", "cannot run {path}: "),
])
def test_unusable_journey_files_exit_2_with_their_position(write, flows, body, message):
    path = write(body.format(flow=flows / "caf-gironde.yaml"), "bad.journeys.yaml")
    result = run("test", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("ivr-lint: error: " + message.format(path=path)), result.stderr
    assert "Traceback" not in result.output


def test_a_flow_check_rejects_stops_its_journeys(write):
    flow = write(LINE.replace('"1": file-number', '"1": nowhere'), "line.yaml")
    path = write("flow: line.yaml\njourneys:\n  - name: x\n", "line.journeys.yaml")
    result = run("test", str(path))
    assert result.exit_code == 2
    assert f"`ivr-lint check` reports errors; fix them first:\n{flow}:20:12: unknown-target" in result.stderr


def test_directories_hold_journey_files_beside_flows(write, tmp_path):
    write(LINE, "flows/line.yaml")
    write("flow: line.yaml\njourneys:\n  - name: silence\n    at: '2026-12-01 10:00'\n"
          "    expect: {outcome: agent}\n", "flows/line.journeys.yaml")
    result = run("test", str(tmp_path / "flows"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"{tmp_path / 'flows' / 'line.journeys.yaml'} (flow " \
                                            f"{tmp_path / 'flows' / 'line.yaml'})"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("test", str(empty))
    assert result.exit_code == 2
    assert "no journey files found" in result.stderr


def test_coverage_lists_edges_no_journey_takes(write, tmp_path):
    write(LINE, "line.yaml")
    path = write("flow: line.yaml\njourneys:\n  - name: an advisor\n    at: '2026-12-01 10:00'\n    keys: ['0']\n",
                 "line.journeys.yaml")
    result = run("test", "--coverage", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[2] == ("  coverage: 3/46 edges a caller can take, per scenario: open 3/17, open+congested 0/23, "
                        "closed 0/3, holiday 0/3")
    assert "    not taken in closed: hours -[closed]-> closed" in lines
    assert "    not taken in open+congested: agents -[congestion]-> busy" in lines
    assert "  FAIL  coverage: some edges are not taken" in lines


def test_bundled_flows_have_passing_journeys_that_cover_every_edge():
    flows = sorted(p for p in FLOWS.glob("*.yaml") if not p.name.endswith((".journeys.yaml", ".traffic.yaml")))
    journeys = sorted(FLOWS.glob("*.journeys.yaml"))
    assert [p.name.replace(".journeys", "") for p in journeys] == [p.name for p in flows]
    result = run("test", "--coverage", str(FLOWS))
    assert result.exit_code == 0, result.stdout
    coverage = [line for line in result.stdout.splitlines() if line.startswith("  coverage:")]
    assert len(coverage) == len(flows)
    for line in coverage:
        taken, total = line.split()[1].split("/")
        assert taken == total
    assert "not taken" not in result.stdout
    # the only edges no call can take are implicit holiday branches behind an earlier hours check
    cannot = [line for line in result.stdout.splitlines() if "cannot be covered" in line]
    assert cannot == [
        ("    cannot be covered: recovery-hours -[holiday]-> recovery-closed: whenever schedule `recovery-team` is "
        "`holiday`, calls do not reach recovery-hours (an earlier hours check sends them elsewhere)"),
        ("    cannot be covered: foreigners-hours -[holiday]-> foreigners-closed: whenever schedule `etrangers` is "
        "`holiday`, calls do not reach foreigners-hours (an earlier hours check sends them elsewhere)"),
    ]


# -- generation -------------------------------------------------------------------------------

def test_generated_journeys_cover_every_edge_and_pass(write, tmp_path):
    flow = write(LINE, "line.yaml")
    out = tmp_path / "line.journeys.yaml"
    result = run("journeys", str(flow), "--since", "2026-12-01", "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].startswith(
        "12 journeys cover 46/46 edges in 4 scenarios (no covering set has fewer than 12 journeys); "
        "0 edges cannot be covered;")
    data = yaml.safe_load(out.read_text())
    assert data["flow"] == "line.yaml"
    scenarios = [(j["at"], j.get("congested", False)) for j in data["journeys"]]
    assert ("2026-12-01 13:00", False) in scenarios and ("2026-12-01 13:00", True) in scenarios
    assert ("2026-12-01 20:00", False) in scenarios  # closed: in the evening
    assert ("2026-12-24 13:00", False) in scenarios  # the first holiday or closure
    first = data["journeys"][0]
    assert first == {
        "name": "open #1: * timeout 9 0 -> callback at bye", "at": "2026-12-01 13:00", "unanswered": ["agents"],
        "keys": ["*", "timeout", "9", "0"],
        "expect": {"outcome": "callback", "end": "bye",
                   "path": ["welcome", "hours", "menu", "menu", "menu", "menu", "agents", "callback", "bye"]}}
    tested = run("test", "--coverage", str(out))
    assert tested.exit_code == 0, tested.stdout
    assert "  coverage: 46/46 edges a caller can take, per scenario: open 17/17, open+congested 23/23, " \
           "closed 3/3, holiday 3/3" in tested.stdout


def test_generation_reports_edges_no_call_can_take(write):
    flow = write("""
        ivr: 1
        start: menu
        nodes:
          menu:
            type: menu
            prompt: "Tapez 1."
            options: {"1": agent}
            retries: 0
            on_max_retries: agent
          agent: {type: queue}
    """)
    result = run("journeys", str(flow), "--since", "2026-12-01")
    assert result.exit_code == 0
    assert "  cannot be covered: menu -[no-input]-> menu: retries: 0 leaves no replay" in result.stderr
    assert "#   menu -[no-match]-> menu: retries: 0 leaves no replay" in result.stdout
    assert result.stdout.count("  - name: ") == 2  # the key, and max-retries after one silence


def test_journeys_refuses_a_broken_flow(write):
    flow = write(LINE.replace("next: bye", "next: byebye", 1))
    result = run("journeys", str(flow))
    assert result.exit_code == 2
    assert "cannot generate journeys for" in result.stderr and "unknown-target" in result.stderr
    assert run("journeys", str(flow), "--since", "someday").exit_code == 2


def test_a_1000_node_flow_is_covered_whole_with_the_fewest_journeys(tmp_path):
    """Its speed is measured by benchmarks, not here (no test asserts a time)."""
    flow = tmp_path / "flow-1000.yaml"
    flow.write_text(subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "1000"],
                                   capture_output=True, text=True, check=True).stdout)
    result = run("journeys", str(flow), "--since", "2026-12-01", "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 0
    summary = result.stderr.splitlines()[0].split()
    assert summary[3].split("/")[0] == summary[3].split("/")[1]  # every edge covered
    assert summary[0] == summary[14]  # as many journeys as the lower bound


@pytest.mark.parametrize("expect, message", [
    ("{path_includes: [advisorz]}", "path_includes: no node has the id 'advisorz'; did you mean 'advisors'?"),
    ("{end: welcom}", "end: no node has the id 'welcom'; did you mean 'welcome'?"),
    ("{path_excludes: [zzzzzz]}", "path_excludes: no node has the id 'zzzzzz'"),
])
def test_expectations_naming_no_node_are_refused_with_the_nearest_id(write, expect, message):
    flow = write("""
        ivr: 1
        start: welcome
        nodes:
          welcome: {type: menu, prompt: "Tapez 0.", options: {"0": advisors}, on_max_retries: advisors}
          advisors: {type: queue}
    """, "f.yaml")
    path = write(f"flow: f.yaml\njourneys:\n  - name: typo\n    keys: ['0']\n    expect: {expect}\n",
                 "f.journeys.yaml")
    result = run("test", str(path.parent))
    assert result.exit_code == 2, result.output
    assert f"{path}:3:5: journey 'typo': {message}" in result.stderr
    assert flow.exists()
