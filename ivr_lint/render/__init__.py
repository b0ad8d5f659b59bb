"""Call-flow diagrams: one model of what to draw, one module per output.

    model.py    what a diagram shows (nodes, edges, clusters, scenario greying, lint marks)
    style.py    shapes, colours and line styles per node type and edge kind, for every output;
                the words drawn, in English (the default) and French (`RenderOptions.lang`)
    dot.py      Graphviz DOT source (also the input of svg/png/pdf)
    image.py    svg/png/pdf through the graphviz package and the system `dot`
    mermaid.py  Mermaid flowchart for Markdown docs
    text.py     the call tree in a terminal

Only `image.py` needs Graphviz installed; `dot`, `mermaid` and `text` are pure Python.
"""

from __future__ import annotations

from ivr_lint.render.model import Diagram, RenderOptions, build_diagram

#: every output format, and the file extension each is written with
FORMATS = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd", "text": ".txt"}
#: formats that need the system `dot` program
IMAGE_FORMATS = ("svg", "png", "pdf")
#: file extension -> format, for `-o diagram.svg`
EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid",
              ".mermaid": "mermaid", ".txt": "text"}

__all__ = ["Diagram", "RenderOptions", "build_diagram", "render", "FORMATS", "IMAGE_FORMATS", "EXTENSIONS"]


def render(diagram: Diagram, fmt: str, ascii: bool = False) -> str | bytes:
    """The diagram in one format: text for dot/mermaid/text/svg... bytes for png and pdf."""
    if fmt == "text":
        from ivr_lint.render.text import to_text

        return to_text(diagram, ascii=ascii)
    if fmt == "mermaid":
        from ivr_lint.render.mermaid import to_mermaid

        return to_mermaid(diagram)
    from ivr_lint.render.dot import to_dot

    source = to_dot(diagram)
    if fmt == "dot":
        return source
    from ivr_lint.render.image import render_image

    data = render_image(source, fmt)
    return data.decode("utf-8") if fmt == "svg" else data
