"""Shared helpers: write a flow, run the command line as users do, read findings."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from ivr_lint.cli import main
from ivr_lint.config import Config
from ivr_lint.engine import check_paths

REPO = Path(__file__).resolve().parent.parent
FLOWS = REPO / "flows"
CORPUS = REPO.parent / "shared" / "corpus"

#: a small flow that every structural rule accepts; tests derive failing cases from it
MINIMAL = """\
ivr: 1
start: menu
nodes:
  menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0."
    options: {"0": agent}
    on_max_retries: agent
  agent:
    type: queue
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture
def write(tmp_path):
    """write(text, name='flow.yaml') -> path of a file holding the dedented text."""

    def _write(text: str | bytes, name: str = "flow.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text), encoding="utf-8")
        return path

    return _write


def structure_config() -> Config:
    """Only the structural rules: MINIMAL is a well-formed graph, not a whole public service."""
    config = Config()
    config.select = ["structure"]
    return config


def findings(path, select: str = "structure") -> list[tuple[str, int, int]]:
    """(rule, line, column) of every finding on `path` for the selected rules."""
    config = Config()
    config.select = [select]
    result = check_paths([str(path)], config)
    return [(f.rule, f.line, f.column) for f in result.findings]


def run(*args: str, input: str | bytes | None = None):
    """Run `ivr-lint ARGS` in-process as a user would; returns click's Result."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def run_json(*args: str, input=None) -> tuple[int, dict]:
    result = run(*args, "--format", "json", input=input)
    return result.exit_code, json.loads(result.stdout)
