"""Hover: what a node is and who meets it, why a finding matters, what fills a placeholder."""

from __future__ import annotations

import re

from lsprotocol import types

from ivr_lint.analysis.prompts import PromptFacts
from ivr_lint.model.flow import InputNode, Node, QueueNode
from ivr_lint.server.locate import Spot
from ivr_lint.server.workspace import Checked

#: placeholders the platform fills at run time (see `ivr-lint simulate --wait-minutes`)
PLATFORM = {
    "wait_minutes": "the platform's estimate of the caller's wait in the queue, in minutes "
                    "(`simulate --wait-minutes N` sets it)",
    "queue_position": "the caller's position in the queue, from the platform (`simulate --position N` sets it)",
    "opening_hours": "the opening hours of the schedule last checked by an `hours` node (else the flow's "
                     "`hours`), said in words in the flow's language",
}


def _section(doc: str, heading: str) -> str:
    match = re.search(rf"## {heading}\n(.*?)(?=\n## |\Z)", doc, re.S)
    return " ".join(match.group(1).split()) if match else ""


def node_markdown(checked: Checked, node: Node) -> str:
    flow = checked.loaded.flow
    parts = [f"**{node.id}** — `{node.type}`: {node.SUMMARY}".rstrip(": ")]
    if node.label:
        parts.append(f"Label: {node.label}")
    if node.prompt:
        facts = PromptFacts(flow, checked.config.words_per_minute, checked.config.measured_durations)
        parts.append("> " + "\n>\n> ".join(p.text for p in node.prompt))
        parts.append(f"About {facts.seconds(node):.0f} s to say.")
    graph = checked.loaded.graph
    callers = sorted({u for u, _ in graph.graph.in_edges(node.id)} - {node.id}) if graph is not None else []
    if graph is not None:
        callers += [f"{origin.flow.source.rsplit('/', 1)[-1]}:{goto}"
                    for origin, goto in graph.entry_origins.get(node.id, [])]
    if flow.start == node.id:
        callers.insert(0, "(start of the flow)")
    parts.append("Reached from: " + (", ".join(f"`{c}`" for c in callers) if callers else "no node"))
    if graph is not None:
        from ivr_lint.analysis.scenarios import scenarios_of

        scenarios = scenarios_of(graph)
        met = [s.name for s in scenarios.all if node.id in scenarios.get(s).reachable]
        parts.append("Callers meet it when: " + (", ".join(met) if met else "never (unreachable in every scenario)"))
    return "\n\n".join(parts)


def placeholder_markdown(checked: Checked, name: str) -> str:
    flow = checked.loaded.flow
    if name in PLATFORM:
        text = PLATFORM[name]
    else:
        inputs = [n.id for n in flow.nodes.values() if isinstance(n, InputNode) and n.variable == name] \
            if flow is not None else []
        if inputs:
            text = "the digits the caller typed at " + ", ".join(f"`{i}`" for i in inputs)
        else:
            text = ("no node of this flow sets it: the platform must supply it (`simulate --var "
                    f"{name}=VALUE` sets it)")
    if name == "wait_minutes" and flow is not None and not any(isinstance(n, QueueNode) for n in flow.nodes.values()):
        text += "; this flow has no queue"
    return f"`{{{name}}}`: {text}."


def finding_markdown(diagnostic: types.Diagnostic) -> str | None:
    from ivr_lint.rules import find_rule

    rule = find_rule(str(diagnostic.code)) if diagnostic.code else None
    if rule is None:
        return None
    why = _section(rule.doc(), "Why is this bad")
    text = f"**{rule.name}** ({rule.code}): {rule.summary}"
    return text + (f"\n\nWhy it matters: {why}" if why else "")


def hover(checked: Checked, spot: Spot, diagnostics: list[types.Diagnostic], position: types.Position,
          word_range: types.Range) -> types.Hover | None:
    parts = []
    flow = checked.loaded.flow
    if spot.kind == "placeholder":
        parts.append(placeholder_markdown(checked, spot.name))
    elif spot.kind in ("node", "target") and flow is not None and spot.name in flow.nodes:
        parts.append(node_markdown(checked, flow.nodes[spot.name]))
    for diagnostic in diagnostics:
        r = diagnostic.range
        if (r.start.line, r.start.character) <= (position.line, position.character) <= (r.end.line, r.end.character):
            text = finding_markdown(diagnostic)
            if text and text not in parts:
                parts.append(text)
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                       range=word_range)
