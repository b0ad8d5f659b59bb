"""The set of flow files one command works on, with `goto` links resolved across files.

Files named on the command line are checked; files reached only through `goto` are
loaded to resolve the link but not reported on. A `goto` may not leave the directory
trees given on the command line. Each file is read and parsed once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property

from ivr_lint.analysis.graph import FlowGraph
from ivr_lint.findings import Finding
from ivr_lint.loading.source import (DEFAULT_MAX_FILE_SIZE, STDIN_NAME, ContentError, InputError, SourceText,
                                     decode, read_bytes)
from ivr_lint.loading.yamlparse import compose
from ivr_lint.model.builder import FlowBuilder
from ivr_lint.model.flow import Flow, GotoNode

FLOW_SUFFIXES = (".yaml", ".yml")
_SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
_FLOW_MARKER = re.compile(rb"^ivr[ \t]*:", re.MULTILINE)
_SNIFF = 256 * 1024


@dataclass
class LoadedFile:
    """One file as loaded: its text, its flow (None if unusable) and load findings."""

    name: str
    path: str | None
    source: SourceText | None = None
    flow: Flow | None = None
    findings: list[Finding] = field(default_factory=list)
    #: set when the file is a platform export converted in memory (ivr_lint.importers.ImportResult)
    imported: object | None = None

    @cached_property
    def graph(self) -> FlowGraph | None:
        return FlowGraph(self.flow) if self.flow is not None else None


@dataclass(frozen=True)
class GotoLink:
    origin: LoadedFile
    node: GotoNode
    target: LoadedFile | None
    target_node: str | None
    problem: str | None


def discover(paths: list[str], only_flows: bool = False) -> tuple[list[str], list[str]]:
    """Expand directories into the flow files they hold; return (files, problems).

    In a directory, a YAML file is a flow when it has a top-level `ivr:` key, so
    journey files and other YAML living beside flows are left alone. Files named
    explicitly are always taken, unless `only_flows` (for pre-commit, which passes
    every YAML file it sees).
    """
    files, problems = [], []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if not (only_flows and os.path.isfile(path) and not _looks_like_flow(path)):
                files.append(path)
            continue
        found = []
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
            for name in sorted(names):
                candidate = os.path.join(folder, name)
                if name.endswith(FLOW_SUFFIXES) and _looks_like_flow(candidate):
                    found.append(candidate)
        if not found:
            problems.append(f"{path}: no flow files found (YAML files with a top-level `ivr:` key)")
        files.extend(found)
    return files, problems


def _looks_like_flow(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return _FLOW_MARKER.search(handle.read()) is not None
    except OSError:
        return True  # let the loader report why it cannot be read


class Project:
    """Loads flow files once each and links them through `goto`."""

    def __init__(self, roots: list[str], max_file_size: int = DEFAULT_MAX_FILE_SIZE):
        self.roots = [os.path.realpath(r if os.path.isdir(r) else os.path.dirname(r) or ".") if r != "-"
                      else os.path.realpath(".") for r in roots] or [os.path.realpath(".")]
        self.max_file_size = max_file_size
        self.files: dict[str, LoadedFile] = {}
        self.links: list[GotoLink] = []
        self._link_of: dict[int, GotoLink] = {}

    def load(self, path: str, name: str | None = None, data: bytes | None = None) -> LoadedFile:
        """Load a file (or '-' for standard input); raises InputError if unreadable."""
        key = "-" if path == "-" else os.path.realpath(path)
        if key in self.files:
            return self.files[key]
        display = name or (STDIN_NAME if path == "-" else path)
        loaded = LoadedFile(name=display, path=None if path == "-" else path)
        if data is None:
            data = read_bytes(path, self.max_file_size)
        try:
            text = self._import(loaded, data) if not _FLOW_MARKER.search(data[:_SNIFF]) else None
            if text is None and loaded.imported is None and loaded.findings:
                self.files[key] = loaded
                return loaded
            loaded.source = SourceText(name=display, text=text if text is not None else decode(data),
                                       path=loaded.path)
            root = compose(loaded.source.text)
        except ContentError as error:
            loaded.findings.append(Finding("syntax-error", str(error), display, error.pos.line, error.pos.column))
        else:
            builder = FlowBuilder(loaded.source)
            loaded.flow = builder.build(root)
            loaded.findings.extend(builder.findings)
        self.files[key] = loaded
        return loaded

    def _import(self, loaded: LoadedFile, data: bytes) -> str | None:
        """Convert a platform export in memory; None when the file is not one.

        A bad export becomes a syntax-error finding naming the element and its line.
        """
        from ivr_lint.importers import ImportFailure, convert, detect_format

        fmt = detect_format(data, loaded.name)
        if fmt is None:
            return None
        try:
            loaded.imported = convert(data, loaded.name, fmt)
        except ImportFailure as failure:
            element = f" (element {failure.element})" if failure.element else ""
            loaded.findings.append(Finding("syntax-error", f"cannot import this {fmt} export: {failure.message}"
                                           f"{element}", loaded.name, failure.line or 1, failure.column or 1))
            return None
        except Exception as error:  # an importer bug must not hide the other files' findings
            loaded.findings.append(Finding("syntax-error", f"cannot import this {fmt} export: internal error "
                                           f"{type(error).__name__}: {error} (please report it)", loaded.name, 1, 1))
            return None
        return loaded.imported.yaml_text

    def link(self) -> None:
        """Resolve every `goto` of the loaded files, loading their targets as needed."""
        pending = list(self.files.values())
        seen: set[int] = set()
        while pending:
            loaded = pending.pop()
            if id(loaded) in seen or loaded.flow is None:
                continue
            seen.add(id(loaded))
            for node in loaded.flow.nodes.values():
                if isinstance(node, GotoNode) and node.flow and not node.broken:
                    link = self._resolve(loaded, node)
                    self.links.append(link)
                    self._link_of[id(node)] = link
                    if link.target is not None:
                        pending.append(link.target)
        for link in self.links:
            if link.target_node is not None and link.target.graph is not None:
                link.target.graph.add_entry(link.target_node, link.origin.graph, link.node.id)
                link.origin.graph.goto_targets[link.node.id] = (link.target.graph, link.target_node)
        self._settle_gotos()

    def _resolve(self, origin: LoadedFile, node: GotoNode) -> GotoLink:
        base = os.path.dirname(origin.path) if origin.path else "."
        target_path = os.path.normpath(os.path.join(base, node.flow))
        real = os.path.realpath(target_path)
        if not any(real == root or real.startswith(root + os.sep) for root in self.roots):
            return GotoLink(origin, node, None, None,
                            f"goto {node.flow!r} leaves the checked directory tree; check a directory that holds both flows")
        if not os.path.isfile(real):
            return GotoLink(origin, node, None, None, f"goto names a flow file that does not exist: {node.flow!r}")
        try:
            target = self.load(target_path)
        except (InputError, ValueError) as error:
            return GotoLink(origin, node, None, None, f"goto target cannot be read: {error}")
        if target.flow is None:
            return GotoLink(origin, node, target, None, f"goto target {node.flow!r} is not a usable flow (see its own findings)")
        wanted = node.node or target.flow.start
        if wanted is None:
            return GotoLink(origin, node, target, None, f"goto target {node.flow!r} has no `start`: is it a flow?")
        if wanted not in target.flow.nodes:
            what = f"node {node.node!r}" if node.node else f"its start node {wanted!r}"
            return GotoLink(origin, node, target, None, f"goto target {node.flow!r} has no {what}")
        return GotoLink(origin, node, target, wanted, None)

    def _settle_gotos(self) -> None:
        """Mark the gotos whose destination can reach an end, across files, to a fixed point."""
        if not self.links:
            return
        for link in self.links:
            if link.problem is not None:  # reported as unknown-target: do not cascade
                link.origin.graph.finishing_gotos.add(link.node.id)
        changed = True
        while changed:
            changed = False
            finishing = {id(f): f.graph.can_finish() for f in self.files.values() if f.graph is not None}
            for link in self.links:
                graph = link.origin.graph
                if link.node.id in graph.finishing_gotos or link.target_node is None:
                    continue
                if link.target_node in finishing[id(link.target)]:
                    graph.finishing_gotos.add(link.node.id)
                    changed = True

    def link_for(self, node: GotoNode) -> GotoLink | None:
        return self._link_of.get(id(node))
