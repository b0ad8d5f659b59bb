"""The `ivr-lint` command: a click group whose commands live one per module.

Commands are imported only when run (click's lazy-loading pattern), so `ivr-lint check`
never pays for graphviz or the speech engine.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from ivr_lint import __version__

#: command name -> "module:attribute"
COMMANDS = {
    "check": "ivr_lint.cli.check:check",
    "rules": "ivr_lint.cli.rules:rules",
    "rule": "ivr_lint.cli.rules:rule",
    "schema": "ivr_lint.cli.schema:schema",
    "render": "ivr_lint.cli.render:render",
    "simulate": "ivr_lint.cli.simulate:simulate",
    "test": "ivr_lint.cli.journeys:test",
    "journeys": "ivr_lint.cli.journeys:journeys",
    "audio": "ivr_lint.cli.audio:audio",
    "import": "ivr_lint.cli.importer:import_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, target in COMMANDS.items()
                if importlib.util.find_spec(target.split(":")[0]) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.list_commands(ctx):
            return None
        module, attribute = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ivr-lint")
def main() -> None:
    """Check, draw and simulate phone menus (IVR / SVI) described as YAML flows."""
