"""Emacs as a client: eglot with the documented editors/emacs/ivr-lint.el, and the
diagnostics flymake holds are the findings of `ivr-lint check`."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, run_json

EMACS = shutil.which("emacs")


@functools.lru_cache(maxsize=None)
def has_eglot() -> bool:
    probe = "(progn (require 'package) (package-initialize) (princ (if (require 'eglot nil t) \"yes\" \"no\")))"
    done = subprocess.run([EMACS, "--batch", "--eval", probe], capture_output=True, text=True, timeout=60)
    return done.stdout.strip() == "yes"


pytestmark = [pytest.mark.system,
              pytest.mark.skipif(EMACS is None, reason="emacs is not installed (Debian: apt-get install emacs-nox)"),
              pytest.mark.skipif(EMACS is not None and not has_eglot(),
                                 reason="eglot is not available (Emacs 29+, or Debian's elpa-eglot on Emacs 28)")]


def test_emacs_with_eglot_shows_the_findings_of_check(tmp_path):
    (tmp_path / ".git").mkdir()  # the project root eglot and the server use
    flow = tmp_path / "menu.yaml"
    shutil.copy(REPO / "examples" / "broken-menu.yaml", flow)
    bin_folder = os.path.dirname(sys.executable)  # .venv/bin: the documented `ivr-lint server` command
    env = dict(os.environ, PATH=bin_folder + os.pathsep + os.environ.get("PATH", ""), XDG_CACHE_HOME=str(tmp_path),
               HOME=str(tmp_path))
    done = subprocess.run([EMACS, "--batch", "-l", str(REPO / "editors/emacs/capture.el"), str(flow)],
                          capture_output=True, text=True, env=env, timeout=150, cwd=tmp_path)
    # eglot writes "ivr-lint [RULE]: message" (the wording differs a little between versions)
    shown = sorted(re.findall(r"^menu\.yaml:(\d+):(\d+): \S+ .*?\[([\w-]+)\]", done.stdout, re.M))
    _, report = run_json("check", str(flow))
    assert shown == sorted((str(f["line"]), str(f["column"]), f["rule"]) for f in report["findings"]), \
        done.stdout + done.stderr
    assert re.search(r"^menu\.yaml:15:12: eglot-error .*\[unknown-target\]:? option '0' leads to an unknown node "
                     r"'agnet'; did you mean 'agent'\?$", done.stdout, re.M)
