"""Never lose a user's file: no output over an input, no report from a failed run, no litter.

Every command that writes a file writes it whole or not at all, creates its folders,
refuses a path that is one of its inputs (by resolved path and by file identity: a
symlink or a hard link is the same file), and removes the temporaries a killed run left.
"""

from __future__ import annotations

import json
import os
import socket
import hashlib

import pytest

from ivr_lint.cli import common
from tests.conftest import MINIMAL, dedent, run
from tests.importers.util import FIXTURES

SCHEMA_ERROR = MINIMAL.replace("    type: queue", "    type: queue\n    colour: red")


def test_check_refuses_to_write_the_report_over_the_flow(write):
    flow = write(MINIMAL)
    before = flow.read_bytes()
    result = run("check", str(flow), "-o", str(flow))
    assert result.exit_code == 2
    assert result.stderr == (f"ivr-lint: error: {flow} is an input of this command: refusing to write the "
                             "report over it; choose another file\n")
    assert flow.read_bytes() == before


@pytest.mark.parametrize("how", ["symlink", "hardlink", "relative"])
def test_the_same_file_under_another_name_is_refused(write, tmp_path, monkeypatch, how):
    flow = write(MINIMAL)
    other = tmp_path / "other.yaml"
    if how == "symlink":
        other.symlink_to(flow)
    elif how == "hardlink":
        os.link(flow, other)
    else:
        monkeypatch.chdir(tmp_path)
        other = "./sub/../flow.yaml"
        (tmp_path / "sub").mkdir()
    result = run("check", "--select", "structure", str(flow), "-o", str(other))
    assert result.exit_code == 2
    assert "is an input of this command" in result.stderr
    assert flow.read_text() == dedent(MINIMAL)


def test_a_flow_inside_a_checked_folder_is_protected_too(write, tmp_path):
    flow = write(MINIMAL, "flows/a.yaml")
    target = write(MINIMAL.replace("agent:", "agent2:").replace(": agent", ": agent2"), "flows/sub/b.yaml")
    before = target.read_bytes()
    result = run("check", "--select", "structure", str(flow.parent), "-o", str(target))
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert target.read_bytes() == before


def test_the_configuration_file_is_an_input(write, tmp_path):
    pyproject = write('[tool.ivr-lint]\nselect = ["structure"]\n', "pyproject.toml")
    flow = write(MINIMAL)
    result = run("check", str(flow), "-o", str(pyproject))
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert pyproject.read_text().startswith("[tool.ivr-lint]")


def test_import_refuses_to_replace_the_export(tmp_path):
    export = tmp_path / "a.json"
    export.write_bytes((FIXTURES / "twilio_flow.json").read_bytes())
    result = run("import", str(export), "-o", str(export))
    assert result.exit_code == 2
    assert "is an input of this command: refusing to write the flow over it" in result.stderr
    assert export.read_bytes() == (FIXTURES / "twilio_flow.json").read_bytes()


def test_journeys_and_render_refuse_to_write_over_the_flow(write):
    flow = write(MINIMAL)
    before = flow.read_bytes()
    assert run("journeys", str(flow), "-o", str(flow)).exit_code == 2
    rendered = run("render", str(flow), "-o", str(flow), "--format", "text")
    assert rendered.exit_code == 2 and "is an input of this command" in rendered.stderr
    assert flow.read_bytes() == before


def test_test_refuses_to_write_junit_over_a_journey_file(write):
    write(MINIMAL)
    journeys = write("""\
        flow: flow.yaml
        journeys:
          - name: agent
            keys: ["0"]
            expect: {outcome: agent}
    """, "flow.journeys.yaml")
    before = journeys.read_bytes()
    result = run("test", str(journeys), "--junit", str(journeys))
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert journeys.read_bytes() == before


def test_a_run_that_fails_with_exit_2_keeps_the_previous_report(write, tmp_path):
    report = tmp_path / "report.json"
    report.write_text('{"previous": true}\n')
    result = run("check", str(tmp_path / "missing.yaml"), "-o", str(report), "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"ivr-lint: error: {tmp_path / 'missing.yaml'}: no such file",
                                          f"ivr-lint: {report} not written: the check could not be completed"]
    assert report.read_text() == '{"previous": true}\n'
    # and one that succeeds replaces it
    assert run("check", "--select", "structure", str(write(MINIMAL)), "-o", str(report), "-f", "json").exit_code == 0
    assert json.loads(report.read_text())["files"] == 1


