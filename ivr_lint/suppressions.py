"""Inline suppressions: `# ivr-lint: disable=RULE[,RULE]` on a node's key line.

A stage of its own below the engine and the rules: the engine silences findings with it,
and `unused-suppression` reports the comments that silenced nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ivr_lint.findings import Finding, Pos

if TYPE_CHECKING:
    from ivr_lint.project import LoadedFile

_SUPPRESSION = re.compile(r"#\s*ivr-lint:\s*disable=([\w\-, ]+)")


class Suppressions:
    """`# ivr-lint: disable=RULE[,RULE]` comments on node key lines, and which ones were used."""

    def __init__(self, loaded: "LoadedFile"):
        self.by_node: dict[str, tuple[list[str], Pos]] = {}
        self.used: set[tuple[str, str]] = set()
        if loaded.flow is None or loaded.source is None or "ivr-lint:" not in loaded.source.text:
            return
        for node in loaded.flow.nodes.values():
            line = loaded.source.line(node.pos.line)
            match = _SUPPRESSION.search(line)
            if match:
                names = [name.strip() for name in match.group(1).split(",") if name.strip()]
                self.by_node[node.id] = (names, Pos(node.pos.line, match.start() + 1))

    def silence(self, finding: Finding) -> bool:
        """True (and remembered) when a comment on the finding's node names its rule."""
        entry = self.by_node.get(finding.node) if finding.node else None
        if entry is None:
            return False
        for name in entry[0]:
            if name in (finding.rule, finding.code, "all"):
                self.used.add((finding.node, name))
                return True
        return False
