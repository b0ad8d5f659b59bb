"""What changed in a flow's text, node by node: shared by `ivr-lint diff` and `render --diff`.

Nodes are matched by id; a node that disappears while one with a new id and the same
content appears is a rename (its content compared with the targets of earlier renames
mapped, so a renamed chain is recognised whole). Every other comparison goes through the
renames, so a rename shows once and not as every option that points at the node.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ivr_lint.model.flow import Flow, MenuOption, Node, Schedule, format_fields

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SELF = "\0self"


@dataclass
class Change:
    """One change of the flow's text. `kind` is stable (JSON): flow, node-added, node-removed,
    node-renamed, type, prompt, option-added, option-removed, option-retargeted, option,
    transition, field, hours, schedule, service, defaults."""

    kind: str
    message: str
    node: str | None = None
    before: Any = None
    after: Any = None
    line: int | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind, "node": self.node, "message": self.message, "before": self.before,
                "after": self.after, "line": self.line}


@dataclass
class NodeChanges:
    changes: list[Change] = field(default_factory=list)
    #: old id -> new id for renamed nodes (identity for the others kept)
    renamed: dict[str, str] = field(default_factory=dict)

    def old_to_new(self, node_id: str | None) -> str | None:
        return self.renamed.get(node_id, node_id) if node_id is not None else None


def _value(value: Any) -> Any:
    if isinstance(value, tuple) and value and hasattr(value[0], "text"):
        return " ".join(p.text for p in value)
    if isinstance(value, frozenset):
        return sorted(str(v) for v in value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _option(option: MenuOption, mapping: dict[str, str], owner: str) -> tuple:
    target = mapping.get(option.next, option.next)
    return (_SELF if target == owner else target, option.repeat, option.label, tuple(option.speech), option.hidden)


def content(node: Node, mapping: dict[str, str] | None = None, own_id: str | None = None) -> tuple:
    """What a node says and does, without its id; targets mapped through `mapping`, itself as a token."""
    mapping = mapping or {}
    own_id = own_id or node.id
    parts: list[Any] = [node.type]
    for name, spec in format_fields(type(node)).items():
        value = getattr(node, name)
        kind = spec.metadata["kind"]
        if kind == "target":
            value = mapping.get(value, value)
            value = _SELF if value == own_id else value
        elif kind == "options":
            value = tuple(sorted((k, _option(o, mapping, own_id)) for k, o in value.items()))
        elif kind == "cases":
            value = tuple(sorted((k, _SELF if mapping.get(v, v) == own_id else mapping.get(v, v))
                                 for k, v in value.items()))
        else:
            value = _value(value)
            value = tuple(value) if isinstance(value, list) else value
        parts.append((name, value))
    return tuple(parts)


def find_renames(old: Flow, new: Flow) -> dict[str, str]:
    """old id -> new id of the nodes whose content matches exactly (one candidate each way)."""
    removed = [n for n in old.nodes if n not in new.nodes]
    added = [n for n in new.nodes if n not in old.nodes]
    renamed: dict[str, str] = {}
    while removed and added:
        by_content: dict[tuple, list[str]] = {}
        for node_id in added:
            by_content.setdefault(content(new.nodes[node_id]), []).append(node_id)
        found = {}
        for node_id in removed:
            key = content(old.nodes[node_id], renamed, own_id=node_id)
            candidates = by_content.get(key, [])
            if len(candidates) == 1:
                found.setdefault(candidates[0], []).append(node_id)
        pairs = {olds[0]: new_id for new_id, olds in found.items() if len(olds) == 1}
        if not pairs:
            break
        renamed.update(pairs)
        removed = [n for n in removed if n not in pairs]
        added = [n for n in added if n not in pairs.values()]
    return renamed


_CHUNK = re.compile(r"(\(*)(\S*?)([.,;:!?)…]*)(?=\s|$)")
_ATTACHED = frozenset(".,;:!?)…")
#: words kept on each side of a change; longer runs of unchanged words are cut to "…"
CONTEXT_WORDS = 5


def _tokens(text: str) -> list[str]:
    """Words, with the punctuation around them as words of their own ("mairie.example.fr" stays whole)."""
    out = []
    for match in _CHUNK.finditer(text):
        out += [part for part in match.groups() if part]
    return out


def _join(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        out += token if (not out or token in _ATTACHED or out.endswith(("(", "'", "’"))) else " " + token
    return out


def word_diff(before: str, after: str) -> str:
    """git's word diff: `[-removed-]{+added+}` inline, with a few words of context around
    each change (a long prompt is cut to "…" between changes). Punctuation is a word of its
    own, so "réécouter," -> "réécouter la liste," shows only what was added."""
    a, b = _tokens(before), _tokens(after)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out: list[str] = []
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            words = a[i1:i2]
            head = words[:CONTEXT_WORDS] if index else []
            tail = words[-CONTEXT_WORDS:] if index < len(ops) - 1 else []
            while tail and tail[0] in _ATTACHED:
                tail = tail[1:]
            if len(words) > len(head) + len(tail) + 2:
                part = _join(head) + (" " if head else "") + "…" + (" " + _join(tail) if tail else "")
            else:
                part = _join(words)
            out.append(part)
            continue
        if i2 > i1:
            out.append("[-" + _join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + _join(b[j1:j2]) + "+}")
    said = ""
    for part in (p for p in out if p):
        said += part if not said or part[0] in _ATTACHED else " " + part
    return said


def _q(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def compare_flows(old: Flow | None, new: Flow | None) -> NodeChanges:
    result = NodeChanges()
    out = result.changes
    if old is None or new is None:
        return result
    renamed = result.renamed = find_renames(old, new)
    for name in ("name", "start", "language", "kind"):
        before, after = getattr(old, name), getattr(new, name)
        if name == "start":
            before = renamed.get(before, before)
        if before != after:
            out.append(Change("flow", f"{name}: {_q(getattr(old, name))} -> {_q(after)}", before=getattr(old, name),
                              after=after, line=new.where(name).line))
    for old_id, new_id in renamed.items():
        out.append(Change("node-renamed", f"node {old_id!r} renamed to {new_id!r} (same content)", node=new_id,
                          before=old_id, after=new_id, line=new.nodes[new_id].pos.line))
    for node_id, node in new.nodes.items():
        if node_id not in old.nodes and node_id not in renamed.values():
            out.append(Change("node-added", f"node {node_id!r} added ({node.type})", node=node_id, after=node.type,
                              line=node.pos.line))
    for node_id, node in old.nodes.items():
        if node_id not in new.nodes and node_id not in renamed:
            out.append(Change("node-removed", f"node {node_id!r} removed ({node.type})", node=node_id,
                              before=node.type, line=node.pos.line))
    for node_id, node in new.nodes.items():
        before = old.nodes.get(node_id)
        if before is None:
            continue
        out.extend(_node_changes(before, node, renamed))
    out.extend(_schedule_changes("hours", old.hours, new.hours, new))
    for name in sorted(set(old.schedules) | set(new.schedules)):
        out.extend(_schedule_changes(f"schedules.{name}", old.schedules.get(name), new.schedules.get(name), new))
    out.extend(_block_changes("service", old.service, new.service, new))
    out.extend(_block_changes("defaults", old.defaults, new.defaults, new, renamed))
    return result


def _node_changes(old: Node, new: Node, renamed: dict[str, str]) -> list[Change]:
    out: list[Change] = []
    node_id = new.id
    line = new.pos.line

    def add(kind: str, message: str, before=None, after=None, where: str | None = None):
        out.append(Change(kind, message, node=node_id, before=before, after=after,
                          line=new.where(where).line if where else line))

    if old.type != new.type:
        add("type", f"{node_id}: type {old.type} -> {new.type}", old.type, new.type, "type")
    old_fields, new_fields = format_fields(type(old)), format_fields(type(new))
    for name in list(old_fields) + [n for n in new_fields if n not in old_fields]:
        spec = (new_fields.get(name) or old_fields[name]).metadata
        before = getattr(old, name) if name in old_fields else None
        after = getattr(new, name) if name in new_fields else None
        kind = spec["kind"]
        if kind == "prompt":
            a, b = _value(before) or "", _value(after) or ""
            if a != b:
                add("prompt", f"{node_id}: prompt {word_diff(a, b)}", a, b, "prompt")
        elif kind == "target":
            mapped = renamed.get(before, before)
            if mapped != after:
                add("transition", f"{node_id}: {name} {_q(before)} -> {_q(after)}", before, after, name)
        elif kind == "options":
            out.extend(_option_changes(old, new, before or {}, after or {}, renamed))
        elif kind == "cases":
            before, after = before or {}, after or {}
            for key in list(before) + [k for k in after if k not in before]:
                a, b = before.get(key), after.get(key)
                if renamed.get(a, a) != b:
                    add("transition", f"{node_id}: case {key!r} {_q(a)} -> {_q(b)}", a, b, f"cases.{key}")
        else:
            a, b = _value(before), _value(after)
            if a != b and not (old.type != new.type and (name not in old_fields or name not in new_fields)
                               and (a is None or b is None)):
                add("field", f"{node_id}: {name} {_q(a)} -> {_q(b)}", a, b, name)
    return out


def _option_changes(old: Node, new: Node, before: dict[str, MenuOption], after: dict[str, MenuOption],
                    renamed: dict[str, str]) -> list[Change]:
    out = []
    node_id = new.id

    def target(option: MenuOption) -> str | None:
        return "(replay)" if option.repeat else option.next

    for key, option in after.items():
        line = option.pos.line
        if key not in before:
            out.append(Change("option-added", f"{node_id}: key {key} added -> {_q(target(option))}", node=node_id,
                              after=target(option), line=line))
            continue
        was = before[key]
        a, b = target(was), target(option)
        if renamed.get(a, a) != b:
            out.append(Change("option-retargeted", f"{node_id}: key {key} {_q(a)} -> {_q(b)}", node=node_id,
                              before=a, after=b, line=line))
        for name in ("label", "speech", "hidden"):
            x, y = _value(getattr(was, name)), _value(getattr(option, name))
            if x != y:
                out.append(Change("option", f"{node_id}: key {key} {name} {_q(x)} -> {_q(y)}", node=node_id,
                                  before=x, after=y, line=line))
    for key, option in before.items():
        if key not in after:
            out.append(Change("option-removed", f"{node_id}: key {key} removed (was -> {_q(target(option))})",
                              node=node_id, before=target(option), line=new.where("options").line))
    return out


def weekly_text(weekly: dict) -> dict[str, str]:
    """Each weekday -> its opening hours as written ("08:30-12:00, 13:30-16:30"), or "closed"."""
    out = {}
    for day, name in enumerate(DAYS):
        spans = weekly.get(day, ())
        out[name] = ", ".join(f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}" for s, e in spans) or "closed"
    return out


def _schedule_changes(label: str, old: Schedule | None, new: Schedule | None, flow: Flow) -> list[Change]:
    kind = "hours" if label == "hours" else "schedule"
    if old is None and new is None:
        return []
    if old is None or new is None:
        what = "added" if old is None else "removed"
        line = (new.pos.line if new is not None else None)
        return [Change(kind, f"{label} {what}", line=line, before=None if old is None else label,
                       after=None if new is None else label)]
    out = []
    line = new.pos.line
    if old.timezone != new.timezone:
        out.append(Change(kind, f"{label}.timezone: {old.timezone} -> {new.timezone}", before=old.timezone,
                          after=new.timezone, line=line))
    for field_name in ("weekly", "busy"):
        a, b = weekly_text(getattr(old, field_name)), weekly_text(getattr(new, field_name))
        changed = [day for day in DAYS if a[day] != b[day]]
        for days in _runs(changed, a, b):
            first, last = days[0], days[-1]
            said = first if first == last else f"{first}-{last}"
            out.append(Change(kind, f"{label}.{field_name} {said}: {a[first]} -> {b[first]}", before=a[first],
                              after=b[first], line=new.positions.get(field_name, new.pos).line))
    if old.holidays != new.holidays:
        out.append(Change(kind, f"{label}.holidays: {_q(old.holidays)} -> {_q(new.holidays)}", before=old.holidays,
                          after=new.holidays, line=line))
    added, removed = sorted(new.closed - old.closed), sorted(old.closed - new.closed)
    if added or removed:
        said = "; ".join(part for part in (
            f"closed on {', '.join(map(str, added))}" if added else "",
            f"no longer closed on {', '.join(map(str, removed))}" if removed else "") if part)
        out.append(Change(kind, f"{label}.closed: {said}", before=[str(d) for d in removed],
                          after=[str(d) for d in added], line=new.positions.get("closed", new.pos).line))
    return out


def _runs(days: list[str], before: dict[str, str], after: dict[str, str]) -> list[list[str]]:
    """Consecutive changed days with the same change, as the format writes them (mon-fri)."""
    runs: list[list[str]] = []
    for day in days:
        last = runs[-1][-1] if runs else None
        if (last is not None and DAYS.index(day) == DAYS.index(last) + 1
                and (before[day], after[day]) == (before[last], after[last])):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _block_changes(label: str, old: Any, new: Any, flow: Flow, renamed: dict[str, str] | None = None) -> list[Change]:
    out = []
    for name, spec in format_fields(type(new)).items():
        a, b = _value(getattr(old, name)), _value(getattr(new, name))
        if spec.metadata["kind"] == "target" and renamed:
            a_mapped = renamed.get(a, a)
        else:
            a_mapped = a
        if a_mapped != b:
            line = new.positions.get(name)
            out.append(Change(label, f"{label}.{name}: {_q(a)} -> {_q(b)}", before=a, after=b,
                              line=line.line if line else flow.where(label).line))
    return out
