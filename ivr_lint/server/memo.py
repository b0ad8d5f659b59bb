"""Answers of the prompt readers kept between checks: a keystroke changes one prompt.

The readers of `ivr_lint.text` that cost most on a large flow (keys a menu prompt names,
times, phone numbers, cues) are pure functions of their text arguments. The command line
reads each prompt once per run, so it needs no cache; the server reads the same thousand
prompts on every keystroke. `install()` wraps each reader in a bounded cache and rebinds
the wrapped reader wherever an ivr_lint module imported it, so that the engine and the rules
stay unaware. Results that are lists are copied out, so no caller can alter a cached one.

(The better home for this is `ivr_lint.text` itself; until it caches, the server does.)
"""

from __future__ import annotations

import functools
import importlib
import sys

#: module -> reader functions (pure: same text arguments, same answer)
READERS = {
    "ivr_lint.text.keys": ("read_keys",),
    "ivr_lint.text.hours": ("find_time_mentions", "parse_spoken_hours"),
    "ivr_lint.text.numbers": ("find_phone_numbers",),
    "ivr_lint.text.cues": ("read_wait_estimate", "read_quieter_hours", "read_callback", "read_other_contact",
                           "read_accessible_channel"),
}
SIZE = 1 << 16
_installed = False


def _cached(function):
    cached = functools.lru_cache(maxsize=SIZE)(function)

    @functools.wraps(function)
    def reader(*args):
        try:
            answer = cached(*args)
        except TypeError:  # an unhashable argument: read it afresh
            return function(*args)
        return list(answer) if isinstance(answer, list) else answer

    reader.__wrapped_reader__ = function
    return reader


def install() -> None:
    """Wrap the readers once, after the rules are imported (they hold the names they import)."""
    global _installed
    if _installed:
        return
    import ivr_lint.engine  # noqa: F401 - every rule module, and what they import, is loaded now
    import ivr_lint.rules  # noqa: F401

    replaced = {}
    for module_name, names in READERS.items():
        module = importlib.import_module(module_name)
        for name in names:
            original = getattr(module, name, None)
            if callable(original) and not hasattr(original, "__wrapped_reader__"):
                replaced[id(original)] = (original, _cached(original))
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("ivr_lint") or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if id(value) in replaced and replaced[id(value)][0] is value:
                setattr(module, attribute, replaced[id(value)][1])
    _installed = True
