"""Start-up: the code attrs and cattrs generate is compiled once and kept (ivr_lint.server.compiled)."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import types

import pytest

from ivr_lint.server import compiled


def start_and_stop(cache: str) -> list[dict]:
    """Run `ivr-lint server` with its cache in `cache`: initialize, initialized, shutdown, exit."""
    process = subprocess.Popen([sys.executable, "-m", "ivr_lint", "server"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env=dict(os.environ, XDG_CACHE_HOME=cache))
    messages = [{"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
                {"method": "initialized", "params": {}},
                {"id": 2, "method": "textDocument/hover", "params": {  # answered once the warm-up ran
                    "textDocument": {"uri": "file:///nowhere.yaml"}, "position": {"line": 0, "character": 0}}},
                {"id": 3, "method": "shutdown"}, {"method": "exit"}]
    data = b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                    for body in (json.dumps({"jsonrpc": "2.0", **m}).encode() for m in messages))
    out, _ = process.communicate(data, timeout=60)
    answers = []
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length"))
        answers.append(json.loads(rest[:length]))
        out = rest[length:]
    return [a for a in answers if "id" in a]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return str(tmp_path)


def test_the_first_start_keeps_the_generated_code_and_the_next_one_answers_the_same(cache):
    first = start_and_stop(cache)
    path = compiled.cache_path()
    assert os.stat(path).st_mode & 0o777 == 0o600
    with open(path, "rb") as handle:
        kept = marshal.load(handle)
    assert any("attrs generated" in key[1] for key in kept) and any("cattrs" in key[1] for key in kept)
    assert start_and_stop(cache) == first
    assert [a["id"] for a in first] == [1, 2, 3] and "capabilities" in first[0]["result"]


@pytest.mark.parametrize("damage", [b"not marshal", marshal.dumps([1, 2])])
def test_a_damaged_cache_is_compiled_again(cache, damage):
    os.makedirs(compiled.cache_folder())
    with open(compiled.cache_path(), "wb") as handle:
        handle.write(damage)
    os.chmod(compiled.cache_path(), 0o600)
    answers = start_and_stop(cache)
    assert [a["id"] for a in answers] == [1, 2, 3] and "capabilities" in answers[0]["result"]
    with open(compiled.cache_path(), "rb") as handle:
        assert isinstance(marshal.load(handle), dict)  # written again whole


def test_a_cache_others_may_write_is_not_read(cache):
    os.makedirs(compiled.cache_folder(), mode=0o700)
    path = compiled.cache_path()
    with open(path, "wb") as handle:
        marshal.dump({}, handle)
    os.chmod(path, 0o666)
    assert not compiled._trusted(path)
    os.chmod(path, 0o600)
    assert compiled._trusted(path)
    os.chmod(os.path.dirname(path), 0o777)
    assert not compiled._trusted(path)
    assert not compiled._trusted(path + ".missing")


def test_cached_code_is_compiled_with_the_module_s_own_future_flags(monkeypatch):
    monkeypatch.setitem(compiled._state, "codes", {})
    plain = types.ModuleType("plain")
    lazy = types.ModuleType("lazy")
    exec("from __future__ import annotations", vars(lazy))
    source = "def f(x: undefined_name) -> int:\n    return x\n"
    with pytest.raises(NameError):  # the annotation is evaluated without the future import
        exec(compiled._compiler(plain)(source, "<plain>", "exec"), {})
    names: dict = {}
    code = compiled._compiler(lazy)(source, "<lazy>", "exec")
    exec(code, names)
    assert names["f"](3) == 3 and names["f"].__annotations__ == {"x": "undefined_name", "return": "int"}
    assert compiled._compiler(lazy)(source, "<lazy>", "exec") is code  # from the cache


def test_the_cache_keeps_what_the_run_compiled_not_what_an_older_library_did(tmp_path, monkeypatch):
    path = str(tmp_path / "codes.marshal")
    stale = ("x = 1\n", "<attrs generated init Gone>", "exec", 0)
    monkeypatch.setattr(compiled, "_state", {"codes": {stale: compile("x = 1\n", "<g>", "exec")}, "used": set(),
                                             "new": False, "path": path})
    module = types.ModuleType("plain")
    compiled._compiler(module)("y = 2\n", "<attrs generated init Kept>", "exec")
    compiled.save()
    with open(path, "rb") as handle:
        kept = marshal.load(handle)
    assert [key[1] for key in kept] == ["<attrs generated init Kept>"]
    names: dict = {}
    exec(next(iter(kept.values())), names)
    assert names["y"] == 2
