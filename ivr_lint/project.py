"""The set of flow files one command works on, with `goto` links resolved across files.

Files named on the command line are checked; files reached only through `goto` are
loaded to resolve the link but not reported on. A `goto` may not leave the directory
trees given on the command line. Each file is read and parsed once, and only regular
files are opened: a FIFO or a device named like a flow would block or never end.

Every flow inherits the service identity (`service`, `hours`, `language`, `kind`) it
does not write itself from the nearest `service.yaml` or pyproject.toml with
[tool.ivr-lint.service] in its folder or above (see ivr_lint.model.service_file).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property

from ivr_lint.analysis.graph import FlowGraph
from ivr_lint.findings import Finding, Pos
from ivr_lint.loading.source import (DEFAULT_MAX_FILE_SIZE, STDIN_NAME, ContentError, InputError, SourceText,
                                     decode, read_bytes)
from ivr_lint.loading.yamlparse import compose
from ivr_lint.model.builder import FlowBuilder
from ivr_lint.model.flow import Flow, GotoNode
from ivr_lint.model.service_file import (BLOCKS, PYPROJECT, SERVICE_FILE_NAMES, ServiceData, inherit,
                                         read_service_yaml, read_toml_service)
from ivr_lint.text.quoting import quote, shorten

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
    #: block (service, hours, language, kind) -> where the flow's value is written (Pos.file: which file)
    service_origins: dict[str, Pos] = field(default_factory=dict)

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
                if name.endswith(FLOW_SUFFIXES) and _looks_like_flow(candidate) or \
                        not only_flows and is_export(candidate):
                    found.append(candidate)
        if not found:
            problems.append(f"{path}: no flow files found (YAML files with a top-level `ivr:` key)")
        files.extend(found)
    return files, problems


#: names a platform export may have in a directory; only these are opened and sniffed
EXPORT_SUFFIXES = (".json", ".xml", ".vxml", ".jspx", ".conf", ".ael", ".yaml", ".yml")


def is_export(path: str) -> bool:
    """A file in a directory that is a supported platform export, by its content (a bounded sniff
    of a regular file, as for flows); other JSON, XML and .conf files are left alone."""
    lower = path.lower()
    if not lower.endswith(EXPORT_SUFFIXES):
        return False
    head = regular_file_head(path)
    if not head:
        return False
    from ivr_lint.importers import detect_format

    if lower.endswith(FLOW_SUFFIXES) and _FLOW_MARKER.search(head):
        return False  # our own flow: found as one
    return detect_format(head, os.path.basename(path)) is not None


def regular_file_head(path: str, limit: int = _SNIFF, irregular=None):
    """The first `limit` bytes of a regular file; `irregular` for anything else (a FIFO, a
    device, a socket: reading them could block or never end); None when it cannot be read.
    The file is opened without blocking and checked on the open descriptor, so it cannot be
    swapped in between."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return irregular
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return handle.read(limit)
    except OSError:
        return None
    finally:
        if fd != -1:
            os.close(fd)


def _looks_like_flow(path: str) -> bool:
    found = sniff(path, _FLOW_MARKER)
    return True if found is None else found  # None: let the loader report why it cannot be read


def sniff(path: str, marker: re.Pattern[bytes], limit: int = _SNIFF) -> bool | None:
    """Whether the first `limit` bytes of a regular file match `marker`.

    False for anything else (a FIFO, a device, a socket: reading them could block or
    never end); None when the file cannot be opened (see `regular_file_head`).
    """
    head = regular_file_head(path, limit, irregular=False)
    return head if head is None or head is False else marker.search(head) is not None


def refuse_unread(data: bytes, name: str) -> str | None:
    """The one-line refusal of a file in a format ivr-lint recognises but does not read
    (Markdown, RapidPro, jambonz, NCCO, FreeSWITCH phrases); None for anything else."""
    from ivr_lint.importers import ImportFailure, convert, detect_format, not_read

    if detect_format(data, name) is not None or not_read(data, name) is None:
        return None
    try:
        convert(data, name)
    except ImportFailure as failure:
        return failure.message  # it names the file
    return None


