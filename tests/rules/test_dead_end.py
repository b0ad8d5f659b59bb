import pytest

from tests.conftest import MINIMAL, findings

HOURS = """
ivr: 1
start: check
nodes:
  check:
    type: hours
    open: agent
  agent: {type: queue}
"""


@pytest.mark.parametrize("text, expected", [
    # an hours check with no closed branch
    (HOURS, [("dead-end", 4, 3)]),
    # a branch with no default
    ("ivr: 1\nstart: b\nnodes:\n  b: {type: branch, on: x, cases: {'1': a}}\n  a: {type: queue}\n",
     [("dead-end", 4, 3)]),
    # an input with no next
    ("ivr: 1\nstart: i\nnodes:\n  i: {type: input, variable: x, on_max_retries: a}\n  a: {type: queue}\n",
     [("dead-end", 4, 3)]),
    # a menu with no option, only the built-in replays on silence
    ("ivr: 1\nstart: m\nnodes:\n  m: {type: menu, options: {'*': {repeat: true}}, on_no_input: m}\n", []),
    # a callback with a next is not an end; without one it is
    ("ivr: 1\nstart: c\nnodes:\n  c: {type: callback}\n", []),
])
def test_dead_ends(write, text, expected):
    assert findings(write(text), select="dead-end") == expected


def test_ends_and_complete_nodes_pass(write):
    passing = HOURS.replace("    open: agent", "    open: agent\n    closed: bye") + "  bye: {type: hangup}\n"
    assert findings(write(passing), select="dead-end") == []
    assert findings(write(MINIMAL), select="dead-end") == []
