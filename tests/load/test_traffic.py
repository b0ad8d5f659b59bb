"""The traffic file: its schema, each mistake at its line and column, and the names it uses."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO, run

pytest.importorskip("simpy")

GOOD = """\
interval: 30
period: {start: "2026-12-07", days: 1}
calls: {mon: {"09:00-10:00": 40}}
handling_time: {line: 200}
staff: {line: {mon: {"09:00-10:00": 6}}}
"""


def errors(result) -> list[str]:
    """The `file:line:column: message` lines of a refused traffic file."""
    return [line for line in result.stderr.splitlines() if re.search(r"\.traffic\.yaml:\d+:\d+: ", line)]


def test_a_good_file_runs(traffic):
    result = run("load", str(traffic(GOOD)))
    assert result.exit_code == 0, result.output
    assert "Mon 2026-12-07" in result.stdout


@pytest.mark.parametrize("body, where, says", [
    ("interval: 20\n", "3:11", "`interval` in the traffic file must be one of 15, 30, 60, not a number"),
    ("calls: {mon: {'09:00-10:00': -4}}\n", "3:30", "must be at least 0, not -4"),
    ("calls: {monday: {'09:00': 4}}\n", "3:9", "'monday' is not a valid key in `calls`"),
    ("calls: {mon: {'9h-10h': 4}}\n", "3:15", "'9h-10h' is not a valid key"),
    ("calls: {mon: {'09:00': 4}}\nstafff: {}\n", "4:1", "unknown field 'stafff' in the traffic file; did you mean 'staff'?"),
    ("calls: {mon: {'09:00': 4}}\nhandling_time: {line: 0}\n", "4:23", "must be more than 0"),
    ("calls: {mon: {'09:00': 4}}\nhandling_time: {line: {mean: 200, shape: 2}}\n", "4:35",
     "unknown field 'shape'"),
    ("calls: {mon: {'09:00': 4}}\nchoices: {line: {'1': 1.5}}\n", "4:23", "must be at most 1"),
    ("calls: {mon: {'09:00': 4}}\ncongestion: {line: {wait_above: fast}}\n", "4:33", "must be a number above 0"),
    ("calls: {mon: {'09:00': 4}}\ntargets: {service-level: '80%'}\n", "4:26", "not in the expected form"),
])
def test_schema_mistakes_are_reported_at_their_place(traffic, body, where, says):
    result = run("load", str(traffic(body)))
    assert result.exit_code == 2
    lines = errors(result)
    assert len(lines) == 1, result.stderr
    assert f".traffic.yaml:{where}: " in lines[0] and says in lines[0], lines[0]


@pytest.mark.parametrize("body, where, says", [
    ("interval: 30\ncalls: {mon: {'09:15-10:00': 4}}\n", "4:15", "does not fall on 30-minute intervals"),
    ("calls: {mon: {'10:00-09:00': 4}}\n", "3:15", "is not a time or a range"),
    ("calls: {mon-fri: {'09:00': 4}, tue: {'09:00': 5}}\n", "3:32", "'tue' gives again a day already given by 'mon-fri'"),
    ("calls: {mon: {'09:00-11:00': 4, '10:00': 2}}\n", "3:33", "overlaps another range"),
    ("period: {start: '2026-12-07', end: '2026-12-01'}\ncalls: {mon: {'09:00': 4}}\n", "3:36", "ends (2026-12-01) before"),
    ("period: {start: '2026-02-30'}\ncalls: {mon: {'09:00': 4}}\n", "3:17", "'2026-02-30' is not a date"),
    ("calls: {mon: {'09:00': 4}}\nchoices: {x: {a: 0.7, b: 0.6}}\n", "4:14", "add up to 1.3, more than 1"),
    ("period: {start: '2026-12-07'}\n", "1:1", "gives no calls"),
])
def test_mistakes_the_schema_cannot_see_are_reported_too(traffic, body, where, says):
    result = run("load", str(traffic(body)))
    assert result.exit_code == 2
    lines = errors(result)
    assert any(f".traffic.yaml:{where}: " in line and says in line for line in lines), result.stderr


def test_names_are_checked_against_the_flow(traffic):
    flow = """\
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "For an adviser press 1."
        options: {"1": advisers}
        on_max_retries: advisers
      advisers: {type: queue, queue: ctax-general}
    """
    body = """\
    calls: {mon: {"09:00": 4}}
    staff: {advisors: {mon: {"09:00": 2}}}
    patience: {ctax-general: 120, ivr: 600}
    choices: {menu: {"1": 0.9, "2": 0.05}, mneu: {"1": 1}}
    """
    import textwrap

    result = run("load", str(traffic(textwrap.dedent(body), flow=textwrap.dedent(flow))))
    assert result.exit_code == 2
    lines = errors(result)
    assert any(":4:9: `staff` names 'advisors', which is no queue node of the flow; did you mean 'advisers'?" in line
               for line in lines), lines
    assert any(":6:28: `choices` of 'menu': '2' is not one of its choices (1, silence, wrong)" in line
               for line in lines), lines
    assert any(":6:40: `choices` names 'mneu'" in line and "did you mean 'menu'" in line for line in lines), lines
    assert not any("ctax-general" in line for line in lines)  # a queue may be named by its platform name


def test_a_flow_that_check_rejects_is_not_modelled(traffic):
    broken = "ivr: 1\nstart: a\nnodes:\n  a: {type: play, prompt: hi, next: nowhere}\n"
    result = run("load", str(traffic(GOOD, flow=broken)))
    assert result.exit_code == 2
    assert "unknown-target" in result.stderr and "Traceback" not in result.output


def test_a_missing_flow_is_the_traffic_files_mistake(write):
    path = write("traffic: 1\nflow: nowhere.yaml\ncalls: {mon: {'09:00': 1}}\n", "t.traffic.yaml")
    result = run("load", str(path))
    assert result.exit_code == 2
    assert ".traffic.yaml:2:7: `flow` names no file" in result.stderr


@pytest.mark.parametrize("content, says", [
    (b"\x00\x01", "binary content"),
    (b"traffic: 1\nflow: [\n", "t.traffic.yaml:3:1"),
    (b"", "empty traffic file"),
    (b"- 1\n- 2\n", "must be a mapping"),
])
def test_unusable_files_say_why_without_a_traceback(write, content, says):
    result = run("load", str(write(content, "t.traffic.yaml")))
    assert result.exit_code == 2
    assert says in result.stderr and "Traceback" not in result.output


def test_calls_from_a_platform_csv_report(traffic, write):
    write("Date;Tranche;Présentés\n07/12/2026;09:00;30\n07/12/2026;09:30;50\n14/12/2026;09:00;10\n", "report.csv")
    body = """\
