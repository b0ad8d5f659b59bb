"""Run the enabled rules over the checked files and turn their reports into findings.

Stages: discover files, load each once, link `goto`s, run rules, locate reports,
apply inline suppressions and configured severities, sort.

Many files are checked in parallel (`jobs`): files linked by `goto` form one group,
checked together in one worker process forked after the imports; each group's state
is dropped once it is checked, and the results are merged in the files' order. A
process running other threads (an embedding program, a test runner) checks in one
process: a fork copies locks those threads may hold, and a worker could wait forever.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
from dataclasses import dataclass, field

from ivr_lint.analysis.prompts import PromptFacts
from ivr_lint.config import Config
from ivr_lint.findings import Finding, Pos
from ivr_lint.loading.source import DEFAULT_MAX_FILE_SIZE, InputError
from ivr_lint.model.service_file import gather_inherited
from ivr_lint.project import LoadedFile, Project, discover, regular_file_head
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.structure.unused_suppression import UnusedSuppression
from ivr_lint.suppressions import Suppressions



@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    checked_files: list[str] = field(default_factory=list)  # display names, in order
    input_errors: list[str] = field(default_factory=list)
    project: Project | None = None
    service_files_checked: set[str] = field(default_factory=set)


#: whether `paused_gc` turns the collector back on; `process_ends_after_run` clears it
_restore_collector = True


def process_ends_after_run() -> None:
    """The command line says the process ends when the check returns (it leaves with
    `os._exit`): the collector then stays off, since turning it back on starts a full pass
    over every object of the run (180 ms at 10,000 nodes) just before they are dropped."""
    global _restore_collector
    _restore_collector = False


@contextlib.contextmanager
def paused_gc():
    """Run without the cyclic garbage collector, then restore it.

    Loading builds millions of small acyclic objects (YAML nodes, model objects, graph
    dicts); the collector's repeated full passes over them cost 70 % of a large check and
    grow faster than the flow. Everything is released when the run ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and _restore_collector:
            gc.enable()


def check_paths(paths: list[str], config: Config, stdin_name: str | None = None,
                stdin_data: bytes | None = None, only_flows: bool = False, jobs: int = 1) -> CheckResult:
    """Check files and directories ('-' is standard input), in up to `jobs` processes."""
    with paused_gc():
        files, problems = discover(paths, only_flows)
        if jobs > 1 and len(files) > 1 and "-" not in files and threading.active_count() == 1:
            groups = linked_files(files, config.max_file_size)
            if len(groups) > 1:
                return _check_in_parallel(paths, files, problems, groups, config, jobs)
        return _check_paths(paths, config, stdin_name, stdin_data, files, problems)


def _check_paths(paths: list[str], config: Config, stdin_name: str | None,
                 stdin_data: bytes | None, files: list[str], problems: list[str]) -> CheckResult:
    result = CheckResult(input_errors=list(problems))
    project = Project(paths, max_file_size=config.max_file_size, config_file=config.source)
    result.project = project
    checked: list[LoadedFile] = []
    for path in files:
        try:
            data = stdin_data if path == "-" and stdin_data is not None else None
            checked.append(project.load(path, name=stdin_name if path == "-" else None, data=data))
        except InputError as error:
            result.input_errors.append(str(error))
    project.link()
    check_loaded(result, checked, config)
    result.input_errors.extend(project.problems)
    return result


def check_loaded(result: CheckResult, files: list[LoadedFile], config: Config, around=None) -> None:
    """Run the enabled rules on files already loaded in `result.project` (no file is read again).

    `around`, when given, is called as `around(loaded, run)` for each file and returns its
    findings; `run()` checks the file (the language server re-uses a file's findings when an
    edit only moved its lines, see ivr_lint.server.reuse)."""
    rules = [(rule(), config.severity_of(rule), config.options_of(rule)) for rule in config.enabled_rules()]
    with paused_gc():
        for loaded in files:
            result.files += 1
            result.checked_files.append(loaded.name)
            if around is None:
                result.findings.extend(check_file(loaded, result.project, rules, config, result.input_errors))
            else:
                result.findings.extend(around(loaded, lambda loaded=loaded: check_file(
                    loaded, result.project, rules, config, result.input_errors)))
        for service_file in result.project.service_files() if result.project is not None else []:
            if service_file.name not in result.service_files_checked:  # a service file's own errors, once
                result.service_files_checked.add(service_file.name)
                result.findings.extend(check_file(service_file, result.project, rules, config, result.input_errors))
    result.findings = gather_inherited(result.findings)
    result.findings.sort(key=lambda f: f.sort_key)


