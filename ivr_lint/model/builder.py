"""Build the typed flow model from the YAML node tree, reporting every format problem.

Validation is driven by the field metadata of the model classes, so the format has one
description. The walk only descends where the format expects structure: deep or
alias-expanded data under an unexpected key is reported once and never expanded.

Scalars used as text (node ids, phone numbers, keys) are read from their source text,
not from YAML 1.1 type resolution: `on:` stays "on" (not True), `0800123456` keeps its
leading zero, an unquoted menu key `1` is the key "1".
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, NamedTuple

import yaml

from ivr_lint.findings import Finding, Pos
from ivr_lint.loading.source import SourceText
from ivr_lint.model import flow as m

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
MERGE_TAG = "tag:yaml.org,2002:merge"

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_CALENDAR = re.compile(r"^([A-Za-z]{2,3})(?:-([A-Za-z0-9]{1,4}))?$")

_constructor = yaml.constructor.SafeConstructor()
_SCALAR = yaml.ScalarNode

TOP_LEVEL = {
    "ivr": "format version (required): 1",
    "id": "flow id (default: the file name)",
    "name": "the flow's display name",
    "language": "BCP 47 language of the prompts (default fr-FR)",
    "languages": "the languages prompts are given in: [fr-FR, en-GB] (missing-translation)",
    "kind": "inbound (default), in-queue or outbound: what calls run this flow",
    "service": "the service's contact details",
    "hours": "the default opening-hours schedule",
    "schedules": "more named schedules",
    "defaults": "menu and input defaults",
    "start": "id of the first node (required)",
    "nodes": "node id -> node (required)",
}


def pos_of(node: yaml.Node) -> Pos:
    mark = node.start_mark
    return Pos(mark.line + 1, mark.column + 1)


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL_TAG:
        return "nothing (null)"
    return {BOOL_TAG: "a boolean", INT_TAG: "a number", FLOAT_TAG: "a number"}.get(node.tag, _shown(node.value))


class SchemaProblem(Exception):
    """A value that does not fit its field; the builder turns it into a finding."""

    def __init__(self, message: str, node: yaml.Node | None = None, pos: Pos | None = None):
        super().__init__(message)
        self.pos = pos or (pos_of(node) if node is not None else None)


class Entry(NamedTuple):
    """One key of a mapping with its value (a tuple: a flow has one per field of every node)."""

    key: str
    key_node: yaml.Node
    value: yaml.Node

    @property
    def key_pos(self) -> Pos:
        return pos_of(self.key_node)

    @property
    def value_pos(self) -> Pos:
        return pos_of(self.value)


_new_entry = tuple.__new__  # Entry's own __new__ is Python code


class FlowBuilder:
    """Turns one document's node tree into a `Flow`, collecting findings on the way."""

    def __init__(self, source: SourceText):
        self.source = source
        self.findings: list[Finding] = []
        self._guesses: list[_Guess] = []
        memories = _MEMORIES.get()
        self.memory: NodeMemory | None = memories.get(source.path) if memories and source.path else None

    # -- reporting ---------------------------------------------------------------
    def report(self, rule: str, message: str, pos: Pos, node_id: str | None = None) -> None:
        self.findings.append(Finding(rule=rule, message=message, file=self.source.name,
                                     line=pos.line, column=pos.column, node=node_id))

    def schema(self, message: str, pos: Pos, node_id: str | None = None) -> None:
        self.report("schema-error", message, pos, node_id)

    # -- mappings ------------------------------------------------------------------
    def entries(self, node: yaml.MappingNode, where: str, node_id: str | None = None) -> list[Entry]:
        """A mapping's entries with text keys, reporting repeated keys.

        Merge keys were applied when loading (`loading.merges`); a `<<` left is one whose
        value is not a mapping.
        """
        own: dict[str, Entry] = {}
        for key_node, value in node.value:
            if type(key_node) is _SCALAR and key_node.tag != MERGE_TAG and key_node.value not in own:
                own[key_node.value] = _new_entry(Entry, (key_node.value, key_node, value))  # the usual key
                continue
            if key_node.tag == MERGE_TAG:
                self.schema(f"`<<` in {where} must merge a mapping, not {describe(value)}", pos_of(value), node_id)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.schema(f"a key in {where} must be a plain value, not {describe(key_node)}",
                            pos_of(key_node), node_id)
                continue
            key = key_node.value
            if key in own:
                first = own[key].key_pos
                self.report("duplicate-key", f"key {_shown(key)} is repeated in {where} (first at line {first.line}); "
                            "YAML keeps only the last one", pos_of(key_node), node_id)
            own[key] = _new_entry(Entry, (key, key_node, value))
        return list(own.values())

    def check_fields(self, entries: list[Entry], allowed: dict[str, Any], where: str,
                     node_id: str | None = None, unknown: list[tuple[Entry, str | None]] | None = None
                     ) -> list[Entry]:
        """Report unknown keys (with a suggestion) and return the known entries.

        `unknown`, when given, receives each unknown entry with the field it suggests.
        """
        if all(entry.key in allowed for entry in entries):
            return entries
        known = []
        for entry in entries:
            if entry.key in allowed:
                known.append(entry)
                continue
            import difflib  # only for a mistake's did-you-mean: not a start-up cost

            hint = difflib.get_close_matches(entry.key, list(allowed), n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else f" (expected one of: {', '.join(allowed)})"
            self.schema(f"unknown field {_shown(entry.key)} in {where}{suggestion}", entry.key_pos, node_id)
            if unknown is not None:
                unknown.append((entry, hint[0] if hint else None))
        return known

    def require_mapping(self, node: yaml.Node, where: str, node_id: str | None = None) -> bool:
        if isinstance(node, yaml.MappingNode):
            return True
        self.schema(f"{where} must be a mapping, not {describe(node)}", pos_of(node), node_id)
        return False

    # -- the flow ------------------------------------------------------------------
    def build(self, root: yaml.Node | None) -> m.Flow | None:
        if root is None:
            self.schema("empty file: a flow is a mapping that starts with `ivr: 1`", Pos(1, 1))
            return None
        if not isinstance(root, yaml.MappingNode):
            self.schema(f"a flow must be a mapping of fields (ivr, start, nodes...), not {describe(root)}",
                        pos_of(root))
            return None
        entries = {e.key: e for e in self.check_fields(self.entries(root, "the flow"), TOP_LEVEL, "the flow")}
        if not self._version_ok(entries.get("ivr"), root):
            return None
        stem = Path(self.source.name).stem if self.source.path else "stdin"
        flow = m.Flow(source=self.source.name, path=self.source.path, id=stem, start=None)
        flow.positions = {key: e.value_pos for key, e in entries.items()}
        flow.positions.update({f"{key}@key": e.key_pos for key, e in entries.items()})
        for key, attr in (("id", "id"), ("name", "name"), ("language", "language")):
            if key in entries:
                value = self.guard(lambda e=entries[key]: self.text(e.value, f"`{e.key}`"))
                if value:
                    setattr(flow, attr, value)
        if "languages" in entries:
            flow.languages = self.guard(lambda: self.languages(entries["languages"].value)) or ()
            if flow.languages and "language" not in entries:
                flow.language = flow.languages[0]
        if "kind" in entries:
            kind = self.guard(lambda: self.text(entries["kind"].value, "`kind`"))
            if kind in m.FLOW_KINDS:
                flow.kind = kind
            elif kind is not None:
                self.schema(f"`kind` must be one of {', '.join(m.FLOW_KINDS)}, not {kind!r}", entries["kind"].value_pos)
        if "service" in entries:
            flow.service = self.service(entries["service"].value)
        if "defaults" in entries:
            flow.defaults = self.fill(m.Defaults(), entries["defaults"].value, "`defaults`")
        if "hours" in entries:
            flow.hours = self.schedule("hours", entries["hours"].value)
        if "schedules" in entries and self.require_mapping(entries["schedules"].value, "`schedules`"):
            for entry in self.entries(entries["schedules"].value, "`schedules`"):
                flow.schedules[entry.key] = self.schedule(entry.key, entry.value)
        if "start" not in entries:
            self.schema("missing required field `start` (the id of the first node)", Pos(1, 1))
        else:
            flow.start = self.guard(lambda: self.text(entries["start"].value, "`start`"))
        if "nodes" not in entries:
            self.schema("missing required field `nodes` (node id -> node)", Pos(1, 1))
        else:
            reuse = self._reuse(flow.defaults)
            for entry in self.node_entries(entries["nodes"].value):
                node = reuse(entry) if reuse is not None else self.node(entry, flow.defaults)
                if node is not None:
                    flow.nodes[node.id] = node
                    if isinstance(node, m.HoursNode) and node.schedule is not None:
                        self.check_schedule_name(node, flow)
        self._settle_guesses(flow)
        flow.select_prompts()
        if flow.defaults.unreadable:
            self._rely_on_defaults(flow)
        return flow

    def node_entries(self, value: yaml.Node) -> list[Entry]:
        """The entries of `nodes`; a list of `- id: {...}` items (a common slip) is reported once
        and read as the mapping it meant, so the nodes are still checked."""
        if isinstance(value, yaml.SequenceNode):
            self.schema("`nodes` must be a mapping of node ids, not a list: write `welcome: {...}`, "
                        "without the leading `- `", pos_of(value))
            items = [item for item in value.value if isinstance(item, yaml.MappingNode)]
            value = yaml.MappingNode("tag:yaml.org,2002:map", [pair for item in items for pair in item.value],
                                     value.start_mark, value.end_mark)
        elif not self.require_mapping(value, "`nodes`"):
            return []
        return self.entries(value, "`nodes`")

    @staticmethod
    def _rely_on_defaults(flow: m.Flow) -> None:
        """Menus and inputs that take a field `defaults` gives unreadably are unknown there too."""
        unreadable = flow.defaults.unreadable
        for node in flow.nodes.values():
            if not isinstance(node, m.PromptedInput):
                continue
            wrong = ("on_invalid", "digit_timeout") if isinstance(node, m.InputNode) else ("on_no_match",)
            inherited = {name for name in ("timeout", "retries", "on_no_input", *wrong, "on_max_retries")
                         if name in unreadable and getattr(node, name) is None}
            if isinstance(node, m.InputNode) and node.on_invalid is None and flow.defaults.on_invalid is None \
                    and "on_no_match" in unreadable:
                inherited.add("on_no_match")  # an input's wrong digits fall back on the menus' default
            if inherited:
                node.broken = True
                node.exits_unknown |= bool(inherited & set(m.EXIT_KINDS))

    def _version_ok(self, entry: Entry | None, root: yaml.Node) -> bool:
        if entry is None:
            self.schema("missing required field `ivr` (the format version: `ivr: 1`)", pos_of(root))
            return True  # still check the rest: it is most likely a version-1 flow
        value = entry.value
        if isinstance(value, yaml.ScalarNode) and value.value.strip() == str(m.FORMAT_VERSION):
            return True
        self.schema(f"unsupported format version {value.value if isinstance(value, yaml.ScalarNode) else describe(value)}"
                    f" (this ivr-lint reads `ivr: {m.FORMAT_VERSION}`)", entry.value_pos)
        return False

    def check_schedule_name(self, node: m.HoursNode, flow: m.Flow) -> None:
        if node.schedule in flow.schedules:
            return
        import difflib  # only for a mistake's did-you-mean: not a start-up cost

        hint = difflib.get_close_matches(node.schedule, list(flow.schedules), n=1)
        known = f"; did you mean {hint[0]!r}?" if hint else (
            f" (named schedules: {', '.join(flow.schedules)})" if flow.schedules else " (the flow has no `schedules`)")
        self.schema(f"`schedule` of node `{node.id}` names no schedule in `schedules`: {node.schedule!r}{known}",
                    node.where("schedule"), node.id)
        node.broken = True

    def guard(self, read: Callable[[], Any], node_id: str | None = None) -> Any:
        try:
            return read()
        except SchemaProblem as problem:
            self.schema(str(problem), problem.pos or Pos(1, 1), node_id)
            return None

    # -- generic field filling -------------------------------------------------------
    def fill(self, target: Any, node: yaml.Node, where: str, node_id: str | None = None, skip: tuple = ()) -> Any:
        """Set a model object's format fields from a mapping, by their declared kind.

        On a node, a field that cannot be read marks it broken; the ways out it may hold
        are still salvaged (see `salvage`), so one typo does not cut the graph.
        """
        if not self.require_mapping(node, where, node_id):
            return target
        fields, allowed, required = _fill_plan(type(target), skip)
        is_node = isinstance(target, m.Node)
        unknown: list[tuple[Entry, str | None]] = []
        entries = self.check_fields(self.entries(node, where, node_id), allowed, where, node_id, unknown)
        for entry, hint in unknown if is_node else ():
            target.broken = True
            if hint is None or hint in m.EXIT_KINDS:  # a misspelt way out (or a field we cannot place)
                self.salvage(target, m.EXIT_KINDS.get(hint or "", "unknown"), entry.key, entry.value,
                             exit_like=hint is not None)
        suggested = {hint for _, hint in unknown}
        unreadable = getattr(target, "unreadable", None)  # `defaults` keeps what it could not read
        if unreadable is not None:
            unreadable.update(hint or entry.key for entry, hint in unknown)
        present = set()
        positions = target.positions
        for entry in entries:
            key = entry.key
            if key == "type":
                continue
            present.add(key)
            name, key_name = m.position_names(key)
            positions[name] = pos_of(entry.value)
            positions[key_name] = pos_of(entry.key_node)
            meta = fields[key].metadata
            try:
                value = _CONVERTERS[meta["kind"]](self, entry.value, f"`{key}` in {where}", target, node_id, meta)
            except SchemaProblem as problem:
                self.schema(str(problem), problem.pos or entry.value_pos, node_id)
                if is_node:
                    target.broken = True
                    if entry.key in m.EXIT_KINDS:
                        self.salvage(target, m.EXIT_KINDS[entry.key], entry.key, entry.value)
                if unreadable is not None:
                    unreadable.add(entry.key)
                continue
            setattr(target, entry.key, value)
        for name in required:
            if name not in present:
                if name not in suggested:  # else "unknown field ...; did you mean" has said it
                    self.schema(f"{where} is missing its required field `{name}` ({fields[name].metadata['doc']})",
                                getattr(target, "pos", pos_of(node)), node_id)
                if is_node:
                    target.broken = True
                    if name in m.EXIT_KINDS:
                        self._guesses.append(_Guess(target, m.EXIT_KINDS[name], name, (), missing=True))
        return target

    def convert(self, kind: str, node: yaml.Node, where: str, target: Any, node_id: str | None,
                meta: dict | None = None) -> Any:
        return _CONVERTERS[kind](self, node, where, target, node_id, meta or {})

    # -- ways out of nodes that cannot be read as written ------------------------------
    def salvage(self, node: m.Node, kind: str, field_name: str, value: yaml.Node, exit_like: bool = True) -> None:
        """Keep the node ids named anywhere in an unreadable way out (`next: [bye]`, a misspelt
        `nxt: bye`) as transitions of `kind`, once every node is known (see `_settle_guesses`)."""
        self._guesses.append(_Guess(node, kind, field_name, _scalars(value), exit_like=exit_like))

    def _settle_guesses(self, flow: m.Flow) -> None:
        """Turn salvaged names into transitions to the nodes that exist; a way out that names
        none, or a required one missing with nothing salvaged instead, leaves the node's exits unknown."""
        found: set[int] = set()
        for guess in self._guesses:
            seen = {(t.kind, t.target) for t in guess.node.transitions}
            for name in guess.names:
                if name in flow.nodes and (guess.kind, name) not in seen:
                    seen.add((guess.kind, name))
                    guess.node.transitions.append(m.Transition(guess.kind, name, guess.field))
                    found.add(id(guess.node))
        for guess in self._guesses:
            named = any(name in flow.nodes for name in guess.names)
            if guess.missing:
                guess.node.exits_unknown |= id(guess.node) not in found
            elif guess.exit_like and not named:
                guess.node.exits_unknown = True
        self._guesses.clear()

    def text(self, node: yaml.Node, where: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            raise SchemaProblem(f"{where} must be a text value, not {describe(node)}", node)
        if node.tag == NULL_TAG and node.style is None:
            return None
        return node.value

    def _kind_text(self, node, where, target, node_id, meta=None):
        return self.text(node, where)

    _kind_name = _kind_text
    _kind_target = _kind_text

    def _kind_flowpath(self, node, where, target, node_id, meta=None):
        value = self.text(node, where)
        if value is not None and not value.strip():
            raise SchemaProblem(f"{where} must name a flow file, not an empty text", node)
        if value is not None and "\x00" in value:
            raise SchemaProblem(f"{where} is not a file name (it holds a NUL character)", node)
        return value

    _kind_schedule = _kind_text
    _kind_phone = _kind_text

    def _kind_tariff(self, node, where, target, node_id, meta=None):
        value = self.text(node, where)
        if value is not None and value not in m.TARIFFS:
            raise SchemaProblem(f"{where} must be one of {', '.join(m.TARIFFS)}, not {value!r}", node)
        return value

    def _kind_bool(self, node, where, target, node_id, meta=None):
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG:
            return _constructor.bool_values[node.value.lower()]  # (construct_yaml_bool, without its checks)
        raise SchemaProblem(f"{where} must be true or false, not {describe(node)}", node)

    def _number(self, node, where, meta: dict, what: str) -> float | int:
        """A finite number within the field's declared bounds; `what` says what is expected."""
        if not (isinstance(node, yaml.ScalarNode) and node.tag in (INT_TAG, FLOAT_TAG)):
            raise SchemaProblem(f"{where} must be {what}, not {describe(node)}", node)
        if len(node.value) > 40:  # also spares int() a conversion of thousands of digits
            raise SchemaProblem(f"{where} must be {what}, not a number {len(node.value)} characters long", node)
        construct = _constructor.construct_yaml_int if node.tag == INT_TAG else _constructor.construct_yaml_float
        try:
            value = construct(node)
        except (ValueError, OverflowError):
            raise SchemaProblem(f"{where} must be {what}, not {_cut(node.value)}", node) from None
        low, high = meta.get("minimum"), meta.get("maximum")
        whole = meta.get("kind") in ("retries", "digits")
        if (value != value or value in (float("inf"), float("-inf")) or (whole and value != int(value))
                or (low is not None and value < low) or (high is not None and value > high)):
            raise SchemaProblem(f"{where} must be {what}, not {_cut(node.value)}", node)
        return int(value) if whole else value

    def _kind_seconds(self, node, where, target, node_id, meta=None):
        meta = _bounds("seconds", meta)
        return self._number(node, where, meta, f"a number of seconds from {_num(meta['minimum'])} "
                                               f"to {_num(meta['maximum'])}")

    def _kind_retries(self, node, where, target, node_id, meta=None):
        meta = _bounds("retries", meta)
        return self._number(node, where, meta, f"a whole number of retries from 0 to {_num(meta['maximum'])}, "
                                               "or -1 for unlimited")

    def languages(self, node: yaml.Node) -> tuple[str, ...]:
        """`languages: [fr-FR, en-GB]`: BCP 47 tags, each once."""
        items = node.value if isinstance(node, yaml.SequenceNode) else None
        if items is None:
            raise SchemaProblem(f"`languages` must be a list of language tags ([fr-FR, en-GB]), not {describe(node)}",
                                node)
        found: list[str] = []
        for item in items:
            tag = self.language_tag(item, "an item of `languages`")
            if tag in found:
                self.schema(f"`languages` lists {tag!r} twice", pos_of(item))
            else:
                found.append(tag)
        return tuple(found)

    def language_tag(self, node: yaml.Node, where: str) -> str:
        tag = self.text(node, where)
        if tag is None or not _LANGUAGE_TAG.match(tag):
            raise SchemaProblem(f"{where} must be a BCP 47 language tag such as fr-FR or en-GB, not "
                                f"{_cut(node.value) if isinstance(node, yaml.ScalarNode) else describe(node)}", node)
        return tag

    def _kind_prompt(self, node, where, target, node_id, meta=None) -> tuple[m.Prompt, ...]:
        if isinstance(node, yaml.MappingNode):
            return self._prompt_translations(node, where, target, node_id)
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        prompts = []
        for item in items:
            text = self.text(item, f"{where} (a prompt is a text or a list of texts)")
            if text:
                prompts.append(m.Prompt(text, pos_of(item)))
        return tuple(prompts)

    def _prompt_translations(self, node, where, target, node_id) -> tuple[m.Prompt, ...]:
        """`prompt: {fr-FR: "...", en-GB: [...]}`: each language's text kept in `translations`;
        the prompt returned is the first one, until `Flow.select_prompts` picks the flow's."""
        translations: dict[str, tuple[m.Prompt, ...]] = {}
        for entry in self.entries(node, where, node_id):
            tag = self.language_tag(entry.key_node, f"a language of {where}")
            prompts = self._kind_prompt(entry.value, f"{where} in {tag}", None, node_id) \
                if not isinstance(entry.value, yaml.MappingNode) else None
            if prompts is None:
                raise SchemaProblem(f"{where} in {tag} must be a text or a list of texts, not a mapping", entry.value)
            if prompts:
                translations[tag] = prompts
        if not translations:
            raise SchemaProblem(f"{where} gives no text in any language", node)
        if isinstance(target, m.Node):
            target.translations = translations
        return next(iter(translations.values()))

    def _kind_options(self, node, where, target, node_id, meta=None) -> dict[str, m.MenuOption]:
        if not isinstance(node, yaml.MappingNode):
            raise SchemaProblem(f"{where} must map keys to node ids, not {describe(node)}", node)
        options: dict[str, m.MenuOption] = {}
        positions = target.positions
        for entry in self.entries(node, where, node_id):
            key_pos = pos_of(entry.key_node)
            option = m.MenuOption(key=entry.key, pos=key_pos)
            name, key_name = m.position_names(entry.key, "options.")
            positions[name] = pos_of(entry.value)
            positions[key_name] = key_pos
            value = entry.value
            try:
                if isinstance(value, yaml.MappingNode):
                    self.option_mapping(option, value, f"option {entry.key!r} of {where}", node_id)
                else:
                    option.next = self.text(value, f"option {entry.key!r} of {where}")
                    if option.next is None:
                        raise SchemaProblem(f"option {entry.key!r} of {where} leads nowhere: "
                                            "give a node id, {next: ...} or {repeat: true}", value)
            except SchemaProblem as problem:
                self.schema(str(problem), problem.pos or entry.value_pos, node_id)
                target.broken = True
                self.salvage(target, "key", f"options.{entry.key}", value)
                continue
            options[entry.key] = option
        if not options:
            raise SchemaProblem(f"{where} offers no option", node)
        return options

    def option_mapping(self, option: m.MenuOption, node: yaml.MappingNode, where: str, node_id: str | None) -> None:
        allowed = _fill_plan(m.MenuOption, ())[1]
        for entry in self.check_fields(self.entries(node, where, node_id), allowed, where, node_id):
            if entry.key == "next":
                option.next = self.text(entry.value, f"`next` of {where}")
            elif entry.key in ("repeat", "hidden"):
                setattr(option, entry.key, self._kind_bool(entry.value, f"`{entry.key}` of {where}", None, node_id))
            elif entry.key == "label":
                option.label = self.text(entry.value, f"`label` of {where}")
            else:
                items = entry.value.value if isinstance(entry.value, yaml.SequenceNode) else [entry.value]
                option.speech = tuple(w for w in (self.text(i, f"`speech` of {where}") for i in items) if w)
        if option.next is None and not option.repeat:
            raise SchemaProblem(f"{where} needs `next` (a node id) or `repeat: true`", node)
        if option.next is not None and option.repeat:
            raise SchemaProblem(f"{where} has both `next` and `repeat`: choose one", node)

    def _kind_digits(self, node, where, target, node_id, meta=None) -> tuple[int, int]:
        high_bound = _bounds("digits", meta)["maximum"]
        count = {"kind": "digits", "minimum": 1, "maximum": high_bound}
        what = f"a whole number of digits from 1 to {high_bound}"
        if isinstance(node, yaml.ScalarNode):
            value = self._number(node, where, count, f"{what}, or {{min, max}}")
            return (value, value)
        if not isinstance(node, yaml.MappingNode):
            raise SchemaProblem(f"{where} must be {{min, max}} or a number, not {describe(node)}", node)
        bounds = {"min": 1, "max": None}
        for entry in self.check_fields(self.entries(node, where, node_id), {"min": 1, "max": 1}, where, node_id):
            low = 0 if entry.key == "min" else 1
            bounds[entry.key] = self._number(entry.value, f"`{entry.key}` of {where}", {**count, "minimum": low},
                                             f"a whole number of digits from {low} to {high_bound}")
        low, high = bounds["min"], bounds["max"] if bounds["max"] is not None else bounds["min"]
        if high < low or high < 1:
            raise SchemaProblem(f"{where}: min ({low}) must be at most max ({high}), and max at least 1", node)
        return (low, high)

    def _kind_cases(self, node, where, target, node_id, meta=None) -> dict[str, str]:
        if not isinstance(node, yaml.MappingNode):
            raise SchemaProblem(f"{where} must map values to node ids, not {describe(node)}", node)
        cases = {}
        for entry in self.entries(node, where, node_id):
            target.positions[m.position_names(entry.key, "cases.")[0]] = entry.value_pos
            value = self.guard(lambda e=entry: self.text(e.value, f"case {e.key!r} of {where}"), node_id)
            if value:
                cases[entry.key] = value
            elif not isinstance(entry.value, yaml.ScalarNode):
                target.broken = True
                self.salvage(target, "case", f"cases.{entry.key}", entry.value)
        return cases

    # -- service and schedules -----------------------------------------------------------
    def service(self, node: yaml.Node) -> m.Service:
        return self.fill(m.Service(), node, "`service`")

    def schedule(self, name: str, node: yaml.Node) -> m.Schedule:
        schedule = m.Schedule(name=name, pos=pos_of(node))
        reported = len(self.findings)
        self.fill(schedule, node, f"schedule `{name}`")
        schedule.broken = any(f.rule == "schema-error" for f in self.findings[reported:])
        return schedule

    def _kind_timezone(self, node, where, target, node_id, meta=None) -> str:
        from zoneinfo import ZoneInfo  # imported here: only flows with hours pay for it

        value = self.text(node, where)
        try:
            ZoneInfo(value or "")
        except (ValueError, KeyError, OSError):
            raise SchemaProblem(f"{where}: unknown time zone {value!r} (use an IANA name like Europe/Paris)",
                                node) from None
        return value

    def _kind_calendar(self, node, where, target, node_id, meta=None) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        if value.lower() in ("false", "none", "no"):
            return None
        from ivr_lint.model.calendar import calendar_problem

        problem = calendar_problem(value)
        if problem:
            raise SchemaProblem(f"{where}: {problem}", node)
        return value

    def _kind_dates(self, node, where, target, node_id, meta=None) -> frozenset[date]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        days = set()
        for item in items:
            text = self.text(item, f"a date in {where}")
            try:
                days.add(date.fromisoformat(text or ""))
            except ValueError:
                self.schema(f"{where}: {text!r} is not a date (YYYY-MM-DD)", pos_of(item), node_id)
        return frozenset(days)

    def _kind_weekly(self, node, where, target, node_id, meta=None) -> m.WeeklyHours:
        if not isinstance(node, yaml.MappingNode):
            raise SchemaProblem(f"{where} must map days (mon, mon-fri, sat,sun) to hour ranges, not {describe(node)}",
                                node)
        weekly: dict[int, list[m.Interval]] = {}
        given_by: dict[int, str] = {}
        for entry in self.entries(node, where, node_id):
            days = parse_days(entry.key)
            if days is None:
                self.schema(f"{where}: {entry.key!r} is not a day or day range "
                            "(use mon..sun, ranges like mon-fri, lists like mon,wed)", entry.key_pos, node_id)
                continue
            twice = [DAY_NAMES[d] for d in days if d in given_by]
            if twice:
                self.schema(f"{where}: {', '.join(twice)} already given by {given_by[DAY_NAMES.index(twice[0])]!r}; "
                            "give each day once", entry.key_pos, node_id)
                continue
            intervals = self.guard(lambda e=entry: self.intervals(e.value, f"hours of {e.key!r} in {where}"), node_id)
            spans = sorted(intervals or [])
            if any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:])):
                self.schema(f"{where}: the hour ranges of {entry.key!r} overlap", entry.value_pos, node_id)
            for day in days:
                given_by[day] = entry.key
                weekly.setdefault(day, []).extend(spans)
        return {day: tuple(sorted(spans)) for day, spans in sorted(weekly.items())}

    def intervals(self, node: yaml.Node, where: str) -> list[m.Interval]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        spans = []
        for item in items:
            if isinstance(item, yaml.ScalarNode) and item.tag == INT_TAG and item.style is None:
                raise SchemaProblem(f"{where}: {item.value} was read as a number (YAML 1.1 reads 12:00 as "
                                    "sexagesimal); quote hour ranges: \"08:30-12:00\"", item)
            text = self.text(item, where)
            if text is None or text.strip().lower() == "closed":
                continue
            span = parse_time_range(text)
            if span is None:
                raise SchemaProblem(f"{where}: {text!r} is not an hour range \"HH:MM-HH:MM\" "
                                    "(start before end, 00:00 to 24:00)", item)
            spans.append(span)
        return spans

    # -- nodes re-used from the last build of the same file (the language server) ---------
    def _reuse(self, defaults: m.Defaults) -> Callable[[Entry], m.Node | None] | None:
        """How to get each node when a `NodeMemory` is kept for this file, else None (build).

        A node's build depends only on its own source text (the slice from its id to the end
        of its value), the column of its id, the flow's defaults and the file's name; its
        lines move with it. A file with an anchor (`&name`, that aliases repeat) and a node
        with a merge (`<<`) depend on text elsewhere, and a directive or a byte-order mark may change what the
        parser reads or counts: those files, or nodes, are always built.
        """
        memory = self.memory
        if memory is None:
            return None
        text = self.source.text
        context = (self.source.name, tuple(getattr(defaults, name) for name in m.format_fields(m.Defaults)))
        usable = memory.usable(text)
        kept = memory.nodes if memory.context == context and usable else {}
        fresh: dict[tuple[str, int], _Built] = {}
        memory.context, memory.nodes = (context if usable else None), fresh
        if not usable:
            return None

        def node(entry: Entry) -> m.Node | None:
            key_node = entry.key_node
            written = text[key_node.start_mark.index:entry.value.end_mark.index]
            if "<<" in written:
                return self.node(entry, defaults)
            if not written.startswith(key_node.value if key_node.style is None else key_node.style):
                memory.context = None  # the parser counts places otherwise than this text: keep nothing
                fresh.clear()
                kept.clear()
                return self.node(entry, defaults)
            key = (written, key_node.start_mark.column)
            line = key_node.start_mark.line + 1
            built = kept.get(key)
            if built is not None and built.findings and built.line != line:
                built = None  # a message may name a line ("first at line 12"): read it again
            if built is None:
                findings, guesses = len(self.findings), len(self._guesses)
                made = self.node(entry, defaults)
                fresh[key] = _Built(_copy_node(made), [dataclasses.replace(f) for f in self.findings[findings:]],
                                    [dataclasses.replace(g, node=None) for g in self._guesses[guesses:]],
                                    line, entry.value.end_mark.line + 1)
                return made
            if built.line != line:
                built = built.moved(line - built.line)
            fresh[key] = built
            made = _copy_node(built.node)
            self.findings.extend(dataclasses.replace(f) for f in built.findings)
            self._guesses.extend(dataclasses.replace(g, node=made) for g in built.guesses)
            return made

        return node

    # -- nodes -------------------------------------------------------------------------
    def node(self, entry: Entry, defaults: m.Defaults) -> m.Node | None:
        node_id, where = entry.key, f"node `{entry.key}`"
        if not node_id.strip():
            self.schema("a node id must not be empty", entry.key_pos)
            return None
        if not self.require_mapping(entry.value, where, node_id):
            return m.UnknownNode(id=node_id, pos=entry.key_pos, broken=True)
        type_entry = None
        for key, value in entry.value.value:  # the last `type` wins, as YAML keeps the last of repeated keys
            if isinstance(key, yaml.ScalarNode) and key.tag != MERGE_TAG and key.value == "type":
                type_entry = _new_entry(Entry, ("type", key, value))
        reported = len(self.findings)
        if type_entry is None:
            type_name = None
        elif type(type_entry.value) is _SCALAR and type_entry.value.tag != NULL_TAG:  # `text`, that cannot fail here
            type_name = type_entry.value.value
        else:
            type_name = self.guard(lambda: self.text(type_entry.value, f"`type` of {where}"), node_id)
        cls = m.NODE_TYPES.get(type_name or "")
        if cls is None:
            if type_name is None and len(self.findings) == reported:  # absent, or null
                self.schema(f"{where} has no `type` (one of: {', '.join(m.NODE_TYPES)})",
                            type_entry.value_pos if type_entry else entry.key_pos, node_id)
            elif type_name is not None:
                import difflib  # only for a mistake's did-you-mean: not a start-up cost

                hint = difflib.get_close_matches(type_name, list(m.NODE_TYPES), n=1)
                self.schema(f"unknown node type {_shown(type_name)} in {where}" + (
                    f"; did you mean {hint[0]!r}?" if hint else f" (one of: {', '.join(m.NODE_TYPES)})"),
                    type_entry.value_pos, node_id)
            return self.unknown_node(entry, type_name)
        node = cls(id=node_id, pos=entry.key_pos)
        node.positions["type"] = type_entry.value_pos
        self.fill(node, entry.value, where, node_id)
        node.transitions = node.build_transitions(defaults)
        return node

    def unknown_node(self, entry: Entry, type_name: str | None) -> m.UnknownNode:
        """A node of no known type: read what any type would mean by its fields, quietly
        (its type is the one schema error), so that its ways out and prompt are kept."""
        node_id = entry.key
        node = m.UnknownNode(id=node_id, pos=entry.key_pos, broken=True, written_type=type_name)
        for field_entry in self.entries(entry.value, f"node `{node_id}`", node_id):
            key, value = field_entry.key, field_entry.value
            if key == "type" or (key not in m.EXIT_KINDS and key not in ("prompt", "label")):
                continue
            name, key_name = m.position_names(key)
            node.positions[name] = field_entry.value_pos
            node.positions[key_name] = field_entry.key_pos
            if key in ("prompt", "label"):
                with contextlib.suppress(SchemaProblem):
                    setattr(node, key, self._kind_prompt(value, key, node, node_id) if key == "prompt"
                            else self.text(value, key))
            elif key in ("options", "cases") and isinstance(value, yaml.MappingNode):
                for item in self.entries(value, f"`{key}` of node `{node_id}`", node_id):
                    field_name, key_name = m.position_names(item.key, f"{key}.")
                    node.positions[field_name] = item.value_pos
                    node.positions[key_name] = item.key_pos
                    target = _plain_text(item.value)
                    if target is None and isinstance(item.value, yaml.MappingNode):
                        target = next((_plain_text(v) for k, v in item.value.value
                                       if isinstance(k, yaml.ScalarNode) and k.value == "next"), None)
                    if target is not None:
                        node.transitions.append(m.Transition(m.EXIT_KINDS[key], target, field_name, key=item.key))
                    elif not _is_repeat(item.value):
                        self.salvage(node, m.EXIT_KINDS[key], field_name, item.value)
            elif key not in ("options", "cases") and _plain_text(value) is not None:
                node.transitions.append(m.Transition(m.EXIT_KINDS[key], _plain_text(value), key))
            else:
                self.salvage(node, m.EXIT_KINDS[key], key, value)
        return node


