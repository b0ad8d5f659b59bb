"""The diagram as Graphviz DOT source: the input of `dot` for SVG, PNG and PDF, and a format of its own.

Written by hand rather than through the graphviz package so that `--format dot` needs
nothing installed and the golden files do not change with that package's quoting. Every
string is quoted, node statements come in file order, then clusters, then edges.

Choices that keep flows legible: top-down while the call tree is narrow enough, each node's
edges in the order written (`ordering=out`) and its first edge one level down held straight
(`edge_weights`), so that a call tree reads from the top left, key 1 before key 2; short
lines of text in nodes and on edges, so that a README-width picture of a 15-node flow stays
readable; left-to-right ranks and one cluster per branch for large flows; edges painted
under nodes; and `class` attributes so SVG consumers (and the tests) can find nodes by
type, greyed parts and lint marks.

User text never reaches `dot` unquoted: only the HTML-like labels built here (`Html`) are,
with every piece escaped; control characters are shown as escapes and lengths bounded
(`dot` refuses any string over 16 KiB).
"""

from __future__ import annotations

import hashlib
import re

from ivr_lint.render.model import Diagram, DrawEdge, DrawNode, duration, wrap
from ivr_lint.render.style import (CHANGE_COLORS, EDGE_STYLES, ENGLISH, FONT, LINT_COLORS, LINT_SYMBOLS, MISSING,
                                   MUTED_TEXT, OFF_BORDER, OFF_EDGE, OFF_FILL, OFF_TEXT, TEXT_COLOR, Words,
                                   node_style)
from ivr_lint.text.safe import clip, has_unsafe, visible

CALL_NODE = "__call__"


#: how much of one line of user text a label shows (characters); `dot` refuses any string over
#: 16 KiB, so every label and tooltip is bounded, whatever the flow holds
LINE_CHARS = 160
#: how much of a tooltip is kept (characters; at most 5 bytes each once escaped)
TOOLTIP_CHARS = 2400
#: node keys longer than this are written as a shortened, hashed DOT id
ID_CHARS = 160
#: file-level findings listed in the header; the rest are counted
MAX_NOTES = 8
#: edge labels are wrapped at this width (characters), as excerpts are (model.wrap)
EDGE_LABEL_CHARS = 18


class Html(str):
    """An HTML-like label built here, from escaped pieces: the only text written unquoted."""


def line(text: str, limit: int = LINE_CHARS) -> str:
    """User text shown on one line of a label: whitespace collapsed, control characters
    visible (`dot` and SVG readers refuse them; a NUL ends `dot`'s string), length bounded."""
    return clip(visible(" ".join(text.split())), limit)


def dot_id(key: str) -> str:
    """The quoted DOT id of a node key: the key itself, or, when it is long or holds control
    characters, a readable start and a hash that keeps it unique."""
    if len(key) <= ID_CHARS and not has_unsafe(key):
        return quote(key)
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return quote(f"{visible(key)[:ID_CHARS - 20]}…{digest}")


