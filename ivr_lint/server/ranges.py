"""Where things are: 1-based (line, column) of the engine <-> LSP positions, token spans.

The engine counts columns in characters from 1; LSP counts UTF-16 code units from 0.
A finding names where a value starts; its range is the YAML token that starts there (a
plain or quoted scalar, a key), so the editor underlines the word at fault.
"""

from __future__ import annotations

import re

from lsprotocol import types

_PLAIN_END = re.compile(r"\s#|:\s|:$|[,\]\}]|\s+$")


def utf16(line: str, index: int) -> int:
    """UTF-16 units before character `index` of `line`."""
    prefix = line[:index]
    return len(prefix) + sum(1 for c in prefix if ord(c) > 0xFFFF)


def from_utf16(line: str, units: int) -> int:
    """Character index of the UTF-16 offset `units` in `line`."""
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(line)


class Lines:
    """A document's lines, for converting positions."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")

    def line(self, number: int) -> str:
        """Line `number` (0-based), without its end of line; '' past the end."""
        return self.lines[number].rstrip("\r") if 0 <= number < len(self.lines) else ""

    def position(self, line: int, column: int) -> types.Position:
        """LSP position of the engine's 1-based (line, column)."""
        text = self.line(line - 1)
        return types.Position(line=max(line - 1, 0), character=utf16(text, max(column - 1, 0)))

    def index(self, position: types.Position) -> tuple[int, int]:
        """(0-based line, character index) of an LSP position."""
        return position.line, from_utf16(self.line(position.line), position.character)

    def span(self, line0: int, start: int, end: int) -> types.Range:
        text = self.line(line0)
        return types.Range(types.Position(line0, utf16(text, start)), types.Position(line0, utf16(text, end)))

    def token_end(self, line0: int, start: int) -> int:
        """End (character index) of the YAML token starting at `start` on line `line0`."""
        text = self.line(line0)
        if start >= len(text):
            return len(text)
        if text[start] in "\"'":
            quote, index = text[start], start + 1
            while index < len(text):
                if text[index] == quote:
                    if quote == "'" and text[index + 1:index + 2] == "'":
                        index += 2
                        continue
                    return index + 1
                if text[index] == "\\" and quote == '"':
                    index += 1
                index += 1
            return len(text)
        if text[start] in "[{":
            return start + 1
        match = _PLAIN_END.search(text, start)
        end = match.start() if match else len(text)
        return max(end, start + 1) if end > start else min(start + 1, len(text))

    def token(self, line: int, column: int) -> types.Range:
        """Range of the token at the engine's 1-based (line, column)."""
        line0, start = max(line - 1, 0), max(column - 1, 0)
        text = self.line(line0)
        if start >= len(text):  # past the end (an empty document, a missing value): the line's end
            return self.span(line0, len(text), len(text))
        return self.span(line0, start, self.token_end(line0, start))


def unquote(token: str) -> str:
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
        return token[1:-1]
    return token


_WORD = re.compile(r"[^\s:,\[\]\{\}#\"']+")


def word_at(text: str, index: int) -> tuple[int, int, str] | None:
    """The identifier-like word around character `index` of a line: (start, end, word)."""
    for match in _WORD.finditer(text):
        if match.start() <= index <= match.end():
            return match.start(), match.end(), match.group()
    return None
