"""What the report page holds, gathered once from the commands' own stages.

Findings come from the engine `check` runs (on the files already loaded), the diagram from
`render` (Graphviz SVG with the lint overlay, one picture per scenario, and the text tree),
the journeys from `journeys`/`test`, the prompts from `prompts`, the load from `load`.
Nothing is computed twice and nothing here formats HTML: `html.py` draws this model.
"""

from __future__ import annotations

import base64
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ivr_lint.analysis.inventory import PromptRow, prompt_rows
from ivr_lint.analysis.recordings import safe_filename
from ivr_lint.analysis.scenarios import Scenario, scenarios_of
from ivr_lint.config import Config
from ivr_lint.engine import CheckResult, check_loaded
from ivr_lint.findings import Finding, Severity
from ivr_lint.model.flow import QueueNode
from ivr_lint.project import LoadedFile, Project
from ivr_lint.report.commitments import Commitment, judge
from ivr_lint.rules import RULES

#: the page's scenario switch: value -> the scenario drawn
SCENARIOS = {"open": "open", "closed": "closed", "holiday": "holiday", "congested": "open+congested"}
STRUCTURE = {r.name for r in RULES if "structure" in r.tags}


class ReportInputError(Exception):
    """The files cannot be reported on (the message says where); nothing is written."""


@dataclass
class Figure:
    flow: str
    scenario: str  # a key of SCENARIOS
    svg: str | None
    text: str
    problem: str | None = None


@dataclass
class JourneyRow:
    scenario: str
    keys: list[str]
    outcome: str
    end: str
    seconds: float


@dataclass
class FlowJourneys:
    flow: str
    rows: list[JourneyRow] = field(default_factory=list)
    covered: int = 0
    total: int = 0
    uncovered: int = 0
    problem: str | None = None  # catalogue key: why none were generated


@dataclass
class TestRow:
    file: str
    name: str
    line: int
    passed: bool
    problems: list[str]


@dataclass
class Prompt:
    row: PromptRow
    audio: str | None = None  # a data: URI or a file name beside the page


@dataclass
class LoadFigures:
    file: str
    days: list[dict]
    intervals: list[dict]
    plots: list[tuple[str, str]]  # (name, svg text)
    findings: list[str]


@dataclass
class Assessment:
    lang: str
    services: list[str]  # the services the flows a caller enters belong to (usually one)
    files: list[str]
    made_on: date
    flows: list[LoadedFile]
    findings: list[Finding]
    commitments: list[Commitment]
    figures: list[Figure] = field(default_factory=list)
    journeys: list[FlowJourneys] = field(default_factory=list)
    tests: list[TestRow] | None = None
    prompts: list[Prompt] = field(default_factory=list)
    load: LoadFigures | None = None

    @property
    def counts(self) -> Counter:
        return Counter(f.severity.label for f in self.findings)

    @property
    def nodes(self) -> int:
        return sum(len(f.flow.nodes) for f in self.flows)


def load_project(paths: list[str], config: Config) -> tuple[Project, list[LoadedFile]]:
    """Every flow under `paths` with its `goto` targets, or ReportInputError on unusable input."""
    from ivr_lint.loading.source import InputError
    from ivr_lint.project import discover

    files, problems = discover(paths)
    if problems:
        raise ReportInputError(problems[0])
    if not files:
        raise ReportInputError(f"no flow found in {', '.join(paths)} (a flow is a YAML file with a top-level `ivr:` key)")
    project = Project(paths, max_file_size=config.max_file_size, config_file=config.source)
    loaded = []
    for path in files:
        try:
            loaded.append(project.load(path))
        except InputError as error:
            raise ReportInputError(str(error)) from None
    project.link()
    if project.problems:
        raise ReportInputError(project.problems[0])
    for item in list(loaded) + [f for f in project.files.values() if f not in loaded]:
        if item.flow is None or item.findings:
            lines = [f"{f.file}:{f.line}:{f.column}: {f.rule}: {f.message}" for f in item.findings]
            raise ReportInputError("\n".join([f"{item.name} is not a usable flow (`ivr-lint check {item.name}` "
                                              "says the same):", *("  " + line for line in lines)]))
    return project, loaded


