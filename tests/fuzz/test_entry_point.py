"""The real entry point (`.venv/bin/ivr-lint` in a process of its own) on fuzzed inputs:
what CliRunner cannot show (the console script, signals set up, real standard streams)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import strategies as s

SCRIPT = Path(sys.executable).with_name("ivr-lint")
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="the ivr-lint console script is not installed")


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IVR_LINT_DEBUG"}
    done = subprocess.run([str(SCRIPT), *args], capture_output=True, timeout=120, env=env, check=False)
    for stream in (done.stdout, done.stderr):
        assert b"Traceback" not in stream and b"internal error" not in stream, (args, done.stderr[-2000:])
    assert done.returncode in (0, 1, 2), (args, done.returncode, done.stderr[-2000:])
    return done


@settings(max_examples=2)
@given(case=s.any_flows(), export=s.exports(), fmt=st.sampled_from(["json", "sarif"]))
def test_console_script_on_fuzzed_flows_and_exports(case, export, fmt):
    with tempfile.TemporaryDirectory() as folder:
        flow = Path(folder) / "flow.yaml"
        flow.write_bytes(case.text.encode("utf-8", "surrogatepass"))
        (Path(folder) / s.OTHER_FLOW).write_text(s.OTHER_FLOW_TEXT, encoding="utf-8")
        checked = run("check", str(flow), "-f", fmt)
        assert checked.returncode in (0, 1)
        json.loads(checked.stdout)
        drawn = run("render", str(flow), "-f", "svg", "-o", "-")
        assert drawn.returncode in (0, 2)
        source = Path(folder) / export.name
        source.write_bytes(export.data)
        assert run("import", str(source), "-o", str(Path(folder) / "imported.yaml")).returncode in (0, 2)
