"""The flow a simulation runs on: loaded with its `goto` targets, and refused when broken.

A flow that `ivr-lint check` rejects with errors (a dead end, an unknown target, a
schema error) has no defined behaviour to simulate, so the commands stop with the
findings instead of guessing. Only the structural rules decide: a long prompt or a
missing callback is worth hearing in a simulation, not a reason to refuse one.

One exception: a platform export that jumps to a place it does not have (an Asterisk
`Goto` to a missing label, a VoiceXML `<goto next="#nowhere">`) is imported with that
jump left dangling (`ImportResult.dangling`). `check` reports it as `unknown-target`;
a simulation runs every call that does not take it, and one that does stops there
with the outcome `unknown-target` (see `simulate.engine`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ivr_lint.config import Config
from ivr_lint.engine import check_loaded, check_paths
from ivr_lint.findings import Finding, Severity
from ivr_lint.project import LoadedFile, Project

STRUCTURAL = "structure"


class FlowRefused(Exception):
    """The flow cannot be simulated; `str()` lists why, one finding per line.

    `findings` is True when `check` rejected the flow, False when it could not be read.
    """

    def __init__(self, message: str, findings: bool = False):
        super().__init__(message)
        self.findings = findings

    def explain(self, what: str) -> str:
        if self.findings:
            return f"cannot {what}: `ivr-lint check` reports errors; fix them first:\n{self}"
        return f"cannot {what}: {self}"


@dataclass
class Loaded:
    project: Project
    file: LoadedFile


def _format(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}:{finding.column}: {finding.rule}: {finding.message}"


def load_flow(path: str) -> Loaded:
    """Load and check `path` and every flow it jumps to; raise FlowRefused on errors."""
    if path == "-":
        raise FlowRefused("give the flow as a file path: only `ivr-lint check` reads a flow from standard input")
    if os.path.isdir(path):
        raise FlowRefused(f"{path}: is a directory; give one flow file")
    config = Config(select=[STRUCTURAL])
    result = check_paths([path], config)
    requested = os.path.realpath(path)
    linked = [f for f in result.project.files.values() if f.path and os.path.realpath(f.path) != requested]
    if linked and not result.input_errors:  # check the flows it jumps to as well, already loaded
        check_loaded(result, linked, config)
    if result.input_errors:
        raise FlowRefused("\n".join(result.input_errors))
    project = result.project
    started = next(f for f in project.files.values() if f.path == path)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR and not _dangling_jump(f, project)]
    if errors or started.flow is None:
        lines = [_format(f) for f in errors] or [f"{path}: not a usable flow"]
        raise FlowRefused("\n".join(lines), findings=bool(errors))
    return Loaded(project, started)


def _dangling_jump(finding: Finding, project: Project) -> bool:
    """An `unknown-target` on a jump the importer kept dangling on purpose (the export's own)."""
    if finding.rule != "unknown-target" or finding.node is None:
        return False
    loaded = next((f for f in project.files.values() if f.name == finding.file), None)
    dangling = getattr(getattr(loaded, "imported", None), "dangling", None)
    if not dangling or loaded.flow is None or finding.node not in loaded.flow.nodes:
        return False
    missing = {t.target for t in loaded.flow.nodes[finding.node].transitions if t.target not in loaded.flow.nodes}
    return bool(missing) and missing <= set(dangling)
