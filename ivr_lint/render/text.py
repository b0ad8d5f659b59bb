"""The call tree in a terminal: box-drawing characters, or ASCII with `--ascii`.

A flow is a graph, not a tree: each node is drawn in full once, under the shortest way a
caller gets there (breadth-first from the start), and everywhere else as a one-line
reference that says whether it is drawn above or below. With a scenario, only what a
caller can meet is drawn and the rest is listed at the end.
"""

from __future__ import annotations

import textwrap

from ivr_lint.render.model import Diagram, DrawEdge, DrawNode, duration
from ivr_lint.render.style import CHANGE_SYMBOLS, ENGLISH, LINT_ASCII, LINT_SYMBOLS, Words
from ivr_lint.text.safe import one_line

MAX_INDENT = 40  # levels of indentation drawn; deeper levels stay at the last one
BOX = {"tee": "├── ", "last": "└── ", "pipe": "│   ", "space": "    "}
ASCII = {"tee": "|-- ", "last": "`-- ", "pipe": "|   ", "space": "    "}
_ASCII_SYMBOLS = str.maketrans({"“": '"', "”": '"', "…": "...", "≈": "~", "·": "-", "→": "->", "↪": "->",
                                "☎": ">", "≤": "<=", "–": "-", "—": "-", "›": ">", "×": "x",
                                "↺": "(again)"})


def describe(node: DrawNode, ascii: bool = False, said: Words = ENGLISH) -> str:
    """`main-menu [menu · Menu principal] “Pour un paiement…” ≈ 15 s ✖ dead-end`"""
    if node.type == "fold":
        return f"{node.id} ({node.detail})"
    facts = [said.node_type(node.type) if not node.missing else said("missing")]
    facts += [part for part in (node.label, node.detail) if part]
    line = f"{node.key} [{' · '.join(facts)}]"
    if node.excerpt:
        line += f" “{node.excerpt}”"
    if node.seconds is not None:
        line += f" {duration(node.seconds)}"
    if node.change:
        line += (f" [{'-' if ascii and node.change == 'removed' else CHANGE_SYMBOLS[node.change]} "
                 f"{said('change.' + node.change)}]")
    if node.marked:
        symbols = LINT_ASCII if ascii else LINT_SYMBOLS
        for severity in sorted({m.severity for m in node.marks}, reverse=True):
            rules = ", ".join(dict.fromkeys(m.rule for m in node.marks if m.severity == severity))
            symbol = symbols[severity.label]
            line += f" [{symbol} {rules}]" if ascii else f" {symbol} {rules}"
    return line


def to_text(diagram: Diagram, ascii: bool = False, width: int = 100) -> str:
    chars = ASCII if ascii else BOX
    said = diagram.words
    nodes = diagram.nodes
    scenario = diagram.options.scenario is not None
    outgoing: dict[str, list[DrawEdge]] = {}
    for edge in diagram.edges:
        if edge.active or not scenario:
            outgoing.setdefault(edge.source, []).append(edge)
    shown = {key for key, node in nodes.items() if node.active or not scenario}

    # the edge under which each node is drawn in full: its first on a shortest way from the start
    home: dict[str, int] = {}
    roots = [n.key for n in diagram.starts() if n.key in shown]

    def settle(sources: list[str]) -> None:
        frontier = list(sources)
        while frontier:
            following = []
            for key in frontier:
                for edge in outgoing.get(key, ()):
                    if edge.target not in home and edge.target not in settled and edge.target in shown:
                        home[edge.target] = id(edge)
                        following.append(edge.target)
            frontier = following

    settled = set(roots)
    settle(roots)
    printed: set[str] = set()
    lines = [diagram.title, diagram.subtitle, ""]

    capped = []  # said once: past MAX_INDENT levels, deeper nodes stay at that indent

    def walk(start: str, prefix: str) -> None:
        """Depth-first, with an explicit stack: a chain of 100,000 nodes is no recursion limit."""
        printed.add(start)
        stack = [(start, prefix, iter(enumerate(outgoing.get(start, []))))]
        while stack:
            key, prefix, edges = stack[-1]
            step = next(edges, None)
            if step is None:
                stack.pop()
                continue
            index, edge = step
            last = index == len(outgoing[key]) - 1
            connector = chars["last"] if last else chars["tee"]
            label = f"{edge.label} → " if edge.label else ""
            if edge.style == "goto":
                label = f"{said.kind('goto')} → "
            if edge.change:
                mark = "-" if ascii and edge.change == "removed" else CHANGE_SYMBOLS[edge.change]
                label = f"({mark} {said('change.' + edge.change)}) {label}"
            target = nodes[edge.target]
            if edge.target == key:
                lines.append(f"{prefix}{connector}{label}{key} ↺")
            elif home.get(edge.target) == id(edge) and edge.target not in printed:
                lines.append(f"{prefix}{connector}{label}{describe(target, ascii, said)}")
                deeper = prefix + (chars["space"] if last else chars["pipe"])
                if len(deeper) > MAX_INDENT * len(chars["space"]):
                    deeper = prefix  # a deep chain would otherwise print a square number of characters
                    if not capped:
                        capped.append(key)
                        lines.append(f"{prefix}{'...' if ascii else '⋮'} {said('deeper')}")
                printed.add(edge.target)
                stack.append((edge.target, deeper, iter(enumerate(outgoing.get(edge.target, [])))))
            else:
                where = said("see_above") if edge.target in printed else said("see_below")
                lines.append(f"{prefix}{connector}{label}{edge.target} {where}")

    for root in roots:
        lines.append(f"☎ {describe(nodes[root], ascii, said)}")
        walk(root, "")
    # nodes no start leads to (unreachable, or the entry of a flow reached only from elsewhere)
    rest = [key for key in nodes if key in shown and key not in printed and key not in home and key not in roots]
    if rest:
        lines += ["", said("unreachable")]
        for key in rest:
            if key in printed:
                continue
            settled.add(key)
            settle([key])
            lines.append(describe(nodes[key], ascii, said))
            walk(key, "")
    hidden = [n.key for n in nodes.values() if n.key not in shown]
    if hidden:
        lines += ["", said("not_met_in", scenario=said.scenario(diagram.options.scenario), n=len(hidden))]
        lines += textwrap.wrap(", ".join(hidden), width=width, break_on_hyphens=False)
    if diagram.notes:
        lines += ["", *(note.text for note in diagram.notes)]
    # the user's text is printed as it is, but for control characters (a terminal obeys them)
    out = "\n".join(one_line(line) for line in lines) + "\n"
    return out.translate(_ASCII_SYMBOLS) if ascii else out