def _plain_text(node: yaml.Node) -> str | None:
    """A scalar's text, None for anything else (or null)."""
    if not isinstance(node, yaml.ScalarNode) or (node.tag == NULL_TAG and node.style is None):
        return None
    return node.value or None


def _is_repeat(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "repeat" for k, _ in node.value)


_SALVAGE_LIMIT = 64


def _scalars(node: yaml.Node) -> tuple[str, ...]:
    """The texts of the first scalars inside a value (a bounded look: aliases may make it huge)."""
    found: list[str] = []
    pending, visited = [node], 0
    while pending and visited < _SALVAGE_LIMIT:
        item = pending.pop()
        visited += 1
        if isinstance(item, yaml.ScalarNode):
            text = _plain_text(item)
            if text is not None:
                found.append(text)
        elif isinstance(item, yaml.SequenceNode):
            pending.extend(reversed(item.value))
        elif isinstance(item, yaml.MappingNode):
            pending.extend(value for _, value in reversed(item.value))
    return tuple(found)


@dataclass
class _Guess:
    """Names read from an unreadable way out of `node`, waiting for the node ids to be known."""

    node: m.Node
    kind: str
    field: str
    names: tuple[str, ...]
    exit_like: bool = True  # it is surely a way out (not a field we could not place)
    missing: bool = False  # a required way out that is not written at all


