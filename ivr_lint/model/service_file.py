"""Service identity declared once for many flows: a `service.yaml`, or [tool.ivr-lint.service].

Teams run many flows for one service, and platform exports carry no `service` block, so
the service's contact details, hours, language and kind are written once and every flow
below inherits them. Both places take the same shape, flat: the fields of a flow's
`service` block, plus `hours`, `language` and `kind` as a flow writes them.

    # service.yaml                          # pyproject.toml
    name: "CAF de la Gironde"               [tool.ivr-lint.service]
    phone: "3230"                           name = "CAF de la Gironde"
    website: "https://www.caf.fr"           phone = "3230"
    language: fr-FR                         language = "fr-FR"
    hours:                                  [tool.ivr-lint.service.hours]
      timezone: Europe/Paris                timezone = "Europe/Paris"
      weekly: {mon-fri: ["08:30-16:30"]}    weekly = {mon-fri = ["08:30-16:30"]}

A flow's own block wins whole: a flow with a `service` block keeps all of it (no field
is taken from the service file), and likewise for `hours`, `language` and `kind`. The
file is validated by the flow builder itself, so its errors read like a flow's, at
their line and column; positions carry the file (`Pos.file`), so a finding about
inherited data is reported where that data is written.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import yaml

from ivr_lint.findings import Finding, Pos
from ivr_lint.loading.source import ContentError, InputError, SourceText, decode, read_bytes
from ivr_lint.loading.yamlparse import compose
from ivr_lint.model import flow as m
from ivr_lint.model.builder import BOOL_TAG, FLOAT_TAG, INT_TAG, FlowBuilder, pos_of
from ivr_lint.text.quoting import quote

SERVICE_FILE_NAMES = ("service.yaml", "service.yml")
PYPROJECT = "pyproject.toml"
#: the parts of a flow a service file can give, each inherited whole
BLOCKS = ("service", "hours", "language", "kind")
_SERVICE_FIELDS = m.format_fields(m.Service)
FIELDS = {
    **{name: f.metadata["doc"] for name, f in _SERVICE_FIELDS.items()},
    "hours": "the opening-hours schedule of every flow that has none",
    "language": "BCP 47 language of the prompts of every flow that gives none",
    "kind": "inbound, in-queue or outbound, for every flow that gives none",
}
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
TOML_WHERE = "[tool.ivr-lint.service]"


@dataclass
class ServiceData:
    """What one service file declares, every position carrying that file's name."""

    file: str  # the name findings use for it
    service: m.Service | None = None
    hours: m.Schedule | None = None
    language: str | None = None
    kind: str | None = None
    positions: dict[str, Pos] = field(default_factory=dict)  # block (and block@key) -> position
    findings: list[Finding] = field(default_factory=list)
    source: SourceText | None = None

    def blocks(self) -> list[str]:
        """The blocks this file gives, in BLOCKS order."""
        return [block for block in BLOCKS if getattr(self, block) is not None]


def inherit(flow: m.Flow, data: ServiceData) -> list[str]:
    """Give `flow` every block of `data` it does not write itself; return those blocks."""
    taken = []
    for block in data.blocks():
        if block in flow.positions:  # the flow's own block wins, whole
            continue
        setattr(flow, block, getattr(data, block))
        flow.positions[block] = data.positions[block]
        flow.positions[f"{block}@key"] = data.positions.get(f"{block}@key", data.positions[block])
        taken.append(block)
    if "language" in taken:
        flow.select_prompts()  # prompts given per language follow the inherited one
    return taken


def build_service(root: yaml.Node | None, source: SourceText, where: str = "the service file") -> ServiceData:
    """Validate a service file's node tree with the flow builder; findings keep their line and column."""
    builder = FlowBuilder(source)
    data = ServiceData(file=source.name, source=source)
    if root is None:
        builder.schema(f"empty service file: give the service's fields ({', '.join(FIELDS)})", Pos(1, 1))
    elif builder.require_mapping(root, where):
        entries = builder.check_fields(builder.entries(root, where), FIELDS, where)
        own = [entry for entry in entries if entry.key in _SERVICE_FIELDS]
        if own:
            mapping = yaml.MappingNode(MAP_TAG, [(e.key_node, e.value) for e in own], root.start_mark, root.end_mark)
            data.service = builder.fill(m.Service(), mapping, where)
            data.positions["service"] = data.positions["service@key"] = pos_of(root)
        for entry in entries:
            if entry.key not in ("hours", "language", "kind"):
                continue
            if entry.key == "hours":
                data.hours = builder.schedule("hours", entry.value)
            else:
                value = builder.guard(lambda e=entry: builder.text(e.value, f"`{e.key}` in {where}"))
                if entry.key == "kind" and value is not None and value not in m.FLOW_KINDS:
                    builder.schema(f"`kind` in {where} must be one of {', '.join(m.FLOW_KINDS)}, not {quote(value)}",
                                   entry.value_pos)
                    value = None
                setattr(data, entry.key, value or None)
            if getattr(data, entry.key) is not None:
                data.positions[entry.key] = entry.value_pos
                data.positions[f"{entry.key}@key"] = entry.key_pos
    data.findings = builder.findings
    _relocate(data)
    return data


