"""Code actions: fixes a user chooses; nothing is ever rewritten otherwise.

- apply the "did you mean" of unknown-target and schema-error;
- silence a finding with `# ivr-lint: disable=RULE` on its node's key line;
- give a menu or input with no `on_max_retries` a way to the flow's agent queue;
- create the missing target of unknown-target as a stub node of a fitting type.
"""

from __future__ import annotations

import re

from lsprotocol import types

from ivr_lint.model.flow import Flow, QueueNode
from ivr_lint.server.completion import indent_of
from ivr_lint.server.ranges import Lines

_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
_DISABLE = re.compile(r"#\s*ivr-lint:\s*disable=([\w\-, ]+)")
#: words in a missing node's id -> the type of its stub (first match wins); default: play
_STUB_TYPES = (
    (re.compile(r"agent|advisor|conseill|queue|operat|human|accueil"), "queue"),
    (re.compile(r"menu|choi"), "menu"),
    (re.compile(r"bye|hangup|revoir|fin$|end$"), "hangup"),
    (re.compile(r"transf"), "transfer"),
    (re.compile(r"voicemail|messag"), "voicemail"),
    (re.compile(r"callback|rappel"), "callback"),
)


def agent_queue(flow: Flow) -> str | None:
    """The flow's agent queue: the queue most transitions lead to (the first written on a tie)."""
    queues = [n for n in flow.nodes.values() if isinstance(n, QueueNode)]
    if not queues:
        return None
    counts = {q.id: 0 for q in queues}
    for node in flow.nodes.values():
        for transition in node.transitions:
            if transition.target in counts and not transition.implicit:
                counts[transition.target] += 1
    return max(queues, key=lambda q: (counts[q.id], -q.pos.line)).id


def stub_type(name: str) -> str:
    lowered = name.lower()
    return next((kind for pattern, kind in _STUB_TYPES if pattern.search(lowered)), "play")


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _action(title: str, uri: str, edits: list[types.TextEdit], diagnostic: types.Diagnostic | None,
            preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=_edit(uri, edits),
                            diagnostics=[diagnostic] if diagnostic else None, is_preferred=preferred or None)


def did_you_mean(uri: str, lines: Lines, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    match = _DID_YOU_MEAN.search(diagnostic.message)
    if match is None or diagnostic.code not in ("unknown-target", "schema-error"):
        return None
    r = diagnostic.range
    written = lines.line(r.start.line)[r.start.character:r.end.character]
    suggestion = match.group(1)
    if written[:1] in "\"'" and written[-1:] == written[:1]:
        suggestion = written[0] + suggestion + written[0]
    return _action(f"Replace with '{match.group(1)}'", uri, [types.TextEdit(range=r, new_text=suggestion)],
                   diagnostic, preferred=True)


def disable(uri: str, lines: Lines, flow: Flow | None, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    node_id = (diagnostic.data or {}).get("node") if isinstance(diagnostic.data, dict) else None
    if flow is None or node_id not in flow.nodes or not diagnostic.code:
        return None
    rule = str(diagnostic.code)
    line0 = flow.nodes[node_id].pos.line - 1
    text = lines.line(line0)
    existing = _DISABLE.search(text)
    if existing:
        names = [n.strip() for n in existing.group(1).split(",") if n.strip()]
        if rule in names:
            return None
        end = existing.start(1) + len(existing.group(1).rstrip())
        edit = types.TextEdit(range=lines.span(line0, end, end), new_text=f",{rule}")
    else:
        end = len(text.rstrip())
        edit = types.TextEdit(range=lines.span(line0, end, len(text)), new_text=f"  # ivr-lint: disable={rule}")
    return _action(f"Disable {rule} for node '{node_id}'", uri, [edit], diagnostic)


def add_on_max_retries(uri: str, lines: Lines, flow: Flow | None,
                       diagnostic: types.Diagnostic) -> types.CodeAction | None:
    if flow is None or diagnostic.code != "missing-error-handling" or "on_max_retries" not in diagnostic.message:
        return None
    node = flow.nodes.get((diagnostic.data or {}).get("node"))
    queue = agent_queue(flow)
    if node is None or queue is None:
        return None
    field_indent = field_indent_of(lines, node)
    last = _block_end(lines, node.pos.line - 1, node.pos.column - 1)
    at = types.Position(last + 1, 0)
    edit = types.TextEdit(range=types.Range(at, at), new_text=" " * field_indent + f"on_max_retries: {queue}\n")
    return _action(f"Add on_max_retries: {queue} to '{node.id}'", uri, [edit], diagnostic)


def create_stub(uri: str, lines: Lines, flow: Flow | None, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    if flow is None or diagnostic.code != "unknown-target" or not flow.nodes or "goto" in diagnostic.message:
        return None
    r = diagnostic.range
    name = lines.line(r.start.line)[r.start.character:r.end.character].strip("\"'")
    if not name or name in flow.nodes or not re.fullmatch(r"[\w\-.]+", name):
        return None
    first = min(flow.nodes.values(), key=lambda n: n.pos.line)
    indent = first.pos.column - 1
    field = " " * field_indent_of(lines, first)
    kind = stub_type(name)
    body = [f"{' ' * indent}{name}:", f"{field}type: {kind}"]
    queue = agent_queue(flow)
    if kind == "queue":
        body.append(f"{field}queue: {name}")
    elif kind == "menu":
        body += [f'{field}prompt: "TODO: {name}"', f'{field}options: {{"0": {queue or "TODO"}}}']
        if queue:
            body.append(f"{field}on_max_retries: {queue}")
    elif kind in ("hangup", "voicemail", "callback"):
        body.append(f'{field}prompt: "TODO: {name}"')
    elif kind == "transfer":
        body.append(f'{field}number: "TODO"')
    else:
        body += [f'{field}prompt: "TODO: {name}"', f"{field}next: {queue or 'TODO'}"]
    last = max(flow.nodes.values(), key=lambda n: n.pos.line)
    end = _block_end(lines, last.pos.line - 1, indent)
    text = lines.line(end)
    at = types.Position(end, len(text))
    edit = types.TextEdit(range=types.Range(at, at), new_text="\n" + "\n".join(body))
    return _action(f"Create node '{name}' ({kind})", uri, [edit], diagnostic)


def field_indent_of(lines: Lines, node) -> int:
    """How far a node's fields are indented: as its `type` line, else two more than its key."""
    if "type" in node.positions:
        return indent_of(lines.line(node.positions["type"].line - 1))
    return node.pos.column + 1


def _block_end(lines: Lines, key_line0: int, indent: int) -> int:
    """The last non-blank line of the block whose key is at `key_line0` with `indent`."""
    last = key_line0
    for number in range(key_line0 + 1, len(lines.lines)):
        text = lines.line(number)
        if not text.strip():
            continue
        if indent_of(text) <= indent and not text.strip().startswith("#"):
            break
        last = number
    return last


def code_actions(uri: str, lines: Lines, flow: Flow | None,
                 diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
    out = []
    for diagnostic in diagnostics:
        if diagnostic.source != "ivr-lint":
            continue
        for make in (lambda d: did_you_mean(uri, lines, d), lambda d: create_stub(uri, lines, flow, d),
                     lambda d: add_on_max_retries(uri, lines, flow, d), lambda d: disable(uri, lines, flow, d)):
            action = make(diagnostic)
            if action is not None:
                out.append(action)
    return out
