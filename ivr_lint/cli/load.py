"""`ivr-lint load TRAFFIC`: calls, staff and the answer rate of a flow, predicted before it goes live.

Exit code 0: every interval meets the targets (or none is given) and the load says nothing
against the flow; 1: an interval is below target, or a load finding on the flow (warning);
2: usage error, a traffic file with mistakes (each at its line and column), a flow that
`check` rejects, a missing `ivr-lint[load]` extra.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date

import click

from ivr_lint.cli.common import fail, make_folder, write_atomically
from ivr_lint.exitcodes import ExitCode
from ivr_lint.findings import Severity
from ivr_lint.loading.source import InputError

FORMATS = ("text", "json", "csv", "markdown")


def _need_extra() -> None:
    missing = [name for name in ("simpy", "matplotlib", "numpy") if _absent(name)]
    if missing:
        fail(f"`ivr-lint load` needs {', '.join(missing)}: pip install 'ivr-lint[load]' "
             "(scripts/setup.sh installs it)")


def _absent(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is None


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--today {value!r}: use YYYY-MM-DD")


@click.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--simulate", "engine", flag_value="simulation", help="Run the discrete-event simulation "
              "(simpy) over the flow instead of the closed forms.")
@click.option("--closed", "engine", flag_value="closed", default=True, help="Closed forms: Erlang A with patience, "
              "Erlang C without (the default).")
@click.option("--target", "targets", multiple=True, metavar="TARGET",
              help="answer-rate=0.85 or service-level=0.8@20s; intervals below it are findings (exit 1). "
                   "Default: the traffic file's `targets`.")
@click.option("--solve", is_flag=True, help="Also give the agents each interval needs to meet the first target "
              "(answer-rate=0.85 when none is given).")
@click.option("-f", "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report (or the template) to "
              "this file, whole or not at all.")
@click.option("--plot", "plot_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Write the charts to DIR as PNG and SVG.")
@click.option("--replications", type=click.IntRange(min=1), default=5, show_default=True,
              help="Simulation runs averaged (with 95 % confidence intervals).")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the first replication.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Replications run in parallel processes "
              "(default: the number of cores).")
@click.option("--template", is_flag=True, help="PATH is a flow: write a commented traffic file for it, with "
              "every queue, menu and option filled in.")
@click.option("--schema", is_flag=True, help="Print the traffic file's JSON Schema.")
@click.option("--today", metavar="YYYY-MM-DD", help="The day the default period (the next full week) follows.")
def load(path, engine, targets, solve, output_format, output, plot_dir, replications, seed, jobs, template, schema,
         today):
    """Model a week of calls on a flow: who gets an agent, how long they wait, who gives up.

    PATH is a traffic file (`traffic: 1`, `flow:`, calls, staff, handling time, patience,
    choices); see `--template` to start one from a flow.
    """
    if schema:
        from ivr_lint.load.schema import traffic_schema

        _emit(json.dumps(traffic_schema(), ensure_ascii=False, indent=2) + "\n", output)
        return
    if path is None:
        fail("give a traffic file (or a flow with --template); see `ivr-lint load --help`")
    day = _today(today)
    if template:
        _template(path, output, day)
        return
    _need_extra()
    from ivr_lint.load.checks import all_findings
    from ivr_lint.load.erlang import Target
    from ivr_lint.load.output import render
    from ivr_lint.load.plan import FlowUnusable, build_plan
    from ivr_lint.load.run import DEFAULT_TARGET, closed, default_jobs, simulate, targets_for
    from ivr_lint.load.traffic import TrafficError, read_traffic
    from ivr_lint.project import require_regular

    try:
        require_regular(path, "a traffic file")
        traffic = read_traffic(path, day)
        plan = build_plan(traffic)
        chosen = targets_for(plan, list(targets))
    except InputError as error:
        fail(str(error))
    except TrafficError as error:
        fail(f"{path}: the traffic file has mistakes:\n{error}")
    except FlowUnusable as error:
        fail(f"cannot model {traffic.flow}: {error}")
    except ValueError as error:
        fail(str(error))
    solve_for = (chosen[0] if chosen else Target.parse(DEFAULT_TARGET)) if solve or chosen else None
    if engine == "simulation":
        bar = _progress(replications * len(plan.slots))
        try:
            result = simulate(plan, chosen, solve_for, replications, seed, jobs or default_jobs(), day,
                              bar.update if bar else None)
        finally:
            if bar:
                bar.close()
    else:
        result = closed(plan, chosen, solve_for)
    findings = all_findings(result)
    _emit(render(output_format, result, findings), output)
    if plot_dir:
        from ivr_lint.load.plots import write_plots

        make_folder(plot_dir)
        written = write_plots(result, plot_dir, write_atomically)
        click.echo(f"wrote {len(written)} charts to {plot_dir}", err=True)
    if any(f.severity >= Severity.WARNING for f in findings):
        sys.exit(int(ExitCode.FINDINGS))


def _emit(content: str, output: str | None) -> None:
    if output:
        write_atomically(output, content)
    else:
        click.echo(content, nl=False)


class _Bar:
    """A progress bar on standard error, only when it is a terminal."""

    def __init__(self, total: int):
        self.total, self.done, self.width = total, -1, 30

    def update(self, index: int) -> None:
        shown = int(self.width * (index + 1) / self.total)
        if shown != self.done:
            self.done = shown
            sys.stderr.write(f"\rsimulating [{'#' * shown}{'.' * (self.width - shown)}] "
                             f"{100 * (index + 1) // self.total:3d}%")
            sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\r" + " " * (self.width + 30) + "\r")
        sys.stderr.flush()


def _progress(total: int) -> _Bar | None:
    return _Bar(total) if sys.stderr.isatty() and total > 0 else None


def _template(path: str, output: str | None, day: date) -> None:
    from ivr_lint.load.plan import FlowUnusable, open_flow
    from ivr_lint.load.template import template
    from ivr_lint.load.walk import FlowWalk
    from ivr_lint.project import require_regular

    if os.path.isdir(path):
        fail(f"{path}: is a directory; give one flow file")
    try:
        require_regular(path)
        project, started = open_flow(path)
    except InputError as error:
        fail(str(error))
    except FlowUnusable as error:
        fail(f"cannot write a template for {path}: {error}")
    _emit(template(FlowWalk(project, started, {}), path, output, day), output)