def assess(paths: list[str], config: Config, lang: str | None, made_on: date) -> tuple[Assessment, Project]:
    project, loaded = load_project(paths, config)
    result = CheckResult(project=project)
    check_loaded(result, loaded, config)
    if result.input_errors:
        raise ReportInputError(result.input_errors[0])
    linked = [f for f in project.files.values() if f.flow is not None and f not in loaded]
    flows = loaded + linked
    measured = dict(config.measured_durations)
    commitments = judge(flows, result.findings, config.words_per_minute, measured)
    chosen = lang or default_language(flows)
    entries = [f for f in flows if not f.graph.is_subflow] or flows[:1]
    services = list(dict.fromkeys(f.flow.service.name or f.flow.name or f.flow.id for f in entries))
    assessment = Assessment(chosen, services, [f.name for f in flows], made_on, flows, result.findings, commitments)
    for item in flows:
        assessment.prompts += [Prompt(row) for row in prompt_rows(item.flow, item.graph, item.name, measured,
                                                                  config.words_per_minute)]
    return assessment, project


def default_language(flows: list[LoadedFile]) -> str:
    """The flows' language when the page supports it: the most common among them, else English."""
    counts = Counter(f.flow.lang for f in flows)
    for lang, _ in counts.most_common():
        if lang in ("fr", "en"):
            return lang
    return "en"


def scenario_values(loaded: LoadedFile) -> list[str]:
    """The scenarios a caller of this flow can meet, as the page's switch names them."""
    scenarios = scenarios_of(loaded.graph)
    values = ["open"]
    for state in ("closed", "holiday"):
        if scenarios.for_state(state):
            values.append(state)
    if any(isinstance(n, QueueNode) and n.congestion for n in loaded.flow.nodes.values()):
        values.append("congested")
    return values


def draw(assessment: Assessment, project: Project) -> None:
    """One figure per flow and scenario: `render --lint --scenario S` as SVG, and the text tree, in the
    page's language (its legend and notes say what the page around them says)."""
    from ivr_lint.render import RenderOptions, build_diagram, render

    svg_problem = None
    try:
        from ivr_lint.render.image import GraphvizUnavailable, LayoutError, check_graphviz

        check_graphviz()
    except GraphvizUnavailable as error:
        svg_problem = str(error)
    for loaded in assessment.flows:
        for value in scenario_values(loaded):
            options = RenderOptions(scenario=Scenario.parse(SCENARIOS[value]), lint=True, lang=assessment.lang)
            diagram = build_diagram(project, loaded, options, assessment.findings)
            text = render(diagram, "text")
            svg, problem = None, svg_problem
            if problem is None:
                try:
                    svg = render(diagram, "svg")
                except (GraphvizUnavailable, LayoutError) as error:
                    problem = str(error)
            assessment.figures.append(Figure(loaded.name, value, svg, text, problem))


def add_journeys(assessment: Assessment, project: Project, since: date) -> None:
    """The covering set `ivr-lint journeys` writes, per flow a caller enters."""
    from ivr_lint.simulate.generate import generate

    for loaded in assessment.flows:
        entry = FlowJourneys(loaded.name)
        assessment.journeys.append(entry)
        if loaded.graph.is_subflow:
            entry.problem = "journeys_subflow"
            continue
        if any(f.file == loaded.name and f.rule in STRUCTURE and f.severity is Severity.ERROR
               for f in assessment.findings):
            entry.problem = "journeys_refused"
            continue
        generated = generate(project, loaded, since)
        entry.covered, entry.total = generated.total_covered, generated.total_targets
        entry.uncovered = len(generated.uncovered)
        for planned in generated.journeys:
            t = planned.transcript
            entry.rows.append(JourneyRow(planned.scenario.name, planned.keys, t.outcome, t.end or "",
                                         round(t.elapsed, 1)))


