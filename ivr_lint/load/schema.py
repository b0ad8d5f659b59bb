"""The traffic file's JSON Schema, and the validator that checks YAML nodes against it.

The schema is the single description of the format: `ivr-lint load --schema` prints it for
editors, and the loader validates the file's node tree with it (keeping every line and
column), so the two cannot drift. The validator knows the part of JSON Schema the schema
uses: type, const, enum, minimum/maximum, pattern, properties, required,
additionalProperties, propertyNames, oneOf, $ref to $defs.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Any, Iterator

import yaml

from ivr_lint.findings import Pos
from ivr_lint.model.builder import BOOL_TAG, FLOAT_TAG, INT_TAG, NULL_TAG, MERGE_TAG, describe, pos_of

FORMAT_VERSION = 1
SCHEMA_ID = "https://ivr-lint.invalid/schemas/traffic-v1.json"
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)"
DAYS_KEY = rf"^{_DAY}(-{_DAY})?(\s*,\s*{_DAY}(-{_DAY})?)*$"
DATE_KEY = r"^\d{4}-\d{2}-\d{2}$"
RANGE = r"^\s*\d{1,2}:\d{2}(\s*-\s*\d{1,2}:\d{2})?\s*$"
LEVEL = r"^\s*(0?\.\d+|1(\.0*)?|0)\s*@\s*\d+(\.\d+)?\s*s?\s*$"

_SECONDS = {"type": "number", "exclusiveMinimum": 0}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_COUNT_BY_RANGE = {
    "type": "object",
    "description": '"HH:MM-HH:MM" (or the start "HH:MM" of one interval) -> a number for each interval in it.',
    "propertyNames": {"pattern": RANGE},
    "additionalProperties": {"type": "number", "minimum": 0},
}


def traffic_schema() -> dict[str, Any]:
    """The JSON Schema of a traffic file (format 1)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ivr-lint traffic file (load model, format 1)",
        "description": "Calls, staff and caller behaviour for one flow: what `ivr-lint load` models.",
        "type": "object",
        "required": ["traffic", "flow"],
        "additionalProperties": False,
        "properties": {
            "traffic": {"const": FORMAT_VERSION, "description": "Format version of the traffic file."},
            "flow": {"type": "string", "description": "The flow file, relative to this file."},
            "interval": {"enum": [15, 30, 60], "default": 30, "description": "Minutes per interval."},
            "period": {
                "type": "object", "additionalProperties": False, "required": ["start"],
                "description": "The dates to model (default: the next full week, Monday to Sunday).",
                "properties": {
                    "start": {"type": "string", "pattern": DATE_KEY, "description": "First day (YYYY-MM-DD)."},
                    "end": {"type": "string", "pattern": DATE_KEY, "description": "Last day, included."},
                    "days": {"type": "integer", "minimum": 1, "maximum": 366, "description": "Number of days."},
                },
            },
            "calls": {
                "type": "object",
                "description": "Calls offered per interval: a weekday or day range (mon-fri), or a date "
                               "(YYYY-MM-DD, which wins over its weekday) -> {range: calls per interval}.",
                "propertyNames": {"pattern": f"{DAYS_KEY}|{DATE_KEY}"},
                "additionalProperties": {"$ref": "#/$defs/count_by_range"},
            },
            "calls_csv": {
                "type": "object", "additionalProperties": False, "required": ["file"],
                "description": "Calls offered from a platform's interval report (CSV).",
                "properties": {
                    "file": {"type": "string", "description": "The CSV file, relative to this file."},
                    "date": {"type": "string", "description": "Column of the date (YYYY-MM-DD or DD/MM/YYYY)."},
                    "weekday": {"type": "string", "description": "Column of the weekday (mon..sun, Monday...)."},
                    "start": {"type": "string", "default": "interval",
                              "description": "Column of the interval start (HH:MM)."},
                    "offered": {"type": "string", "default": "offered", "description": "Column of the calls offered."},
                    "delimiter": {"type": "string", "default": ",", "description": "Field separator."},
                },
            },
            "handling_time": {
                "type": "object",
                "description": "Mean talk plus wrap-up, in seconds, per queue node (`default` for the others): "
                               "a number (exponential) or {mean, spread} (log-normal, spread = coefficient of variation).",
                "additionalProperties": {"oneOf": [
                    _SECONDS,
                    {"type": "object", "additionalProperties": False, "required": ["mean"],
                     "properties": {"mean": _SECONDS, "spread": {"type": "number", "exclusiveMinimum": 0}}},
                ]},
            },
            "staff": {
                "type": "object",
                "description": "Agents per queue node per interval, in the flow's `weekly` shape: "
                               "{mon-fri: {\"08:30-12:00\": 12}}; a date key wins over its weekday.",
                "additionalProperties": {
                    "type": "object",
                    "propertyNames": {"pattern": f"{DAYS_KEY}|{DATE_KEY}"},
                    "additionalProperties": {"$ref": "#/$defs/count_by_range"},
                },
            },
            "patience": {
                "type": "object",
                "description": "Mean seconds a waiting caller holds before hanging up (exponential), per queue node; "
                               "`default` for the others; `ivr` for hang-ups during prompts. Absent: callers never give up.",
                "additionalProperties": {"oneOf": [_SECONDS, {"type": "null"}]},
            },
            "choices": {
                "type": "object",
                "description": "Share of callers per option of a menu (its keys, `silence`, `wrong`), per outcome of an "
                               "input (`valid`, `invalid`, `silence`), per case of a branch (the case values, `default`), "
                               "`failure` of a transfer. Default: equal shares of the announced options, 5 % silence.",
                "additionalProperties": {"type": "object", "additionalProperties": _SHARE},
            },
            "congestion": {
                "type": "object",
                "description": "When a queue node takes its `congestion` branch, per queue (`default` for the others).",
                "additionalProperties": {
                    "type": "object", "additionalProperties": False,
                    "properties": {
                        "wait_above": {**_SECONDS, "default": 300,
                                       "description": "Predicted wait (seconds) above which the branch is taken."},
                        "queue_above": {"type": "integer", "minimum": 0,
                                        "description": "Callers waiting above which the branch is taken."},
                    },
                },
            },
            "callbacks": {
                "type": "object", "additionalProperties": False,
                "description": "Callbacks asked for in the flow come back as outbound calls on the same agents.",
                "properties": {
                    "answered": {**_SHARE, "default": 0.8, "description": "Share of callbacks the caller picks up."},
                    "delay": {"type": "number", "minimum": 0, "default": 3600,
                              "description": "Seconds between the request and the callback."},
                    "queue": {"type": "string", "description": "The queue node whose agents call back "
                                                               "(default: the last queue the caller reached, else the first queue)."},
                },
            },
            "answered_within": {
                "type": "array", "items": _SECONDS, "minItems": 1, "default": [20, 60],
                "description": "Seconds for the 'answered within' columns.",
            },
            "targets": {
                "type": "object", "additionalProperties": False,
                "description": "Targets checked when no --target is given.",
                "properties": {
                    "answer-rate": _SHARE,
                    "service-level": {"type": "string", "pattern": LEVEL, "examples": ["0.8@20s"]},
                },
            },
        },
        "$defs": {"count_by_range": _COUNT_BY_RANGE},
    }


