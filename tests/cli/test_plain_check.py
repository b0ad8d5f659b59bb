"""`ivr-lint check FILE...` with no option runs without click (its start-up is most of a small
check's): what a user sees must be what the click command gives, byte for byte.

Each case runs the installed command twice as its own process: plainly, and with an option
that changes nothing (`--format text`), which goes through click.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FLOWS, MINIMAL

SCRIPT = Path(sys.executable).parent / "ivr-lint"


def ivr_lint(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "ivr_lint"]
    return subprocess.run([*command, *args], capture_output=True, timeout=120, cwd=cwd, stdin=subprocess.DEVNULL,
                          env={**os.environ, **env})


def both(*paths: str, cwd: Path, **env: str) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """(plain `check PATHS`, the same through click)."""
    return ivr_lint("check", *paths, cwd=cwd, **env), ivr_lint("check", "--format", "text", *paths, cwd=cwd, **env)


def same(plain: subprocess.CompletedProcess, through_click: subprocess.CompletedProcess) -> None:
    assert (plain.returncode, plain.stdout, plain.stderr) == (
        through_click.returncode, through_click.stdout, through_click.stderr)


NO_WAY_OUT = """\
ivr: 1
start: accueil
nodes:
  accueil:
    type: menu
    prompt: "Pour l'état civil, tapez 1."
    options: {"1": état-civil}
    on_max_retries: accueil
  état-civil:
    type: play
    prompt: "Présentez-vous en mairie."
"""


@pytest.mark.parametrize("text, code", [(MINIMAL, 1), (NO_WAY_OUT, 1), ("ivr: 1\nnodes: [\n", 1),
                                        (b"ivr: 1\nstart: \xff\n", 1)])
def test_a_plain_check_says_what_the_click_command_says(tmp_path, text, code):
    flow = tmp_path / "flow.yaml"
    flow.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    plain, through_click = both("flow.yaml", cwd=tmp_path)
    same(plain, through_click)
    assert plain.returncode == code
    assert b"Traceback" not in plain.stderr


def test_several_files_a_folder_and_a_missing_path(tmp_path):
    (tmp_path / "menus").mkdir()
    (tmp_path / "menus" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "menus" / "b.yaml").write_text(NO_WAY_OUT, encoding="utf-8")
    same(*both("menus", "menus/a.yaml", cwd=tmp_path))
    missing = both("menus", "absent.yaml", cwd=tmp_path)
    same(*missing)
    assert missing[0].returncode == 2 and b"absent.yaml" in missing[0].stderr


def test_the_example_flows_and_the_project_settings(tmp_path):
    """flows/ is checked with the repository's pyproject.toml settings, as the click command does."""
    plain, through_click = both(str(FLOWS), *sorted(str(p) for p in FLOWS.glob("*.yaml"))[:2], cwd=FLOWS.parent)
    same(plain, through_click)
    assert plain.stdout.decode().endswith("files.\n")


def test_a_stream_click_would_rewrap_goes_through_click(tmp_path):
    """With an ASCII standard output click writes UTF-8 (never a UnicodeEncodeError): the plain
    check leaves such a stream to click."""
    (tmp_path / "flow.yaml").write_text(NO_WAY_OUT, encoding="utf-8")
    plain, through_click = both("flow.yaml", cwd=tmp_path, PYTHONIOENCODING="ascii")
    same(plain, through_click)
    assert "état-civil".encode() in plain.stdout


def imported_click(*args: str, cwd: Path) -> bool:
    done = ivr_lint(*args, cwd=cwd, PYTHONPROFILEIMPORTTIME="1")
    return any(line.startswith("import time:") and line.split("|")[-1].strip() == "click"
               for line in done.stderr.decode().splitlines())


def test_only_the_plain_check_does_without_click(tmp_path):
    (tmp_path / "flow.yaml").write_text(MINIMAL, encoding="utf-8")
    assert not imported_click("check", "flow.yaml", cwd=tmp_path)
    assert imported_click("check", "--no-color", "flow.yaml", cwd=tmp_path)
    assert imported_click("check", "-", cwd=tmp_path)  # standard input: through click
    assert imported_click("--version", cwd=tmp_path)
