"""`check --measure-audio` judges prompt durations on synthesised speech, not on word counts."""

import json

import pytest

from tests.conftest import run

FLOW = """\
ivr: 1
language: en-GB
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Welcome to the council. Your call is free."
    next: bye
  bye:
    type: hangup
"""


@pytest.mark.system
def test_measured_durations_replace_the_estimate(write, tmp_path, monkeypatch):
    monkeypatch.setenv("IVR_LINT_CACHE_DIR", str(tmp_path / "cache"))
    flow = write(FLOW)
    (tmp_path / "pyproject.toml").write_text('[tool.ivr-lint.rules.long-prompt]\nmax_prompt_seconds = 0.5\n')
    args = ["check", "--select", "long-prompt", "--format", "json", str(flow)]
    estimated = json.loads(run(*args).stdout)["findings"][0]["seconds"]
    measured = json.loads(run(*args, "--measure-audio").stdout)["findings"][0]["seconds"]
    audio = tmp_path / "audio"
    assert run("audio", str(flow), "-o", str(audio)).exit_code == 0
    durations = json.loads((audio / "durations.json").read_text())
    assert measured == pytest.approx(durations["durations"]["Welcome to the council. Your call is free."], abs=0.05)
    assert measured != estimated