def _cut(value: str, limit: int = 120) -> str:
    """A user's value cut to about `limit` characters for a message."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _shown(value: str, limit: int = 120) -> str:
    """A user's text quoted for a message, cut to about `limit` characters."""
    return repr(_cut(value, limit))


def _bounds(kind: str, meta: dict | None) -> dict:
    """A field's metadata with the kind's bounds where the field states none."""
    low, high = m.NUMBER_BOUNDS[kind]
    return {"kind": kind, "minimum": low, "maximum": high, **(meta or {})}


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def parse_days(spec: str) -> list[int] | None:
    """'mon-fri' -> [0..4]; 'sat,sun' -> [5, 6]; None when unreadable."""
    days: list[int] = []
    for part in spec.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first not in DAY_NAMES or (last and last not in DAY_NAMES):
            return None
        start, end = DAY_NAMES.index(first), DAY_NAMES.index(last or first)
        days.extend(range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)])
    return days


def parse_time_range(text: str) -> m.Interval | None:
    match = _TIME_RANGE.match(text)
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if m1 > 59 or m2 > 59 or start >= end or end > 24 * 60:
        return None
    return (start, end)


# -- re-use between builds ----------------------------------------------------------------
_MEMORIES: contextvars.ContextVar[dict[str, "NodeMemory"] | None] = contextvars.ContextVar(
    "ivr_lint_node_memories", default=None)


