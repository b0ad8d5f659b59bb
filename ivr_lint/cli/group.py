"""The click group behind `ivr-lint`: commands imported when run, errors turned into exit codes.

`ivr_lint.cli.main` builds it on first use; a plain `ivr-lint check FILE...` run as a
process does without it (see `ivr_lint.cli`).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

import ivr_lint.cli
from ivr_lint import __version__
from ivr_lint.cli import COMMANDS, end_process, internal_error, suggestion, unwinding_on_termination


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, target in COMMANDS.items()
                if importlib.util.find_spec(target.split(":")[0]) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.list_commands(ctx):
            return None
        module, attribute = COMMANDS[name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        if ivr_lint.cli.ENDS_PROCESS:
            ivr_lint.cli.imported()
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            ctx.fail(f"No such command '{name}'.{suggestion(name)}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except BrokenPipeError:  # `ivr-lint rules | head`: the reader has all it wants
            raise  # click ends quietly on EPIPE
        except (KeyboardInterrupt, click.Abort):
            click.echo("", err=True)  # end the line after the terminal's ^C
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            internal_error(error)

    def __call__(self, *args, **kwargs):
        """The process's entry point: run the command, flush what it wrote, end at once.

        Only the `ivr-lint` script and `python -m ivr_lint` (no arguments given, they come
        from sys.argv) end the process; a program calling `main([...])` gets click's usual
        behaviour and goes on after it.
        """
        if args or kwargs.get("args") is not None or kwargs.get("standalone_mode") is False:
            return super().__call__(*args, **kwargs)
        ivr_lint.cli.ENDS_PROCESS = True
        try:
            self.main(*args, **kwargs)
            code = 0
        except SystemExit as exit:
            code = exit.code
        end_process(code)

    def main(self, *args, **kwargs):
        with unwinding_on_termination():
            return super().main(*args, **kwargs)


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ivr-lint")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check, draw and simulate phone menus (IVR / SVI) described as YAML flows.

    Exit codes: 0 clean, 1 findings (or a failed journey, a looping call), 2 usage error,
    bad input or internal error, 130 interrupted (Ctrl-C).
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)
