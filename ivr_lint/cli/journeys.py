"""`ivr-lint test PATH...` runs journey files; `ivr-lint journeys FLOW` writes one.

Exit codes of `test`: 0 every journey passed; 1 some journey failed; 2 a journey file or
its flow cannot be used (bad YAML, unknown field, a flow `check` rejects, a bad key or
time). Exit codes of `journeys`: 0 written; 2 usage error or a flow `check` rejects.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date

import click

from ivr_lint.cli.common import collector_paused, fail, protect_inputs, refuse_input, write_atomically
from ivr_lint.exitcodes import ExitCode
from ivr_lint.simulate.clock import parse_at
from ivr_lint.simulate.journeys import JourneyFileError, discover_journeys, load_journeys
from ivr_lint.simulate.junit import Suite, to_xml
from ivr_lint.simulate.loading import FlowRefused, load_flow
from ivr_lint.simulate.runner import run_journey, validate
from ivr_lint.text.safe import visible as _visible


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _style(text: str, ok: bool, color: bool) -> str:
    return click.style(text, fg="green" if ok else "red", bold=not ok) if color else text


def _coverage_lines(journey_file, loaded, results) -> tuple[list[str], bool]:
    from ivr_lint.simulate.coverage import coverage_for

    days = [parse_at(j.at, loaded.file.flow).date() for j in journey_file.journeys if j.at]
    coverage = coverage_for(loaded.project, loaded.file, min(days + [date.today()]))
    for result in results:
        if result.transcript is not None:
            journey = result.journey
            coverage.add(result.transcript, parse_at(journey.at, loaded.file.flow), journey.congested)
    counts = coverage.scenario_counts()
    taken, total = sum(c for _, c, _ in counts), sum(t for _, _, t in counts)
    lines = [f"  coverage: {taken}/{total} edges a caller can take, per scenario: "
             + ", ".join(f"{s.name} {c}/{t}" for s, c, t in counts)]
    for scenario, edges in coverage.missing().items():
        lines += [f"    not taken in {scenario.name}: {_visible(e.describe())}" for e in edges]
    for edge, why in coverage.never_taken().items():
        if why != "a journey could take it":
            lines.append(f"    cannot be covered: {_visible(edge.describe())}: {_visible(why)}")
    return lines, coverage.complete


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False),
              help="Write the results as JUnit XML to this file (written completely or not at all).")
@click.option("--coverage", is_flag=True, help="Report which edges the journeys take, per scenario; "
              "a journey file that leaves some out fails.")
@click.option("-v", "--verbose", is_flag=True, help="Show the path of passing journeys too.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: on a terminal).")
@collector_paused
def test(paths, junit_path, coverage, verbose, color):
    """Run the journeys of journey files (directories: every YAML file with `journeys:`).

    Each journey plays a scripted call and compares it with its `expect`: outcome, end,
    path, what is heard, elapsed time. Exit code 0: all passed; 1: a journey failed (or,
    with --coverage, some edge is left out); 2: a journey file or its flow cannot be used.
    """
    color = sys.stdout.isatty() if color is None else color
    files, problems = discover_journeys(paths)
    protect_inputs(files)
    refuse_input(junit_path, "JUnit report")
    for problem in problems:
        click.echo(f"ivr-lint: error: {_visible(problem)}", err=True)
    suites: list[Suite] = []
    passed = failed = 0
    broken = bool(problems)
    started = time.perf_counter()
    for path in files:
        suite = Suite(name=path, flow="")
        suites.append(suite)
        try:
            journey_file = load_journeys(path, list(paths))
            loaded = load_flow(journey_file.flow)
            protect_inputs(f.path for f in loaded.project.files.values())
            suite.flow = loaded.file.flow.id
            validate(journey_file, loaded.project, loaded.file)
        except JourneyFileError as error:
            suite.error = str(error)
        except FlowRefused as error:
            suite.error = error.explain(f"run {path}")
        if suite.error:
            broken = True
            click.echo(f"ivr-lint: error: {_visible(suite.error)}", err=True)
            continue
        click.echo(_visible(f"{path} (flow {journey_file.flow})"))
        for journey in journey_file.journeys:
            result = run_journey(loaded.project, loaded.file, journey)
            suite.results.append(result)
            if result.passed:
                passed += 1
                click.echo(f"  {_style('ok  ', True, color)}  {_visible(journey.name)}")
                if verbose:
                    click.echo(_visible(f"        path: {' > '.join(result.transcript.path)}"))
            else:
                failed += 1
                click.echo(f"  {_style('FAIL', False, color)}  {_visible(journey.name)} ({_visible(path)}:{journey.pos.line})")
                for problem in result.problems:
                    click.echo(f"        {_visible(problem)}")
        if coverage:
            lines, complete = _coverage_lines(journey_file, loaded, suite.results)
            for line in lines:
                click.echo(_visible(line))
            if not complete:
                failed += 1
                click.echo(f"  {_style('FAIL', False, color)}  coverage: some edges are not taken")
    total = sum(len(s.results) for s in suites)
    plural = "" if len(files) == 1 else "s"
    click.echo(f"{total} journeys in {len(files)} file{plural}: {passed} passed, {total - passed} failed"
               f" ({time.perf_counter() - started:.2f} s)")
    if junit_path:
        write_atomically(junit_path, to_xml(suites))
    if broken:
        sys.exit(int(ExitCode.USAGE))
    sys.exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


@click.command()
@click.argument("flow", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the journey file here (default: standard output).")
@click.option("--since", metavar="YYYY-MM-DD", help="First day scanned for moments that open, close and "
              "holiday the schedules (default: today); a year is scanned.")
@collector_paused  # thousands of journeys stay alive: the collector's passes over them grew as n²
def journeys(flow, output, since):
    """Write journeys that cover every edge of FLOW in every scenario.

    Scenarios are open, closed and holiday (concrete moments found in the schedules),
    each with normal and congested queues. The file says how many edges it covers per
    scenario and which edges no journey can take, and why. `flow:` is written relative
    to --output's folder, or as the flow's file name when printing (for a journey file
    kept beside its flow). Exit code 0: written; 2: usage error, a flow `check` rejects.
    """
    from ivr_lint.simulate.bound import lower_bound
    from ivr_lint.simulate.generate import generate, to_yaml

    try:
        first_day = date.fromisoformat(since) if since else date.today()
    except ValueError:
        fail(f"--since {since!r}: use YYYY-MM-DD")
    protect_inputs([flow])
    refuse_input(output, "journey file")
    try:
        loaded = load_flow(flow)
    except FlowRefused as error:
        fail(error.explain(f"generate journeys for {flow}"))
    protect_inputs(f.path for f in loaded.project.files.values())
    started = time.perf_counter()
    generated = generate(loaded.project, loaded.file, first_day)
    elapsed = time.perf_counter() - started
    base = os.path.dirname(os.path.abspath(output)) if output else os.path.dirname(os.path.abspath(flow))
    flow_ref = os.path.relpath(os.path.abspath(flow), base)
    command = f"ivr-lint journeys {os.path.basename(flow)} --since {first_day.isoformat()}"
    text = to_yaml(generated, flow_ref, command)
    if output:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False)
    bound = lower_bound(generated.analysis, generated.covered, generated.journeys)
    click.echo(f"{len(generated.journeys)} journeys cover {generated.total_covered}/{generated.total_targets} "
               f"edges in {len(generated.covered)} scenarios (no covering set has fewer than {bound} journeys); "
               f"{_count(len(generated.uncovered), 'edge')} cannot be covered; {elapsed:.2f} s", err=True)
    for edge, why in generated.uncovered.items():
        click.echo(f"  cannot be covered: {_visible(edge.describe())}: {_visible(why)}", err=True)
