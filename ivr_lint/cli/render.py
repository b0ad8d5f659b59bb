"""`ivr-lint render FLOW -o OUT`: draw a flow (or every flow of a directory) as a diagram.

The format comes from OUT's extension or --format. Bad input stops the command with the
loader's own findings and exit code 2, before anything is written; every output file is
written completely or not at all. Lint findings are drawn, never turned into an exit code:
`ivr-lint check` decides pass or fail.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import datetime

import click

from ivr_lint.cli.common import collector_paused, fail, protect_inputs, resolve_config, write_atomically
from ivr_lint.exitcodes import ExitCode
from ivr_lint.loading.source import InputError, read_bytes
from ivr_lint.project import LoadedFile, Project, discover
from ivr_lint.render import EXTENSIONS, FORMATS, IMAGE_FORMATS, RenderOptions, build_diagram, render as draw
from ivr_lint.render.model import diagram_language
from ivr_lint.render.style import ENGLISH, LANGUAGES, Words, words
from ivr_lint.text.safe import one_line

BINARY_FORMATS = ("png", "pdf")


class RenderProblem(Exception):
    """One flow cannot be drawn; the message says why (and the command goes on with the others)."""


def _format_for(output: str | None, fmt: str | None, directory: bool) -> str:
    if directory or output in (None, "-"):
        return fmt or ("svg" if directory else "text")
    extension = os.path.splitext(output)[1].lower()
    from_name = EXTENSIONS.get(extension)
    if fmt and from_name and fmt != from_name:
        fail(f"--format {fmt} does not match the extension of {output} ({from_name}); use {FORMATS[fmt]} "
             f"or drop --format")
    if not fmt and not from_name:
        known = ", ".join(sorted(EXTENSIONS))
        fail(f"cannot tell the format from {output!r}: use one of the extensions {known}, or --format")
    return fmt or from_name


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip().replace("T", " ", 1))
    except ValueError:
        fail(f"--at: expected a date and time such as '2026-12-01 10:00' (optionally with an offset, "
             f"'2026-12-01 10:00+01:00'), not {text!r}")


def _old_flow(old: str, path: str):
    """--diff OLD: the flow to compare with, from a file or from git revision OLD of PATH (exit 2 if unusable)."""
    from ivr_lint.diff.sources import SideError, disk_side, is_revision, revision_side

    if path == "-" or os.path.isdir(path):
        fail("--diff compares one flow file: give PATH as a file")
    try:
        if os.path.exists(old):
            side = disk_side(old)
        elif is_revision(old, os.path.dirname(os.path.abspath(path))):
            side = revision_side(old, [os.path.abspath(path)], cwd=os.path.dirname(os.path.abspath(path)))
            if not side.files:
                fail(f"--diff {old}: {path} is not a flow at that revision")
        else:
            fail(f"--diff {old}: no such file or git revision")
        side.load()
    except SideError as error:
        fail(f"--diff: {error}")
    if not side.loaded:
        fail(f"--diff {old}: no flow there")
    loaded = next(iter(side.loaded.values()))
    if loaded.flow is None:
        fail(f"--diff {old}: not a usable flow (`ivr-lint check` says why)")
    return loaded.flow


def _problems(loaded: LoadedFile, lint: bool = False) -> str | None:
    """Why a loaded file cannot be drawn: the loader's own findings, one per line.

    With --lint, a flow with schema or duplicate-key errors is drawn all the same, as far as
    the builder could read it, its errors marked: that is the picture a user most wants.
    Only a file that gives no flow at all (a syntax error, not a mapping, no nodes) is refused."""
    if loaded.flow is not None and (not loaded.findings or (lint and loaded.flow.nodes)):
        return None
    lines = [one_line(f"{f.file}:{f.line}:{f.column}: {f.rule}: {f.message}") for f in loaded.findings]
    if loaded.flow is not None and not loaded.flow.nodes and not lines:
        lines.append(f"{loaded.name}: the flow has no nodes")
    count = len(lines)
    head = (f"cannot draw {one_line(loaded.name)}: {count} syntax or schema problem{'s' if count != 1 else ''} "
            f"(`ivr-lint check {one_line(loaded.name)}` reports the same"
            + ("; `--lint` draws what can be read, errors marked)" if loaded.flow is not None and not lint else ")"))
    return "\n".join([head, *("  " + line for line in lines)])


def _options(loaded: LoadedFile, base: RenderOptions, moment: datetime | None) -> RenderOptions:
    scenario = base.scenario
    if scenario is not None and scenario.schedule and scenario.schedule not in loaded.flow.schedules:
        known = ", ".join(sorted(loaded.flow.schedules)) or "none"
        raise RenderProblem(f"{loaded.name} has no schedule {scenario.schedule!r} for --scenario "
                            f"(its schedules: {known})")
    if moment is None:
        return base
    from ivr_lint.analysis.scenarios import Scenario
    from ivr_lint.model.calendar import holiday_name, local_time, state_at

    schedule = loaded.flow.hours
    if schedule is None:
        raise RenderProblem(f"{loaded.name} has no `hours` schedule, so --at cannot pick a scenario; "
                            "use --scenario open|closed|holiday|congested")
    local = local_time(schedule, moment)
    state = state_at(schedule, moment)
    said = words(diagram_language(base, loaded.flow))
    note = _when(local, schedule.timezone, said)
    if state == "holiday":
        name = holiday_name(schedule, local.date())
        note += f", {said('exceptional_closure') if name == ENGLISH('exceptional_closure') else name}"
    return dataclasses.replace(base, scenario=Scenario(state, moment=moment), scenario_note=note)


def _when(local: datetime, timezone: str, said: Words) -> str:
    """'Fri 2026-12-25 11:00 Europe/Paris' ('ven. 2026-12-25 …' in French; %a would follow the locale)."""
    if said.lang == "en":
        return f"{local:%a %Y-%m-%d %H:%M} {timezone}"
    return f"{said('days').split()[local.weekday()]} {local:%Y-%m-%d %H:%M} {timezone}"


@click.command()
@click.argument("path")
@click.option("-o", "--output", metavar="OUT",
              help="File to write (format from its extension), '-' for standard output, or a directory "
                   "when PATH is one. Default: the text tree on standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)),
              help="svg, png, pdf (need Graphviz), dot, mermaid or text; default: from OUT's extension.")
@click.option("--scenario", metavar="NAME",
              help="Grey what a caller cannot meet: open, closed, holiday, congested (or STATE[schedule]).")
@click.option("--at", "moment", metavar="'YYYY-MM-DD HH:MM'",
              help="Pick the scenario from the flow's hours at that moment (in the flow's time zone "
                   "unless an offset is given).")
@click.option("--lint", is_flag=True,
              help="Mark the nodes that `ivr-lint check` flags (rule names in the SVG tooltip).")
@click.option("--follow", is_flag=True, help="Draw the flows reached through `goto` as clusters in the same picture.")
@click.option("--legend/--no-legend", default=True, show_default=True, help="Draw the legend.")
@click.option("--direction", type=click.Choice(["auto", "TB", "LR"]), default="auto", show_default=True,
              help="Top-down or left-to-right; auto: top-down unless the call tree is too wide.")
@click.option("--clusters", type=click.Choice(["auto", "branches", "none"]), default="auto", show_default=True,
              help="Draw each menu branch as a box (auto: in left-to-right pictures of 10 nodes or more).")
@click.option("--ascii", "ascii_only", is_flag=True, help="Text format: ASCII instead of box-drawing characters.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Settings for --lint (default: nearest pyproject.toml with [tool.ivr-lint]).")
@click.option("--max-nodes", type=click.IntRange(min=0), metavar="N",
              help="Fold the branches of a larger flow into '⋯ N more nodes' boxes, drawing the top of the call "
                   "tree (default: 500 for svg, png, pdf, dot and mermaid, none for the text tree); 0 draws "
                   "everything.")
@click.option("--focus", metavar="NODE", help="Draw only what NODE leads to, from NODE (a folded branch's box "
              "names the NODE that draws it).")
@click.option("--diff", "old", metavar="OLD",
              help="Mark what changed since OLD (a flow file, or a git revision of the same file): added in "
                   "green, changed in orange, removed dashed red.")
@click.option("--lang", type=click.Choice([*LANGUAGES, "auto"]), default="en", show_default=True,
              help="The language of the words drawn (legend, edge kinds, notes); auto: the flow's language "
                   "when it is French or English.")
@collector_paused
def render(path, output, fmt, scenario, moment, lint, follow, legend, direction, clusters, ascii_only,
           config_path, max_nodes, focus, old, lang):
    """Draw a flow as a diagram: svg, png, pdf, dot, mermaid or a text tree.

    A directory as PATH draws every flow in it, one file each, into -o DIR.

    \b
    Examples:
      ivr-lint render flows/caf-gironde.yaml                      # call tree in the terminal
      ivr-lint render flows/caf-gironde.yaml -o caf.svg --lint
      ivr-lint render flows/caf-gironde.yaml -o closed.png --at "2026-12-25 10:00"
      ivr-lint render flows/mairie-nantes.yaml -o nantes.svg --follow
      ivr-lint render flows/ -o diagrams/ --format mermaid

    Exit code 0: drawn; 2: usage error, unreadable or invalid flow, Graphviz missing.
    """
    directory = path != "-" and os.path.isdir(path)
    if output and not directory and output != "-" and (os.path.isdir(output) or output.endswith(os.sep)):
        fail(f"{output} is a directory: give a file name (diagram{FORMATS.get(fmt or 'svg')}), "
             "or a directory of flows as PATH")
    if directory and not output:
        fail(f"{path} is a directory: give an output directory with -o DIR")
    if directory and (os.path.isfile(output) or output == "-"
                      or (not os.path.exists(output) and os.path.splitext(output)[1].lower() in EXTENSIONS)):
        fail(f"{path} is a directory, so -o names a directory to hold one diagram per flow, not {output!r}; "
             "choose the format with --format")
    fmt = _format_for(output, fmt, directory)
    if fmt in BINARY_FORMATS and (output is None or (output == "-" and sys.stdout.isatty())):
        fail(f"{fmt} is a binary format: write it to a file with -o FILE.{fmt}")
    if scenario and moment:
        fail("--scenario and --at both choose the scenario: give one of them")
    parsed_scenario = None
    if scenario:
        from ivr_lint.analysis.scenarios import Scenario

        try:
            parsed_scenario = Scenario.parse(scenario)
        except ValueError as error:
            fail(f"--scenario: {error}")
    at = _moment(moment) if moment else None
    if fmt in IMAGE_FORMATS:
        from ivr_lint.render.image import GraphvizUnavailable, check_graphviz

        try:
            check_graphviz()
        except GraphvizUnavailable as error:
            fail(str(error))
    if focus is not None and directory:
        fail("--focus names a node of one flow: give PATH as a file")
    if max_nodes is None:
        from ivr_lint.render.fold import DEFAULT_MAX_NODES

        max_nodes = 0 if fmt == "text" else DEFAULT_MAX_NODES
    base = RenderOptions(scenario=parsed_scenario, lint=lint, follow=follow, legend=legend, direction=direction,
                         clusters=clusters, max_nodes=max_nodes, focus=focus, lang=lang)

    stdin_data = None
    if directory:
        files, problems = discover([path])
        if problems:
            fail("; ".join(problems))
    else:
        files = [path]
        if path == "-":
            try:
                stdin_data = read_bytes("-")
            except InputError as error:
                fail(str(error))
    project = Project([path])
    loaded_files: list[LoadedFile] = []
    for file in files:
        try:
            loaded_files.append(project.load(file, data=stdin_data if file == "-" else None))
        except InputError as error:
            fail(str(error))
    project.link()
    protect_inputs(f.path for f in project.files.values())  # no diagram is written over a flow
    old_flow = _old_flow(old, path) if old else None
    findings = _lint(project, path, stdin_data, config_path) if lint else []

    def one(loaded: LoadedFile) -> str | bytes:
        problem = _problems(loaded, lint)
        if problem:
            raise RenderProblem(problem)
        if focus is not None and focus not in loaded.flow.nodes:
            raise RenderProblem(f"--focus {one_line(focus)!r}: {one_line(loaded.name)} has no node with this id")
        diagram = build_diagram(project, loaded, _options(loaded, base, at), findings)
        if old_flow is not None:
            from ivr_lint.render.changes import mark_changes

            mark_changes(diagram, old_flow, old)
        from ivr_lint.render.image import GraphvizUnavailable, LayoutError

        try:
            content = draw(diagram, fmt, ascii=ascii_only)
        except (GraphvizUnavailable, LayoutError) as error:
            raise RenderProblem(f"{loaded.name}: {error}") from None
        if fmt == "mermaid":
            from ivr_lint.render.mermaid import MAX_EDGES, count_links

            links = count_links(content)
            if links > MAX_EDGES:
                click.echo(f"ivr-lint: warning: {loaded.name}: {links} links; Mermaid renderers (GitHub's too) draw "
                           f"at most {MAX_EDGES} by default: use svg for a flow this large", err=True)
        return content

    if not directory:
        try:
            content = one(loaded_files[0])
        except RenderProblem as error:
            fail(str(error))
        if output in (None, "-"):
            if isinstance(content, bytes):
                sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
            else:
                click.echo(content, nl=False)
        else:
            _write(output, content)
        return

    failed = _render_directory(path, output, fmt, loaded_files, one)
    if failed:
        sys.exit(int(ExitCode.USAGE))


def _render_directory(path: str, output: str, fmt: str, loaded_files: list[LoadedFile], one) -> int:
    """Every flow of the directory into OUT, mirroring sub-folders; returns how many failed."""
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as error:
        fail(f"cannot create the output directory {output}: {error.strerror}")
    written, failed = 0, 0

    def run(loaded: LoadedFile) -> None:
        nonlocal written, failed
        relative = os.path.relpath(loaded.path, path)
        target = os.path.join(output, os.path.splitext(relative)[0] + FORMATS[fmt])
        try:
            content = one(loaded)
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            _write(target, content)
            written += 1
        except RenderProblem as error:
            click.echo(f"ivr-lint: error: {error}", err=True)
            failed += 1

    if _stderr_is_terminal():
        with click.progressbar(loaded_files, label="Rendering", file=sys.stderr,
                               item_show_func=lambda l: l.name if l else "") as bar:
            for loaded in bar:
                run(loaded)
    else:
        for loaded in loaded_files:
            run(loaded)
    flows = f"{written} flow{'s' if written != 1 else ''}"
    summary = f"Rendered {flows} into {output} ({fmt})"
    click.echo(summary + (f"; {failed} could not be drawn." if failed else "."))
    return failed


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _write(output: str, content: str | bytes) -> None:
    """Atomically, with the permissions a plain write would give (write_atomically's temporary
    file is private, 0600, which would keep a diagram from a web server or a colleague)."""
    try:
        mode = os.stat(output).st_mode & 0o777 if os.path.exists(output) else 0o666 & ~_umask()
        write_atomically(output, content)
        os.chmod(output, mode)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _lint(project: Project, path: str, stdin_data: bytes | None, config_path: str | None):
    """The findings of `ivr-lint check` on every file drawn (gotos' targets included)."""
    from ivr_lint.engine import check_paths

    config = resolve_config(config_path, [path])
    paths = [path] if path == "-" or os.path.isdir(path) else []
    paths += [f.path for f in project.files.values() if f.path and not os.path.isdir(path)]
    result = check_paths(list(dict.fromkeys(paths)), config, stdin_data=stdin_data)
    return result.findings