def quote(text: str) -> str:
    """A DOT double-quoted string whose escapes (\\n) still work in escString attributes.
    `dot` copies an entity reference (`&#x1b;`, `&lt;`) of a quoted string as it is into SVG,
    where `&#x1b;` is not well-formed XML: every `&` is written `&amp;`, which it decodes."""
    return '"' + text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def html(text: str) -> str:
    """Text inside an HTML-like label. `dot` reads \\N in label text as the node's name (and \\G...),
    even written &#92;N: a zero-width space after each backslash keeps the text as written.
    Its HTML lexer also refuses a text that is only `]` or `]]`: those are written &#93;."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("]", "&#93;").replace("\\", "\\\u200b"))


#: attributes holding free text, where `dot` substitutes \N, \G... (twice over, for tooltips in 2.43)
_TEXT_ATTRIBUTES = {"label", "tooltip", "labeltooltip"}


def attrs(**values: str | float | None) -> str:
    """An attribute list. Every value is quoted and escaped, but the `Html` labels built here."""
    parts = []
    for name, value in values.items():
        if value is None or value == "":
            continue
        if isinstance(value, Html):
            parts.append(f"{name}=<{value}>")
        elif isinstance(value, float):
            parts.append(f'{name}="{value:g}"')
        elif name in _TEXT_ATTRIBUTES:
            text = visible(str(value))
            if name != "label":
                text = clip(text, TOOLTIP_CHARS)
            parts.append(f"{name}={quote(text.replace(chr(92), chr(92) + chr(0x200B)))}")
        else:
            parts.append(f"{name}={quote(visible(str(value)))}")
    return "[" + ", ".join(parts) + "]"


def _font(text: str, size: int | None = None, color: str | None = None, bold: bool = False,
          italic: bool = False) -> str:
    out = html(line(text)) or " "  # an empty <B></B> or <FONT></FONT> is a syntax error for `dot`
    if bold:
        out = f"<B>{out}</B>"
    if italic:
        out = f"<I>{out}</I>"
    settings = (f' POINT-SIZE="{size}"' if size else "") + (f' COLOR="{color}"' if color else "")
    return f"<FONT{settings}>{out}</FONT>" if settings else out


def node_label(node: DrawNode, said: Words = ENGLISH) -> str:
    """id, label, first words of the prompt, type/detail/duration, lint rules: one line each."""
    ink = TEXT_COLOR if node.active else OFF_TEXT
    muted = MUTED_TEXT if node.active else OFF_TEXT
    lines = [_font(node.id, 11, ink, bold=True)]
    if node.missing:
        lines.append(_font(said("missing"), 9, LINT_COLORS["error"]))
    if node.label:
        lines.append(_font(node.label, 10, ink, italic=True))
    if node.excerpt:
        lines += [_font(part, 9, ink) for part in wrap(f"“{node.excerpt}”")]
    facts = " · ".join(part for part in (node.kind_in(said), node.detail,
                                          duration(node.seconds)) if part)
    if facts:
        lines.append(_font(facts, 8, muted))
    if node.marked:
        severity = node.worst.label
        rules = ", ".join(dict.fromkeys(m.rule for m in node.marks if m.severity >= node.worst))
        lines.append(_font(f"{LINT_SYMBOLS[severity]} {rules}", 9, LINT_COLORS[severity] if node.active else OFF_TEXT,
                           bold=True))
    return Html("<BR/>".join(lines))


_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def node_statement(node: DrawNode, said: Words = ENGLISH) -> str:
    style = MISSING if node.missing else node_style(node.type)
    classes = ["ivr-node", "type-" + _CLASS_UNSAFE.sub("_", node.type)[:40]]
    extra = dict(part.split("=", 1) for part in style.extra.split()) if style.extra else {}
    extra = {name: value.strip('"') for name, value in extra.items()}
    fill, border = style.fill, style.border
    penwidth = float(extra.pop("penwidth", 1.2))
    if not node.active:
        classes.append("off")
        fill, border = OFF_FILL, OFF_BORDER
    if node.marked:
        classes.append(f"lint-{node.worst.label}")
        border = LINT_COLORS[node.worst.label] if node.active else border
        penwidth = 3.0
    if node.start:
        classes.append("start")
    shape_style = extra.pop("style", "filled")
    if node.change:
        classes.append(f"change-{node.change}")
        border, penwidth = CHANGE_COLORS[node.change], 3.0
        if node.change == "removed":
            fill, shape_style = "#FFFFFF", "filled,dashed"
    return f"  {dot_id(node.key)} " + attrs(
        shape=style.shape, style=shape_style, fillcolor=fill, color=border, penwidth=penwidth,
        peripheries=extra.pop("peripheries", None), margin=extra.pop("margin", None), label=node_label(node, said),
        tooltip=node.tooltip_in(said), **{"class": " ".join(classes)}) + ";"


def ref_key(edge: DrawEdge) -> str:
    return f"ref:{edge.source}->{edge.target}"


def ref_statement(edge: DrawEdge, target: DrawNode, said: Words = ENGLISH) -> str:
    """A small stand-in for a much-shared node, next to the node that leads there."""
    style = MISSING if target.missing else node_style(target.type)
    active = edge.active and target.active
    return f"  {dot_id(ref_key(edge))} " + attrs(
        shape="box", style="rounded,filled,dashed", fillcolor=style.fill if active else OFF_FILL,
        color=style.border if active else OFF_BORDER, fontcolor=TEXT_COLOR if active else OFF_TEXT, fontsize="9",
        height=0.25, margin="0.08,0.02", label=line(f"↪ {target.id}"),
        tooltip=said("drawn_once", node=target.id), **{"class": "ivr-ref"}) + ";"


#: edge styles that carry the call forward: the first of these out of a node is the spine of the tree
SPINE_STYLES = ("key", "next", "case", "open", "goto")
#: how much more `dot` keeps a spine edge straight and short than the others
SPINE_WEIGHT = 8


def edge_weights(diagram: Diagram) -> dict[int, int]:
    """id(edge) -> weight. Each node's first edge (in the node's order: key 1 before key 2)
    that goes one level deeper is its spine: held vertical, these make the call tree hang
    from its start down the left, with the other choices to the right, in order. A node
    that many lead to (the "anything else?" menu) is held by one of them only."""
    weights: dict[int, int] = {}
    sources: set[str] = set()
    targets: set[str] = set()   # one spine edge into a node: the nodes many lead to do not pull
    nodes = diagram.nodes
    for edge in diagram.edges:
        if edge.ref or edge.style not in SPINE_STYLES or edge.source in sources or edge.target in targets \
                or nodes[edge.target].level != nodes[edge.source].level + 1:
            continue
        sources.add(edge.source)
        targets.add(edge.target)
        weights[id(edge)] = SPINE_WEIGHT
    return weights


def edge_statement(edge: DrawEdge, nodes: dict[str, DrawNode], weight: int | None = None,
                   said: Words = ENGLISH) -> str:
    look = EDGE_STYLES[edge.style]
    color = look.color if edge.active else OFF_EDGE
    classes = ["ivr-edge", f"edge-{edge.style}"] + ([] if edge.active else ["off"])
    line_style, width = look.style, look.width
    if edge.change:
        color, width = CHANGE_COLORS[edge.change], look.width + 1.0
        classes.append(f"change-{edge.change}")
        line_style = "dashed" if edge.change == "removed" else line_style
    source, target = nodes[edge.source], nodes[edge.target]
    tip = said("edge_tip", source=source.id, target=target.id, label=edge.label) if edge.label \
        else f"{source.id} → {target.id}"
    head = dot_id(ref_key(edge)) if edge.ref else dot_id(edge.target)
    return f"  {dot_id(edge.source)} -> {head} " + attrs(
        label="\n".join(wrap(line(edge.label), EDGE_LABEL_CHARS)), color=color, fontcolor=color if edge.active else OFF_TEXT, style=line_style,
        penwidth=width, weight=weight, tooltip=tip, labeltooltip=tip,
        **{"class": " ".join(classes)}) + ";"


#: legend entries per row in the header
LEGEND_COLUMNS = 4


def legend_label(diagram: Diagram) -> str:
    """The legend as a table in the header: node types, then edge kinds, then overlay marks.

    It lives in the graph label rather than in a node so that it never takes part in the
    layout (an unconnected legend node lands wherever `dot` packs it)."""
    said = diagram.words
    sections: list[list[tuple[str, str]]] = [[], [], []]
    for node_type in diagram.node_types():
        style = node_style(node_type)
        sections[0].append((f'<TD BGCOLOR="{style.fill}" BORDER="1" COLOR="{style.border}" WIDTH="26"> </TD>',
                            said.legend_name(node_type)))
    for name in diagram.edge_styles():
        look = EDGE_STYLES[name]
        sections[1].append((f'<TD><FONT COLOR="{look.color}">{html(look.sample)}</FONT></TD>', said("edge." + name)))
    if diagram.options.scenario is not None:
        sections[2].append((f'<TD BGCOLOR="{OFF_FILL}" BORDER="1" COLOR="{OFF_BORDER}"> </TD>',
                            said("legend.not_met", scenario=said.scenario(diagram.options.scenario))))
    if diagram.options.lint:
        for severity in ("error", "warning"):
            sections[2].append((f'<TD BORDER="2" COLOR="{LINT_COLORS[severity]}">'
                                f'<FONT COLOR="{LINT_COLORS[severity]}">{LINT_SYMBOLS[severity]}</FONT></TD>',
                                said("legend.lint", severity=said(severity))))
    if any(edge.ref for edge in diagram.edges):
        sections[2].append(('<TD BORDER="1" STYLE="dashed" COLOR="#9E9E9E"><FONT POINT-SIZE="8">↪</FONT></TD>',
                            said("legend.shared")))
    rows = []
    for entries in sections:
        for start in range(0, len(entries), LEGEND_COLUMNS):
            cells = "".join(f'{cell}<TD ALIGN="LEFT">{_font(text, 9, MUTED_TEXT)}</TD>'
                            for cell, text in entries[start:start + LEGEND_COLUMNS])
            rows.append(f"<TR>{cells}</TR>")
    return ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">' + "".join(rows) + "</TABLE>")


def title_label(diagram: Diagram) -> str:
    lines = [_font(diagram.title, 15, TEXT_COLOR, bold=True), _font(diagram.subtitle, 10, MUTED_TEXT)]
    notes = diagram.notes if len(diagram.notes) <= MAX_NOTES else diagram.notes[:MAX_NOTES - 1]
    lines += [_font(note.text, 9, LINT_COLORS[note.severity.label]) for note in notes]
    if len(notes) < len(diagram.notes):
        lines.append(_font(diagram.words("more_notes", n=len(diagram.notes) - len(notes)), 9, MUTED_TEXT))
    rows = [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{"<BR/>".join(lines)}</TD></TR>']
    if diagram.options.legend:
        rows.append(f'<TR><TD ALIGN="LEFT">{legend_label(diagram)}</TD></TR>')
    return Html('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(rows) + "</TABLE>")


def _cluster(key: str, label: str, body: list[str], indent: str, fill: str, border: str,
             active: bool = True) -> list[str]:
    head = f"{indent}subgraph {dot_id('cluster_' + key)} {{"
    title = Html(_font(label, 10, MUTED_TEXT if active else OFF_TEXT, bold=True))
    settings = f"{indent}  graph " + attrs(label=title, style="rounded,filled", fillcolor=fill, color=border,
                                           labeljust="l", margin="14", tooltip=label) + ";"
    return [head, settings, *body, f"{indent}}}"]


def to_dot(diagram: Diagram) -> str:
    # without clusters, `dot` keeps each node's edges in the order written: key 1 left of key 2
    ordering = None if diagram.groups or diagram.followed else "out"
    out = [f"digraph {dot_id(diagram.flows[0].key)} {{",
           "  graph " + attrs(rankdir=diagram.direction, ordering=ordering, newrank="true", fontname=FONT, label=title_label(diagram),
                              labelloc="t", labeljust="l", nodesep=0.25, ranksep=0.45, pad=0.3, bgcolor="white",
                              outputorder="edgesfirst", tooltip=diagram.title) + ";",
           "  node " + attrs(fontname=FONT, fontsize="10", margin="0.12,0.05") + ";",
           "  edge " + attrs(fontname=FONT, fontsize="9", arrowsize=0.7) + ";"]
    nodes = diagram.nodes
    if diagram.starts():
        out.append(f"  {quote(CALL_NODE)} " + attrs(shape="circle", style="filled", fillcolor="#37474F",
                                                    color="#37474F",
                                                    fontcolor="white", fontsize="14", label="☎", width=0.4,
                                                    fixedsize="true", tooltip=diagram.words("incoming_call"),
                                                    **{"class": "ivr-call"}) + ";")
    said = diagram.words
    out += [node_statement(node, said) for node in nodes.values()]
    refs = {ref_key(e): e for e in diagram.edges if e.ref}
    out += [ref_statement(edge, nodes[edge.target], said) for edge in refs.values()]
    # clusters: flows when several are drawn (--follow), branches inside them; a reference
    # stub sits in the cluster of the node that leads to it
    homes = {key: nodes[edge.source] for key, edge in refs.items()}
    refs_in: dict[str | None, list[str]] = {}   # group key -> the references it holds (one pass, not per group)
    for key, home in homes.items():
        refs_in.setdefault(home.group, []).append(key)
    by_flow: dict[str, list[str]] = {}
    indent = "    " if diagram.followed else "  "
    for group in diagram.groups:
        members = group.members + refs_in.get(group.key, [])
        by_flow.setdefault(group.flow, []).extend(
            _cluster(group.key, group.label, [f"{indent}  {dot_id(m)};" for m in members], indent,
                     "#FAFAFA", "#D9D9D9", active=any(nodes[m].active for m in group.members)))
    for drawn in diagram.flows:
        body = by_flow.get(drawn.key, [])
        if diagram.followed:
            loose = [n.key for n in nodes.values() if n.flow == drawn.key and n.group is None]
            loose += [key for key, home in homes.items() if home.flow == drawn.key and home.group is None]
            body = [f"    {dot_id(key)};" for key in loose] + body
            title = (drawn.flow.name or drawn.flow.id) + f" ({drawn.file})"
            out += _cluster("flow:" + drawn.key, title, body, "  ", "#FFFFFF", "#90A4AE",
                            active=any(n.active for n in nodes.values() if n.flow == drawn.key))
        else:
            out += body
    for start in diagram.starts():
        out.append(f"  {quote(CALL_NODE)} -> {dot_id(start.key)} "
                   + attrs(color="#37474F", penwidth=1.6, arrowsize=0.8, **{"class": "ivr-edge edge-call"}) + ";")
    weights = edge_weights(diagram)
    out += [edge_statement(edge, nodes, weights.get(id(edge)), said) for edge in diagram.edges]
    out.append("}")
    return "\n".join(out) + "\n"
