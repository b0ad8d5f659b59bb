"""The README's console examples are what the commands print (scripts/readme_examples.py)."""

import subprocess
import sys

from tests.conftest import REPO


def test_readme_examples_match_the_commands():
    done = subprocess.run([sys.executable, "scripts/readme_examples.py", "--check"], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, ("README examples drifted; run `.venv/bin/python scripts/readme_examples.py` "
                                  "and review the diff:\n" + done.stdout + done.stderr)
