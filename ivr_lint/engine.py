"""Run the enabled rules over the checked files and turn their reports into findings.

Stages: discover files, load each once, link `goto`s, run rules, locate reports,
apply inline suppressions and configured severities, sort.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field

from ivr_lint.analysis.prompts import PromptFacts
from ivr_lint.config import Config
from ivr_lint.findings import Finding, Pos
from ivr_lint.loading.source import InputError
from ivr_lint.model.service_file import gather_inherited
from ivr_lint.project import LoadedFile, Project, discover
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
                stdin_data: bytes | None = None, only_flows: bool = False) -> CheckResult:
    """Check files and directories ('-' is standard input)."""
    with paused_gc():
        return _check_paths(paths, config, stdin_name, stdin_data, only_flows)


def _check_paths(paths: list[str], config: Config, stdin_name: str | None,
                 stdin_data: bytes | None, only_flows: bool) -> CheckResult:
    files, problems = discover(paths, only_flows)
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


def check_loaded(result: CheckResult, files: list[LoadedFile], config: Config) -> None:
    """Run the enabled rules on files already loaded in `result.project` (no file is read again)."""
    rules = [(rule(), config.severity_of(rule), config.options_of(rule)) for rule in config.enabled_rules()]
    with paused_gc():
        for loaded in files:
            result.files += 1
            result.checked_files.append(loaded.name)
            result.findings.extend(check_file(loaded, result.project, rules, config, result.input_errors))
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
    return findings


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
    origin = imported.origins.get(node_id) if node_id else None
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
