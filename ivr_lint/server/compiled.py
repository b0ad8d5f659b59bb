"""The code attrs and cattrs generate at start-up, compiled once and kept between runs.

Importing lsprotocol defines some 600 attrs classes, and attrs writes and compiles the
source of each one's `__init__`, `__eq__`, `__repr__`...; cattrs does the same for the
functions that read and write each message. Python's `compile` of those ~1,000 snippets
is a quarter of the server's start-up, and they are the same at every start. So while the
server runs, `compile` in those two modules looks the snippet up in a file of compiled code
(marshal, as Python's own .pyc files) in the user's cache folder, keyed by the exact source
and name it was asked to compile, and compiles only what it does not find; what was new is
written once the user pauses. A file that is not the user's own, or that others may write,
is never read; any failure just compiles, as without the cache.
"""

from __future__ import annotations
import __future__

import importlib.util
import marshal
import os
import sys
from collections.abc import Callable

from ivr_lint.text._lazy import store_marshal

_MODULES = ("attr._make", "cattrs.gen")
_state: dict = {"codes": {}, "used": set(), "new": False, "path": None}


def cache_folder() -> str:
    """The server's folder in the user's cache (rule docs, compiled code), per version."""
    import tempfile

    from ivr_lint import __version__

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.access(os.path.dirname(base) or ".", os.W_OK) and not os.path.isdir(base):
        base = tempfile.gettempdir()
    return os.path.join(base, "ivr-lint", __version__)


def cache_path() -> str:
    tag = importlib.util.MAGIC_NUMBER.hex()
    return os.path.join(cache_folder(), f"generated-code-{sys.implementation.cache_tag}-{tag}.marshal")


def _trusted(path: str) -> bool:
    """The file and its folder are the user's own and nobody else may write them."""
    try:
        for item in (path, os.path.dirname(path)):
            info = os.stat(item)
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return False
    except (OSError, AttributeError):  # (no getuid: not POSIX)
        return False
    return True


def _compiler(module) -> Callable:
    """`compile` for code that `module` compiles: from the cache, with the module's own
    `from __future__` flags (the builtin inherits those of its caller)."""
    flags = 0
    for value in vars(module).values():
        if isinstance(value, __future__._Feature):
            flags |= value.compiler_flag

    def cached_compile(source, filename, mode, *args, **kwargs):
        if args or kwargs or not isinstance(source, str) or not isinstance(filename, str):
            return compile(source, filename, mode, *args, **kwargs)
        key = (source, filename, mode, flags)
        _state["used"].add(key)
        code = _state["codes"].get(key)
        if code is None:
            code = _state["codes"][key] = compile(source, filename, mode, flags, True)
            _state["new"] = True
        return code

    return cached_compile


def install() -> None:
    """Before lsprotocol and pygls are imported: their generated code comes from the cache."""
    path = cache_path()
    _state["path"] = path
    try:
        if _trusted(path):
            with open(path, "rb") as handle:
                loaded = marshal.load(handle)
            if isinstance(loaded, dict):
                _state["codes"] = loaded
    except Exception:  # noqa: BLE001 - a damaged or foreign file: compile as usual
        _state["codes"] = {}
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        module.compile = _compiler(module)  # shadows the builtin in that module only


def save() -> None:
    """Write the cache if something was compiled that it did not hold (once the user pauses):
    what this run compiled, so that code of an older library's version does not pile up."""
    path = _state["path"]
    if not _state["new"] or path is None:
        return
    _state["new"] = False
    codes = _state["codes"]
    store_marshal(path, {key: codes[key] for key in _state["used"] if key in codes}, mode=0o600,
                  folder_mode=0o700)
