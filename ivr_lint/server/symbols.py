"""The outline: nodes grouped by type, each menu with its options."""

from __future__ import annotations

from lsprotocol import types

from ivr_lint.model.flow import NODE_TYPES, Flow, MenuNode
from ivr_lint.server.ranges import Lines

_KIND = {"menu": types.SymbolKind.Enum, "input": types.SymbolKind.Field, "branch": types.SymbolKind.Operator,
         "hours": types.SymbolKind.Event, "queue": types.SymbolKind.Interface, "goto": types.SymbolKind.Module,
         "hangup": types.SymbolKind.Null, "transfer": types.SymbolKind.Interface}


def _range(lines: Lines, line: int, column: int, end_line: int) -> tuple[types.Range, types.Range]:
    name = lines.token(line, column)
    last = max(end_line, line) - 1
    whole = types.Range(name.start, types.Position(last, len(lines.line(last))))
    return whole, name


def document_symbols(flow: Flow, lines: Lines) -> list[types.DocumentSymbol]:
    nodes = sorted(flow.nodes.values(), key=lambda n: n.pos.line)
    ends = {n.id: (nodes[i + 1].pos.line - 1 if i + 1 < len(nodes) else len(lines.lines)) for i, n in enumerate(nodes)}
    groups: dict[str, list[types.DocumentSymbol]] = {}
    for node in nodes:
        whole, name = _range(lines, node.pos.line, node.pos.column, ends[node.id])
        children = []
        if isinstance(node, MenuNode):
            for option in node.options.values():
                target = "repeat" if option.repeat else (option.next or "?")
                key_range = lines.token(option.pos.line, option.pos.column)
                children.append(types.DocumentSymbol(
                    name=option.key, detail=f"→ {target}" + (f" ({option.label})" if option.label else ""),
                    kind=types.SymbolKind.EnumMember, range=key_range, selection_range=key_range))
        symbol = types.DocumentSymbol(name=node.id, detail=node.label or node.prompt_text[:60] or None,
                                      kind=_KIND.get(node.type, types.SymbolKind.Object), range=whole,
                                      selection_range=name, children=children or None)
        groups.setdefault(node.type, []).append(symbol)
    out = []
    order = list(NODE_TYPES) + sorted(t for t in groups if t not in NODE_TYPES)
    for kind in order:
        if kind not in groups:
            continue
        members = groups[kind]
        span = types.Range(min((s.range.start for s in members), key=lambda p: (p.line, p.character)),
                           max((s.range.end for s in members), key=lambda p: (p.line, p.character)))
        out.append(types.DocumentSymbol(name=f"{kind} ({len(members)})", kind=types.SymbolKind.Namespace,
                                        range=span, selection_range=members[0].selection_range, children=members))
    return out
