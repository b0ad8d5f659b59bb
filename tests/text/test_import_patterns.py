"""The patterns a command's imports compile (PyYAML's, tomllib's, ivr-lint's module-level
ones) are stored by a check beside the bytecode, and the next process finds them in `re`'s
cache: each `re.compile` of them then returns a pattern equal to the one it would compile.
Patterns compiled once the command runs are not stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FLOWS

REPO = Path(__file__).resolve().parent.parent.parent

PROBE = """\
import re, sys
from ivr_lint.text import _lazy
_lazy.seed_imports()
seeded = {key: pattern for key, pattern in re._cache.items()}
import yaml.reader, yaml.resolver
reader = yaml.reader.Reader.NON_PRINTABLE
resolved = [regexp for pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.values() for _, regexp in pairs]
found = [any(p is pattern for p in seeded.values()) for pattern in [reader, *resolved]]
re.purge()
fresh = [re.compile(p.pattern, p.flags) for p in [reader, *resolved]]
same = [a == b and a is not b for a, b in zip([reader, *resolved], fresh)]
print(all(found), all(same), len(found))
"""


def env(prefix: Path) -> dict:
    values = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
    values.pop("PYTHONDONTWRITEBYTECODE", None)
    return values


def test_a_check_stores_its_imports_patterns_and_the_next_process_finds_them_in_re(tmp_path):
    before = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env(tmp_path), capture_output=True,
                            text=True, timeout=120, check=False)
    assert before.stdout.split()[:1] == ["False"], before.stderr  # nothing stored yet: re compiles them
    done = subprocess.run([sys.executable, "-m", "ivr_lint", "check", str(FLOWS / "caf-gironde.yaml")], cwd=REPO,
                          env=env(tmp_path), capture_output=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 0, done.stderr
    after = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env(tmp_path), capture_output=True,
                           text=True, timeout=120, check=False)
    found, same, count = after.stdout.split()
    assert (found, same) == ("True", "True") and int(count) > 5, after.stdout + after.stderr


def test_patterns_compiled_once_the_command_is_imported_are_not_stored(tmp_path):
    """What a command compiles while it runs may come from the file it reads: never kept."""
    script = ("import re\nfrom ivr_lint.text import _lazy\n_lazy.seed_imports()\nimport yaml\n"
              "re.compile('imported-zzz')\n_lazy.note_imports()\nre.compile('running-zzz')\n_lazy.keep_imports()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env(tmp_path), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    [store] = tmp_path.rglob("_patterns.*.marshal")
    assert b"imported-zzz" in store.read_bytes() and b"running-zzz" not in store.read_bytes()
