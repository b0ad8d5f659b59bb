"""Read a flow file's bytes and turn them into text, or say precisely why not.

Problems with the *path* (missing, unreadable, too large) raise `InputError`: the
command cannot check that file at all and exits 2. Problems with the *content*
(binary, bad encoding) are ordinary `syntax-error` findings at the offending byte.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass, field

from ivr_lint.findings import Pos

DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024
STDIN_NAME = "<stdin>"


class InputError(Exception):
    """A path that cannot be read: reported on stderr, exit code 2."""


class ContentError(Exception):
    """Content that is not text: reported as a syntax-error finding."""

    def __init__(self, message: str, pos: Pos):
        super().__init__(message)
        self.pos = pos


@dataclass
class SourceText:
    """A flow file's text and the name findings use for it."""

    name: str
    text: str
    path: str | None = None  # real filesystem path, None for stdin
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def line(self, number: int) -> str:
        """The text of a 1-based line, or '' past the end."""
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""


def read_bytes(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """Read a file (or standard input for '-'), refusing files over `max_size`."""
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
        if len(data) > max_size:
            raise InputError(f"{STDIN_NAME}: input is larger than {_mib(max_size)} (raise --max-file-size)")
        return data
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory")
        if size > max_size:
            raise InputError(
                f"{path}: file is {_mib(size)}, over the {_mib(max_size)} limit "
                "(raise it with --max-file-size or max-file-size in [tool.ivr-lint])"
            )
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)  # devices and growing files report no true size
        if len(data) > max_size:
            raise InputError(f"{path}: more than {_mib(max_size)} to read, over the limit "
                             "(raise it with --max-file-size or max-file-size in [tool.ivr-lint])")
        return data
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse binary content."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ContentError("invalid UTF-16 content", Pos(1, 1)) from None
    nul = data.find(b"\x00")
    if nul != -1:
        raise ContentError("binary content (NUL byte): not a YAML flow file", _byte_pos(data, nul))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            _byte_pos(data, error.start),
        ) from None



def _byte_pos(data: bytes, offset: int) -> Pos:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Pos(data.count(b"\n", 0, offset) + 1, column)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB" if size >= 100 * 1024 else f"{size:,} bytes"
