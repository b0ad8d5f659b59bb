"""The two sides of a diff: flow files on disk, or a git revision's blobs read into memory.

A side is a set of flow files keyed by the path that pairs them with the other side (the
path inside the compared directory, or inside the repository for git revisions). A git
revision is never checked out: `git ls-tree` lists its files and one `git cat-file
--batch` reads them, and a `Project` that takes its files from that table loads them, so
`goto` links and `service.yaml` resolve inside the revision as they would on disk.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field

from ivr_lint.loading.source import DEFAULT_MAX_FILE_SIZE, InputError
from ivr_lint.model.service_file import SERVICE_FILE_NAMES, ServiceData, read_service_yaml
from ivr_lint.project import FLOW_SUFFIXES, LoadedFile, Project, discover

NULL_FILE = os.devnull
_FLOW_MARKER = re.compile(rb"^ivr[ \t]*:", re.MULTILINE)


class SideError(Exception):
    """OLD or NEW cannot be read: exit 2 with this message."""


@dataclass
class Side:
    """One side of the comparison: key -> where its flow is."""

    label: str
    project: Project
    #: pairing key -> path to load (a real file, or a path inside the git table)
    files: dict[str, str] = field(default_factory=dict)
    loaded: dict[str, LoadedFile] = field(default_factory=dict)

    def load(self) -> None:
        for key, path in self.files.items():
            try:
                self.loaded[key] = self.project.load(path, name=key)
            except InputError as error:
                raise SideError(str(error)) from None
        self.project.link()


class BlobProject(Project):
    """A project whose files come from a table (path -> bytes) instead of the disk."""

    def __init__(self, root: str, blobs: dict[str, bytes], max_file_size: int = DEFAULT_MAX_FILE_SIZE):
        super().__init__([root], max_file_size=max_file_size)
        self.roots = [os.path.realpath(root)]
        self.blobs = {os.path.realpath(path): data for path, data in blobs.items()}

    def load(self, path: str, name: str | None = None, data: bytes | None = None) -> LoadedFile:
        real = os.path.realpath(path)
        if data is None and real in self.blobs:
            data = self.blobs[real]
        if data is None:
            raise InputError(f"{name or path}: not in the revision")
        if name is None:
            name = os.path.relpath(real, self.roots[0])
        return super().load(path, name=name, data=data)

    def is_file(self, path: str) -> bool:
        return os.path.realpath(path) in self.blobs

    def _service_here(self, folder: str, shown_relative: bool) -> ServiceData | None:
        for name in SERVICE_FILE_NAMES:
            candidate = os.path.realpath(os.path.join(folder, name))
            if candidate in self.blobs and not _FLOW_MARKER.search(self.blobs[candidate]):
                if candidate not in self.services:
                    shown = os.path.relpath(candidate, self.roots[0])
                    self.services[candidate] = read_service_yaml(candidate, shown, self.max_file_size,
                                                                 self.blobs[candidate])
                return self.services[candidate]
        return None  # a pyproject.toml service table is read from the working tree only


def empty_side(label: str) -> Side:
    return Side(label, Project(["."]))


def disk_side(path: str, label: str | None = None) -> Side:
    """A file or a directory of flows; /dev/null is an empty side (a flow added or deleted)."""
    if path == NULL_FILE:
        return empty_side(label or path)
    if not os.path.exists(path):
        raise SideError(f"{path}: no such file or directory")
    side = Side(label or path, Project([path]))
    if os.path.isdir(path):
        files, problems = discover([path])
        if problems and not files:
            raise SideError(problems[0])
        for file in files:
            side.files[os.path.relpath(file, path).replace(os.sep, "/")] = file
    else:
        side.files[os.path.basename(path)] = path
    return side


def single_file_side(path: str) -> Side:
    """One file read alone, with no other file of its folder (a git textconv gets a temporary
    copy of the old side and the real file of the new one: neither may see its neighbours,
    or a `goto` would resolve on one side only)."""
    if not os.path.isfile(path):
        raise SideError(f"{path}: no such file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(DEFAULT_MAX_FILE_SIZE + 1)
    except OSError as error:
        raise SideError(f"{path}: cannot read: {error.strerror or error}") from None
    folder = os.path.dirname(os.path.abspath(path))
    side = Side(os.path.basename(path), BlobProject(folder, {os.path.abspath(path): data}))
    side.files[os.path.basename(path)] = os.path.abspath(path)
    return side


def worktree_side(root: str, paths: list[str]) -> Side:
    """The working tree's flows under `paths` (default: the whole repository), keyed by path in the repository."""
    wanted = paths or [root]
    side = Side("working tree", Project(wanted))
    files, _ = discover([p for p in wanted if os.path.exists(p)])
    for file in files:
        side.files[os.path.relpath(os.path.realpath(file), root).replace(os.sep, "/")] = file
    return side


# -- git -------------------------------------------------------------------------------------

def _git(args: list[str], cwd: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except OSError as error:
        raise SideError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SideError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return done.stdout


def repository_root(cwd: str = ".") -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout.decode().strip() if done.returncode == 0 else None


def is_revision(name: str, cwd: str = ".") -> bool:
    try:
        done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], cwd=cwd,
                              capture_output=True, check=False)
    except OSError:
        return False
    return done.returncode == 0


def revision_side(revision: str, paths: list[str], cwd: str = ".",
                  max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> Side:
    """The flows of `revision` under `paths` (relative to `cwd`, as git takes them), read into memory.

    Every YAML file of the revision is read (not only those under `paths`), so a `goto` to a
    flow elsewhere in the tree and the `service.yaml` above a flow are found in the revision."""
    root = repository_root(cwd)
    if root is None:
        raise SideError(f"{revision}: not a git repository here")
    if not is_revision(revision, cwd):
        raise SideError(f"{revision}: no such file, directory or git revision")
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", "--full-name", revision], cwd)
    wanted = set(_git(["ls-tree", "-r", "-z", "--name-only", "--full-name", revision, "--", *paths], cwd)
                 .decode("utf-8", "surrogateescape").split("\0")) if paths else None
    objects = []
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, name = entry.partition("\t")
        mode, kind, sha = meta.split()
        if kind == "blob" and mode != "120000" and name.endswith(FLOW_SUFFIXES + (".toml",)):
            objects.append((name, sha))
    blobs = _cat_blobs([sha for _, sha in objects], cwd)
    table = {os.path.join(root, name): blobs[sha] for name, sha in objects if len(blobs[sha]) <= max_file_size}
    side = Side(revision, BlobProject(root, table, max_file_size))
    for name, sha in objects:
        data = blobs[sha]
        if (wanted is None or name in wanted) and name.endswith(FLOW_SUFFIXES) and _FLOW_MARKER.search(data[:262144]):
            side.files[name] = os.path.join(root, name)
    return side


def _cat_blobs(shas: list[str], cwd: str) -> dict[str, bytes]:
    """Read many blobs with one `git cat-file --batch`."""
    if not shas:
        return {}
    unique = list(dict.fromkeys(shas))
    out = _git(["cat-file", "--batch"], cwd, ("\n".join(unique) + "\n").encode())
    blobs, position = {}, 0
    for sha in unique:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        size = int(header[2])
        blobs[sha] = out[end + 1:end + 1 + size]
        position = end + 1 + size + 1
    return blobs
