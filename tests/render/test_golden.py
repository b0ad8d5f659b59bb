"""Golden DOT, Mermaid and text outputs of the bundled flows: review the diff when they change.

Regenerate with `IVR_LINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_golden.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ivr_lint.project import discover
from tests.conftest import FLOWS, run
from tests.render.conftest import assert_golden

BUNDLED = [Path(path).stem for path in discover([str(FLOWS)])[0]]  # flows only, not journey files


def test_every_bundled_flow_has_golden_files():
    assert len(BUNDLED) == 7


@pytest.mark.parametrize("flow", BUNDLED)
@pytest.mark.parametrize("fmt, extension", [("dot", "dot"), ("mermaid", "mmd")])
def test_golden(flow, fmt, extension):
    result = run("render", str(FLOWS / f"{flow}.yaml"), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert_golden(f"{flow}.{extension}", result.stdout)


def test_golden_text_tree():
    result = run("render", str(FLOWS / "caf-gironde.yaml"))
    assert result.exit_code == 0, result.stderr
    assert_golden("caf-gironde.txt", result.stdout)


def test_golden_follow_and_ascii():
    """`goto` joined flows (clusters) and the ASCII tree."""
    nantes = str(FLOWS / "mairie-nantes.yaml")
    dot = run("render", nantes, "--follow", "--format", "dot")
    assert dot.exit_code == 0, dot.stderr
    assert_golden("mairie-nantes-follow.dot", dot.stdout)
    text = run("render", nantes, "--follow", "--ascii")
    assert text.exit_code == 0, text.stderr
    assert_golden("mairie-nantes-follow.txt", text.stdout)
    assert text.stdout.isascii() is False  # prompts keep their accents...
    assert not set("├└│─→≈“”…☎") & set(text.stdout)  # ...the drawing is ASCII
