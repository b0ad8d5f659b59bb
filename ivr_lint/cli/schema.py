"""`ivr-lint schema`: print the flow format's JSON Schema for editors."""

from __future__ import annotations

import json

import click

from ivr_lint.model.jsonschema import flow_schema


@click.command()
def schema():
    """Print the JSON Schema of flow format v1.

    For VS Code's YAML extension: `ivr-lint schema > flow.schema.json`, then add
    `# yaml-language-server: $schema=flow.schema.json` at the top of your flows.
    """
    click.echo(json.dumps(flow_schema(), ensure_ascii=False, indent=2))
