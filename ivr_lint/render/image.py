"""SVG, PNG and PDF: the DOT source laid out by the system `dot`, through the graphviz package.

The image is produced in memory (`dot` reads the source on its standard input and writes
the image on its output) and the command writes it atomically, so a failed or
interrupted layout never leaves half a file behind. `dot` runs in its own process group
and ends with ivr-lint: on Ctrl-C, SIGTERM or any error the group is killed, and on Linux
the kernel kills it too if ivr-lint itself is killed (SIGKILL), so no layout outlives the
command that asked for it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

INSTALL_HINT = ("the Graphviz `dot` program is needed for svg, png and pdf; install Graphviz "
                "(Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz; "
                "macOS: brew install graphviz). "
                "The formats dot, mermaid and text work without it.")
PACKAGE_HINT = ("the graphviz Python package is needed for svg, png and pdf (pip install graphviz). "
                "The formats dot, mermaid and text work without it.")


class GraphvizUnavailable(Exception):
    """Graphviz (the program or the Python package) is not installed."""


class LayoutError(Exception):
    """`dot` ran and failed."""


def check_graphviz() -> None:
    """Fail early, before anything is drawn, when svg/png/pdf cannot be produced."""
    try:
        import graphviz  # noqa: F401
    except ImportError:
        raise GraphvizUnavailable(PACKAGE_HINT) from None
    if shutil.which("dot") is None:
        raise GraphvizUnavailable(INSTALL_HINT)


def render_image(dot_source: str, fmt: str) -> bytes:
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizUnavailable(INSTALL_HINT)
    try:
        process = subprocess.Popen([dot, f"-T{fmt}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True,
                                   preexec_fn=_dies_with_parent())
    except OSError as error:
        raise GraphvizUnavailable(f"cannot run {dot}: {error.strerror or error}. {INSTALL_HINT}") from None
    try:
        output, errors = process.communicate(dot_source.encode("utf-8"))
    except BaseException:  # Ctrl-C, SIGTERM (raised as SystemExit), a broken pipe...
        end_group(process)
        raise
    if process.returncode != 0:
        detail = errors.decode("utf-8", "replace").strip().splitlines()
        raise LayoutError(f"dot failed: {detail[-1] if detail else f'exit status {process.returncode}'}")
    return output


def end_group(process: subprocess.Popen) -> None:
    """Kill the process group `process` leads (it has its own session) and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        process.wait(timeout=5)
    except (subprocess.TimeoutExpired, OSError):
        pass


_PR_SET_PDEATHSIG = 1


def _dies_with_parent():
    """On Linux, a function run in the child before `exec` that asks the kernel to SIGKILL it
    when ivr-lint dies (even by SIGKILL, which no handler sees); elsewhere None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def in_child() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request: go now
            os.kill(os.getpid(), signal.SIGKILL)

    return in_child