class NodeMemory:
    """The nodes of one file's last build, by their source text, for a program that rebuilds
    the file after each edit (the language server): a node whose text did not change is
    copied, its lines re-based, instead of read again. A `check` builds each file once and
    keeps none."""

    def __init__(self) -> None:
        self.context: tuple | None = None
        self.nodes: dict[tuple[str, int], _Built] = {}

    @staticmethod
    def usable(text: str) -> bool:
        return "\ufeff" not in text and not _DIRECTIVE.search(text) and not _may_anchor(text)


_DIRECTIVE = re.compile(r"^%", re.MULTILINE)
_TOKEN_START = frozenset(" \t\r\n\x85\u2028\u2029[{,:")
_NOT_NAME = frozenset(" \t\r\n,[]{}")


def _may_anchor(text: str) -> bool:
    """Whether `text` may define an anchor (`&name` where a token starts), which an alias
    needs. A few texts without one say yes ("&x" quoted), never one with one: then no node
    of the file is re-used."""
    at = text.find("&")
    while at != -1:
        if (at == 0 or text[at - 1] in _TOKEN_START) and at + 1 < len(text) and text[at + 1] not in _NOT_NAME:
            return True
        at = text.find("&", at + 1)
    return False


@contextlib.contextmanager
def remembering(memories: dict[str, NodeMemory]):
    """Within: a FlowBuilder for a file whose path (as the source gives it) is a key of
    `memories` re-uses the nodes it kept from that file's last build."""
    token = _MEMORIES.set(memories)
    try:
        yield
    finally:
        _MEMORIES.reset(token)