period: {start: "2026-12-07", days: 8}
calls_csv: {file: report.csv, date: Date, start: Tranche, offered: "Présentés", delimiter: ";"}
"""
    code_and = run("load", str(traffic(body)), "-f", "json")
    assert code_and.exit_code == 0, code_and.output
    intervals = json.loads(code_and.stdout)["intervals"]
    offered = {(i["day"], i["start"]): i["offered"] for i in intervals}
    assert offered[("2026-12-07", "09:00")] == 30 and offered[("2026-12-07", "09:30")] == 50
    assert offered[("2026-12-14", "09:00")] == 10  # that Monday's own figure, not the Mondays' average


def test_a_csv_without_the_named_column_is_refused(traffic, write):
    write("day,slot,calls\n2026-12-07,09:00,3\n", "report.csv")
    result = run("load", str(traffic("calls_csv: {file: report.csv, start: interval}\n")))
    assert result.exit_code == 2
    assert "has no start column 'interval'" in result.stderr and "its columns: day, slot, calls" in result.stderr


def test_schema_is_valid_json_schema_and_accepts_the_bundled_files():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    result = run("load", "--schema")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted((REPO / "flows").glob("*.traffic.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_check_and_test_never_take_a_traffic_file_for_a_flow(tmp_path):
    (tmp_path / "only.traffic.yaml").write_text((REPO / "flows" / "caf-gironde.traffic.yaml").read_text("utf-8"),
                                                encoding="utf-8")
    checked = run("check", str(tmp_path))
    assert checked.exit_code == 2 and "no flow files found" in checked.stderr
    tested = run("test", str(tmp_path))
    assert tested.exit_code == 2 and "only.traffic.yaml" not in tested.stdout


def test_a_queue_may_be_named_by_its_platform_name(traffic):
    flow = "ivr: 1\nstart: advisers\nnodes:\n  advisers: {type: queue, queue: ctax-general}\n"
    body = """\
period: {start: "2026-12-07", days: 1}
calls: {mon: {"09:00": 100}}
handling_time: {ctax-general: 180}
staff: {ctax-general: {mon: {"09:00": 14}}}
"""
    result = run("load", str(traffic(body, flow=flow)), "-f", "json")
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)["intervals"][0]
    assert first["agents"] == 14 and round(first["p_wait"], 4) == 0.1741  # 180 s taken, not the default


def test_a_flow_given_as_traffic_file_points_to_the_template():
    result = run("load", str(REPO / "flows" / "caf-gironde.yaml"))
    assert result.exit_code == 2
    assert "caf-gironde.yaml:1:1: this is a flow, not a traffic file" in result.stderr and "--template" in result.stderr