class Problem:
    """One place where the file does not fit the schema."""

    __slots__ = ("message", "pos")

    def __init__(self, message: str, pos: Pos):
        self.message, self.pos = message, pos


def scalar(node: yaml.Node) -> Any:
    """A scalar node's value by its YAML tag (the node tree keeps no Python values)."""
    if node.tag == NULL_TAG and node.style is None:
        return None
    if node.tag == BOOL_TAG:
        return node.value.lower() in ("true", "yes", "on", "y")
    if node.tag == INT_TAG:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return yaml.constructor.SafeConstructor().construct_yaml_int(node)
    if node.tag == FLOAT_TAG:
        return yaml.constructor.SafeConstructor().construct_yaml_float(node)
    return node.value


def mapping_items(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            continue
        yield key, value


def _type_ok(node: yaml.Node, wanted: str | list[str]) -> bool:
    types = wanted if isinstance(wanted, list) else [wanted]
    for kind in types:
        if kind == "object" and isinstance(node, yaml.MappingNode):
            return True
        if kind == "array" and isinstance(node, yaml.SequenceNode):
            return True
        if isinstance(node, yaml.ScalarNode):
            value = scalar(node)
            if kind == "null" and value is None:
                return True
            if kind == "string" and isinstance(value, str):
                return True
            if kind == "boolean" and isinstance(value, bool):
                return True
            if kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
                return True
            if kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and math.isfinite(value):
                return True
    return False


_NAMES = {"object": "a mapping", "array": "a list", "string": "a text", "number": "a number",
          "integer": "a whole number", "boolean": "true or false", "null": "nothing"}


class Validator:
    """Checks a node tree against the schema; problems carry the node's line and column."""

    def __init__(self, schema: dict[str, Any]):
        self.root = schema
        self.problems: list[Problem] = []

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def validate(self, node: yaml.Node, schema: dict[str, Any], where: str) -> bool:
        """Record the problems of `node`; True when it has none."""
        before = len(self.problems)
        self._check(node, self.resolve(schema), where)
        return len(self.problems) == before

    def _fail(self, message: str, node: yaml.Node) -> None:
        self.problems.append(Problem(message, pos_of(node)))

    def _check(self, node: yaml.Node, schema: dict[str, Any], where: str) -> None:
        if "oneOf" in schema:
            fitting = [o for o in schema["oneOf"] if _type_ok(node, self.resolve(o).get("type", "object"))]
            if len(fitting) == 1:  # one shape of the right type: its own, precise problems
                self._check(node, self.resolve(fitting[0]), where)
                return
            for option in schema["oneOf"]:
                trial = Validator(self.root)
                if trial.validate(node, option, where):
                    return
            shapes = " or ".join(_shape(self.resolve(o)) for o in schema["oneOf"])
            self._fail(f"{where} must be {shapes}, not {describe(node)}", node)
            return
        if "const" in schema:
            if not isinstance(node, yaml.ScalarNode) or scalar(node) != schema["const"]:
                self._fail(f"{where} must be {schema['const']!r}, not {describe(node)}", node)
            return
        if "enum" in schema:
            if not isinstance(node, yaml.ScalarNode) or scalar(node) not in schema["enum"]:
                choices = ", ".join(str(c) for c in schema["enum"])
                self._fail(f"{where} must be one of {choices}, not {describe(node)}", node)
            return
        if "type" in schema and not _type_ok(node, schema["type"]):
            self._fail(f"{where} must be {_shape(schema)}, not {describe(node)}", node)
            return
        if isinstance(node, yaml.ScalarNode):
            self._scalar(node, schema, where)
        elif isinstance(node, yaml.SequenceNode):
            if len(node.value) < schema.get("minItems", 0):
                self._fail(f"{where} must list at least {schema['minItems']} value(s)", node)
            for index, item in enumerate(node.value):
                self._check(item, self.resolve(schema.get("items", {})), f"item {index + 1} of {where}")
        elif isinstance(node, yaml.MappingNode):
            self._mapping(node, schema, where)

    def _scalar(self, node: yaml.ScalarNode, schema: dict[str, Any], where: str) -> None:
        value = scalar(node)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                self._fail(f"{where} must be at least {schema['minimum']}, not {node.value}", node)
            if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
                self._fail(f"{where} must be more than {schema['exclusiveMinimum']}, not {node.value}", node)
            if "maximum" in schema and value > schema["maximum"]:
                self._fail(f"{where} must be at most {schema['maximum']}, not {node.value}", node)
        if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
            example = schema.get("examples", [None])[0]
            hint = f" (for example {example!r})" if example else ""
            self._fail(f"{where} is not in the expected form: {value[:80]!r}{hint}", node)

    def _mapping(self, node: yaml.MappingNode, schema: dict[str, Any], where: str) -> None:
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        seen: dict[str, yaml.Node] = {}
        for key_node, value in mapping_items(node):
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(f"a key in {where} must be a plain value, not {describe(key_node)}", key_node)
                continue
            key = key_node.value
            if key in seen:
                first = pos_of(seen[key])
                self._fail(f"key {key!r} is repeated in {where} (first at line {first.line}); YAML keeps only the last",
                           key_node)
            seen[key] = key_node
            if key in properties:
                self._check(value, self.resolve(properties[key]), f"`{key}` in {where}")
                continue
            if extra is False:
                hint = difflib.get_close_matches(key, list(properties), n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f" (expected one of: {', '.join(properties)})"
                self._fail(f"unknown field {key!r} in {where}{suggestion}", key_node)
                continue
            if names and not re.search(names["pattern"], key):
                self._fail(f"{key!r} is not a valid key in {where}", key_node)
                continue
            if isinstance(extra, dict):
                self._check(value, self.resolve(extra), f"{key!r} in {where}")
        for name in schema.get("required", []):
            if name not in seen:
                doc = properties.get(name, {}).get("description", "")
                self._fail(f"{where} is missing its required field `{name}`" + (f" ({doc})" if doc else ""), node)


def _shape(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("type", "object")
    kinds = kind if isinstance(kind, list) else [kind]
    text = " or ".join(_NAMES.get(k, k) for k in kinds)
    if "exclusiveMinimum" in schema:
        text += f" above {schema['exclusiveMinimum']}"
    elif "minimum" in schema and "maximum" in schema:
        text += f" from {schema['minimum']} to {schema['maximum']}"
    elif "minimum" in schema:
        text += f" of at least {schema['minimum']}"
    if kind == "object" and schema.get("required"):
        text += f" with `{'`, `'.join(schema['required'])}`"
    return text
