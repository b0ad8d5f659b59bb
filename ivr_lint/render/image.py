"""SVG, PNG and PDF: the DOT source laid out by the system `dot`, through the graphviz package.

The image is produced in memory (`graphviz.pipe`) and the command writes it atomically,
so a failed or interrupted layout never leaves half a file behind.
"""

from __future__ import annotations

import shutil

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
    try:
        import graphviz
    except ImportError:
        raise GraphvizUnavailable(PACKAGE_HINT) from None
    try:
        return graphviz.pipe("dot", fmt, dot_source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizUnavailable(INSTALL_HINT) from None
    except graphviz.CalledProcessError as error:
        detail = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise LayoutError(f"dot failed: {detail[-1] if detail else error}") from None
