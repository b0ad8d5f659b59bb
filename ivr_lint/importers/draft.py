"""The flow an importer builds, and its serialisation as readable, commented YAML.

Importers reserve node ids first (so transitions can name nodes not yet built), add
nodes with the model's own field names, and may declare *pass-through* ids: export
elements that do nothing a caller notices (set an attribute, turn logging on) and
simply lead on. References to a pass-through id are resolved to where it leads, so
the imported flow shows what the caller meets, not the platform's plumbing.

The YAML is written by hand rather than by a YAML library so that every node carries
a comment saying where it comes from, fields come in the model's order, and text is
always quoted safely.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ivr_lint.importers.result import Dangling, ImportFailure, ImportResult, Unknown, known_text
from ivr_lint.importers.textutil import guess_language, kebab
from ivr_lint.model import flow as m

#: fields holding one node id, per node type (from the model's own metadata)
TARGET_FIELDS = {
    name: [f for f, spec in m.format_fields(cls).items() if spec.metadata["kind"] == "target"]
    for name, cls in m.NODE_TYPES.items()
}
FIELD_ORDER = {name: list(m.format_fields(cls)) for name, cls in m.NODE_TYPES.items()}
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
_YAML_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_MAX_ID = 64
#: characters YAML does not accept raw in a stream (PyYAML's reader), or reads as a line
#: break inside a quoted scalar; json.dumps already escapes C0 controls, '"' and '\\'
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: a YAML implicit key is at most 1,024 characters; longer keys are written `? KEY`
_MAX_IMPLICIT_KEY = 1000
_QUOTED_FIELDS = {"label", "prompt", "queue", "number", "on", "variable", "flow", "node"}

FORMAT_LABELS = {
    "amazon-connect": "Amazon Connect",
    "twilio-studio": "Twilio Studio",
    "genesys-archy": "Genesys Cloud Architect (Archy YAML)",
    "asterisk": "Asterisk dialplan",
    "voicexml": "VoiceXML",
    "freeswitch": "FreeSWITCH IVR menus",
}


@dataclass
class DraftNode:
    id: str
    type: str
    fields: dict[str, Any]
    origin: tuple[int, int] | None = None
    origin_id: str = ""
    comment: list[str] = field(default_factory=list)
    synthetic: bool = False


@dataclass
class PassThrough:
    target: str | None
    origin: tuple[int, int] | None
    origin_id: str
    what: str
    quiet: bool = False


class Draft:
    def __init__(self, fmt: str, source: str):
        self.fmt = fmt
        self.source = source
        self.variant: str | None = None
        self.kind: str | None = None  # inbound (default), in-queue or outbound
        self.title: str | None = None
        self.flow_id: str | None = None
        self.language: str | None = None
        self.hours: dict | None = None
        self.schedules: dict[str, dict] = {}
        self.defaults: dict | None = None
        self.start: str | None = None
        self.header: list[str] = []
        self.nodes: dict[str, DraftNode] = {}
        self.passes: dict[str, PassThrough] = {}
        self.unknowns: list[Unknown] = []
        self.warnings: list[str] = []
        self.dangling: dict[str, Dangling] = {}
        self.outside: dict[tuple[str, str], str] = {}
        self._dangling_at: dict[tuple, str] = {}
        self._taken: set[str] = set()

    # -- building ---------------------------------------------------------------------
    def reserve(self, *parts: str | None, fallback: str = "node") -> str:
        """A new unique kebab-case id made of `parts`."""
        base = kebab("-".join(p for p in parts if p)) or fallback
        if len(base) > 48:  # deeply nested steps: keep where it starts and what it is
            words = base.split("-")
            base = "-".join(words[:2] + words[-4:])
        if len(base) > _MAX_ID:  # one long word: its start, and a hash of the whole to stay apart
            digest = hashlib.sha1(base.encode()).hexdigest()[:8]
            base = f"{base[:_MAX_ID - 9].rstrip('-')}-{digest}"
        if base[0].isdigit():
            base = f"{fallback}-{base}"
        candidate, n = base, 2
        while candidate in self._taken:
            candidate = f"{base}-{n}"
            n += 1
        self._taken.add(candidate)
        return candidate

    def add(self, node_id: str, type_: str, *, origin: tuple[int, int] | None = None, origin_id: str = "",
            comment: str | list[str] | None = None, synthetic: bool = False, **fields: Any) -> DraftNode:
        if type_ not in m.NODE_TYPES:
            raise ValueError(f"not a node type: {type_}")
        unknown_fields = set(fields) - set(FIELD_ORDER[type_])
        if unknown_fields:
            raise ValueError(f"{type_} has no field {sorted(unknown_fields)}")
        self._taken.add(node_id)
        comments = [comment] if isinstance(comment, str) else list(comment or [])
        node = DraftNode(node_id, type_, {k: v for k, v in fields.items() if v is not None and v != ()},
                         origin, origin_id, comments, synthetic)
        self.nodes[node_id] = node
        return node

    def pass_through(self, node_id: str, target: str | None, *, origin=None, origin_id: str = "",
                     what: str = "", quiet: bool = False) -> None:
        """`node_id` does nothing the caller notices: references to it go to `target`.

        `quiet` ids are mere aliases (not export steps) and are not listed in the header.
        """
        self._taken.add(node_id)
        self.passes[node_id] = PassThrough(target, origin, origin_id, what, quiet)

    def unknown(self, node_id: str, kind: str, detail: str, origin: tuple[int, int] | None = None) -> None:
        """Record a place the export cannot tell; its line comes from the node when not given."""
        line, column = origin if origin else (None, None)
        self.unknowns.append(Unknown(node_id, kind, detail, line, column))

    def dangle(self, target: str, *, what: str, origin: tuple[int, int] | None = None, name: str | None = None) -> str:
        """An id for `target`, a place the export jumps to and does not have; no node is made.

        `what` is the jump in the export's words. The jump stays dangling: `check` reports
        `unknown-target` at `origin` (the jump's own line) and `simulate` stops there. One id
        (`missing-` and `name` or `target`) per jump and place, so that each is reported where it is.
        """
        key = (target, what, origin)
        if key not in self._dangling_at:
            node_id = self.reserve("missing", name or target)
            self.dangling[node_id] = Dangling(target, what, *(origin or (None, None)))
            self._dangling_at[key] = node_id
            line = f"line {origin[0]}: " if origin and origin[0] else ""
            self.warn(f"{line}{what} goes to {target}, which the export does not have (kept as the unknown "
                      f"target {node_id!r})")
        return self._dangling_at[key]

    def elsewhere(self, node_id: str, field_name: str, where: str) -> None:
        """`field_name` of `node_id` is decided outside this export, in `where` (not missing)."""
        self.outside[(node_id, field_name)] = where

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- finishing --------------------------------------------------------------------
    def targets(self, node: DraftNode) -> list[str]:
        out = [node.fields[f] for f in TARGET_FIELDS[node.type] if node.fields.get(f)]
        for option in (node.fields.get("options") or {}).values():
            if isinstance(option, str):
                out.append(option)
            elif isinstance(option, dict) and option.get("next"):
                out.append(option["next"])
        out.extend((node.fields.get("cases") or {}).values())
        return out

    def _resolve(self, node_id: str | None) -> str | None:
        """Follow pass-through ids to the node they lead to (a loop of them becomes a node)."""
        seen: list[str] = []
        current = node_id
        while current in self.passes:
            if current in seen:  # steps that only lead to each other: the call would spin forever
                cycle = seen[seen.index(current):] + [current]
                names = " -> ".join(self.passes[c].origin_id or c for c in cycle)
                origin = self.passes[current].origin
                raise ImportFailure(f"a cycle of steps that lead only to each other: {names}",
                                    *(origin or (None, None)), element=self.passes[current].origin_id or current)
            seen.append(current)
            step = self.passes[current]
            if step.target is None:  # nothing follows the step: the call ends there
                del self.passes[current]
                self.add(current, "hangup", origin=step.origin, origin_id=step.origin_id,
                         comment=f"{step.what or 'this step'} leads nowhere: the call ends", synthetic=step.quiet)
                return current
            current = step.target
        return current

    def _rewrite_targets(self, node: DraftNode) -> None:
        for name in TARGET_FIELDS[node.type]:
            if node.fields.get(name):
                node.fields[name] = self._resolve(node.fields[name])
                if node.fields[name] is None:
                    del node.fields[name]
        options = node.fields.get("options")
        if options:
            for key, option in list(options.items()):
                if isinstance(option, str):
                    options[key] = self._resolve(option)
                elif isinstance(option, dict) and option.get("next"):
                    option["next"] = self._resolve(option["next"])
        cases = node.fields.get("cases")
        if cases:
            for key, target in list(cases.items()):
                resolved = self._resolve(target)
                if resolved is None:
                    del cases[key]
                else:
                    cases[key] = resolved

    def _simplify_error_branches(self) -> bool:
        """A branch whose every case goes where its default goes is no branch at all."""
        changed = False
        for node in list(self.nodes.values()):
            if node.type != "branch" or not node.fields.get("default"):
                continue
            default = self._resolve(node.fields.get("default"))
            cases = {k: t for k, t in (node.fields.get("cases") or {}).items() if self._resolve(t) != default}
            if cases:
                node.fields["cases"] = cases
                continue
            del self.nodes[node.id]
            shown = node.synthetic or any(other.origin_id == node.origin_id for other in self.nodes.values())
            self.passes[node.id] = PassThrough(default, node.origin, node.origin_id,
                                               node.origin_id.split(" ")[0] or "step", shown)
            changed = True
        return changed

    def finish(self) -> ImportResult:
        while self._simplify_error_branches():
            pass
        self.start = self._resolve(self.start)
        for node in list(self.nodes.values()):
            self._rewrite_targets(node)
        if not self.start:
            raise ImportFailure("the export has no entry point: no node to start the call at")
        for node in list(self.nodes.values()):
            if node.type == "play" and not node.fields.get("next"):
                raise AssertionError(f"play node {node.id} without next")  # importer bug
        self._prune_synthetic()
        used = {t for node in self.nodes.values() for t in self.targets(node)} | {self.start}
        self.dangling = {d: jump for d, jump in self.dangling.items() if d in used and d not in self.nodes}
        for node in self.nodes.values():
            for target in self.targets(node):
                if target not in self.nodes and target not in self.dangling:
                    self.warn(f"{node.origin_id or node.id}: leads to {target!r}, which is not in the export")
        if self.start not in self.nodes:
            self.warn(f"the entry point {self.start!r} is not in the export")
        self.unknowns = [self._locate(u) for u in self.unknowns if u.node in self.nodes]
        if self.language is None:
            # the words a caller hears, not those of the [unknown: sound file ...] markers
            texts = [known_text(p) for n in self.nodes.values() for p in _prompts(n.fields.get("prompt"))]
            self.language = guess_language(texts)
            if self.language:
                self.header.append("language: not stated in the export; guessed from the prompt words")
        return ImportResult(
            format=self.fmt,
            yaml_text=self.emit(),
            origins={n.id: n.origin for n in self.nodes.values()},
            origin_ids={n.id: n.origin_id or n.id for n in self.nodes.values()},
            unknowns=self.unknowns,
            warnings=self.warnings,
            title=self.title,
            dangling=self.dangling,
            elsewhere={k: v for k, v in self.outside.items() if k[0] in self.nodes},
        )

    def _locate(self, unknown: Unknown) -> Unknown:
        node = self.nodes.get(unknown.node)
        if unknown.line is not None or node is None or node.origin is None:
            return unknown
        return Unknown(unknown.node, unknown.kind, unknown.detail, node.origin[0], node.origin[1])

    def order(self) -> list[DraftNode]:
        """Nodes as a caller meets them (breadth first from the start), then the unreachable ones."""
        seen: dict[str, None] = {}
        queue = [self.start] if self.start in self.nodes else []
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen[current] = None
            queue.extend(t for t in self.targets(self.nodes[current]) if t in self.nodes and t not in seen)
        return [self.nodes[n] for n in seen] + [n for n in self.nodes.values() if n.id not in seen]

    def _prune_synthetic(self) -> None:
        """Drop nodes the importer made up (implicit hang-ups...) that nothing reaches."""
        while True:
            referenced = {self.start}
            for node in self.nodes.values():
                referenced.update(self.targets(node))
            orphans = [n for n in self.nodes.values() if n.synthetic and n.id not in referenced]
            if not orphans:
                return
            for node in orphans:
                del self.nodes[node.id]

    # -- writing ----------------------------------------------------------------------
    def emit(self) -> str:
        out: list[str] = []
        label = FORMAT_LABELS.get(self.fmt, self.fmt)
        variant = f" ({self.variant})" if self.variant else ""
        out.append(f"# Imported by `ivr-lint import` from {label}{variant}: {_one_line(self.source)}")
        if self.title:
            out.append(f"# Flow name in the export: {_one_line(self.title)}")
        out.append("# Each node's comment says where it comes from in the export. Words the export")
        out.append("# cannot tell (audio files, run-time values) are written [unknown: ...] in prompts.")
        skipped = Counter(p.what for p in self.passes.values() if not p.quiet)
        if skipped:
            listed = ", ".join(f"{what} x{count}" if count > 1 else what for what, count in sorted(skipped.items()))
            out.append(f"# Steps with nothing for the caller to hear or do, not shown as nodes: {_one_line(listed)}")
        for line in self.header:
            out.append(f"# {_one_line(line)}")
        for node_id, jump in self.dangling.items():
            where = f" (line {jump.line})" if jump.line else ""
            out.append(f"# {_one_line(jump.what)}{where} goes to {_one_line(jump.target)}, which the export does not "
                       f"have: kept as the unknown target {_one_line(node_id)}")
        out.append("ivr: 1")
        if self.flow_id:
            out.append(f"id: {_scalar(self.flow_id)}")
        if self.title:
            out.append(f"name: {_quoted(self.title)}")
        if self.language:
            out.append(f"language: {_scalar(self.language)}")
        if self.kind and self.kind != "inbound":
            out.append(f"kind: {self.kind}")
        if self.hours:
            out.append("hours:")
            out.extend(_schedule(self.hours, "  "))
        if self.schedules:
            out.append("schedules:")
            for name, schedule in self.schedules.items():
                out.extend(_key(name, "  "))
                out.extend(_schedule(schedule, "    "))
        if self.defaults:
            out.append("defaults: {" + ", ".join(f"{k}: {_scalar(v)}" for k, v in self.defaults.items()) + "}")
        out.append(f"start: {_scalar(self.start)}")
        out.append("nodes:")
        for node in self.order():
            out.append("")
            where = f"line {node.origin[0]}, column {node.origin[1]}" if node.origin else ""
            what = node.origin_id or node.id
            out.append(f"  # {_one_line(f'{where}: {what}' if where else what)}")
            for line in node.comment:
                out.append(f"  # {_one_line(line)}")
            out.extend(_key(node.id, "  "))
            out.append(f"    type: {node.type}")
            for name in FIELD_ORDER[node.type]:
                if name in node.fields:
                    out.extend(_field(name, node.fields[name]))
        return "\n".join(out) + "\n"


def _prompts(prompt) -> list[str]:
    if isinstance(prompt, (list, tuple)):
        return [str(p) for p in prompt]
    return [str(prompt)] if prompt else []


def _one_line(text: str, limit: int = 240) -> str:
    """Text for a comment: one line, bounded, every character a YAML stream accepts (a
    control character or a NUL is shown as an escape, never written raw)."""
    text = " ".join(str(text).split())
    text = "".join(c if c.isprintable() else _escape(c) for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar holding exactly `text` (JSON's escapes are YAML's too)."""
    text = _SURROGATE.sub("\ufffd", str(text))  # half a UTF-16 pair: no file can hold it
    return _NOT_YAML.sub(lambda m: _escape(m.group()), json.dumps(text, ensure_ascii=False))


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_SPECIAL:
        return text
    return _quoted(text)


def _key(key: Any, indent: str, value: str | None = None, quote: bool = False) -> list[str]:
    """`KEY:` (with `value` on the same line when given), as an explicit `? KEY` entry when
    the key is too long for YAML's implicit keys."""
    text = _quoted(key) if quote else _scalar(key)
    if len(text) <= _MAX_IMPLICIT_KEY:
        return [f"{indent}{text}:" + (f" {value}" if value is not None else "")]
    return [f"{indent}? {text}", f"{indent}:" + (f" {value}" if value is not None else "")]


def _field(name: str, value: Any) -> list[str]:
    if name == "options":
        if not value:
            return ["    options: {}"]
        lines = ["    options:"]
        for key, option in value.items():
            if isinstance(option, str):
                lines.extend(_key(str(key), "      ", _scalar(option), quote=True))
                continue
            parts = []
            if option.get("repeat"):
                parts.append("repeat: true")
            if option.get("next"):
                parts.append(f"next: {_scalar(option['next'])}")
            if option.get("label"):
                parts.append(f"label: {_quoted(option['label'])}")
            if option.get("speech"):
                parts.append("speech: [" + ", ".join(_quoted(w) for w in option["speech"]) + "]")
            lines.extend(_key(str(key), "      ", f"{{{', '.join(parts)}}}", quote=True))
        return lines
    if name == "cases":
        if not value:
            return ["    cases: {}"]
        lines = ["    cases:"]
        for key, target in value.items():
            lines.extend(_key(str(key), "      ", _scalar(target), quote=True))
        return lines
    if name == "digits":
        return [f"    digits: {{min: {value[0]}, max: {value[1]}}}"]
    if name == "prompt" and isinstance(value, (list, tuple)):
        if not value:
            return ['    prompt: ""']
        return ["    prompt:"] + [f"      - {_quoted(p)}" for p in value]
    if name in _QUOTED_FIELDS and isinstance(value, str):
        return [f"    {name}: {_quoted(value)}"]
    if isinstance(value, dict):
        return [f"    {name}: {{" + ", ".join(f"{_quoted(k)}: {_scalar(v)}" for k, v in value.items()) + "}"]
    if isinstance(value, (list, tuple)):
        return [f"    {name}: [" + ", ".join(_scalar(v) for v in value) + "]"]
    return [f"    {name}: {_scalar(value)}"]


def _schedule(schedule: dict, indent: str) -> list[str]:
    lines = []
    for key in ("timezone", "weekly", "holidays", "closed", "busy"):
        if key not in schedule:
            continue
        value = schedule[key]
        if key in ("weekly", "busy"):
            lines.append(f"{indent}{key}:")
            for days, spans in value.items():
                lines.append(f"{indent}  {days}: [" + ", ".join(_quoted(s) for s in spans) + "]")
        elif key == "closed":
            lines.append(f"{indent}closed: [" + ", ".join(_quoted(d) for d in value) + "]")
        else:
            comment = schedule.get(f"{key}#")
            lines.append(f"{indent}{key}: {_scalar(value)}" + (f"  # {_one_line(comment)}" if comment else ""))
    return lines


def speech_menu(draft: Draft, node_id: str, base: dict, *, label: str | None, prompt, choices, timeout=None,
                retries=None, on_no_input=None, on_no_match=None, on_max_retries=None) -> None:
    """A menu whose choices are only spoken words: an `input` of the words, then a `branch` on them.

    Flow format v1 keys menu options by DTMF, so speech-only choices cannot be options.
    `choices` is a list of (words, target, label).
    """
    branch_id = draft.reserve(node_id, "words")
    variable = f"{node_id} words"
    draft.add(node_id, "input", **base, comment="choices by voice only: the words said go to the next branch",
              label=label, prompt=prompt, variable=variable, next=branch_id, on_invalid=on_no_match,
              timeout=timeout, retries=retries, on_no_input=on_no_input, on_max_retries=on_max_retries)
    cases: dict[str, str] = {}
    for words, target, choice_label in choices:
        for word in words or [choice_label]:
            cases.setdefault(word, target)
    draft.add(branch_id, "branch", origin=base.get("origin"), origin_id=base.get("origin_id", ""),
              comment="what the caller said", synthetic=True, on=variable, cases=cases,
              default=on_no_match or node_id)
