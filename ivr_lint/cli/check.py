"""`ivr-lint check PATH...`: lint flows and report findings.

`check` is the command's body, a plain function: `ivr_lint.cli` calls it without click
for a plain `check FILE...`; `command`, the click command around it, is built on first use.
"""

from __future__ import annotations

import sys

from ivr_lint.cli import echo
from ivr_lint.cli.common import fail, protect_inputs, refuse_input, resolve_config, write_atomically
from ivr_lint.config import PRESETS, ConfigError, parse_severity, set_preset, validate_selector
from ivr_lint.engine import check_paths, process_ends_after_run
from ivr_lint.exitcodes import ExitCode
from ivr_lint.findings import Severity
from ivr_lint.loading.source import DEFAULT_MAX_FILE_SIZE
from ivr_lint.model.service_file import describe_sources
from ivr_lint.output import FORMATS


def _measure(paths: list[str]) -> dict[str, float]:
    """Prompt text -> seconds of synthesised speech; the speech engine is imported only here."""
    from ivr_lint.speech.measure import measure_paths

    try:
        return measure_paths(paths)
    except Exception as error:  # no speech engine, no voice for the language...
        fail(f"--measure-audio: cannot synthesise the prompts: {error}")


def _cores() -> int:
    """The processors this process may run on (a CPU affinity mask counts, not the machine's total)."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _selectors(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def check(paths, output_format, output, select, ignore, preset, fail_on, config_path, stdin_filename,
          max_file_size, measure_audio, only_flows, color, jobs, verbose):
    """Lint flow files and directories ('-' reads standard input).

    Exit code 0: no finding at or above --fail-on; 1: such findings;
    2: usage error, unreadable path or bad configuration (and then no --output is written).
    """
    protect_inputs(paths)
    config = resolve_config(config_path, list(paths))
    refuse_input(output, "report")
    try:
        if preset:
            set_preset(config, preset, "--preset")
        if select:
            config.select = _selectors(select)
            for selector in config.select:
                validate_selector(selector, "--select")
        if ignore:
            config.ignore = config.ignore + _selectors(ignore)
            for selector in _selectors(ignore):
                validate_selector(selector, "--ignore")
        if fail_on:
            config.fail_on = parse_severity(fail_on, "--fail-on")
    except ConfigError as error:
        fail(str(error))
    if max_file_size:
        config.max_file_size = max_file_size
    if measure_audio:
        config.measured_durations.update(_measure(list(paths)))
    import ivr_lint.cli

    if ivr_lint.cli.ENDS_PROCESS:
        process_ends_after_run()
    result = check_paths(list(paths), config, stdin_name=stdin_filename, only_flows=only_flows,
                         jobs=jobs or _cores())
    for problem in result.input_errors:
        echo(f"ivr-lint: error: {problem}", err=True)
    if verbose:
        for line in describe_sources(result.project.service_sources(result.checked_files)):
            echo(f"ivr-lint: {line}", err=True)
    use_color = (sys.stdout.isatty() if color is None else color) and output is None
    report = FORMATS[output_format](result, use_color)
    if output and result.input_errors:
        echo(f"ivr-lint: {output} not written: the check could not be completed", err=True)
    elif output:
        protect_inputs(f.path for f in result.project.files.values())
        write_atomically(output, report)
    else:
        echo(report, nl=False, color=use_color)
    if result.input_errors:
        sys.exit(int(ExitCode.USAGE))
    failing = any(f.severity >= config.fail_on for f in result.findings)
    sys.exit(int(ExitCode.FINDINGS if failing else ExitCode.OK))


def _command():
    """The click command: options and help, around `check` (click is imported here)."""
    import click

    @click.command("check", help=check.__doc__)
    @click.argument("paths", nargs=-1, required=True)
    @click.option("-f", "--format", "output_format", type=click.Choice(list(FORMATS)), default="text",
                  show_default=True, help="Output format.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                  help="Write the report to this file (written completely or not at all).")
    @click.option("--select", multiple=True, metavar="RULES", help="Only these rules (names, codes, tags; comma-separated).")
    @click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (names, codes, tags).")
    @click.option("--preset", type=click.Choice(list(PRESETS)), help="Rule preset (default: recommended).")
    @click.option("--fail-on", type=click.Choice([s.label for s in Severity]),
                  help="Lowest severity that makes the exit code 1 (default: error).")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False),
                  help="Settings file (default: nearest pyproject.toml with [tool.ivr-lint]).")
    @click.option("--stdin-filename", help="Name to report for a flow read from standard input ('-').")
    @click.option("--max-file-size", type=click.IntRange(min=1), help=f"Largest file accepted, in bytes (default {DEFAULT_MAX_FILE_SIZE // 2**20} MiB).")
    @click.option("--measure-audio", is_flag=True,
                  help="Synthesise every prompt (pyttsx3/espeak-ng, cached) and use the measured durations "
                       "instead of the word-count estimate.")
    @click.option("--only-flows", is_flag=True,
                  help="Skip named files that have no top-level `ivr:` key (for pre-commit hooks).")
    @click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
    @click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                  help="Processes checking files at once (default: the number of cores); files linked by "
                       "`goto` are checked together.")
    @click.option("-v", "--verbose", is_flag=True,
                  help="Say on standard error where each flow's service data (service, hours, language, kind) comes from.")
    def command(**options):
        return check(**options)

    return command


def __getattr__(name: str):
    if name == "command":  # built once, when the group asks for it
        globals()["command"] = built = _command()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