@dataclass
class _Built:
    """A node as `FlowBuilder.node` returned it (before the flow-wide steps change it), with
    the findings and guesses it made; `line`..`last_line`: the lines of its text."""

    node: m.Node | None
    findings: list[Finding]
    guesses: list[_Guess]
    line: int
    last_line: int

    def moved(self, delta: int) -> "_Built":
        """The same node `delta` lines further (one without findings: a message may name a line)."""
        first, last = self.line, self.last_line
        node = _moved(self.node, delta, first, last)
        return _Built(node, self.findings, self.guesses, first + delta, last + delta)


def _copy_node(node: m.Node | None) -> m.Node | None:
    """A copy of a built node that the flow-wide steps may change (they set attributes and
    add transitions; what the node holds is otherwise never changed once built)."""
    if node is None:
        return None
    copy = object.__new__(type(node))
    copy.__dict__.update(node.__dict__)
    copy.transitions = list(node.transitions)
    return copy


def _moved(value: Any, delta: int, first: int, last: int) -> Any:
    """`value` with every position on lines first..last moved by `delta` lines; the same
    object when none is (positions elsewhere, such as the 1:1 of a problem with no place,
    stay). Only the fields whose declared type can hold a position are visited."""
    kind = type(value)
    if kind is Pos:
        if value.file is None and first <= value.line <= last:
            return _pos(value.line + delta, value.column)
        return value
    if kind is dict:
        changed = None
        for key, item in value.items():
            if type(item) is Pos:  # (most are: inlined)
                if item.file is not None or not first <= item.line <= last:
                    continue
                new = _pos(item.line + delta, item.column)
            else:
                new = _moved(item, delta, first, last)
                if new is item:
                    continue
            if changed is None:
                changed = dict(value)
            changed[key] = new
        return value if changed is None else changed
    if kind is tuple or kind is list:
        items = [_moved(item, delta, first, last) for item in value]
        for old, new in zip(value, items):
            if old is not new:
                return kind(items)
        return value
    names = _positional_fields(kind)
    if not names:
        return value
    state = None
    for name in names:
        item = value.__dict__.get(name)
        new = _moved(item, delta, first, last)
        if new is not item:
            if state is None:
                state = dict(value.__dict__)
            state[name] = new
    if state is None:
        return value
    copy = object.__new__(kind)
    copy.__dict__.update(state)
    return copy


