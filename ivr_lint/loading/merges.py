"""Apply YAML merge keys (`<<: *anchor`) once, in the node tree, within a budget.

Merges are resolved here, not by each reader, so that every later stage sees a mapping's
entries the same way (a `type` given through a merge is a type like any other). Each
mapping is flattened once and shared by every alias to it, so a chain of anchors that
each merge the previous one twice costs one pass per level instead of doubling. The
entries copied from merged mappings are counted against a budget proportional to the
file: a file built to expand without end gets one error at the merge that overran it. A
mapping that merges itself, directly or through others, is refused at that merge.

Merged entries take the place of the `<<` key; a key the mapping gives itself wins, then
the first merged mapping that gives it (YAML's merge semantics). A `<<` whose value is
not a mapping is left in place for the builder to report in context.
"""

from __future__ import annotations

import yaml

from ivr_lint.findings import Pos
from ivr_lint.loading.source import ContentError

MERGE_TAG = "tag:yaml.org,2002:merge"
#: entries copied by merges that any file may use, and more per character of text beyond it
MIN_MERGE_BUDGET = 200_000
MERGE_BUDGET_PER_CHAR = 2

_ACTIVE, _DONE = 1, 2


def may_merge(text: str) -> bool:
    """Cheap test: can this text hold a merge key at all (`<<`, or an explicit merge tag)?"""
    return "<<" in text or "merge" in text


def merge_budget(text: str) -> int:
    return max(MIN_MERGE_BUDGET, MERGE_BUDGET_PER_CHAR * len(text))


def resolve_merges(root: yaml.Node | None, budget: int) -> None:
    """Replace, in place, the `<<` entries of every mapping under `root` by what they merge.

    Raises ContentError at the offending `<<` for a recursive merge, or when the merged
    entries would exceed `budget`.
    """
    if root is None:
        return
    state: dict[int, int] = {}
    remaining = [budget]
    seen: set[int] = set()
    pending = [root]
    while pending:  # every node once, however many aliases point at it
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            _flatten(node, state, remaining)
            for key, value in node.value:
                pending.append(key)
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _merge_sources(value: yaml.Node) -> list[yaml.Node]:
    return list(value.value) if isinstance(value, yaml.SequenceNode) else [value]


def _flatten(top: yaml.MappingNode, state: dict[int, int], remaining: list[int]) -> None:
    """Flatten `top` after the mappings it merges (depth first, without recursion)."""
    stack = [top]
    while stack:
        node = stack[-1]
        status = state.get(id(node))
        if status == _DONE:
            stack.pop()
            continue
        if status is None:
            state[id(node)] = _ACTIVE
            for key, value in node.value:
                if key.tag != MERGE_TAG:
                    continue
                for source in _merge_sources(value):
                    if not isinstance(source, yaml.MappingNode):
                        continue
                    if state.get(id(source)) == _ACTIVE:
                        raise ContentError("`<<` merges a mapping that contains this one (a recursive merge): "
                                           "merge a separate anchor", _pos(key))
                    if state.get(id(source)) is None:
                        stack.append(source)
            continue
        node.value = _merged(node, remaining)
        state[id(node)] = _DONE
        stack.pop()


def _merged(node: yaml.MappingNode, remaining: list[int]) -> list[tuple[yaml.Node, yaml.Node]]:
    if not any(key.tag == MERGE_TAG for key, _ in node.value):
        return node.value
    taken = {key.value for key, _ in node.value if key.tag != MERGE_TAG and isinstance(key, yaml.ScalarNode)}
    entries: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in node.value:
        if key.tag != MERGE_TAG:
            entries.append((key, value))
            continue
        for source in _merge_sources(value):
            if not isinstance(source, yaml.MappingNode):
                entries.append((key, source))  # the builder says "`<<` must merge a mapping" here
                continue
            remaining[0] -= len(source.value)
            if remaining[0] < 0:
                raise ContentError("merge keys (`<<`) expand to too many entries for a flow file "
                                   "(a merge bomb?)", _pos(key))
            for merged_key, merged_value in source.value:
                if merged_key.tag == MERGE_TAG:
                    continue  # a bad merge of the source is reported where the source is read
                name = merged_key.value if isinstance(merged_key, yaml.ScalarNode) else None
                if name is not None:
                    if name in taken:
                        continue
                    taken.add(name)
                entries.append((merged_key, merged_value))
    return entries


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)
