import pytest

from tests.conftest import structure_config, MINIMAL, findings


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