@pytest.mark.parametrize("args", [
    lambda flow, out: ["check", "--select", "structure", str(flow), "-o", str(out / "a" / "b" / "report.txt")],
    lambda flow, out: ["journeys", str(flow), "-o", str(out / "a" / "b" / "x.yaml")],
    lambda flow, out: ["render", str(flow), "-o", str(out / "a" / "b" / "x.mmd")],
    lambda flow, out: ["import", str(FIXTURES / "twilio_flow.json"), "-q", "-o", str(out / "a" / "b" / "x.yaml")],
])
def test_every_command_creates_the_folders_of_its_output(write, tmp_path, args):
    flow = write(MINIMAL)
    result = run(*args(flow, tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    written = list((tmp_path / "out" / "a" / "b").iterdir())
    assert len(written) == 1 and written[0].stat().st_size > 0


def test_journeys_written_into_a_new_folder_point_back_at_the_flow(write, tmp_path):
    flow = write(MINIMAL)
    out = tmp_path / "missing" / "dir" / "x.yaml"
    assert run("journeys", str(flow), "-o", str(out)).exit_code == 0
    assert 'flow: "../../flow.yaml"' in out.read_text()


def _temporary(folder, pid: int, host: str | None = None) -> str:
    host = host or hashlib.sha1(socket.gethostname().encode()).hexdigest()[:6]
    path = folder / f".ivr-lint-{host}-{pid}-abc123.tmp"
    path.write_text("half a report")
    return path.name


def _dead_pid() -> int:
    pid = 4_000_000  # above Linux's default pid_max (4 194 304 is the hard limit)
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


def test_a_later_run_removes_the_temporaries_of_a_killed_one(write, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    stale = _temporary(out, _dead_pid())
    running = _temporary(out, os.getppid())  # a live process: its write may be in progress
    other_host = _temporary(out, _dead_pid(), host="ffffff")  # a shared folder: not ours to judge
    result = run("check", "--select", "structure", str(write(MINIMAL)), "-o", str(out / "report.txt"))
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([running, other_host, "report.txt"])
    assert stale not in os.listdir(out)


def test_an_interrupted_write_leaves_no_temporary(tmp_path, monkeypatch):
    """SIGTERM raises SystemExit in the main thread (see ivr_lint.cli): the write unwinds."""
    def killed(*args):
        raise SystemExit(143)

    monkeypatch.setattr(common.os, "replace", killed)
    with pytest.raises(SystemExit):
        common.write_atomically(str(tmp_path / "x.txt"), "content")
    assert list(tmp_path.iterdir()) == []


def test_summary_after_an_error_never_says_no_problems(write, tmp_path):
    missing = run("check", str(tmp_path / "nothere.yaml"))
    assert (missing.exit_code, missing.stdout) == (2, "Nothing was checked (1 error above).\n")
    (tmp_path / "empty").mkdir()
    empty = run("check", str(tmp_path / "empty"))
    assert (empty.exit_code, empty.stdout) == (2, "Nothing was checked (1 error above).\n")
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "studio.json").write_bytes((FIXTURES / "twilio_flow.json").read_bytes())
    (exports / "notes.json").write_text('{"not": "an export"}')
    only_exports = run("check", "--select", "unknown-target", str(exports))  # exports are found by content
    assert only_exports.exit_code == 0
    assert only_exports.stdout == "No problems found in 1 file (1 platform export).\n"
    mixed = run("check", "--select", "structure", str(write(MINIMAL)), str(tmp_path / "a.yaml"),
                str(tmp_path / "b.yaml"))
    assert mixed.exit_code == 2
    assert mixed.stdout == "No finding in the 1 file checked; the check is incomplete (2 errors above).\n"
    found = run("check", "--select", "structure", str(write(SCHEMA_ERROR, "bad.yaml")), str(tmp_path / "a.yaml"))
    assert found.stdout.splitlines()[-1] == "Found 1 error in 1 file; the check is incomplete (1 error above)."
