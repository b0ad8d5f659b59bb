"""Readers remember their answers: a prompt is read once however often it is asked about.

The readers of this package are pure functions of hashable arguments (the text, the
language, an option or two). Several rules ask about the same prompt, a batch check meets
the same sentence in many nodes and flows, and the language server checks a whole flow
again on each keystroke though one prompt changed. `reader` gives each of them a bounded
LRU memo keyed by its arguments, so the server re-reads only the prompt that changed.
Every answer kept is immutable (tuples, frozen dataclasses, read-only mappings): no caller
can change what the next one is told.
"""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

#: answers kept per reader: every prompt and sentence of a 10,000-node flow, with room to spare
SIZE = 1 << 15

F = TypeVar("F", bound=Callable)
_READERS: list = []


def reader(function: F | None = None, *, maxsize: int = SIZE) -> F:
    """`functools.lru_cache` of `maxsize` answers (usable as ``@reader`` or ``@reader(maxsize=n)``)."""
    if function is None:
        return functools.partial(reader, maxsize=maxsize)  # type: ignore[return-value]
    cached = functools.lru_cache(maxsize=maxsize)(function)
    _READERS.append(cached)
    return cached  # type: ignore[return-value]


def clear() -> None:
    """Forget every answer of every reader (a test that must see a reader work afresh)."""
    for cached in _READERS:
        cached.cache_clear()
