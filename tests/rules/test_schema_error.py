import json

import pytest

from tests.conftest import MINIMAL, findings, run, run_json, structure_config


@pytest.mark.parametrize("text, expected", [
    # unknown field, at its key
    (MINIMAL.replace("    on_max_retries: agent", "    on_max_retry: agent"), [("schema-error", 8, 5)]),
    # unknown node type, at the type value
    (MINIMAL.replace("type: queue", "type: queeu"), [("schema-error", 10, 11)]),
    # mistyped field: timeout must be a number
    (MINIMAL.replace("    on_max_retries: agent", "    on_max_retries: agent\n    timeout: soon"),
     [("schema-error", 9, 14)]),
    # missing required field `next` on a play node, at the node id
    ("ivr: 1\nstart: a\nnodes:\n  a: {type: play}\n", [("schema-error", 4, 3)]),
    # unsupported version, at the value
    (MINIMAL.replace("ivr: 1", "ivr: 2"), [("schema-error", 1, 6)]),
    # missing version, at the document
    (MINIMAL.replace("ivr: 1\n", ""), [("schema-error", 1, 1)]),
    # hour ranges read as sexagesimal numbers by YAML 1.1
    (MINIMAL + "hours:\n  weekly:\n    mon: [8:30-12:00]\n", []),
    (MINIMAL + "hours:\n  weekly:\n    mon: 12:00\n", [("schema-error", 13, 10)]),
    # a day that is not a day
    (MINIMAL + "hours:\n  weekly:\n    monday: [\"08:00-12:00\"]\n", [("schema-error", 13, 5)]),
    # an unknown holiday calendar and time zone
    (MINIMAL + "hours:\n  timezone: Europe/Pariss\n  holidays: XX\n", [("schema-error", 12, 13), ("schema-error", 13, 13)]),
    # a list instead of a mapping
    ("- ivr: 1\n", [("schema-error", 1, 1)]),
    ("just a sentence\n", [("schema-error", 1, 1)]),
])
def test_schema_problems_are_reported_where_they_are(write, text, expected):
    assert findings(write(text), select="schema-error") == expected


def test_a_valid_flow_has_no_schema_error(write):
    assert findings(write(MINIMAL), select="schema-error") == []


def test_yaml_1_1_traps_are_read_as_text(write):
    """`on:` is the branch field (not True), and unquoted keys and numbers keep their text."""
    path = write("""
        ivr: 1
        start: ask
        service: {phone: 0800123456}
        nodes:
          ask:
            type: menu
            options:
              1: check
              0: agent
            on_max_retries: agent
          check:
            type: branch
            on: choice
            cases: {yes: agent}
            default: agent
          agent: {type: queue}
    """)
    assert findings(path) == []
    from ivr_lint.engine import check_paths

    flow = next(iter(check_paths([str(path)], structure_config()).project.files.values())).flow
    assert flow.service.phone == "0800123456"
    assert list(flow.nodes["ask"].options) == ["1", "0"]
    assert flow.nodes["check"].on == "choice"
    assert flow.nodes["check"].cases == {"yes": "agent"}


NUMBERS = """\
ivr: 1
start: ask
defaults: {timeout: 5, retries: 2}
nodes:
  ask:
    type: input
    variable: account
    digits: 8
    next: agent
    on_max_retries: agent
  agent: {type: queue, max_wait: 600}
"""


@pytest.mark.parametrize("old, new, line, column, message", [
    ("digits: 8", "digits: 1000000000", 8, 13,
     "`digits` in node `ask` must be a whole number of digits from 1 to 32, or {min, max}, not 1000000000"),
    ("digits: 8", "digits: 2.7", 8, 13,
     "`digits` in node `ask` must be a whole number of digits from 1 to 32, or {min, max}, not 2.7"),
    ("digits: 8", "digits: .NaN", 8, 13,
     "`digits` in node `ask` must be a whole number of digits from 1 to 32, or {min, max}, not .NaN"),
    ("digits: 8", "digits: {min: .inf}", 8, 19,
     "`min` of `digits` in node `ask` must be a whole number of digits from 0 to 32, not .inf"),
    ("digits: 8", "digits: {min: 4, max: 33}", 8, 27,
     "`max` of `digits` in node `ask` must be a whole number of digits from 1 to 32, not 33"),
    ("digits: 8", "digits: {min: 9, max: 4}", 8, 13,
     "`digits` in node `ask`: min (9) must be at most max (4), and max at least 1"),
    ("digits: 8", "digits: " + "9" * 5000, 8, 13,
     "`digits` in node `ask` must be a whole number of digits from 1 to 32, or {min, max}, "
     "not a number 5000 characters long"),
    ("retries: 2}", "retries: .nan}", 3, 33,
     "`retries` in `defaults` must be a whole number of retries from 0 to 100, or -1 for unlimited, not .nan"),
    ("retries: 2}", "retries: -.inf}", 3, 33,
     "`retries` in `defaults` must be a whole number of retries from 0 to 100, or -1 for unlimited, not -.inf"),
    ("retries: 2}", "retries: 1_000}", 3, 33,
     "`retries` in `defaults` must be a whole number of retries from 0 to 100, or -1 for unlimited, not 1_000"),
    ("timeout: 5,", "timeout: -2,", 3, 21, "`timeout` in `defaults` must be a number of seconds from 0 to 3600, not -2"),
    ("timeout: 5,", "timeout: .inf,", 3, 21,
     "`timeout` in `defaults` must be a number of seconds from 0 to 3600, not .inf"),
    ("max_wait: 600", "max_wait: 1.0e+9", 11, 34,
     "`max_wait` in node `agent` must be a number of seconds from 0 to 86400, not 1.0e+9"),
])
def test_numbers_are_finite_whole_where_counted_and_bounded(write, old, new, line, column, message):
    code, data = run_json("check", "--select", "structure", str(write(NUMBERS.replace(old, new))))
    assert code == 1
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in data["findings"]] == [
        ("schema-error", line, column, message)]


@pytest.mark.parametrize("old, new", [
    ("digits: 8", "digits: 32"), ("digits: 8", "digits: {min: 0, max: 4}"), ("retries: 2}", "retries: -1}"),
    ("retries: 2}", "retries: 100}"), ("timeout: 5,", "timeout: 7.5,"), ("max_wait: 600", "max_wait: 86400"),
])
def test_numbers_at_their_bounds_are_accepted(write, old, new):
    text = NUMBERS.replace(old, new)
    assert findings(write(text), select="schema-error") == []


def test_the_json_schema_states_the_bounds():
    result = run("schema")
    schema = json.loads(result.stdout)
    nodes = {n["title"]: n["properties"] for n in schema["$defs"]["node"]["oneOf"]}
    assert nodes["menu node"]["retries"] | {"description": ""} == {"type": "integer", "minimum": -1, "maximum": 100,
                                                                   "description": ""}
    assert (nodes["input node"]["timeout"]["minimum"], nodes["input node"]["timeout"]["maximum"]) == (0, 3600)
    assert nodes["queue node"]["max_wait"]["maximum"] == 86400
    count, ranged = nodes["input node"]["digits"]["oneOf"]
    assert (count["minimum"], count["maximum"]) == (1, 32)
    assert ranged["properties"]["min"]["maximum"] == ranged["properties"]["max"]["maximum"] == 32
    assert schema["properties"]["defaults"]["properties"]["timeout"]["maximum"] == 3600
