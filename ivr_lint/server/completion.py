"""Completion from the text before the cursor and the flow model (or the last one that loaded).

Where a transition is expected: node ids; after `type:` node types; at a field of a
node: the fields its type takes that are not written yet; in `options:` the DTMF keys not
used yet; after `schedule:` the flow's schedules; in `# ivr-lint: disable=` rule names.
"""

from __future__ import annotations

import re

from lsprotocol import types

from ivr_lint.model.flow import DTMF_KEYS, EXIT_KINDS, NODE_TYPES, Flow, Node, format_fields

_DISABLE = re.compile(r"#\s*ivr-lint:\s*disable=([\w\-, ]*)$")
_VALUE = re.compile(r"^\s*(?:-\s+)?(?P<key>\"[^\"]*\"|'[^']*'|[^\s:#][^:#]*?)\s*:\s+(?P<value>[^#]*)$")
_KEY_ONLY = re.compile(r"^(?P<indent>\s*)[\"']?(?P<word>[\w\-*#]*)$")
_TARGET_FIELDS = set(EXIT_KINDS) - {"options", "cases"} | {"start"}


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def parents(lines: list[str], line0: int, indent: int) -> list[tuple[str, int, int]]:
    """The keys enclosing a position at `indent`: (key, indent, line), innermost first."""
    out = []
    for number in range(line0 - 1, -1, -1):
        text = lines[number]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        level = indent_of(text)
        if level < indent:
            key = stripped.split(":", 1)[0].strip().strip("\"'")
            out.append((key, level, number))
            indent = level
            if level == 0:
                break
    return out


def block_fields(lines: list[str], key_line: int, indent: int) -> dict[str, str]:
    """The `field: value` lines directly inside the mapping whose key is at `key_line`."""
    fields, child = {}, None
    for text in lines[key_line + 1:]:
        if not text.strip() or text.strip().startswith("#"):
            continue
        level = indent_of(text)
        if level <= indent:
            break
        child = level if child is None else child
        if level == child and ":" in text:
            key, _, value = text.strip().partition(":")
            fields[key.strip().strip("\"'")] = value.split("#", 1)[0].strip()
    return fields


def _items(names, kind, detail=None) -> list[types.CompletionItem]:
    return [types.CompletionItem(label=name, kind=kind, detail=detail(name) if detail else None) for name in names]


def complete(text: str, line0: int, character: int, flow: Flow | None) -> list[types.CompletionItem]:
    lines = text.split("\n")
    line = lines[line0] if line0 < len(lines) else ""
    before = line[:character]
    from ivr_lint.rules import RULES

    if _DISABLE.search(before):
        return _items([r.name for r in RULES], types.CompletionItemKind.Value,
                      lambda n: next(r.summary for r in RULES if r.name == n))
    node_ids = sorted(flow.nodes) if flow is not None else []
    value = _VALUE.match(before)
    trail = parents(lines, line0, indent_of(line) if line.strip() else len(before) - len(before.lstrip(" ")))
    keys = [key for key, _, _ in trail]
    if value is not None:
        key = value.group("key").strip().strip("\"'")
        if key == "type" and keys[1:2] == ["nodes"]:
            return _items(NODE_TYPES, types.CompletionItemKind.Class, lambda n: NODE_TYPES[n].SUMMARY)
        if key == "schedule":
            return _items(sorted(flow.schedules) if flow is not None else [], types.CompletionItemKind.Constant)
        if key in _TARGET_FIELDS or keys[:1] in (["options"], ["cases"]) or (key == "next" and "options" in keys):
            return _node_items(flow, node_ids)
        return []
    if _KEY_ONLY.match(before) is None:
        return []
    if keys[:1] == ["options"] and keys[2:3] == ["nodes"]:
        used = set(block_fields(lines, trail[0][2], trail[0][1]))
        return _items(sorted(DTMF_KEYS - used, key=lambda k: "0123456789*#".index(k)),
                      types.CompletionItemKind.EnumMember)
    if keys[1:2] == ["nodes"]:  # a field of a node
        node_key, level, key_line = trail[0]
        written = block_fields(lines, key_line, level)
        kind = NODE_TYPES.get(written.get("type", "").strip("\"'"))
        fields = ["type"] + list(format_fields(kind or Node)) if kind else ["type"] + sorted(
            {name for cls in NODE_TYPES.values() for name in format_fields(cls)})
        fields = [f for f in dict.fromkeys(fields) if f not in written]
        docs = {name: f.metadata["doc"] for name, f in (format_fields(kind).items() if kind else ())}
        return _items(fields, types.CompletionItemKind.Field, lambda n: docs.get(n))
    return []


def _node_items(flow: Flow | None, node_ids: list[str]) -> list[types.CompletionItem]:
    if flow is None:
        return []
    return [types.CompletionItem(label=n, kind=types.CompletionItemKind.Reference,
                                 detail=f"{flow.nodes[n].type}" + (f" — {flow.nodes[n].label}" if flow.nodes[n].label
                                                                   else "")) for n in node_ids]
