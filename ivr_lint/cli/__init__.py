"""The `ivr-lint` command: a click group whose commands live one per module.

Commands are imported only when run (click's lazy-loading pattern), so `ivr-lint check`
never pays for graphviz or the speech engine. The group also owns what every command
shares at the edge of the process: exit 2 with a one-line report for an internal error
(never a traceback, which CI would read as exit 1), 130 for Ctrl-C, 128+N for SIGTERM
or SIGHUP after cleaning up, and "did you mean" for a mistyped command.

Run as a process (the `ivr-lint` script, `python -m ivr_lint`: both call the group),
the command ends with `os._exit` once its output is flushed: the interpreter's teardown
(freeing every object of a large flow one by one) cost 0.4 s at 10,000 nodes and
changes nothing a user sees. Tests invoke `main.main()` in-process and are not ended.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import sys

import click

from ivr_lint import __version__
from ivr_lint.exitcodes import ExitCode

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
    "load": "ivr_lint.cli.load:load",
    "diff": "ivr_lint.cli.diff:diff",
    "prompts": "ivr_lint.cli.prompts:prompts",
    "report": "ivr_lint.cli.report:report",
    "server": "ivr_lint.cli.server:server",
}

#: True once the group was called as a process's entry point (not under CliRunner): the
#: process ends when the command returns, so nothing needs to be freed or collected
ENDS_PROCESS = False

#: set to 1 to see the traceback of an internal error
DEBUG_VARIABLE = "IVR_LINT_DEBUG"
_PACKAGE = os.path.dirname(os.path.abspath(__file__)).rsplit(os.sep, 1)[0]


def bug_report_line(error: BaseException) -> str:
    """One line a user can paste in a bug report: type, message, innermost ivr_lint frame, version."""
    import traceback

    where = ""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        filename = os.path.abspath(frame.filename)
        if filename.startswith(_PACKAGE + os.sep):
            relative = os.path.relpath(filename, os.path.dirname(_PACKAGE)).replace(os.sep, "/")
            where = f" at {relative}:{frame.lineno} in {frame.name}"
            break
    message = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"
                      for c in str(error))
    if len(message) > 160:
        message = message[:159] + "…"
    return f"{type(error).__name__}: {message}{where} (ivr-lint {__version__}, Python {sys.version.split()[0]})"


def internal_error(error: BaseException) -> None:
    """Exit 2 with the bug-report line; the traceback only when IVR_LINT_DEBUG is set."""
    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    click.echo(f"ivr-lint: internal error: {bug_report_line(error)}", err=True)
    click.echo(f"This is a bug in ivr-lint, not in your files: please report the line above "
               f"({DEBUG_VARIABLE}=1 prints the traceback).", err=True)
    sys.exit(int(ExitCode.USAGE))


def _terminated(signum, frame) -> None:
    """SIGTERM/SIGHUP: unwind (temporary files are removed on the way out), exit 128+N."""
    signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the cleanup short
    raise SystemExit(128 + signum)


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, target in COMMANDS.items()
                if importlib.util.find_spec(target.split(":")[0]) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.list_commands(ctx):
            return None
        module, attribute = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attribute)

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
        global ENDS_PROCESS
        ENDS_PROCESS = True
        try:
            self.main(*args, **kwargs)
            code = 0
        except SystemExit as exit:
            code = exit.code
        end_process(code)

    def main(self, *args, **kwargs):
        previous = {}
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                previous[number] = signal.signal(number, _terminated)
            except (ValueError, OSError):  # not the main thread (embedded use)
                pass
        try:
            return super().main(*args, **kwargs)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


def end_process(code) -> None:
    """Leave with `code` as `sys.exit` would, without the interpreter's teardown.

    Standard output and error are flushed first; if that fails (a closed pipe), the
    ordinary exit reports it. Every file a command writes is closed before it returns
    (`write_atomically`), so nothing is lost."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code & 0xFF
    else:  # sys.exit("message") prints it and exits 1
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - let the interpreter's own exit report it
        raise SystemExit(code) from None
    os._exit(status)


def suggestion(name: str) -> str:
    """' Did you mean …?' for a mistyped command, as git does, or nothing."""
    import difflib

    commands = list(COMMANDS)
    close = [c for c in commands if c.startswith(name.lower())] if len(name) >= 2 else []
    close += [c for c in difflib.get_close_matches(name.lower(), commands, n=3, cutoff=0.6) if c not in close]
    if not close:
        return " Run 'ivr-lint --help' for the list of commands."
    return f" Did you mean {' or '.join(repr(c) for c in close[:3])}?"


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
