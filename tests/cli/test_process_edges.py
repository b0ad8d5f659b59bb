"""What happens at the edge of the process: internal errors, signals, mistyped commands.

An internal error exits 2 with one line for a bug report (never a traceback, never 1,
which CI reads as "findings"); Ctrl-C exits 130 and SIGTERM 143, as shells count them,
after removing temporary files. Real signals are sent to real `ivr-lint` processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ivr_lint import __version__
from ivr_lint import config as config_module
from ivr_lint.rules.base import Rule
from ivr_lint.findings import Severity
from tests.conftest import MINIMAL, run

SCRIPT = Path(sys.executable).parent / "ivr-lint"


def command(*args: str) -> list[str]:
    """`ivr-lint ARGS` as a user runs it: the installed script, else `python -m ivr_lint`."""
    return [str(SCRIPT), *args] if SCRIPT.exists() else [sys.executable, "-m", "ivr_lint", *args]


class Exploding(Rule):
    code = "IVR999"
    name = "exploding"
    severity = Severity.ERROR
    summary = "A rule with a bug."

    def check(self, ctx):
        raise ZeroDivisionError("the rule divided by zero")


def test_a_rule_that_raises_exits_2_and_names_the_rule(write, monkeypatch):
    monkeypatch.setattr(config_module, "RULES", config_module.RULES + (Exploding,))
    result = run("check", str(write(MINIMAL)))
    assert result.exit_code == 2
    assert "internal error in rule exploding" in result.stderr
    assert "ZeroDivisionError: the rule divided by zero" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_crash_outside_the_rules_exits_2_with_a_bug_report_line(write, monkeypatch):
    import ivr_lint.cli.check as check_module

    def broken(*args, **kwargs):
        raise KeyError("lost")

    monkeypatch.setattr(check_module, "check_paths", broken)
    result = run("check", str(write(MINIMAL)))
    assert result.exit_code == 2
    first, second = result.stderr.splitlines()
    assert first.startswith("ivr-lint: internal error: KeyError: 'lost' at ivr_lint/cli/check.py:")
    assert first.endswith(f" in check (ivr-lint {__version__}, Python {sys.version.split()[0]})")
    assert second.startswith("This is a bug in ivr-lint, not in your files: please report the line above")
    assert "Traceback" not in result.stderr


# Loaded by Python at start-up (sitecustomize) in the `ivr-lint` process: a registry with a
# rule that raises, or an engine that fails, then the installed command runs as users run it.
SITECUSTOMIZE = textwrap.dedent("""
    import os
    if os.environ.get("IVR_LINT_TEST_CRASH") == "rule":
        from ivr_lint import config
        from tests.cli.test_process_edges import Exploding
        config.RULES = config.RULES + (Exploding,)
    elif os.environ.get("IVR_LINT_TEST_CRASH") == "engine":
        import ivr_lint.cli.check as check

        def broken(*args, **kwargs):
            raise RuntimeError("engine failure \\x1b]0;title\\x07")
        check.check_paths = broken
""")


def crashing(kind: str, *args: str, tmp_path: Path, **env) -> subprocess.CompletedProcess:
    repo = Path(__file__).resolve().parents[2]
    (tmp_path / "site").mkdir(exist_ok=True)
    (tmp_path / "site" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    path = os.pathsep.join([str(tmp_path / "site"), str(repo)])
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": path, "IVR_LINT_TEST_CRASH": kind, **env})


def test_internal_errors_exit_2_in_a_real_process(write, tmp_path):
    flow = str(write(MINIMAL))
    rule = crashing("rule", "check", "--select", "structure,exploding", flow, tmp_path=tmp_path)
    assert rule.returncode == 2
    assert "internal error in rule exploding" in rule.stderr and "Traceback" not in rule.stderr
    engine = crashing("engine", "check", flow, tmp_path=tmp_path)
    assert engine.returncode == 2
    assert "Traceback" not in engine.stderr
    line = engine.stderr.splitlines()[0]
    # the message's control characters are shown, never sent to the terminal
    assert line.startswith("ivr-lint: internal error: RuntimeError: engine failure \\x1b]0;title\\x07 at ")
    assert "\x1b" not in engine.stderr


def test_ivr_lint_debug_shows_the_traceback(write, tmp_path):
    engine = crashing("engine", "check", str(write(MINIMAL)), tmp_path=tmp_path, IVR_LINT_DEBUG="1")
    assert engine.returncode == 2
    assert engine.stderr.startswith("Traceback (most recent call last):")
    assert "ivr-lint: internal error: RuntimeError" in engine.stderr


def test_a_mistyped_command_gets_the_nearest_one():
    result = run("chekc")
    assert result.exit_code == 2
    assert "Error: No such command 'chekc'. Did you mean 'check'?" in result.stderr
    assert "Did you mean 'simulate'?" in run("simulat").stderr
    assert "Did you mean 'journeys'?" in run("jour").stderr  # a prefix is enough
    assert "Run 'ivr-lint --help' for the list of commands." in run("xyzzy").stderr


def test_no_arguments_prints_the_help_and_exits_0():
    result = subprocess.run(command(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: ivr-lint [OPTIONS] [COMMAND] [ARGS]...")
    assert "  check " in result.stdout and "  import " in result.stdout


def wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text().strip():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} never appeared")
        time.sleep(0.05)


def simulator(flow: Path, **kwargs) -> subprocess.Popen:
    """An interactive `simulate` waiting for the caller's first key on a pipe."""
    return subprocess.Popen(command("simulate", str(flow)), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def read_until(stream, text: str) -> str:
    seen = ""
    while text not in seen:
        char = stream.read(1)
        if not char:
            raise AssertionError(f"{text!r} never came; got {seen!r}")
        seen += char
    return seen


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_waiting_for_the_caller(write, signum, code):
    process = simulator(write(MINIMAL))
    try:
        read_until(process.stdout, "> ")
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == code
    assert "Traceback" not in err and "Aborted!" not in err


FAKE_DOT = """#!{python}
import os, sys, time
with open({pidfile!r}, "w") as handle:
    handle.write(f"{{os.getpid()}} {{os.getpgrp()}}")
time.sleep(120)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as handle:  # a zombie is dead, only not yet reaped
        return handle.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def slow_dot(tmp_path, monkeypatch):
    """A `dot` on PATH that writes "PID PGID" and then lays out forever."""
    pytest.importorskip("graphviz")
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc")
    folder = tmp_path / "bin"
    folder.mkdir()
    pidfile = tmp_path / "dot.pid"
    dot = folder / "dot"
    dot.write_text(FAKE_DOT.format(python=sys.executable, pidfile=str(pidfile)))
    dot.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return pidfile


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGKILL, -9)])
def test_dot_runs_in_its_own_group_and_ends_with_render(write, tmp_path, slow_dot, signum, code):
    flow = write(MINIMAL)
    out = tmp_path / "out" / "flow.svg"
    render = subprocess.Popen(command("render", str(flow), "-o", str(out)), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        wait_for(slow_dot)
        pid, group = map(int, slow_dot.read_text().split())
        assert group == pid != os.getpgid(render.pid)  # a Ctrl-C in the terminal reaches ivr-lint only
        render.send_signal(signum)
        _, err = render.communicate(timeout=30)
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(pid), "dot outlived render"
    finally:
        render.kill()
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, UnboundLocalError):
            pass
    assert render.returncode == code
    assert "Traceback" not in err
    assert not out.exists()
