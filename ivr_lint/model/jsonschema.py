"""The JSON Schema of flow format v1, generated from the model's field metadata.

Editors with a YAML language server use it to complete and validate flows; it is
derived from the same declarations the builder validates with, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

from ivr_lint.model import flow as m

SCHEMA_ID = "https://ivr-lint.invalid/schemas/flow-v1.json"
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)"
_DAYS_KEY = rf"^{_DAY}(-{_DAY})?(\s*,\s*{_DAY}(-{_DAY})?)*$"
_LANGUAGE = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
_RANGE = r"^\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*$"

_KINDS: dict[str, dict[str, Any]] = {
    "text": {"type": ["string", "null"]},
    "name": {"type": "string"},
    "target": {"type": "string", "description": "A node id of this flow."},
    "flowpath": {"type": "string"},
    "schedule": {"type": "string"},
    "phone": {"type": ["string", "integer", "null"]},
    "tariff": {"enum": [*m.TARIFFS, None]},
    "bool": {"type": "boolean"},
    "seconds": {"type": "number"},
    "retries": {"type": "integer"},
    "prompt": {"oneOf": [
        {"type": "string"}, {"type": "array", "items": {"type": "string"}},
        {"type": "object", "minProperties": 1, "propertyNames": {"pattern": _LANGUAGE},
         "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
         "description": "The prompt per language: {fr-FR: \"...\", en-GB: \"...\"}."},
    ]},
    "cases": {"type": "object", "additionalProperties": {"type": "string"}},
    "timezone": {"type": "string", "examples": ["Europe/Paris", "Europe/London"]},
    "calendar": {"type": ["string", "null", "boolean"], "examples": ["FR", "FR-57", "GB"]},
    "dates": {"type": "array", "items": {"type": "string", "format": "date"}},
    "weekly": {
        "type": "object",
        "propertyNames": {"pattern": _DAYS_KEY},
        "additionalProperties": {"oneOf": [
            {"type": "array", "items": {"type": "string", "pattern": _RANGE}},
            {"type": "string", "pattern": _RANGE},
        ]},
    },
    "words": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}
_KINDS["options"] = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": {"oneOf": [
        {"type": "string"},
        {"type": "object", "additionalProperties": False, "properties": {
            name: {**_KINDS[f.metadata["kind"]], "description": f.metadata["doc"]}
            for name, f in m.format_fields(m.MenuOption).items()}},
    ]},
}


def _digits(maximum: int) -> dict[str, Any]:
    """A count of digits, or {min, max}: the bounds the builder applies."""
    return {"oneOf": [
        {"type": "integer", "minimum": 1, "maximum": maximum},
        {"type": "object", "properties": {"min": {"type": "integer", "minimum": 0, "maximum": maximum},
                                          "max": {"type": "integer", "minimum": 1, "maximum": maximum}},
         "additionalProperties": False},
    ]}


def _property(meta: dict[str, Any]) -> dict[str, Any]:
    kind = meta["kind"]
    if kind == "digits":
        return {**_digits(meta["maximum"]), "description": meta["doc"]}
    bounds = {key: meta[key] for key in ("minimum", "maximum") if key in meta}
    return {**_KINDS[kind], **bounds, "description": meta["doc"]}


def _object(cls: type, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    fields = m.format_fields(cls)
    properties = dict(extra or {})
    for name, f in fields.items():
        properties[name] = _property(f.metadata)
    required = [name for name, f in fields.items() if f.metadata["required"]]
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def flow_schema() -> dict[str, Any]:
    nodes = []
    for type_name, cls in m.NODE_TYPES.items():
        node = _object(cls, {"type": {"const": type_name, "description": cls.SUMMARY}})
        node["required"] = ["type", *node.get("required", [])]
        node["title"] = f"{type_name} node"
        nodes.append(node)
    schedule = _object(m.Schedule)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ivr-lint flow (format version 1)",
        "description": "A phone menu (IVR / SVI) as a graph of nodes.",
        "type": "object",
        "required": ["ivr", "start", "nodes"],
        "additionalProperties": False,
        "properties": {
            "ivr": {"const": m.FORMAT_VERSION, "description": "Format version."},
            "id": {"type": "string"},
            "name": {"type": "string"},
            "language": {"type": "string", "default": m.DEFAULT_LANGUAGE, "examples": ["fr-FR", "en-GB"]},
            "languages": {"type": "array", "items": {"type": "string", "pattern": _LANGUAGE}, "uniqueItems": True,
                          "description": "The languages prompts are given in (missing-translation checks each "
                                         "prompt has them all); the first is the default `language`."},
            "kind": {"enum": list(m.FLOW_KINDS), "default": "inbound",
                     "description": "What calls run this flow: callers dialling in, callers waiting in a queue, "
                                    "or calls the service makes. Rules about the caller's way in apply to inbound."},
            "service": _object(m.Service),
            "hours": {"$ref": "#/$defs/schedule"},
            "schedules": {"type": "object", "additionalProperties": {"$ref": "#/$defs/schedule"}},
            "defaults": _object(m.Defaults),
            "start": {"type": "string", "description": "Id of the first node."},
            "nodes": {"type": "object", "additionalProperties": {"$ref": "#/$defs/node"}},
        },
        "$defs": {"schedule": schedule, "node": {"oneOf": nodes}},
    }