def check_file(loaded: LoadedFile, project: Project, rules: list[tuple[Rule, object, dict]],
               config: Config, errors: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    suppressions = Suppressions(loaded)
    prompts = (PromptFacts(loaded.flow, config.words_per_minute, config.measured_durations)
               if loaded.flow is not None else None)
    for rule, severity, options in rules:
        if rule.needs_flow and loaded.flow is None:
            continue
        if rule.inbound_only and loaded.flow is not None and loaded.flow.kind != "inbound":
            continue
        context = FlowContext(loaded=loaded, project=project, options=options, prompts=prompts)
        try:
            for report in rule.check(context):
                finding = locate(report, rule, loaded)
                finding.severity = report.severity if report.severity is not None else severity
                if not suppressions.silence(finding):
                    findings.append(finding)
        except Exception as error:  # a bug in one rule must not hide the others' findings
            errors.append(f"internal error in rule {rule.name} on {loaded.name}: {type(error).__name__}: {error} "
                          "(please report it)")
    for rule, severity, _ in rules:
        if isinstance(rule, UnusedSuppression):
            enabled = {r.name for r, _, _ in rules} | {r.code for r, _, _ in rules}
            for report in rule.unused(suppressions, enabled):
                finding = locate(report, rule, loaded)
                finding.severity = severity
                findings.append(finding)
    if loaded.imported is not None:  # an export's element unrolled into copies: its finding once
        findings = loaded.imported.one_per_element(findings)
    return findings


# -- many files at once ------------------------------------------------------------------
#: `flow: other.yaml` in a file that has a goto: the files it may jump to
_GOTO_FLOW = re.compile(rb"""\bflow\s*:\s*["']?([^\s"'#,{}\[\]]+)""")


def linked_files(files: list[str], limit: int = DEFAULT_MAX_FILE_SIZE) -> list[list[str]]:
    """The files in groups that must be checked together: a file and those its `goto`s name
    (read from the text, before loading), either way, transitively; in the files' order.

    A jump this reading misses (a path built with YAML anchors, say) is caught after the
    check (`_check_in_parallel`), and those groups are checked again together."""
    index = {os.path.realpath(path): number for number, path in enumerate(files)}
    parent = list(range(len(files)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for number, path in enumerate(files):
        data = regular_file_head(path, limit)  # None for a FIFO (it would block: the check reports it)
        if data is None or b"goto" not in data:
            continue
        folder = os.path.dirname(path)
        for match in _GOTO_FLOW.finditer(data):
            target = os.path.realpath(os.path.join(folder, os.fsdecode(match.group(1))))
            other = index.get(target)
            if other is not None:
                parent[root(other)] = root(number)
    groups: dict[int, list[str]] = {}
    for number, path in enumerate(files):
        groups.setdefault(root(number), []).append(path)
    return list(groups.values())


@dataclass
class _GroupResult:
    """What a worker sends back for one group of files (picklable)."""

    findings: list[Finding]
    service_findings: dict[str, list[Finding]]  # a service file's own errors, by its name
    checked_files: list[str]
    input_errors: list[str]
    service_sources: dict
    read: list[tuple[str, str, bool]]  # (name, path, converted from an export) of every file read
    loaded: set[str]  # real paths of the flow files loaded (checked or reached by goto)


class _Summary:
    """Stands in for the `Project` of a parallel check: what the command line and the JSON
    report ask of it once the workers are gone."""

    @dataclass
    class _File:
        name: str
        path: str
        imported: bool | None  # True for a platform export converted in memory (counted in the summary)

    def __init__(self, results: list[_GroupResult]):
        self.files = {path: self._File(name, path, imported or None) for r in results for name, path, imported in r.read}
        self._sources = {name: where for r in results for name, where in r.service_sources.items()}

    def service_sources(self, names: list[str]) -> dict:
        return {name: self._sources[name] for name in names if name in self._sources}


#: (paths, config) of the parallel check under way: set before the workers are forked
_JOB: tuple[list[str], Config] | None = None


def _check_group(group: list[str]) -> _GroupResult:
    """Load, link and check one group of files, as `_check_paths` does for all of them."""
    paths, config = _JOB
    project = Project(paths, max_file_size=config.max_file_size, config_file=config.source)
    result = CheckResult(project=project)
    checked: list[LoadedFile] = []
    for path in group:
        try:
            checked.append(project.load(path))
        except InputError as error:
            result.input_errors.append(str(error))
    project.link()
    rules = [(rule(), config.severity_of(rule), config.options_of(rule)) for rule in config.enabled_rules()]
    for loaded in checked:
        result.checked_files.append(loaded.name)
        result.findings.extend(check_file(loaded, project, rules, config, result.input_errors))
    service = {f.name: check_file(f, project, rules, config, result.input_errors) for f in project.service_files()}
    result.input_errors.extend(project.problems)
    return _GroupResult(result.findings, service, result.checked_files, result.input_errors,
                        project.service_sources(result.checked_files),
                        [(f.name, f.path, f.imported is not None) for f in project.files.values() if f.path],
                        {os.path.realpath(f.path) for f in project.files.values() if f.path and f.flow is not None})


#: objects left since the last collection (the collector is off) above which a worker
#: collects between two groups: the few cycles a group leaves, not a pass per file
_LEFT_OVER = 200_000


def _check_groups(groups: list[list[str]]) -> list[_GroupResult]:
    """A worker's share, one group after the other; each group's objects are freed by their
    reference counts as soon as it is checked, and what cycles keep is collected now and then."""
    results = []
    for group in groups:
        results.append(_check_group(group))
        if gc.get_count()[0] > _LEFT_OVER:
            gc.collect()
    return results


def _worker_signals() -> None:
    """A worker ends as the pool expects: SIGTERM and SIGHUP kill it outright. The command's
    own handlers (inherited through the fork) unwind with SystemExit, which a worker waiting
    on the pool's queue lock may never get to."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _check_in_parallel(paths: list[str], files: list[str], problems: list[str], groups: list[list[str]],
                       config: Config, jobs: int) -> CheckResult:
    import multiprocessing

    global _JOB
    _JOB = (paths, config)
    jobs = min(jobs, len(groups))
    # a few batches per worker: balanced, and few messages between processes
    size = max(1, len(groups) // (jobs * 4))
    batches = [groups[i:i + size] for i in range(0, len(groups), size)]
    gc.freeze()  # what the parent holds is never scanned again by the workers' collections
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_signals) as pool:
            results = [r for batch in pool.imap(_check_groups, batches) for r in batch]
            pool.close()  # the workers leave on their own: no SIGTERM needed to end them
            pool.join()
        results = _recheck_misgrouped(groups, results)
    finally:
        gc.unfreeze()
        _JOB = None
    out = CheckResult(input_errors=list(problems))
    order = {name: number for number, name in enumerate(files)}
    seen_services: set[str] = set()
    for group_result in results:
        out.findings.extend(group_result.findings)
        for name, found in group_result.service_findings.items():
            if name not in seen_services:
                seen_services.add(name)
                out.service_files_checked.add(name)
                out.findings.extend(found)
        out.checked_files.extend(group_result.checked_files)
        out.input_errors.extend(group_result.input_errors)
    out.checked_files.sort(key=lambda name: order.get(name, len(order)))
    out.files = len(out.checked_files)
    out.project = _Summary(results)
    out.findings = gather_inherited(out.findings)
    out.findings.sort(key=lambda f: f.sort_key)
    return out


def _recheck_misgrouped(groups: list[list[str]], results: list[_GroupResult]) -> list[_GroupResult]:
    """Groups that loaded a file another group checks were linked after all: check them again
    together, here, so that every file is checked with every flow that jumps to it."""
    owner = {os.path.realpath(path): number for number, group in enumerate(groups) for path in group}
    parent = list(range(len(groups)))

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    for number, group_result in enumerate(results):
        for real in group_result.loaded:
            other = owner.get(real)
            if other is not None and root(other) != root(number):
                parent[root(other)] = root(number)
    if all(parent[n] == n for n in range(len(groups))):
        return results
    merged: dict[int, list[int]] = {}
    for number in range(len(groups)):
        merged.setdefault(root(number), []).append(number)
    out = []
    for members in merged.values():
        if len(members) == 1:
            out.append(results[members[0]])
        else:
            out.append(_check_group([path for number in sorted(members) for path in groups[number]]))
    return out


def locate(report: Report, rule: Rule, loaded: LoadedFile) -> Finding:
    """The engine, not the rule, knows where things are."""
    if report.pos is not None:
        pos = report.pos
    elif report.node is not None:
        pos = report.node.where(report.field)
    elif report.field is not None and loaded.flow is not None:
        pos = loaded.flow.where(report.field)
    else:
        pos = Pos(1, 1)
    node_id = report.node.id if report.node is not None else report.node_id
    message = report.message
    if loaded.imported is not None:
        in_export, message = _in_export(loaded, rule, node_id, report, message)
        pos = pos if pos.file else in_export
    extra = dict(report.extra)
    if pos.file and pos.file != loaded.name:  # inherited data: reported where it is written
        extra["inherited_by"] = [loaded.name]
    return Finding(rule=rule.name, code=rule.code, message=message, file=pos.file or loaded.name, line=pos.line,
                   column=pos.column, node=node_id, scenario=report.scenario, path=report.path, extra=extra)


def _in_export(loaded: LoadedFile, rule: Rule, node_id: str | None, report: Report, message: str):
    """Point a finding on an imported export at the original element, and say when the text is unknown."""
    from ivr_lint.importers import has_unknown_text

    imported = loaded.imported
    origin = imported.origin_of(loaded.flow, node_id, report.field) if node_id else None
    pos = Pos(*origin) if origin else Pos(1, 1)
    if node_id and not origin and node_id in imported.origin_ids:
        message = f"{message} (element {imported.origin_ids[node_id]})"
    if rule.reads_prompts and loaded.flow is not None:
        involved = list(report.path or ([node_id] if node_id else loaded.flow.nodes))
        unknown = [n for n in involved if n in loaded.flow.nodes
                   and has_unknown_text(loaded.flow.nodes[n].prompt_text)]
        if unknown:
            shown = ", ".join(unknown[:3]) + (" ..." if len(unknown) > 3 else "")
            message = (f"{message} [the prompt text of {shown} is unknown in the export (audio or run-time "
                       "text): check it by ear]")
    return pos, message