def is_service_file(path: str, data: bytes) -> bool:
    """A `service.yaml` (not a flow: it has no top-level `ivr:` key)."""
    return os.path.basename(path) in SERVICE_FILE_NAMES and not _FLOW_MARKER.search(data[:_SNIFF])


def require_regular(path: str, wanted: str = "a flow file", shown: str | None = None) -> None:
    """Raise InputError for a path that exists but is not a regular file or a directory."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: the reader says which
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else (
            "a socket" if stat.S_ISSOCK(mode) else "not a file")
        raise InputError(f"{shown or path}: not a regular file ({what}); give {wanted}")


def roots_of(paths: list[str]) -> list[str]:
    """The directory trees that paths named on the command line open: a directory, or a file's folder."""
    return [os.path.realpath(r if os.path.isdir(r) else os.path.dirname(r) or ".") if r != "-"
            else os.path.realpath(".") for r in paths] or [os.path.realpath(".")]


def within(path: str, roots: list[str]) -> bool:
    """Whether `path` (resolved through symbolic links) lies in one of the `roots` trees."""
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


class Project:
    """Loads flow files once each and links them through `goto`."""

    def __init__(self, roots: list[str], max_file_size: int = DEFAULT_MAX_FILE_SIZE,
                 config_file: str | None = None):
        """`config_file`: the settings file in use; its service table applies to flows that
        find no service data in their folder or above."""
        self.roots = roots_of(roots)
        self.max_file_size = max_file_size
        self.config_file = config_file
        self.files: dict[str, LoadedFile] = {}
        self.links: list[GotoLink] = []
        self._link_of: dict[int, GotoLink] = {}
        self.services: dict[str, ServiceData] = {}  # real path of a service file -> its data, read once
        self.problems: list[str] = []  # service files that cannot be read (exit code 2)
        self._service_in_folder: dict[str, ServiceData | None] = {}
        self._named_services: set[str] = set()

    def load(self, path: str, name: str | None = None, data: bytes | None = None) -> LoadedFile:
        """Load a file (or '-' for standard input); raises InputError if unreadable."""
        key = "-" if path == "-" else os.path.realpath(path)
        if key in self.files:
            return self.files[key]
        display = name or (STDIN_NAME if path == "-" else path)
        loaded = LoadedFile(name=display, path=None if path == "-" else path)
        if data is None:
            require_regular(path)
            data = read_bytes(path, self.max_file_size)
        if loaded.path is not None and is_service_file(path, data):
            self.files[key] = self._load_service_file(loaded, data)
            return self.files[key]
        refusal = refuse_unread(data, display)
        if refusal:
            raise InputError(refusal)
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
            if loaded.flow is not None:
                self._inherit(loaded)
        self.files[key] = loaded
        return loaded

    # -- service identity ------------------------------------------------------------------
    def _inherit(self, loaded: LoadedFile) -> None:
        flow = loaded.flow
        origins = {block: flow.positions[f"{block}@key"] for block in BLOCKS if f"{block}@key" in flow.positions}
        loaded.service_origins = {block: Pos(1, 1, file=loaded.name) if loaded.imported is not None  # no line of
                                  else Pos(p.line, p.column, file=loaded.name)  # the export to point at
                                  for block, p in origins.items()}
        if len(origins) == len(BLOCKS):
            return
        if loaded.path is not None:
            folder, shown_relative = os.path.dirname(os.path.abspath(loaded.path)), not os.path.isabs(loaded.path)
        else:  # standard input: the folder of --stdin-filename, or the working directory
            named = os.path.dirname(os.path.abspath(loaded.name)) if loaded.name != STDIN_NAME else ""
            folder = named if named and os.path.isdir(named) else os.path.abspath(".")
            shown_relative = not (named and os.path.isabs(loaded.name))
        data = self.service_for(folder, shown_relative)
        if data is not None:
            for block in inherit(flow, data):
                loaded.service_origins[block] = data.positions[f"{block}@key"]

    def service_for(self, folder: str, shown_relative: bool = True) -> ServiceData | None:
        """The service data a flow in `folder` inherits: the nearest service.yaml, or pyproject.toml
        with [tool.ivr-lint.service], in the folder or above (up to the repository root); else
        the service table of the settings file in use."""
        walked = []
        current = os.path.abspath(folder)
        while True:
            if current in self._service_in_folder:
                found = self._service_in_folder[current]
                break
            walked.append(current)
            found = self._service_here(current, shown_relative)
            parent = os.path.dirname(current)
            if found is not None or os.path.exists(os.path.join(current, ".git")) or parent == current:
                if found is None and self.config_file:
                    found = self._read_service(os.path.abspath(self.config_file), shown_relative, toml=True)
                break
            current = parent
        for seen in walked:
            self._service_in_folder[seen] = found
        return found

    def _service_here(self, folder: str, shown_relative: bool) -> ServiceData | None:
        for name in SERVICE_FILE_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.lexists(candidate) and sniff(candidate, _FLOW_MARKER) is not True:  # a flow so named is not one
                return self._read_service(candidate, shown_relative, toml=False)
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate):
            return self._read_service(candidate, shown_relative, toml=True)
        return None

    def _read_service(self, path: str, shown_relative: bool, toml: bool) -> ServiceData | None:
        real = os.path.realpath(path)
        if real in self.services:
            return self.services[real]
        name = os.path.relpath(path) if shown_relative else path
        data = None
        try:
            require_regular(path, "a service file", shown=name)
            data = (read_toml_service if toml else read_service_yaml)(path, name, self.max_file_size)
        except InputError as error:
            self.problems.append(f"service data: {str(error).replace(path, name)}")
        self.services[real] = data
        return data

    def service_sources(self, names: list[str]) -> dict[str, dict[str, Pos]]:
        """For each named flow: block -> where its value is written (the flow itself, or a service file)."""
        by_name = {loaded.name: loaded for loaded in self.files.values() if loaded.flow is not None}
        return {name: {block: by_name[name].service_origins[block] for block in BLOCKS
                       if block in by_name[name].service_origins} for name in names if name in by_name}

    def _load_service_file(self, loaded: LoadedFile, data: bytes) -> LoadedFile:
        """A service.yaml named on the command line: checked for its own errors, not as a flow."""
        real = os.path.realpath(loaded.path)
        if self.services.get(real) is None:
            self.services[real] = read_service_yaml(loaded.path, loaded.name, self.max_file_size, data)
        service = self.services[real]
        self._named_services.add(real)
        return LoadedFile(name=service.file, path=loaded.path, source=service.source, findings=list(service.findings))

    def service_files(self) -> list[LoadedFile]:
        """The service files read but not named, as files whose load findings (syntax, schema) are reported."""
        return [LoadedFile(name=data.file, path=None, source=data.source, findings=list(data.findings))
                for real, data in self.services.items()
                if data is not None and data.findings and real not in self._named_services]

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
        except Exception as error:  # an importer bug: exit 2 as for an unreadable file, never 1 (a finding)
            message = shorten(" ".join(str(error).split()))
            raise InputError(f"{loaded.name}: internal error while importing this {fmt} export: "
                             f"{type(error).__name__}: {message} (a bug in ivr-lint: please report it)") from None
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
        flow_name = quote(node.flow)
        if not within(real, self.roots):
            return GotoLink(origin, node, None, None,
                            f"goto {flow_name} leaves the checked directory tree; "
                            "check a directory that holds both flows")
        if not self.is_file(real):
            return GotoLink(origin, node, None, None, f"goto names a flow file that does not exist: {flow_name}")
        try:
            target = self.load(target_path)
        except (InputError, ValueError) as error:
            return GotoLink(origin, node, None, None, f"goto target cannot be read: {error}")
        if target.flow is None:
            return GotoLink(origin, node, target, None,
                            f"goto target {flow_name} is not a usable flow (see its own findings)")
        wanted = node.node or target.flow.start
        if wanted is None:
            return GotoLink(origin, node, target, None, f"goto target {flow_name} has no `start`: is it a flow?")
        if wanted not in target.flow.nodes:
            what = f"node {quote(node.node)}" if node.node else f"its start node {quote(wanted)}"
            return GotoLink(origin, node, target, None, f"goto target {flow_name} has no {what}")
        return GotoLink(origin, node, target, wanted, None)

    def is_file(self, path: str) -> bool:
        """Whether a `goto` target exists (a project read from elsewhere than the disk, such as
        a git revision, says so from its own files)."""
        return os.path.isfile(path)

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
