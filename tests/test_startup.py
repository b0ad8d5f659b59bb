"""What a plain `ivr-lint check FILE` imports: only what checking a well-made flow needs
(issue 12's start-up bar). Read from the interpreter's own import log (`-X importtime`)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import FLOWS


def imported_by_check(*paths: str) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "ivr_lint", "check", *paths],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", done.stderr, re.MULTILINE))


def test_a_plain_check_of_a_good_flow_imports_no_error_only_helper():
    """difflib (did-you-mean) and traceback (an importer's bug report) are for mistakes only."""
    modules = imported_by_check(str(FLOWS / "caf-gironde.yaml"))
    assert "ivr_lint.rules.structure.unknown_target" in modules  # the rules were loaded
    assert not modules & {"difflib", "traceback", "click"}, sorted(modules & {"difflib", "traceback", "click"})


def test_the_did_you_mean_still_comes_with_a_mistake(tmp_path):
    flow = tmp_path / "flow.yaml"
    flow.write_text("ivr: 1\nstart: accueil\nnodes:\n  accueil:\n    type: play\n    prompt: \"Bonjour.\"\n"
                    "    next: aurevoir\n  au-revoir:\n    type: hangup\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ivr_lint", "check", str(flow)], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 1
    assert "unknown-target" in done.stdout and "did you mean 'au-revoir'" in done.stdout.lower(), done.stdout
