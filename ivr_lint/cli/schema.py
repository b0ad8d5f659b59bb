"""`ivr-lint schema`: print the flow format's JSON Schema for editors."""

from __future__ import annotations

import json

import click

from ivr_lint.model.jsonschema import flow_schema


@click.command()
@click.option("--service", is_flag=True, help="The schema of a service.yaml (service identity the flows inherit).")
def schema(service):
    """Print the JSON Schema of flow format v1.

    For VS Code's YAML extension: `ivr-lint schema > flow.schema.json`, then add
    `# yaml-language-server: $schema=flow.schema.json` at the top of your flows.
    """
    if service:
        from ivr_lint.model.service_file import service_schema

        click.echo(json.dumps(service_schema(), ensure_ascii=False, indent=2))
        return
    click.echo(json.dumps(flow_schema(), ensure_ascii=False, indent=2))
