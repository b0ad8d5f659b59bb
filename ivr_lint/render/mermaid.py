"""The diagram as a Mermaid flowchart, for Markdown docs (GitHub, GitLab and most wikis draw it).

Mermaid has fewer line styles than Graphviz (solid, dotted, thick), so edges also get
their colour and dash pattern through `linkStyle`; every edge that is not a plain key or
`next` carries its kind as a label ("no input", "max retries"), so the meaning survives
a renderer that ignores styles. Mermaid shows no tooltips on GitHub: the lint rule names
are written in the node instead.
"""

from __future__ import annotations

import re

from ivr_lint.render.model import Diagram, DrawEdge, DrawNode, duration, wrap
from ivr_lint.render.style import (CHANGE_COLORS, EDGE_STYLES, ENGLISH, LINT_COLORS, LINT_SYMBOLS, MISSING,
                                   OFF_BORDER, OFF_EDGE, OFF_FILL, OFF_TEXT, TEXT_COLOR, Words, node_style)
from ivr_lint.text.safe import clip, visible

#: Mermaid (GitHub's included) refuses to draw more links than this unless configured otherwise
MAX_EDGES = 500
_LINK = re.compile(r"^\s+\S.* (-->|-\.->|==>|~~~)", re.MULTILINE)

#: words Mermaid reads as keywords when used as a node id
_RESERVED = {"end", "graph", "subgraph", "flowchart", "style", "classdef", "class", "click", "linkstyle",
             "direction", "default", "call", "callback", "href"}


#: how much of one piece of user text a label shows (characters)
LINE_CHARS = 160


def text(value: str) -> str:
    """User text inside a quoted Mermaid label, on one line: entity codes for what Mermaid,
    Markdown or HTML would read (quotes, brackets, pipes, backticks, `%%{init}%%` directives),
    control characters visible, length bounded."""
    value = clip(visible(" ".join(value.split())), LINE_CHARS)
    return (value.replace("#", "#35;").replace("&", "#38;").replace('"', "#quot;")
            .replace("<", "#lt;").replace(">", "#gt;").replace("|", "#124;").replace("`", "#96;")
            .replace("%", "#37;").replace("\\", "#92;"))


def one_line(value: str) -> str:
    """User text in a Mermaid comment or the front matter: one line, no control characters, and
    no `%%` (Mermaid looks for `%%{init}%%` directives anywhere): a zero-width space parts them."""
    return re.sub("%(?=%)", "%\u200b", clip(visible(" ".join(value.split())), 400))


