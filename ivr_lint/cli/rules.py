"""`ivr-lint rules` lists the rules; `ivr-lint rule NAME` prints one rule's doc."""

from __future__ import annotations

import json

import click

from ivr_lint.cli.common import fail
from ivr_lint.rules import RULES, find_rule


@click.command()
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules(output_format):
    """List every rule: code, name, default severity, summary."""
    if output_format == "json":
        click.echo(json.dumps([{
            "code": r.code, "name": r.name, "severity": r.severity.label, "summary": r.summary,
            "tags": list(r.tags), "source": r.source,
            "options": {o.name: o.default for o in r.options},
        } for r in RULES], ensure_ascii=False, indent=2))
        return
    width = max(len(r.name) for r in RULES)
    for r in RULES:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.label:<7}  {r.summary}")


@click.command()
@click.argument("name")
def rule(name):
    """Print the doc of one rule, by name (dead-end) or code (IVR006)."""
    found = find_rule(name)
    if found is None:
        fail(f"no rule named {name!r} (see `ivr-lint rules`)")
    click.echo(f"# {found.name} ({found.code})\n")
    click.echo(f"Default severity: {found.severity.label}. Tags: {', '.join(found.tags) or '-'}."
               + (f" Source: {found.source}." if found.source else "") + "\n")
    click.echo(found.doc())
    if found.options and "## Options" not in found.doc():
        click.echo("\n## Options")
        for option in found.options:
            click.echo(f"- `{option.name}` (default {option.default!r}): {option.doc}")
