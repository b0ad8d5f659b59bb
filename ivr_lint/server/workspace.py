"""Workspace and document state: open buffers, loaded files kept between checks, configs.

A check builds a fresh `Project` (links and graphs are per run) but takes every file whose
bytes did not change from the cache, so a keystroke re-parses one file only. Open buffers
are checked as typed, never as saved on disk. Flows that `goto` a file are re-checked with
it, since what they may reach changed. An edit that only moved an open file's lines (a
comment added above the nodes) moves its findings instead of running the rules again
(`ivr_lint.server.reuse`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ivr_lint.config import Config, ConfigError, find_pyproject, load_config
from ivr_lint.engine import CheckResult, check_loaded, paused_gc
from ivr_lint.findings import Finding
from ivr_lint.loading.source import InputError
from ivr_lint.model.builder import NodeMemory, remembering
from ivr_lint.project import LoadedFile, Project, discover, within
from ivr_lint.server.reuse import copied, line_shift, moved_findings, same_moved


@dataclass
class Checked:
    """The outcome of the last check of one file: what features answer from."""

    loaded: LoadedFile
    project: Project
    config: Config
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class _Past:
    """What the rules said about an open file at its last check, and what they saw."""

    text: str
    loaded: LoadedFile
    findings: list[Finding]  # as the engine's check_file returned them (copies)
    context: tuple  # the config, the roots and the other files of the check (the same objects)

    def same_context(self, context: tuple) -> bool:
        return len(context) == len(self.context) and all(
            a is b if not isinstance(a, str) else a == b for a, b in zip(self.context, context))


class _CachedProject(Project):
    """A Project that takes unchanged files from the workspace cache and open buffers' text."""

    def __init__(self, workspace: "Workspace", roots: list[str], config: Config, linking: bool = True):
        super().__init__(roots, max_file_size=config.max_file_size, config_file=config.source)
        self.workspace = workspace
        self.linking = linking

    def load(self, path: str, name: str | None = None, data: bytes | None = None) -> LoadedFile:
        key = os.path.realpath(path)
        if key in self.files:
            return self.files[key]
        stamp = self.workspace.stamp(key)
        cached = self.workspace.cache.get(key)
        if cached is not None and cached[0] == stamp:
            loaded = cached[1]
            if self.linking:  # links are per run: a fresh graph for this project
                loaded.__dict__.pop("graph", None)
            self.files[key] = loaded
            return loaded
        if data is None and key in self.workspace.buffers:
            data = self.workspace.buffers[key].encode("utf-8")
        memories = {path: self.workspace.memories.setdefault(key, NodeMemory())} if key in self.workspace.buffers else {}
        with remembering(memories):  # an open file's nodes whose text did not change are not read again
            loaded = super().load(path, name=name or path, data=data)
        if stamp is not None:
            self.workspace.cache[key] = (stamp, loaded)
        return loaded