def _relocate(data: ServiceData) -> None:
    """Stamp every position with the service file's name (see `Pos.file`)."""
    def moved(pos: Pos) -> Pos:
        return Pos(pos.line, pos.column, file=data.file)

    data.positions = {key: moved(pos) for key, pos in data.positions.items()}
    for part in (data.service, data.hours):
        if part is None:
            continue
        part.positions = {key: moved(pos) for key, pos in part.positions.items()}
        if isinstance(part, m.Schedule):
            part.pos = moved(part.pos)


def read_service_yaml(path: str, name: str, max_size: int, data: bytes | None = None) -> ServiceData:
    """Read (unless `data` is given) and validate a `service.yaml`; raise InputError when it
    cannot be read at all."""
    if data is None:
        data = read_bytes(path, max_size)
    try:
        text = decode(data)
        source = SourceText(name=name, text=text, path=path)
        root = compose(text)
    except ContentError as error:
        broken = ServiceData(file=name)
        broken.findings.append(Finding("syntax-error", str(error), name, error.pos.line, error.pos.column))
        return broken
    return build_service(root, source)


def may_name_the_tool(data: bytes) -> bool:
    """Whether a TOML text may have an `ivr-lint` key: every spelling of it (bare, quoted)
    holds these letters, but for an escape (\\u0069...). A text without them is not parsed,
    nor tomllib imported: most pyproject.toml files a check walks past are no business of it."""
    return b"ivr-lint" in data or b"\\u" in data or b"\\U" in data


def read_toml_service(path: str, name: str, max_size: int) -> ServiceData | None:
    """The [tool.ivr-lint.service] table of a pyproject.toml (or [service] of a standalone
    settings file), validated like a service.yaml; None when there is none (nor a mention
    of the tool in a pyproject.toml)."""
    try:
        data = read_bytes(path, max_size)
        if os.path.basename(path) == PYPROJECT and not may_name_the_tool(data):
            return None
        text = decode(data)
    except ContentError as error:
        raise InputError(f"{path}: {error}") from None
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: invalid TOML: {error}") from None
    prefix: tuple[str, ...] = ("tool", "ivr-lint", "service")
    if "tool" not in document:  # a standalone settings file given with --config
        prefix = ("service",)
    table: Any = document
    for part in prefix:
        table = table.get(part) if isinstance(table, dict) else None
    if table is None:
        return None
    source = SourceText(name=name, text=text, path=path)
    root = _TomlNodes(name, text).node(table, prefix)
    where = TOML_WHERE if prefix[0] == "tool" else "[service]"
    return build_service(root, source, where)


# -- TOML values as YAML nodes, positioned by a scan of the text ------------------------------
_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_HEADER = re.compile(rf"^\s*\[\[?\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(rf"^(\s*)({_PART}(?:\s*\.\s*{_PART})*)\s*=\s*")
_PARTS = re.compile(_PART)


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in _PARTS.findall(dotted))


