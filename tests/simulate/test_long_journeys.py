"""Journeys on flows deeper than the engine's 200 default steps, and on nodes with many ways out.

A generated journey must cover what it was planned for even when the way there is
long (a chain of messages), and the journey file must replay it as written.
"""

import yaml

from tests.conftest import run

HEAD = """\
ivr: 1
start: m0
nodes:
"""


def long_chain(count: int) -> str:
    """`count` messages in a row, then a menu: key 1 to an agent, silence and wrong keys replay."""
    lines = [HEAD]
    for i in range(count):
        lines.append(f'  m{i}: {{type: play, prompt: "Message {i}.", next: {"m" + str(i + 1) if i + 1 < count else "menu"}}}\n')
    lines.append('  menu: {type: menu, prompt: "Tapez 1 pour un conseiller.", options: {"1": agent}, '
                 'on_max_retries: bye}\n')
    lines.append('  agent: {type: queue, prompt: "Un conseiller va vous répondre."}\n')
    lines.append('  bye: {type: hangup, prompt: "Au revoir."}\n')
    return "".join(lines)


def test_a_chain_of_350_messages_is_covered_by_journeys_that_replay(write, tmp_path):
    flow = write(long_chain(350), "chain.yaml")
    out = tmp_path / "chain.journeys.yaml"
    result = run("journeys", str(flow), "--since", "2026-12-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(
        "2 journeys cover 354/354 edges in 1 scenarios (no covering set has fewer than 2 journeys); "
        "0 edges cannot be covered;")
    journeys = yaml.safe_load(out.read_text())["journeys"]
    longest = max(journeys, key=lambda j: len(j["expect"]["path"]))
    assert longest["max_steps"] == len(longest["expect"]["path"]) > 350
    assert longest["expect"]["path"][:3] == ["m0", "m1", "m2"]
    tested = run("test", "--coverage", str(out))
    assert tested.exit_code == 0, tested.stdout
    assert "  coverage: 354/354 edges a caller can take, per scenario: open 354/354" in tested.stdout


def test_a_journey_within_200_steps_writes_no_max_steps(write, tmp_path):
    flow = write(long_chain(20), "short.yaml")
    out = tmp_path / "short.journeys.yaml"
    assert run("journeys", str(flow), "--since", "2026-12-01", "-o", str(out)).exit_code == 0
    assert "max_steps" not in out.read_text()


def test_a_branch_with_forty_cases_routes_each_typed_value_to_its_case(write, tmp_path):
    cases = "".join(f'      "{100 + i}": s{i}\n' for i in range(40))
    sections = "".join(f'  s{i}: {{type: play, prompt: "Section {i}.", next: agent}}\n' for i in range(40))
    flow = write(HEAD.replace("start: m0", "start: code") + (
        '  code: {type: input, prompt: "Tapez votre code.", variable: code, digits: {min: 3, max: 3}, '
        'next: route, on_max_retries: agent}\n'
        "  route:\n    type: branch\n    on: code\n    default: agent\n    cases:\n" + cases + sections
        + '  agent: {type: queue, prompt: "Un conseiller va vous répondre."}\n'), "branch.yaml")
    out = tmp_path / "branch.journeys.yaml"
    result = run("journeys", str(flow), "--since", "2026-12-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    journeys = yaml.safe_load(out.read_text())["journeys"]
    by_key = {j["keys"][0]: j["expect"]["path"] for j in journeys if j.get("keys")}
    assert by_key["100"] == ["code", "route", "s0", "agent"]
    assert by_key["139"] == ["code", "route", "s39", "agent"]
    tested = run("test", "--coverage", str(out))
    assert tested.exit_code == 0, tested.stdout


def test_simulate_follows_the_case_typed_in_a_large_branch(write):
    cases = "".join(f'      "{10 + i}": s{i}\n' for i in range(30))
    sections = "".join(f'  s{i}: {{type: hangup, prompt: "Section {i}."}}\n' for i in range(30))
    flow = write(HEAD.replace("start: m0", "start: code") + (
        '  code: {type: input, prompt: "Tapez votre code.", variable: code, digits: {min: 2, max: 2}, '
        'next: route, on_max_retries: bye}\n'
        "  route:\n    type: branch\n    on: code\n    default: bye\n    cases:\n" + cases + sections
        + '  bye: {type: hangup, prompt: "Au revoir."}\n'), "branch.yaml")
    assert "Section 27." in run("simulate", str(flow), "--keys", "37").stdout
    assert "Au revoir." in run("simulate", str(flow), "--keys", "99").stdout