class Workspace:
    """What the server knows: the workspace roots, open buffers, cached loads, last checks."""

    def __init__(self, roots: list[str] | None = None, only_flows: bool = False):
        self.roots = [os.path.realpath(r) for r in roots or []]
        self.only_flows = only_flows
        self.buffers: dict[str, str] = {}  # real path -> text of an open document
        self.versions: dict[str, int] = {}
        #: real path -> (stamp, loaded): the stamp is the buffer text or the file's (mtime, size)
        self.cache: dict[str, tuple[object, LoadedFile]] = {}
        self.checked: dict[str, Checked] = {}
        #: real path -> the nodes of its last build, re-used where their text is unchanged
        self.memories: dict[str, NodeMemory] = {}
        #: real path of a flow -> real paths of the flows whose `goto` reaches it
        self.dependents: dict[str, set[str]] = {}
        self._configs: dict[str | None, Config] = {}
        self._indexed: set[str] = set()
        self.config_errors: dict[str, str] = {}
        #: real path of an open file -> its findings at its last check (moved when only lines moved)
        self.past: dict[str, _Past] = {}
        self.reused = 0  # checks that moved a file's findings rather than run the rules (for tests)

    # -- state -----------------------------------------------------------------------------
    def stamp(self, key: str) -> object:
        if key in self.buffers:
            return ("buffer", self.buffers[key])
        try:
            info = os.stat(key)
        except OSError:
            return None
        return ("disk", info.st_mtime_ns, info.st_size)

    def open(self, path: str, text: str, version: int | None = None) -> str:
        key = os.path.realpath(path)
        self.buffers[key] = text
        self.versions[key] = version or 0
        return key

    def close(self, path: str) -> None:
        key = os.path.realpath(path)
        self.buffers.pop(key, None)
        self.versions.pop(key, None)
        self.checked.pop(key, None)
        self.memories.pop(key, None)
        self.past.pop(key, None)

    def forget_settings(self) -> None:
        """A settings or service file changed: every inherited value may differ."""
        self._configs.clear()
        self.config_errors.clear()
        self.cache.clear()

    def root_for(self, path: str) -> str:
        for root in sorted(self.roots, key=len, reverse=True):
            if within(path, [root]):
                return root
        return os.path.dirname(path)

    def config_for(self, path: str) -> Config:
        """The nearest pyproject.toml with [tool.ivr-lint], as `ivr-lint check` finds it."""
        found = find_pyproject(os.path.dirname(path))
        if found not in self._configs:
            try:
                self._configs[found] = load_config(found)
            except ConfigError as error:
                self.config_errors[found or ""] = str(error)
                self._configs[found] = load_config(None)
        return self._configs[found]

    # -- checking --------------------------------------------------------------------------
    def affected(self, key: str) -> list[str]:
        """The file and every flow that reaches it through `goto`, nearest first."""
        order, pending = [key], [key]
        while pending:
            for origin in sorted(self.dependents.get(pending.pop(0), ())):
                if origin not in order:
                    order.append(origin)
                    pending.append(origin)
        return order

    def index(self, key: str) -> None:
        """Which flows of the workspace `goto` which, so that a flow opened alone is checked
        with the flows that enter it, as `ivr-lint check DIR` does. Read again when a file the
        index has not seen is checked (files are taken from the cache: only new ones are read)."""
        if key in self._indexed:
            return
        from ivr_lint.model.flow import GotoNode

        self._indexed.add(key)
        for loaded in self.flows():
            origin = os.path.realpath(loaded.path)
            self._indexed.add(origin)
            for node in loaded.flow.nodes.values():
                if isinstance(node, GotoNode) and node.flow and not node.broken:
                    target = os.path.realpath(os.path.join(os.path.dirname(origin), node.flow))
                    self.dependents.setdefault(target, set()).add(origin)

    def check(self, path: str) -> dict[str, Checked]:
        """Check a file and the flows that reach it; real path -> its new state."""
        key = os.path.realpath(path)
        self.index(key)
        config = self.config_for(key)
        targets = [k for k in self.affected(key) if os.path.exists(k) or k in self.buffers]
        project = _CachedProject(self, [self.root_for(key)], config)
        result = CheckResult(project=project)
        loaded: list[LoadedFile] = []
        with paused_gc():
            for target in targets:
                try:
                    loaded.append(project.load(target))
                except InputError as error:
                    result.input_errors.append(str(error))
                    if target == key:
                        raise
            project.link()
            check_loaded(result, loaded, config, around=self._reusing(key, project, config, result))
        for link in project.links:
            if link.origin.path and link.target is not None and link.target.path:
                self.dependents.setdefault(os.path.realpath(link.target.path), set()).add(
                    os.path.realpath(link.origin.path))
        by_file: dict[str, list[Finding]] = {}
        for finding in result.findings:
            by_file.setdefault(os.path.realpath(finding.file), []).append(finding)
        states = {}
        for item in loaded:
            real = os.path.realpath(item.path)
            states[real] = Checked(item, project, config, by_file.get(real, []),
                                   list(result.input_errors) + list(project.problems))
        self.checked.update(states)
        return states

    def _reusing(self, key: str, project: Project, config: Config, result: CheckResult):
        """For `check_loaded`: the open file `key` gets its last findings moved when the edit
        only moved its lines (see ivr_lint.server.reuse); any file else is checked."""
        if key not in self.buffers:
            self.past.pop(key, None)
            return None
        context = (config, repr(project.roots), *(item for pair in sorted(
            (k, v) for k, v in project.files.items() if k != key) for item in pair))

        def around(loaded: LoadedFile, run) -> list[Finding]:
            if loaded.path is None or os.path.realpath(loaded.path) != key:
                return run()
            past = self.past.pop(key, None)
            found = self._moved(past, loaded, context) if past is not None else None
            if found is not None:
                self.reused += 1
            else:
                errors = len(result.input_errors)
                found = run()
                if len(result.input_errors) != errors or loaded.source is None:
                    return found  # a rule failed: nothing to re-use next time
            self.past[key] = _Past(loaded.source.text, loaded, [copied(f) for f in found], context)
            return found

        return around

    @staticmethod
    def _moved(past: _Past, loaded: LoadedFile, context: tuple) -> list[Finding] | None:
        if (not past.same_context(context) or loaded.source is None or loaded.imported is not None
                or past.loaded.imported is not None or past.loaded.name != loaded.name):
            return None
        shift = line_shift(past.text, loaded.source.text)
        if shift is None:
            return None
        before, after = past.loaded, loaded
        if not same_moved((before.flow, before.findings, before.service_origins),
                          (after.flow, after.findings, after.service_origins), shift, loaded.name):
            return None
        return moved_findings(past.findings, shift, loaded.name)

    # -- the whole workspace (references, rename) ------------------------------------------
    def flows(self) -> list[LoadedFile]:
        """Every flow of the workspace roots and every open flow, loaded through the cache."""
        paths = []
        if self.roots:
            found, _ = discover(self.roots)
            paths += [os.path.realpath(p) for p in found]
        paths += [k for k in self.buffers if k not in paths]
        files = []
        for key in paths:
            config = self.config_for(key)
            project = _CachedProject(self, [self.root_for(key)], config, linking=False)
            try:
                item = project.load(key)
            except InputError:
                continue
            if item.flow is not None:
                files.append(item)
        return files
