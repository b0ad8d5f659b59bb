"""What the commands share: error reporting, atomic output files, configuration lookup."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from typing import NoReturn

import click

from ivr_lint.config import Config, ConfigError, find_pyproject, load_config
from ivr_lint.exitcodes import ExitCode


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    click.echo(f"ivr-lint: error: {message}", err=True)
    sys.exit(int(code))


def _file_mode(path: str) -> int:
    """The mode the file has, or the one a new file gets under the current umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: str, content: str | bytes) -> None:
    """Write the whole file or nothing: a temporary file in the same folder, then rename."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = "wb" if isinstance(content, bytes) else "w"
    try:
        fd, temporary = tempfile.mkstemp(prefix=".ivr-lint-", dir=folder)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    try:
        os.chmod(temporary, _file_mode(path))
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            handle.write(content)
        os.replace(temporary, path)
    except OSError as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        fail(f"cannot write {path}: {error.strerror or error}")
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_filename(name: str, taken: set[str] | None = None) -> str:
    """A file name made from a node id that stays inside its folder: no separators, no
    leading dot, unique among `taken` (which it updates)."""
    base = _UNSAFE.sub("_", name).lstrip(".") or "node"
    candidate, n = base, 2
    while taken is not None and candidate.lower() in taken:
        candidate, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(candidate.lower())
    return candidate


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
        return load_config(config_path)
    except ConfigError as error:
        fail(str(error))
