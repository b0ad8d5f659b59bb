"""Regular expressions compiled on first use, and compiled once per installation.

The text modules hold about 170 patterns for two languages; compiling them all at import
cost about 70 ms of every start-up, though a check of a small flow uses few of them
(and an English flow none of the French ones). `compile` returns a stand-in that
compiles the pattern the first time one of its methods is asked for, then keeps the
compiled pattern's methods, so later calls cost what a compiled pattern's do.

Even the hundred patterns a French flow uses took a third of a small check (the hours and
spoken-form tokenizers are 2-3 KB each): Python's `re` parses and compiles them again in
every process. So, as Python keeps a module's bytecode beside it, the compiled programs are
kept in one file in this package's `__pycache__` (written where bytecode would be, never
when bytecode is not written), keyed by pattern, flags and the exact interpreter. A
program is stored only when the pattern it gives is equal to `re.compile`'s (Pattern
equality compares the program itself); a missing, stale or unreadable file only means
compiling as before.

The modules a command imports also call `re.compile` as they load (PyYAML's reader and
resolver, tomllib, textwrap, this package's own module-level patterns): a sixth of a small
check's start-up went to compiling them. The command line notes which patterns its imports
compiled (`note_imports`), stores their programs in the same file (`keep_imports`), and the
next process puts them in `re`'s own cache before it imports anything (`seed_imports`), so
that those `re.compile` calls find them there. Patterns compiled while a command runs (from
what a file says) are never stored.
"""

from __future__ import annotations

import re
import sys

#: every stand-in made, so that the first one compiled can store all of them at once
_MADE: list[LazyPattern] = []
#: (pattern, flags) -> (flags, code as bytes, groups, groupindex, indexgroup), read on first use
_PROGRAMS: dict | None = None
#: at most this many programs are kept in the file (patterns of older versions are dropped first)
_KEPT = 2000
#: the store's entry that lists the (pattern, flags) compiled by `re.compile` while a command imported
_IMPORTS = ("re.compile while importing", -1)
#: the keys of `re`'s cache once the command's modules were imported (`note_imports`)
_IMPORTED: list | None = None


class LazyPattern:
    """A `re.Pattern` compiled on first attribute access (search, match, finditer...)."""

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self._source = (pattern, int(flags))

    def __getattr__(self, name: str):
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = _compiled(self.__dict__["_source"])
            self.__dict__["_compiled"] = compiled
            for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
                self.__dict__[method] = getattr(compiled, method)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:  # noqa: A001 - the re.compile it stands for
    """`re.compile`, deferred to the pattern's first use."""
    made = LazyPattern(pattern, flags)
    _MADE.append(made)
    return made


def _compiled(source: tuple) -> re.Pattern:
    """The pattern of `source`, from its stored program when there is one."""
    programs = _stored()
    program = programs.get(source)
    if program is not None:
        try:
            return _from_program(source[0], program)
        except Exception:  # noqa: BLE001 - a program this interpreter refuses: compile it
            pass
    pattern = re.compile(*source)
    path = _path()
    if path is not None:  # bytecode is written: store this program and those of every pattern made so far
        fresh = {s: p for s in {made._source for made in _MADE} | {source}
                 if s not in programs and (p := _program(s)) is not None}
        if fresh:
            _write(path, programs, fresh)
    return pattern


def _program(source: tuple) -> tuple | None:
    """What `_sre.compile` is given for `source` (as `re._compiler.compile` does), or None
    when the pattern built from it would not be the one `re.compile` gives."""
    try:
        import array
        from re import _compiler, _parser

        parsed = _parser.parse(source[0], source[1])
        code = array.array("I", _compiler._code(parsed, source[1])).tobytes()
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (source[1] | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if _from_program(source[0], program) != re.compile(*source):
            return None
        return program
    except Exception:  # noqa: BLE001 - another interpreter's internals: nothing is stored
        return None


def _from_program(pattern: str | bytes, program: tuple) -> re.Pattern:
    import _sre
    import array

    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, array.array("I", code).tolist(), groups, groupindex, indexgroup)


def _path() -> str | None:
    """The file of stored programs, or None when bytecode is not written."""
    if sys.dont_write_bytecode:
        return None
    return _file()


