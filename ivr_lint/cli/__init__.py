"""The `ivr-lint` command: a click group whose commands live one per module.

Commands are imported only when run (click's lazy-loading pattern), so `ivr-lint check`
never pays for graphviz or the speech engine. The group also owns what every command
shares at the edge of the process: exit 2 with a one-line report for an internal error
(never a traceback, which CI would read as exit 1), 130 for Ctrl-C, 128+N for SIGTERM
or SIGHUP after cleaning up, and "did you mean" for a mistyped command.

Run as a process (the `ivr-lint` script, `python -m ivr_lint`: both call `main`), the
command ends with `os._exit` once its output is flushed: the interpreter's teardown
(freeing every object of a large flow one by one) cost 0.4 s at 10,000 nodes and
changes nothing a user sees. Tests invoke `main.main()` in-process and are not ended.

`main` stands for the click group (`ivr_lint.cli.group`), built on first use. The
commonest call, `ivr-lint check FILE...` with no option (a pre-commit hook's), is run
without importing click at all, a third of a small check's start-up: the same function
with the defaults click would give, the same streams, exit codes and error lines.
Anything else (an option, '-', --help, shell completion, Windows) goes through click.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from ivr_lint import __version__
from ivr_lint.exitcodes import ExitCode

#: command name -> "module:attribute"
COMMANDS = {
    "check": "ivr_lint.cli.check:command",
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


def echo(message: str, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """`click.echo` of a text, and the same without click where it is not loaded (the plain
    check, whose streams are then ones click would write to as they are): colour codes
    stripped unless `color` (None: on a terminal), the stream flushed."""
    click = sys.modules.get("click")
    if click is not None:
        click.echo(message, err=err, nl=nl, color=color)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = message + "\n" if nl else message
    if out and "\033" in out and (not _isatty(stream) if color is None else not color):
        import re

        out = re.sub(r"\033\[[0-?]*[ -/]*[@-~]", "", out)  # click's own pattern
    if out:
        stream.write(out)
    stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:  # noqa: BLE001 - as click: a stream that cannot tell is no terminal
        return False


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
    echo(f"ivr-lint: internal error: {bug_report_line(error)}", err=True)
    echo(f"This is a bug in ivr-lint, not in your files: please report the line above "
         f"({DEBUG_VARIABLE}=1 prints the traceback).", err=True)
    sys.exit(int(ExitCode.USAGE))


def _terminated(signum, frame) -> None:
    """SIGTERM/SIGHUP: unwind (temporary files are removed on the way out), exit 128+N."""
    signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the cleanup short
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def unwinding_on_termination():
    """While the command runs, SIGTERM and SIGHUP unwind it (`_terminated`); the handlers
    that were there before come back afterwards (ivr-lint called from a program)."""
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
        yield
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
    keep_compiled()
    os._exit(status)


def keep_compiled() -> None:
    """Store the patterns this process compiled for the next one, as an atexit would,
    which `os._exit` skips."""
    try:
        lazy = sys.modules.get("ivr_lint.text._lazy")
        if lazy is not None:
            lazy.keep_imports()
    except Exception:  # noqa: BLE001 - a store not written is compiled again next time, nothing else
        pass


def seed_patterns() -> None:
    """Before a command is imported: the patterns its imports compile, from the store
    (`ivr_lint.text._lazy`)."""
    from ivr_lint.text import _lazy

    _lazy.seed_imports()


def imported() -> None:
    """The command's modules are imported: note the patterns they compiled (to store them)."""
    lazy = sys.modules.get("ivr_lint.text._lazy")
    if lazy is not None:
        lazy.note_imports()


def suggestion(name: str) -> str:
    """' Did you mean …?' for a mistyped command, as git does, or nothing."""
    import difflib

    commands = list(COMMANDS)
    close = [c for c in commands if c.startswith(name.lower())] if len(name) >= 2 else []
    close += [c for c in difflib.get_close_matches(name.lower(), commands, n=3, cutoff=0.6) if c not in close]
    if not close:
        return " Run 'ivr-lint --help' for the list of commands."
    return f" Did you mean {' or '.join(repr(c) for c in close[:3])}?"


class _Main:
    """`ivr_lint.cli.main`: the click group, built when first used. Called as the process's
    entry point with a plain `check FILE...`, it checks without it."""

    def __call__(self, *args, **kwargs):
        if not args and set(kwargs) <= {"prog_name"}:
            seed_patterns()
            paths = plain_check_paths(sys.argv[1:])
            if paths is not None:
                end_process(_plain_check(paths))
        return click_group()(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(click_group(), name)

    def __repr__(self) -> str:
        return "<ivr-lint command group>"


def click_group():
    """The click group (importing click)."""
    from ivr_lint.cli.group import main as built

    return built


main = _Main()


def plain_check_paths(args: list[str]) -> list[str] | None:
    """The paths of `check PATH...` when that is all the command line says, else None.

    None also when click would do something else first: shell completion asked for by
    its `_..._COMPLETE` variable, arguments expanded on Windows, or a standard stream click
    would rewrap (not a text file, or ASCII: it then writes UTF-8)."""
    if len(args) < 2 or args[0] != "check" or os.name == "nt":
        return None
    paths = args[1:]
    if any(path.startswith("-") for path in paths):  # an option, '--', or '-' for standard input
        return None
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    if not all(_plain_stream(stream) for stream in (sys.stdout, sys.stderr)):
        return None
    return paths


def _plain_stream(stream) -> bool:
    import codecs
    import io

    if not isinstance(stream, io.TextIOWrapper) or not stream.encoding or not stream.errors:
        return False
    try:
        return codecs.lookup(stream.encoding).name != "ascii"
    except LookupError:
        return True


def _plain_check(paths: list[str]):
    """Run `check PATHS` as the group would, without click; the exit code it leaves with.

    The cyclic collector is off from the start: the check runs without it anyway, and the
    process ends when it returns; on, it made some thirty passes over the modules as they
    were imported."""
    global ENDS_PROCESS
    ENDS_PROCESS = True
    import gc

    gc.disable()
    with unwinding_on_termination():
        return _run_plain_check(paths)


def _run_plain_check(paths: list[str]):
    try:
        try:
            from ivr_lint.cli.check import check
        except KeyboardInterrupt:  # while the command is found, click says:
            echo("", err=True)
            echo("Aborted!", err=True)
            sys.exit(1)
        imported()
        try:
            check(tuple(paths), output_format="text", output=None, select=(), ignore=(), preset=None,
                  fail_on=None, config_path=None, stdin_filename=None, max_file_size=None,
                  measure_audio=False, only_flows=False, color=None, jobs=None, verbose=False)
        except BrokenPipeError:  # the reader has all it wants: click ends quietly, exit 1
            from click.utils import _PacifyFlushWrapper

            sys.stdout = _PacifyFlushWrapper(sys.stdout)
            sys.stderr = _PacifyFlushWrapper(sys.stderr)
            sys.exit(1)
        except KeyboardInterrupt:
            echo("", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            internal_error(error)
        return 0
    except SystemExit as exit:
        return exit.code