class _TomlNodes:
    """tomllib gives no positions, so tables and keys are found line by line; a value
    inside an inline table or a list takes the position of its nearest written key."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.where: dict[tuple[str, ...], tuple[int, int, int]] = {}  # path -> (line, key col, value col)
        table: tuple[str, ...] = ()
        in_string = False
        for number, line in enumerate(text.splitlines()):
            quotes = line.count('"""') + line.count("'''")
            if in_string:
                in_string = quotes % 2 == 0
                continue
            header = _HEADER.match(line)
            if header:
                table = _parts(header.group(1))
                self.where.setdefault(table, (number, line.index("["), line.index("[")))
            else:
                key = _KEY_LINE.match(line)
                if key:
                    path = table + _parts(key.group(2))
                    self.where.setdefault(path, (number, len(key.group(1)), key.end()))
            if quotes % 2 == 1:
                in_string = True

    def _marks(self, path: tuple[str, ...]) -> tuple[yaml.Mark, yaml.Mark]:
        while path and path not in self.where:
            path = path[:-1]
        line, key_col, value_col = self.where.get(path, (0, 0, 0))
        return (yaml.Mark(self.name, 0, line, key_col, None, None),
                yaml.Mark(self.name, 0, line, value_col, None, None))

    def node(self, value: Any, path: tuple[str, ...]) -> yaml.Node:
        mark = self._marks(path)[1]
        if isinstance(value, dict):
            pairs = []
            for key, item in value.items():
                key_mark = self._marks(path + (key,))[0]
                pairs.append((yaml.ScalarNode(STR_TAG, key, key_mark, key_mark, style='"'),
                              self.node(item, path + (key,))))
            return yaml.MappingNode(MAP_TAG, pairs, mark, mark)
        if isinstance(value, list):
            return yaml.SequenceNode(SEQ_TAG, [self.node(item, path) for item in value], mark, mark)
        if isinstance(value, bool):
            return yaml.ScalarNode(BOOL_TAG, "true" if value else "false", mark, mark)
        if isinstance(value, int):
            return yaml.ScalarNode(INT_TAG, str(value), mark, mark)
        if isinstance(value, float):
            text = repr(value) if math.isfinite(value) else ".nan" if math.isnan(value) else (
                ".inf" if value > 0 else "-.inf")
            return yaml.ScalarNode(FLOAT_TAG, text, mark, mark)
        if isinstance(value, (date, datetime, time)):
            value = value.isoformat()
        return yaml.ScalarNode(STR_TAG, str(value), mark, mark, style='"')


def service_schema() -> dict[str, Any]:
    """The JSON Schema of a service.yaml, from the same declarations as the flow's."""
    from ivr_lint.model.jsonschema import flow_schema

    flow = flow_schema()
    properties = dict(flow["properties"]["service"]["properties"])
    for block in ("hours", "language", "kind"):
        properties[block] = {**flow["properties"][block], "description": FIELDS[block]}
    return {
        "$schema": flow["$schema"],
        "$id": flow["$id"].replace("flow-v1", "service-v1"),
        "title": "ivr-lint service file (service.yaml)",
        "description": "The service identity the flows in this folder and below inherit.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "$defs": {"schedule": flow["$defs"]["schedule"]},
    }



def describe_sources(sources: dict[str, dict[str, Pos]]) -> list[str]:
    """One line per flow saying where its service data comes from (`check --verbose`)."""
    lines = []
    for flow, origins in sources.items():
        parts = [f"{block} in the flow" if pos.file == flow else f"{block} from {pos.file}:{pos.line}:{pos.column}"
                 for block, pos in origins.items()]
        lines.append(f"{flow}: {', '.join(parts)}" if parts else
                     f"{flow}: no service data (no `service` block, no service.yaml or [tool.ivr-lint.service] found)")
    return lines


def gather_inherited(findings: list[Finding]) -> list[Finding]:
    """One finding per fault in inherited data, naming the flows it was found for.

    Fifty flows inheriting one service.yaml that lacks a phone number make one finding
    at that file's line, not fifty; `inherited_by` (JSON) and the message list the flows.
    Gathering findings already gathered changes nothing.
    """
    kept: list[Finding] = []
    first: dict[tuple, Finding] = {}
    for finding in findings:
        flows = finding.extra.get("inherited_by")
        if not flows:
            kept.append(finding)
            continue
        finding.message = finding.message.removesuffix(_inherited_suffix(flows))
        key = (finding.rule, finding.file, finding.line, finding.column, finding.message, finding.severity,
               finding.scenario)
        if key in first:
            gathered = first[key].extra["inherited_by"]
            gathered.extend(flow for flow in flows if flow not in gathered)
            continue
        first[key] = finding
        kept.append(finding)
    for finding in first.values():
        finding.message += _inherited_suffix(finding.extra["inherited_by"])
    return kept


def _inherited_suffix(flows: list[str]) -> str:
    shown = ", ".join(flows[:3]) + (f" and {len(flows) - 3} more" if len(flows) > 3 else "")
    return f" (inherited by {shown})"
