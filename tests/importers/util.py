"""Helpers for the importer tests: convert a fixture, load the YAML with the project's own loader."""

from __future__ import annotations

from pathlib import Path

from ivr_lint.importers import ImportResult, convert
from ivr_lint.loading.source import SourceText
from ivr_lint.loading.yamlparse import compose
from ivr_lint.model.builder import FlowBuilder
from ivr_lint.model.flow import Flow

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STRUCTURAL = ("syntax-error", "schema-error", "duplicate-key")


def imported(name: str, fmt: str | None = None, **options) -> ImportResult:
    """Convert a fixture file, named as the CLI would name it."""
    path = FIXTURES / name
    return convert(path.read_bytes(), str(path), fmt, **options)


def load(result: ImportResult) -> Flow:
    """Build the imported YAML with the project's loader; fail on any structural problem."""
    source = SourceText(name="imported.yaml", text=result.yaml_text)
    builder = FlowBuilder(source)
    flow = builder.build(compose(source.text))
    problems = [f"{f.rule} {f.line}:{f.column} {f.message}" for f in builder.findings if f.rule in STRUCTURAL]
    assert not problems, "\n".join(problems) + "\n" + result.yaml_text
    assert flow is not None and flow.start in flow.nodes
    for node in flow.nodes.values():
        for transition in node.transitions:
            # a jump the export makes to a place it does not have stays dangling, and is declared
            assert transition.target in flow.nodes or transition.target in result.dangling, \
                f"{node.id}.{transition.field} -> {transition.target}"
    assert not set(result.dangling) & set(flow.nodes)
    assert set(result.origin_ids) == set(flow.nodes)
    assert set(result.origins) == set(flow.nodes)
    return flow


def edges(flow: Flow, node_id: str) -> set[tuple[str, str | None, str]]:
    """(kind, key, target) of the transitions the YAML writes (built-in replays left out)."""
    return {(t.kind, t.key, t.target) for t in flow.nodes[node_id].transitions if not t.implicit}


def types(flow: Flow) -> dict[str, str]:
    return {node_id: node.type for node_id, node in flow.nodes.items()}


def reached_extensions(result) -> set:
    """(context, extension) of every dialplan place an Asterisk import holds a node for."""
    reached = set()
    for origin in result.origin_ids.values():
        parts = origin.split(",")
        if len(parts) >= 3:
            reached.add((parts[0].strip(), parts[1].strip()))
    return reached
