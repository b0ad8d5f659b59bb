"""Flows chained by `goto` are resolved iteratively: no recursion limit, however long the chain."""

from tests.conftest import run_json

LINK = """\
ivr: 1
start: m
nodes:
  m:
    type: menu
    prompt: "Pour la suite, tapez 1. Pour un conseiller, tapez 0."
    options: {{"1": suite, "0": {agent}}}
    on_max_retries: suite
  suite: {{type: goto, flow: f{next}.yaml}}
  agent: {{type: queue}}
"""

LAST = """\
ivr: 1
start: fin
nodes:
  fin: {type: play, prompt: "Un conseiller va vous répondre.", next: agent}
  agent: {type: queue}
"""


def write_chain(write, count: int, person_only_at_the_end: bool):
    for i in range(count - 1):
        write(LINK.format(next=i + 1, agent="suite" if person_only_at_the_end else "agent"), f"chain/f{i}.yaml")
    return write(LAST, f"chain/f{count - 1}.yaml").parent


def test_a_person_at_the_end_of_a_long_chain_of_files(write):
    folder = write_chain(write, 250, person_only_at_the_end=True)
    code, data = run_json("check", "--select", "no-agent-path,agent-not-offered,slow-agent-path,menu-too-deep",
                          str(folder))
    # the person is 249 gotos away: reachable, and every "0" is a way to them (no no-agent-path,
    # no agent-not-offered); only the fourth menu, in the fourth file, is one level too many
    found = [(f["rule"], f["file"].rsplit("/", 1)[-1], f["line"], f["column"]) for f in data["findings"]]
    assert found == [("menu-too-deep", "f3.yaml", 4, 3)]
    assert code == 0


def test_the_chain_checked_from_its_first_file(write):
    folder = write_chain(write, 250, person_only_at_the_end=False)
    code, data = run_json("check", "--select", "no-agent-path,agent-not-offered,slow-agent-path",
                          str(folder / "f0.yaml"))
    assert (code, data["findings"]) == (0, [])