class Ids:
    """Mermaid ids from node keys: readable, unique, never a keyword."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.used: set[str] = set()

    def __call__(self, key: str) -> str:
        if key not in self.ids:
            base = re.sub(r"[^A-Za-z0-9_]", "_", key).strip("_") or "node"
            if base[0].isdigit() or base.lower() in _RESERVED:
                base = "n_" + base
            candidate, n = base, 2
            while candidate in self.used:
                candidate, n = f"{base}_{n}", n + 1
            self.ids[key] = candidate
            self.used.add(candidate)
        return self.ids[key]


def count_links(source: str) -> int:
    """How many links (edges, invisible ones included) a Mermaid flowchart we wrote has."""
    return len(_LINK.findall(source))


def node_label(node: DrawNode, said: Words = ENGLISH) -> str:
    lines = [f"<b>{text(node.id)}</b>"]
    if node.missing:
        lines.append(text(said("missing")))
    if node.label:
        lines.append(f"<i>{text(node.label)}</i>")
    if node.excerpt:
        lines.append("<br/>".join(text(part) for part in wrap(f"“{node.excerpt}”")))
    facts = " · ".join(p for p in (node.kind_in(said), node.detail, duration(node.seconds)) if p)
    if facts:
        lines.append(f"<small>{text(facts)}</small>")
    if node.marked:
        rules = ", ".join(dict.fromkeys(m.rule for m in node.marks if m.severity >= node.worst))
        lines.append(text(f"{LINT_SYMBOLS[node.worst.label]} {rules}"))
    return "<br/>".join(lines)


def _shape(node: DrawNode, label: str) -> str:
    opening, closing = (MISSING if node.missing else node_style(node.type)).mermaid
    return f'{opening}"{label}"{closing}'


def _class_name(node_type: str) -> str:
    return "t_" + re.sub(r"[^A-Za-z0-9_]", "_", node_type)


def to_mermaid(diagram: Diagram) -> str:
    ids = Ids()
    nodes = diagram.nodes
    title = one_line(diagram.title).replace("'", "''")  # a single-quoted YAML string: no escapes but ''
    out = ["---", f"title: '{title}'", "---", f"%% {one_line(diagram.subtitle)}",
           f"flowchart {diagram.direction}"]
    refs: dict[str, DrawEdge] = {}
    for edge in diagram.edges:
        if edge.ref:
            refs.setdefault(f"ref:{edge.source}->{edge.target}", edge)
    homes = {key: nodes[edge.source] for key, edge in refs.items()}
    refs_in: dict[str | None, list[str]] = {}   # group key -> the references it holds (one pass, not per group)
    for key, home in homes.items():
        refs_in.setdefault(home.group, []).append(key)

    said = diagram.words

    def node_line(node: DrawNode, indent: str) -> str:
        return f"{indent}{ids(node.key)}{_shape(node, node_label(node, said))}"

    def ref_line(key: str, indent: str) -> str:
        return f'{indent}{ids(key)}(["↪ {text(refs[key].target)}"])'

    def block(members: list[str], indent: str) -> list[str]:
        return [ref_line(m, indent) if m in refs else node_line(nodes[m], indent) for m in members]

    def groups_of(flow_key: str, indent: str) -> list[str]:
        lines = []
        for group in diagram.groups:
            if group.flow != flow_key:
                continue
            members = group.members + refs_in.get(group.key, [])
            lines.append(f'{indent}subgraph {ids("group:" + group.key)} ["{text(group.label)}"]')
            lines += block(members, indent + "  ")
            lines.append(f"{indent}end")
        return lines

    if diagram.starts():
        out.append('  incoming_call(("☎"))')
    for drawn in diagram.flows:
        loose = [n.key for n in nodes.values() if n.flow == drawn.key and n.group is None]
        loose += [k for k, home in homes.items() if home.flow == drawn.key and home.group is None]
        if diagram.followed:
            name = (drawn.flow.name or drawn.flow.id) + f" ({drawn.file})"
            out.append(f'  subgraph {ids("flow:" + drawn.key)} ["{text(name)}"]')
            out += block(loose, "    ") + groups_of(drawn.key, "    ")
            out.append("  end")
        else:
            out += block(loose, "  ") + groups_of(drawn.key, "  ")

    # edges, counted for linkStyle
    link_styles: dict[str, list[int]] = {}
    count = 0
    for start in diagram.starts():
        out.append(f"  incoming_call --> {ids(start.key)}")
        link_styles.setdefault("stroke:#37474F,stroke-width:1.6px", []).append(count)
        count += 1
    for edge in diagram.edges:
        look = EDGE_STYLES[edge.style]
        head = ids(f"ref:{edge.source}->{edge.target}") if edge.ref else ids(edge.target)
        label = f'|"{text(edge.label)}"|' if edge.label else ""
        out.append(f"  {ids(edge.source)} {look.mermaid}{label} {head}")
        link_styles.setdefault(_link_style(edge), []).append(count)
        count += 1

    legend: list[str] = []
    if diagram.options.legend:
        legend, count = _legend(diagram, count, link_styles)
        out += legend

    # styles
    for node_type in diagram.node_types():
        style = node_style(node_type)
        out.append(f"  classDef {_class_name(node_type)} fill:{style.fill},stroke:{style.border},color:{TEXT_COLOR}")
    extra_classes = {
        "ref": f"fill:#FFFFFF,stroke:#9E9E9E,stroke-dasharray:4 3,color:{TEXT_COLOR}",
        "missing": f"fill:#FFFFFF,stroke:{LINT_COLORS['error']},stroke-dasharray:4 3,color:{TEXT_COLOR}",
        "incoming": "fill:#37474F,stroke:#37474F,color:#FFFFFF",
        "off": f"fill:{OFF_FILL},stroke:{OFF_BORDER},color:{OFF_TEXT}",
        "lint_error": f"stroke:{LINT_COLORS['error']},stroke-width:3px",
        "lint_warning": f"stroke:{LINT_COLORS['warning']},stroke-width:3px",
        "change_added": f"stroke:{CHANGE_COLORS['added']},stroke-width:3px",
        "change_changed": f"stroke:{CHANGE_COLORS['changed']},stroke-width:3px",
        "change_removed": f"fill:#FFFFFF,stroke:{CHANGE_COLORS['removed']},stroke-width:3px,stroke-dasharray:5 4",
    }
    assignments: dict[str, list[str]] = {}
    for node in nodes.values():
        assignments.setdefault("missing" if node.missing else _class_name(node.type), []).append(ids(node.key))
    assignments["ref"] = [ids(key) for key in refs]
    if diagram.starts():
        assignments["incoming"] = ["incoming_call"]
    assignments["off"] = [ids(n.key) for n in nodes.values() if not n.active]
    for severity in ("error", "warning"):
        assignments[f"lint_{severity}"] = [ids(n.key) for n in nodes.values()
                                           if n.marked and n.worst.label == severity]
    for change in ("added", "changed", "removed"):
        assignments[f"change_{change}"] = [ids(n.key) for n in nodes.values() if n.change == change]
    used = {name for name, members in assignments.items() if members}
    out += [f"  classDef {name} {style}" for name, style in extra_classes.items() if name in used]
    for name, members in assignments.items():
        if members:
            out.append(f"  class {','.join(members)} {name}")
    for style, indexes in link_styles.items():
        out.append(f"  linkStyle {','.join(map(str, indexes))} {style}")
    return "\n".join(out) + "\n"


def _link_style(edge: DrawEdge) -> str:
    look = EDGE_STYLES[edge.style]
    color = look.color if edge.active else OFF_EDGE
    width, dash = look.width, look.dash
    if edge.change:
        color, width = CHANGE_COLORS[edge.change], look.width + 1.0
        dash = "6 4" if edge.change == "removed" else dash
    style = f"stroke:{color},stroke-width:{width:g}px,color:{color if edge.active else OFF_TEXT}"
    if dash:
        style += f",stroke-dasharray:{dash}"
    return style


def _legend(diagram: Diagram, count: int, link_styles: dict[str, list[int]]) -> tuple[list[str], int]:
    """The node types drawn, as a row of sample nodes. No edge samples: every edge but a key or
    a plain `next` is labelled with its kind, and a column of sample edges would be taller than
    most flows."""
    said = diagram.words
    lines = [f'  subgraph legend ["{text(said("legend"))}"]', "    direction LR"]
    previous = None
    for node_type in diagram.node_types():
        style = node_style(node_type)
        name = f"legend_{_class_name(node_type)}"
        lines.append(f'    {name}{style.mermaid[0]}"{text(said.legend_name(node_type))}"{style.mermaid[1]}'
                     f':::{_class_name(node_type)}')
        if previous:
            lines.append(f"    {previous} ~~~ {name}")
            count += 1
        previous = name
    lines.append("  end")
    return lines, count