def _file() -> str | None:
    try:
        import _sre
        import array
        import importlib.util
        import os

        folder = os.path.dirname(importlib.util.cache_from_source(__file__))
        if array.array("I").itemsize != _sre.CODESIZE:  # the program is kept as an array of C unsigned ints
            return None
        tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
        return os.path.join(folder, f"_patterns.{tag}.marshal")
    except Exception:  # noqa: BLE001 - no bytecode folder for this interpreter
        return None


def _stored() -> dict:
    """The stored programs (read once; empty when there are none or they cannot be read)."""
    global _PROGRAMS
    if _PROGRAMS is None:
        path = _file()
        _PROGRAMS = {} if path is None else _read(path)
    return _PROGRAMS


def _read(path: str) -> dict:
    try:
        import marshal

        with open(path, "rb") as stream:
            table = marshal.loads(stream.read())  # marshal.load reads a file piece by piece: 30x slower
        return table if isinstance(table, dict) else {}
    except Exception:  # noqa: BLE001 - absent, or unreadable: compile as before
        return {}


def _re_cache() -> dict | None:
    """`re`'s cache of compiled patterns, keyed (type, pattern, flags) since Python 3.7 (None if not)."""
    cache = getattr(re, "_cache", None)
    return cache if isinstance(cache, dict) else None


def seed_imports() -> None:
    """Put the stored programs of the patterns the command's imports compile into `re`'s
    cache, where their `re.compile` finds them (before the imports, once per process)."""
    cache = _re_cache()
    if cache is None:
        return
    programs = _stored()
    try:
        for source in programs.get(_IMPORTS, ()):
            key = (type(source[0]), *source)
            program = programs.get(source)
            if key not in cache and program is not None:
                cache[key] = _from_program(source[0], program)
    except Exception:  # noqa: BLE001 - a store this interpreter cannot use: re compiles them
        pass


def note_imports() -> None:
    """Remember the patterns `re` compiled so far: those of the command's imports."""
    global _IMPORTED
    cache = _re_cache()
    _IMPORTED = [key[1:] for key in cache if len(key) == 3] if cache is not None else []


def keep_imports() -> None:
    """Store the programs of the patterns noted by `note_imports`, if some are not yet (the
    command line calls it as the process ends)."""
    path = _path()
    if path is None or not _IMPORTED:
        return
    programs = _stored()
    listed = set(programs.get(_IMPORTS, ()))
    new, fresh = [], {}
    for source in _IMPORTED:
        if source in listed or not isinstance(source[1], int):
            continue
        if source not in programs:
            program = _program(source)
            if program is None:
                continue
            fresh[source] = program
        new.append(source)
    if new:
        fresh[_IMPORTS] = tuple(sorted(listed | set(new), key=repr))
        _write(path, programs, fresh)


def _write(path: str, programs: dict, fresh: dict) -> None:
    """Add `fresh` to the stored programs and replace the file at once (another process
    reading it sees the old file or the new one, never a part). What the file holds now is
    kept too: another process (a `check --jobs` worker) may have stored programs since."""
    on_disk = _read(path)
    if _IMPORTS in on_disk and _IMPORTS in fresh:
        fresh[_IMPORTS] = tuple(sorted(set(on_disk[_IMPORTS]) | set(fresh[_IMPORTS]), key=repr))
    programs.update({source: program for source, program in on_disk.items() if source not in programs})
    programs.update(fresh)
    if len(programs) > _KEPT:
        current = {made._source for made in _MADE} | {_IMPORTS, *programs.get(_IMPORTS, ())}
        for source in [s for s in programs if s not in current][:len(programs) - _KEPT]:
            del programs[source]
    store_marshal(path, programs)  # a read-only installation: compile as before next time


def store_marshal(path: str, data, mode: int | None = None, folder_mode: int = 0o777) -> None:
    """Replace the file at `path` with `data` marshalled, at once (a reader sees the old file
    or the new one, never a part), with `mode` if given; a file that cannot be written is left
    as it was, with no temporary file behind: a store is only ever an accelerator."""
    import marshal
    import os

    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=folder_mode, exist_ok=True)
        with open(temporary, "wb") as stream:
            marshal.dump(data, stream)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except (OSError, ValueError):
        try:
            os.remove(temporary)
        except OSError:
            pass
