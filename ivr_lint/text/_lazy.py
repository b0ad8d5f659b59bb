"""Regular expressions compiled on first use.

The text modules hold about 170 patterns for two languages; compiling them all at import
cost about 70 ms of every start-up, though a check of a small flow uses few of them
(and an English flow none of the French ones). `compile` returns a stand-in that
compiles the pattern the first time one of its methods is asked for, then keeps the
compiled pattern's methods, so later calls cost what a compiled pattern's do.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A `re.Pattern` compiled on first attribute access (search, match, finditer...)."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = re.compile(*self.__dict__["_source"])
            self.__dict__["_compiled"] = compiled
            for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
                self.__dict__[method] = getattr(compiled, method)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def compile(pattern: str, flags: int = 0) -> LazyPattern:  # noqa: A001 - the re.compile it stands for
    """`re.compile`, deferred to the pattern's first use."""
    return LazyPattern(pattern, flags)