#: Pos's slots, written directly: what the frozen dataclass's __init__ does, without its checks
_SET_LINE, _SET_COLUMN, _SET_FILE = (Pos.__dict__[name].__set__ for name in ("line", "column", "file"))


def _pos(line: int, column: int) -> Pos:
    """Pos(line, column), made without the frozen dataclass's checks (thousands per edit)."""
    made = object.__new__(Pos)
    _SET_LINE(made, line)
    _SET_COLUMN(made, column)
    _SET_FILE(made, None)
    return made


_POSITIONAL: dict[type, tuple[str, ...]] = {Pos: ()}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _positional_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class whose declared type names `Pos` or a model class that
    holds one (found once per class, from the annotations); () for anything else."""
    known = _POSITIONAL.get(cls)
    if known is not None:
        return known
    _POSITIONAL[cls] = ()  # (a class that refers to itself)
    if not dataclasses.is_dataclass(cls):
        return ()
    names = []
    for item in dataclasses.fields(cls):
        for word in _NAME.findall(str(item.type)):
            named = Pos if word == "Pos" else getattr(m, word, None)
            if isinstance(named, type) and (named is Pos or _positional_fields(named)):
                names.append(item.name)
                break
    _POSITIONAL[cls] = tuple(names)
    return _POSITIONAL[cls]


#: (class, skipped fields) -> (format fields, fields a mapping may give, required ones in order)
_FILL_PLANS: dict[tuple[type, tuple], tuple[dict, dict, tuple[str, ...]]] = {}


def _fill_plan(cls: type, skip: tuple) -> tuple[dict, dict, tuple[str, ...]]:
    """What `FlowBuilder.fill` reads for `cls`, worked out once per class (a node has a type key too)."""
    plan = _FILL_PLANS.get((cls, skip))
    if plan is None:
        fields = m.format_fields(cls)
        allowed = {name: f for name, f in fields.items() if name not in skip}
        if issubclass(cls, m.Node):
            allowed = {"type": None, **allowed}
        required = tuple(name for name, f in allowed.items() if f is not None and f.metadata["required"])
        plan = _FILL_PLANS[cls, skip] = (fields, allowed, required)
    return plan


#: field kind -> the FlowBuilder method that reads it (`_kind_<kind>`)
_CONVERTERS: dict[str, Callable] = {name[len("_kind_"):]: method for name, method in vars(FlowBuilder).items()
                                    if name.startswith("_kind_")}
