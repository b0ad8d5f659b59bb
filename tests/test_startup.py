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


SILENT_MENU = """\
ivr: 1
start: menu
nodes:
  menu:
    type: menu
    prompt: "Pour les horaires, tapez 1."
    options: {"1": fin}
    on_max_retries: fin
  fin:
    type: hangup
    prompt: "Au revoir."
"""


def test_a_pyproject_that_does_not_name_the_tool_is_not_parsed(tmp_path):
    """Most pyproject.toml files a check walks past configure other tools: tomllib is not
    even imported for them, and what they say (even broken TOML) changes nothing."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.ruff\n', encoding="utf-8")
    flow = tmp_path / "caf.yaml"
    flow.write_bytes((FLOWS / "caf-gironde.yaml").read_bytes())
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "ivr_lint", "check", str(flow)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    modules = set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", done.stderr, re.MULTILINE))
    assert "tomllib" not in modules and "ivr_lint.config" in modules
    assert (done.returncode, done.stdout) == (0, "No problems found in 1 file.\n"), done.stdout + done.stderr


def test_a_pyproject_that_names_the_tool_however_it_is_spelt_is_read(tmp_path):
    (tmp_path / ".git").mkdir()
    flow = tmp_path / "menu.yaml"
    flow.write_text(SILENT_MENU, encoding="utf-8")  # findings of other rules: exit 1 unless the table is read
    for table in ('[tool.ivr-lint]', '[tool."ivr-lint"]', '[tool."ivr\\u002Dlint"]'):
        (tmp_path / "pyproject.toml").write_text(f'{table}\nselect = ["dead-end"]\n', encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "ivr_lint", "check", "--format", "json", str(flow)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
        assert done.returncode == 0 and '"findings": []' in done.stdout, (table, done.stdout, done.stderr)
        (tmp_path / "pyproject.toml").write_text(f'{table}\nselcet = ["dead-end"]\n', encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "ivr_lint", "check", str(flow)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
        assert done.returncode == 2 and "unknown setting 'selcet'" in done.stderr, (table, done.stderr)