def run_tests(assessment: Assessment, paths: list[str]) -> None:
    """`ivr-lint test` on the journey files given; a file that cannot be used is bad input."""
    from ivr_lint.simulate.journeys import JourneyFileError, discover_journeys, load_journeys
    from ivr_lint.simulate.loading import FlowRefused, load_flow
    from ivr_lint.simulate.runner import run_journey, validate

    files, problems = discover_journeys(paths)
    if problems:
        raise ReportInputError(problems[0])
    rows = []
    for path in files:
        try:
            journey_file = load_journeys(path, list(paths))
            loaded = load_flow(journey_file.flow)
            validate(journey_file, loaded.project, loaded.file)
        except JourneyFileError as error:
            raise ReportInputError(f"--journeys: {error}") from None
        except FlowRefused as error:
            raise ReportInputError(f"--journeys: {error.explain(f'run {path}')}") from None
        for journey in journey_file.journeys:
            result = run_journey(loaded.project, loaded.file, journey)
            rows.append(TestRow(path, journey.name, journey.pos.line, result.passed, list(result.problems)))
    assessment.tests = rows


def add_audio(assessment: Assessment, folder: str | None, page_folder: str, write) -> None:
    """A WAV per prompt through the speech module: a data: URI, or a file in `folder`."""
    from ivr_lint.speech.measure import default_values
    from ivr_lint.simulate.placeholders import fill
    from ivr_lint.speech.session import Speech

    speech = Speech()
    by_name = {f.name: f for f in assessment.flows}
    taken: set[str] = set()
    for prompt in assessment.prompts:
        row = prompt.row
        if row.missing or not row.text.strip():
            continue
        flow = by_name[row.flow].flow
        spoken = fill(row.text, default_values(flow))
        with open(speech.wav(spoken, _Spoken(row.language)), "rb") as handle:  # the row's language picks the voice
            data = handle.read()
        if folder is None:
            prompt.audio = "data:audio/wav;base64," + base64.b64encode(data).decode("ascii")
            continue
        name = safe_filename(f"{flow.id}-{row.language}-{row.node}", taken) + ".wav"
        write(os.path.join(folder, name), data)
        prompt.audio = os.path.relpath(os.path.join(folder, name), page_folder).replace(os.sep, "/")


@dataclass(frozen=True)
class _Spoken:
    """What the speech session asks of a flow to pick a voice: its language."""

    language: str


def add_load(assessment: Assessment, traffic_path: str, day: date) -> None:
    """`ivr-lint load` (closed forms) on the traffic file, with its charts as SVG."""
    from ivr_lint.loading.source import InputError
    from ivr_lint.load.checks import all_findings
    from ivr_lint.load.output import day_rows, interval_rows
    from ivr_lint.load.plan import FlowUnusable, build_plan
    from ivr_lint.load.plots import write_plots
    from ivr_lint.load.run import closed, targets_for
    from ivr_lint.load.traffic import TrafficError, read_traffic
    from ivr_lint.project import require_regular

    try:
        require_regular(traffic_path, "a traffic file")
        traffic = read_traffic(traffic_path, day)
        plan = build_plan(traffic)
        chosen = targets_for(plan, [])
    except InputError as error:
        raise ReportInputError(str(error)) from None
    except TrafficError as error:
        raise ReportInputError(f"{traffic_path}: the traffic file has mistakes:\n{error}") from None
    except FlowUnusable as error:
        raise ReportInputError(f"cannot model {traffic.flow}: {error}") from None
    except ValueError as error:
        raise ReportInputError(str(error)) from None
    from ivr_lint.load.erlang import Target
    from ivr_lint.load.run import DEFAULT_TARGET

    result = closed(plan, chosen, chosen[0] if chosen else Target.parse(DEFAULT_TARGET))
    charts: dict[str, bytes] = {}
    write_plots(result, "", lambda path, data: charts.__setitem__(path, data))
    plots = [(name[:-4], data.decode("utf-8")) for name, data in charts.items() if name.endswith(".svg")]
    findings = [f"{f.severity.label}: {f.message}" for f in all_findings(result)]
    assessment.load = LoadFigures(traffic_path, day_rows(result), interval_rows(result), plots, findings)
