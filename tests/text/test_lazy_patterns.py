"""Compiled patterns are kept beside the bytecode: a check reads them instead of compiling,
says exactly what it said before, and a missing, damaged or unwritable store only means
compiling as before.

Each check runs as its own process with PYTHONPYCACHEPREFIX, so the store goes to a
folder of the test's own (where Python then puts bytecode too).
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ivr_lint.text import _lazy
from tests.conftest import FLOWS

REPO = Path(__file__).resolve().parent.parent.parent
FLOW = FLOWS / "caf-gironde.yaml"
#: a French flow with findings (hours, keys and spoken forms are read): the store must not change them
MISMATCH = """\
ivr: 1
start: accueil
nodes:
  accueil:
    type: menu
    prompt: "Nous sommes ouverts du lundi au vendredi de 9 h à 17 h. Pour un rendez-vous, tapez 2."
    options: {"1": fin}
    on_max_retries: fin
  fin:
    type: hangup
    prompt: "Au revoir, à bientôt au 01 23 45 67 89."
"""


def check(*paths: str | Path, prefix: Path, write: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-m", "ivr_lint", "check", "--format", "json", *map(str, paths)],
                          cwd=REPO, env=env, capture_output=True, timeout=120, stdin=subprocess.DEVNULL, check=False)


def stores(prefix: Path) -> list[Path]:
    return sorted(prefix.rglob("_patterns.*.marshal"))


def seen(done: subprocess.CompletedProcess) -> tuple:
    return done.returncode, done.stdout, done.stderr


def test_a_check_writes_the_store_once_then_reads_it_and_says_the_same(tmp_path):
    flow = tmp_path / "menu.yaml"
    flow.write_text(MISMATCH, encoding="utf-8")
    first = check(FLOW, flow, prefix=tmp_path / "cache")
    assert first.returncode == 1 and b"menu-prompt-mismatch" in first.stdout
    [store] = stores(tmp_path / "cache")
    written = store.stat().st_mtime_ns, store.read_bytes()
    second = check(FLOW, flow, prefix=tmp_path / "cache")
    assert seen(second) == seen(first)
    assert (store.stat().st_mtime_ns, store.read_bytes()) == written  # nothing compiled, nothing written again


def test_a_damaged_store_is_compiled_around(tmp_path):
    flow = tmp_path / "menu.yaml"
    flow.write_text(MISMATCH, encoding="utf-8")
    plain = check(flow, prefix=tmp_path / "plain", write=False)
    check(flow, prefix=tmp_path / "cache")
    [store] = stores(tmp_path / "cache")
    store.write_bytes(store.read_bytes()[: len(store.read_bytes()) // 2])
    assert seen(check(flow, prefix=tmp_path / "cache")) == seen(plain)
    store.write_bytes(b"not a store")
    assert seen(check(flow, prefix=tmp_path / "cache")) == seen(plain)


def test_no_store_is_written_where_bytecode_is_not(tmp_path):
    done = check(FLOW, prefix=tmp_path / "cache", write=False)
    assert done.returncode == 0, done.stderr
    assert stores(tmp_path / "cache") == []


def test_every_stored_program_gives_the_pattern_re_compile_gives():
    """All the text patterns of both languages (and the importers'), not only the ones a check uses."""
    for module in ("ivr_lint.importers", "ivr_lint.text.cues", "ivr_lint.text.hours", "ivr_lint.text.keys",
                   "ivr_lint.text.numbers", "ivr_lint.text.readability", "ivr_lint.text.spoken"):
        importlib.import_module(module)  # their patterns are all made with _lazy

    sources = {made._source for made in _lazy._MADE}
    assert len(sources) > 150
    for source in sources:
        program = _lazy._program(source)
        assert program is not None, source
        built = _lazy._from_program(source[0], program)
        expected = re.compile(*source)
        assert built == expected and built.groupindex == expected.groupindex, source
        assert (built.pattern, built.flags, built.groups) == (expected.pattern, expected.flags, expected.groups)


def test_a_stored_program_finds_what_the_compiled_pattern_finds():
    source = (r"(?P<day>lundi|mardi)\s+(?:de\s+)?(?P<hour>\d{1,2})\s*h", re.IGNORECASE)
    built = _lazy._from_program(source[0], _lazy._program(source))
    text = "Ouvert LUNDI de 9 h, mardi 14h et jeudi 10 h."
    assert [m.groupdict() for m in built.finditer(text)] == [
        {"day": "LUNDI", "hour": "9"}, {"day": "mardi", "hour": "14"}]
    assert built.sub("X", text) == re.compile(*source).sub("X", text)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="a read-only folder needs a POSIX non-root user")
def test_an_unwritable_cache_folder_changes_nothing(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        done = check(FLOW, prefix=cache)
        assert done.returncode == 0, done.stderr
        assert stores(cache) == []
    finally:
        cache.chmod(0o700)
