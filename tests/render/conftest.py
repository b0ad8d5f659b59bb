"""Fixtures of the render tests: a fixed speech rate, and the golden-file check.

Prompt durations come from `ivr_lint.text.spoken.estimate_seconds`, which its owners tune;
the diagrams' golden files must not change when they do, so these tests read prompts at a
fixed 0.4 s a word. `test_model.py` checks that the real estimator is the one wired in.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
#: IVR_LINT_UPDATE_GOLDEN=1 pytest tests/render  rewrites the golden files; review the diff
UPDATE = os.environ.get("IVR_LINT_UPDATE_GOLDEN") == "1"


def fixed_seconds(text: str, lang: str, *args, **kwargs) -> float:
    return 0.4 * len(text.split())


@pytest.fixture(autouse=True)
def fixed_speech_rate(monkeypatch):
    import ivr_lint.text.spoken

    monkeypatch.setattr(ivr_lint.text.spoken, "estimate_seconds", fixed_seconds)


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written: review it and run again")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (f"{name} differs from its golden file; if the change is intended, rerun with "
                                "IVR_LINT_UPDATE_GOLDEN=1 and review the diff")


def generated_flow(path: Path, nodes: int) -> Path:
    """A large flow from benchmarks/generate.py (loaded by path: benchmarks/ is not a package)."""
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("ivr_lint_benchmark_generate", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path.write_text(module.generate(nodes), encoding="utf-8")
    return path
