"""The `ivr-lint` command: a click group whose commands live one per module."""

from __future__ import annotations

import click

from ivr_lint import __version__
from ivr_lint.cli.check import check
from ivr_lint.cli.rules import rule, rules
from ivr_lint.cli.schema import schema


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ivr-lint")
def main() -> None:
    """Check, draw and simulate phone menus (IVR / SVI) described as YAML flows."""


main.add_command(check)
main.add_command(rules)
main.add_command(rule)
main.add_command(schema)
