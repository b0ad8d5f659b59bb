"""Rename a node: its key and every transition and `goto` that names it, in every flow."""

from __future__ import annotations

import re

from lsprotocol import types
from pygls.uris import from_fs_path

from ivr_lint.server.navigation import Place
from ivr_lint.server.ranges import Lines

_VALID = re.compile(r"[A-Za-z0-9_][\w\-.]*")


class RenameRefused(ValueError):
    pass


def rename_edit(places: list[Place], texts: dict[str, str], old: str, new: str,
                existing: set[str]) -> types.WorkspaceEdit:
    if not _VALID.fullmatch(new):
        raise RenameRefused(f"{new!r} is not a usable node id (letters, digits, '-', '_', '.')")
    if new in existing and new != old:
        raise RenameRefused(f"a node {new!r} already exists in this flow")
    changes: dict[str, list[types.TextEdit]] = {}
    for place in places:
        lines = Lines(texts[place.path])
        if lines.line(place.line0)[place.start:place.end] != old:
            continue  # a goto's `flow:` that lands on the start node does not name it
        changes.setdefault(from_fs_path(place.path), []).append(
            types.TextEdit(range=lines.span(place.line0, place.start, place.end), new_text=new))
    return types.WorkspaceEdit(changes=changes)
