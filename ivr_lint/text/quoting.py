"""Quoting a user's value inside a message: escaped, and never more than a line of it.

A message names the value it is about (a file name, a flow path, a journey name), but
that value comes from the user's file: it may be a whole paragraph, hold control
characters, or be the content of a file read by mistake. Messages quote it through
`quote`, so what reaches a terminal or a report is bounded and printable.
"""

from __future__ import annotations

#: the most characters of a user's value a message shows
QUOTE_LIMIT = 120


def shorten(value: object, limit: int = QUOTE_LIMIT) -> str:
    """The value's text, cut after `limit` characters with a note of its full length."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """The value as Python quotes it (control characters escaped), cut after `limit` characters."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"
