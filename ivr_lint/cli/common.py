"""What the commands share: error reporting, atomic output files, configuration lookup."""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import NoReturn

from ivr_lint.analysis.recordings import safe_filename  # noqa: F401 - the commands' file names
from ivr_lint.config import Config, ConfigError, find_pyproject, load_config
from ivr_lint.cli import echo
from ivr_lint.exitcodes import ExitCode
from ivr_lint.text.safe import visible

def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Exit with `code` after one error message (control characters shown as escapes)."""
    echo(f"ivr-lint: error: {visible(message)}", err=True)
    sys.exit(int(code))


def collector_paused(command):
    """Run a command with the cyclic garbage collector off (click decorators go above this one).

    A command that loads a large flow keeps every object of it alive to the end; the
    collector's full passes over them grew faster than the flow (half of a 100,000-node
    render). Run as a process (`ENDS_PROCESS`), the collector is not turned back on either:
    the process ends when the command returns."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        import ivr_lint.cli
        from ivr_lint.engine import paused_gc, process_ends_after_run

        if ivr_lint.cli.ENDS_PROCESS:
            process_ends_after_run()
        with paused_gc():
            return command(*args, **kwargs)
    return run


def _file_mode(path: str) -> int:
    """The mode the file has, or the one a new file gets under the current umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# -- inputs are never overwritten -------------------------------------------------------
_INPUTS_KEY = "ivr_lint.inputs"


def _context():
    """The click context of the command under way; None without one (the plain check runs
    without click, and writes no file)."""
    click = sys.modules.get("click")
    return click.get_current_context(silent=True) if click is not None else None


def protect_inputs(paths) -> None:
    """Files this command reads: no output of the same run may replace them (`-o f.yaml` on
    `check f.yaml` would put the report where the flow was). Kept in the click context, so
    each invocation has its own list; directories and '-' are not files and are skipped."""
    ctx = _context()
    if ctx is None:
        return
    inputs = ctx.meta.setdefault(_INPUTS_KEY, {})
    for path in paths:
        if not path or path == "-":
            continue
        path = os.fspath(path)
        try:
            info = os.stat(path)
        except OSError:
            continue
        if not os.path.isdir(path):
            inputs[(info.st_dev, info.st_ino)] = path


def input_at(path: str) -> str | None:
    """The input that `path` would overwrite (same resolved file, hard link included), if any."""
    ctx = _context()
    inputs = ctx.meta.get(_INPUTS_KEY, {}) if ctx is not None else {}
    if not inputs:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return inputs.get((info.st_dev, info.st_ino))


def refuse_input(path: str | None, what: str = "output") -> None:
    """Stop (exit 2) before anything is written when `path` is one of the command's inputs."""
    if not path or path == "-":
        return
    source = input_at(path)
    if source is not None:
        same = "" if os.path.abspath(source) == os.path.abspath(path) else f" (the same file as {source})"
        fail(f"{path}{same} is an input of this command: refusing to write the {what} over it; "
             "choose another file")


# -- writing whole files ----------------------------------------------------------------
#: ".ivr-lint-<host>-<pid>-<random>.tmp": a later run on the same machine removes those
#: whose process is gone (killed with SIGKILL, power cut) from the folders it writes into.
_TEMP_PREFIX = ".ivr-lint-"


@functools.lru_cache(maxsize=None)
def _host() -> str:
    """This machine's short tag in temporary names (socket is imported only when writing)."""
    import hashlib
    import socket

    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


_STALE = re.compile(r"\.ivr-lint-([0-9a-f]{6})-(\d+)-[^/]*\.tmp\Z")
_swept: set[str] = set()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or we cannot tell: leave its file alone
    return True


def remove_stale_temporaries(folder: str) -> int:
    """Delete the temporaries a killed run of this machine left in `folder`; how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        match = _STALE.match(name)
        if match and match.group(1) == _host() and not _alive(int(match.group(2))):
            try:
                os.unlink(os.path.join(folder, name))
                removed += 1
            except OSError:
                pass
    return removed


def write_atomically(path: str, content: str | bytes) -> None:
    """Write the whole file or nothing: a temporary file in the same folder (same file
    system, so the rename is atomic), then rename. Parent folders are created; a path
    that is one of the command's inputs is refused; a SIGTERM or Ctrl-C meanwhile
    removes the temporary on its way out, and a SIGKILL's is removed by the next run."""
    path = os.fspath(path)
    refuse_input(path)
    folder = os.path.dirname(os.path.abspath(path))
    make_folder(folder)
    if folder not in _swept:
        _swept.add(folder)
        remove_stale_temporaries(folder)
    mode = "wb" if isinstance(content, bytes) else "w"
    import tempfile

    try:
        fd, temporary = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{_host()}-{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    try:
        os.chmod(temporary, _file_mode(path))
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            handle.write(content)
        os.replace(temporary, path)
    except OSError as error:
        _unlink(temporary)
        fail(f"cannot write {path}: {error.strerror or error}")
    except BaseException:
        _unlink(temporary)
        raise


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def make_folder(folder: str) -> None:
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        fail(f"cannot create {folder}: {error.strerror or error}")


def resolve_config(config_path: str | None, paths: list[str]) -> Config:
    """--config if given, else the nearest pyproject.toml with [tool.ivr-lint]."""
    try:
        if config_path is None:
            start = next((p for p in paths if p != "-"), ".")
            config_path = find_pyproject(start if os.path.exists(start) else ".")
        config = load_config(config_path)
    except ConfigError as error:
        fail(str(error))
    protect_inputs([config_path])
    return config


def use_language(language: str, start, flows, shown: str) -> None:
    """--language: every flow of the call speaks it where its prompts are given in it (exit 2 when
    the flow called gives none in it)."""
    offered = start.prompt_languages()
    if language not in offered:
        fail(f"--language {language}: {shown} gives its prompts in {', '.join(offered) or start.language} only")
    for each in flows:
        each.use_language(language)
