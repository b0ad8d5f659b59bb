"""Text from a flow or an export made safe to show: control characters become visible escapes.

A prompt, a label or a node id is the user's text, and a terminal obeys what it contains:
ESC starts colour, title (OSC 0) and hyperlink (OSC 8) sequences, BEL rings, backspace and
CR overwrite what was printed, and the bidi overrides (U+202A-202E, U+2066-2069) reorder
a line so that it reads as something else. Every human-readable output passes the user's
text through `visible()` when it prints it; machine formats (JSON, SARIF...) keep the exact
text. Tab and newline are kept (`one_line()` escapes newlines too, for one-line places).
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every control character but tab and newline written as an escape (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """`visible()`, with newlines escaped too: for a place that must stay on one line."""
    return _UNSAFE_LINE.sub(_escape, text) if _UNSAFE_LINE.search(text) else text


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut: a label or a message never
    carries a user's whole 16 KB prompt."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def has_unsafe(text: str) -> bool:
    """Whether the text holds a character that `visible()` would escape."""
    return _UNSAFE.search(text) is not None
