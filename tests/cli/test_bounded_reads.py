"""A FIFO or a link to a device among the flows never hangs a command or eats the memory.

Each command runs in its own process with a timeout and a memory cap, so a regression
fails here instead of hanging the suite or the machine.
"""

import json
import os
import resource
import shutil
import subprocess
import sys

import pytest

from tests.conftest import FLOWS, MINIMAL

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"),
                                reason="needs FIFOs and /dev/zero")

TIMEOUT = 30  # seconds: far more than any of these commands needs, far less than a hang
MEMORY = 2 * 1024 ** 3  # bytes of address space: reading /dev/zero whole would pass it


def _cap_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def ivr_lint(*args, cwd):
    try:
        return subprocess.run([sys.executable, "-m", "ivr_lint", *map(str, args)], cwd=cwd, capture_output=True,
                              text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, preexec_fn=_cap_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`ivr-lint {' '.join(map(str, args))}` did not finish in {TIMEOUT} s")


@pytest.fixture
def traps(tmp_path):
    """A folder with one flow, its journeys, a FIFO named q.yaml and zero.yaml -> /dev/zero."""
    shutil.copy(FLOWS / "caf-gironde.yaml", tmp_path / "caf-gironde.yaml")
    shutil.copy(FLOWS / "caf-gironde.journeys.yaml", tmp_path / "caf-gironde.journeys.yaml")
    os.mkfifo(tmp_path / "q.yaml")
    os.symlink("/dev/zero", tmp_path / "zero.yaml")
    nested = tmp_path / "more"
    nested.mkdir()
    os.mkfifo(nested / "pipe.yml")
    return tmp_path


def test_check_of_a_directory_skips_fifos_and_devices(traps):
    done = ivr_lint("check", "--select", "structure", "-f", "json", ".", cwd=traps)
    assert (done.returncode, done.stderr) == (0, "")
    report = json.loads(done.stdout)
    assert report["files"] == 1 and report["findings"] == []
    assert list(report["service_sources"]) == ["./caf-gironde.yaml"]


def test_render_of_a_directory_skips_fifos_and_devices(traps, tmp_path_factory):
    out = tmp_path_factory.mktemp("drawn")
    done = ivr_lint("render", ".", "-o", out, "-f", "dot", cwd=traps)
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(out)) == ["caf-gironde.dot"]


def test_test_of_a_directory_skips_fifos_and_devices(traps):
    done = ivr_lint("test", ".", cwd=traps)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "./caf-gironde.journeys.yaml (flow caf-gironde.yaml)"
    assert done.stdout.splitlines()[-1].startswith("26 journeys in 1 file: 26 passed, 0 failed")


@pytest.mark.parametrize("command", [["check"], ["test"], ["render"], ["simulate", "--keys", "0"]])
def test_a_named_fifo_or_device_is_refused_with_exit_2(traps, command):
    names = ["q.yaml", "zero.yaml"] if command[0] in ("check", "test") else ["q.yaml" if command[0] == "render"
                                                                             else "zero.yaml"]
    done = ivr_lint(*command, *names, cwd=traps)
    assert done.returncode == 2, done.stdout + done.stderr
    for name, what in (("q.yaml", "a FIFO"), ("zero.yaml", "a device")):
        assert (f"{name}: not a regular file ({what})" in done.stderr) == (name in names), done.stderr
    assert "Traceback" not in done.stderr


def test_a_service_file_that_is_a_fifo_is_refused_not_waited_for(traps):
    (traps / "q.yaml").unlink()
    os.mkfifo(traps / "service.yaml")
    done = ivr_lint("check", "--select", "structure", "caf-gironde.yaml", cwd=traps)
    assert done.returncode == 2
    assert done.stderr == ("ivr-lint: error: service data: service.yaml: not a regular file (a FIFO); "
                           "give a service file\n")


def test_a_config_file_that_is_a_fifo_is_refused(traps):
    done = ivr_lint("check", "--config", "q.yaml", "caf-gironde.yaml", cwd=traps)
    assert (done.returncode, done.stderr) == (2, "ivr-lint: error: q.yaml: cannot read configuration "
                                                 "(not a regular file)\n")


def test_only_flows_still_refuses_a_named_fifo_clearly(traps):
    """pre-commit passes every YAML file it sees; a FIFO among them gets one clear error, not a hang."""
    done = ivr_lint("check", "--only-flows", "--select", "structure", "q.yaml", "caf-gironde.yaml", cwd=traps)
    assert done.returncode == 2
    assert "q.yaml: not a regular file (a FIFO)" in done.stderr


def test_flows_reached_through_a_link_to_a_regular_file_are_still_found(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "flow.yaml").write_text(MINIMAL)
    (tmp_path / "checked").mkdir()
    os.symlink(tmp_path / "real" / "flow.yaml", tmp_path / "checked" / "linked.yaml")
    done = ivr_lint("check", "--select", "structure", "checked", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "No problems found in 1 file.\n")
