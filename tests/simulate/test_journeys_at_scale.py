"""Journeys on flows whose size changes what the planner must find: a branch with a case for
almost every short value, and deep trees whose journey files must replay as written."""

import yaml

from tests.conftest import run

HEAD = """\
ivr: 1
start: code
nodes:
  code: {type: input, prompt: "Tapez votre code.", variable: code, digits: {min: 1, max: 2}, next: route,
         on_max_retries: agent}
  agent: {type: queue, prompt: "Un conseiller va vous répondre."}
  unknown: {type: play, prompt: "Code inconnu.", next: agent}
"""


def crowded_branch() -> str:
    """Cases for every one-digit code and for the usual two-digit guesses: only a rarer value
    (00) takes the default."""
    codes = [str(d) for d in range(10)] + [f"{a}{b}" for a in range(1, 10) for b in range(10)]
    cases = "".join(f'      "{c}": s{c}\n' for c in codes)
    sections = "".join(f'  s{c}: {{type: play, prompt: "Section {c}.", next: agent}}\n' for c in codes)
    return HEAD + "  route:\n    type: branch\n    on: code\n    default: unknown\n    cases:\n" + cases + sections


def test_the_default_of_a_branch_with_a_case_for_nearly_every_code_is_covered(write, tmp_path):
    flow = write(crowded_branch(), "crowded.yaml")
    out = tmp_path / "crowded.journeys.yaml"
    result = run("journeys", str(flow), "--since", "2026-12-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "0 edges cannot be covered" in result.stderr.splitlines()[0]
    journeys = yaml.safe_load(out.read_text())["journeys"]
    default = [j for j in journeys if j["expect"]["path"][:3] == ["code", "route", "unknown"]]
    assert [j["keys"] for j in default] == [["00"]]
    tested = run("test", "--coverage", str(out))
    assert tested.exit_code == 0, tested.stdout
