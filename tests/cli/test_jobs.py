"""`check --jobs N`: many files checked in worker processes report exactly what one process does."""

import json
import shutil
import subprocess
import sys
from types import SimpleNamespace

from tests.conftest import FLOWS


def run(*args: str):
    """`ivr-lint ARGS` as its own process, as users run it (workers are forked only from a
    process with no other thread, which a test runner may not be)."""
    done = subprocess.run([sys.executable, "-m", "ivr_lint", *args], capture_output=True, text=True, timeout=300)
    return SimpleNamespace(exit_code=done.returncode, stdout=done.stdout, stderr=done.stderr)

#: a line that jumps to a sub-menu in another file, which is reached only that way
MAIN = """\
ivr: 1
name: "Accueil"
start: menu
nodes:
  menu:
    type: menu
    prompt: "Pour l'état civil, tapez 1. Pour un conseiller, tapez 0."
    options: {{"1": civil, "0": agent}}
    on_max_retries: agent
  civil: {{type: goto, flow: {target}, node: civil-menu}}
  agent: {{type: queue, prompt: "Un conseiller va vous répondre."}}
"""

SUB = """\
ivr: 1
name: "État civil"
start: intro
nodes:
  intro: {type: play, prompt: "Service de l'état civil.", next: agent}
  civil-menu:
    type: menu
    prompt: "Pour un acte de naissance, tapez 1."
    options: {"1": agent}
    on_max_retries: agent
  agent: {type: queue, prompt: "Un conseiller va vous répondre."}
"""

#: a service file with an error of its own: reported once, however many flows read it
BROKEN_SERVICE = """\
service:
  name: "Mairie"
  phone: 12
"""


def _folder(tmp_path, target: str) -> str:
    (tmp_path / ".git").mkdir()
    for flow in FLOWS.glob("*.yaml"):
        if not flow.name.endswith(".journeys.yaml"):
            shutil.copy(flow, tmp_path / flow.name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "a-main.yaml").write_text(MAIN.format(target=target))
    (tmp_path / "sub" / "civil.yaml").write_text(SUB)
    (tmp_path / "sub" / "service.yaml").write_text(BROKEN_SERVICE)
    return str(tmp_path)


def _both(folder: str, *extra: str):
    one = run("check", "--jobs", "1", folder, *extra)
    two = run("check", "--jobs", "2", folder, *extra)
    return one, two


def test_two_jobs_report_what_one_reports_in_the_same_order(tmp_path):
    folder = _folder(tmp_path, "sub/civil.yaml")
    one, two = _both(folder, "-f", "json")
    assert two.exit_code == one.exit_code == 1
    assert json.loads(two.stdout) == json.loads(one.stdout)
    text_one, text_two = _both(folder)
    assert text_two.stdout == text_one.stdout


def test_a_file_reached_by_goto_is_checked_with_the_flow_that_jumps_there(tmp_path):
    # civil-menu is entered only from a-main.yaml: checked apart, it would be unreachable
    folder = _folder(tmp_path, "sub/civil.yaml")
    report = json.loads(run("check", "--jobs", "2", folder, "-f", "json").stdout)
    unreachable = [f for f in report["findings"] if f["rule"] == "unreachable-node"]
    assert not [f for f in unreachable if f["node"] == "civil-menu"]


def test_a_jump_the_text_does_not_show_is_still_checked_together(tmp_path):
    # `flow: &where sub/civil.yaml` hides the path behind an anchor from a plain reading
    folder = _folder(tmp_path, "&where sub/civil.yaml")
    one, two = _both(folder, "-f", "json")
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert not [f for f in json.loads(two.stdout)["findings"]
                if f["rule"] == "unreachable-node" and f["node"] == "civil-menu"]


def test_a_service_file_error_is_reported_once(tmp_path):
    folder = _folder(tmp_path, "sub/civil.yaml")
    (tmp_path / "sub" / "other.yaml").write_text(SUB)
    report = json.loads(run("check", "--jobs", "2", folder, "-f", "json").stdout)
    in_service = [f for f in report["findings"] if f["file"].endswith("service.yaml")]
    assert in_service
    assert len(in_service) == len({(f["rule"], f["line"], f["column"], f["message"]) for f in in_service})
