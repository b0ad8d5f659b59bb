"""Parse JSON and remember where each object starts, so nodes can point at their line.

The standard library's pure-Python scanner is reused with its object parser wrapped:
same grammar, same error messages, plus the offset of every `{`.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner

from ivr_lint.importers.result import ImportFailure
from ivr_lint.importers.textutil import line_starts, offset_to_pos


class PositionedJson:
    """A parsed JSON document and the (line, column) of each of its objects."""

    def __init__(self, text: str):
        self.text = text
        self._starts = line_starts(text)
        self._offsets: dict[int, int] = {}
        self._keep: list = []  # keep objects alive so their id() stays theirs
        self.value = self._parse(text)

    def _parse(self, text: str):
        decoder = json.JSONDecoder(parse_int=_parse_int)
        offsets, keep = self._offsets, self._keep

        def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
            obj, end = json.decoder.JSONObject(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo)
            offsets[id(obj)] = s_and_end[1] - 1
            keep.append(obj)
            return obj, end

        decoder.parse_object = parse_object
        decoder.memo = {}
        decoder.scan_once = json.scanner.py_make_scanner(decoder)
        try:
            return decoder.decode(text)
        except json.JSONDecodeError as error:
            hint = " (the file looks truncated)" if not text.rstrip().endswith(("}", "]")) else ""
            raise ImportFailure(f"not valid JSON: {error.msg}{hint}", error.lineno, error.colno) from None
        except RecursionError:
            raise ImportFailure("JSON nested too deeply to be a flow export") from None

    def pos(self, obj) -> tuple[int, int] | None:
        offset = self._offsets.get(id(obj))
        return offset_to_pos(self._starts, offset) if offset is not None else None


def _parse_int(digits: str):
    """An integer, or for one longer than Python converts (4,300 digits) the float it is
    (infinite), as `1e999` already is: no export means such a number, and the importers
    treat it as any out-of-range value instead of failing on the conversion."""
    if len(digits.lstrip("-")) > _MAX_INT_DIGITS:
        return float("-inf") if digits.startswith("-") else float("inf")
    return int(digits)


_MAX_INT_DIGITS = 4300


def parse_json(text: str) -> PositionedJson:
    return PositionedJson(text)
