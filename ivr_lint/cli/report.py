"""`ivr-lint report PATH -o report.html`: the self-assessment page, for a flow, a directory or a service.

Exit code 0: written (findings are shown in the page, not turned into an exit code, unless
--fail-on is given: then 1 when a finding is at or above it); 2: usage error or bad input
(an unreadable or invalid flow, a bad traffic or journey file, no browser for --pdf), and
then nothing is written.
"""

from __future__ import annotations

import os
import sys
from datetime import date

import click

from ivr_lint.cli.common import fail, make_folder, protect_inputs, refuse_input, resolve_config, write_atomically
from ivr_lint.exitcodes import ExitCode
from ivr_lint.findings import Severity


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (whole or not at all).")
@click.option("--lang", type=click.Choice(["fr", "en"]),
              help="Language of the page (default: the flows' language, English when neither).")
@click.option("--journeys", "journey_paths", multiple=True, type=click.Path(exists=True), metavar="FILE|DIR",
              help="Journey files to run (as `ivr-lint test` does) and show with their results.")
@click.option("--audio", is_flag=True, help="Synthesise every prompt (espeak-ng) and embed a player per prompt.")
@click.option("--audio-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="With --audio: write the WAV files into DIR beside the page instead of embedding them.")
@click.option("--traffic", type=click.Path(dir_okay=False), metavar="FILE",
              help="A traffic file (`ivr-lint load`): add the load figures and charts.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False), metavar="OUT.pdf",
              help="Also print the page to this PDF (needs a headless Chromium).")
@click.option("--fail-on", type=click.Choice([s.label for s in Severity]),
              help="Exit 1 when a finding is at or above this severity (the page is written all the same).")
@click.option("--since", metavar="YYYY-MM-DD", help="First day scanned for the journeys' moments and the "
              "load's week (default: today).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Settings file (pyproject.toml).")
def report(paths, output, lang, journey_paths, audio, audio_dir, traffic, pdf_path, fail_on, since, config_path):
    """Write a self-contained HTML self-assessment of flows: the charter's commitments M1 to M9
    with their evidence, the diagram per scenario, the findings with their rule docs, the
    journeys, the prompts (with --audio, a player each) and, with --traffic, the load.

    \b
    Examples:
      ivr-lint report flows/caf-gironde.yaml -o caf.html
      ivr-lint report flows/ -o service.html --lang en --journeys flows/
      ivr-lint report flows/caf-gironde.yaml -o caf.html --traffic flows/caf-gironde.traffic.yaml --pdf caf.pdf
    """
    from ivr_lint.report.model import ReportInputError, add_journeys, assess, draw, run_tests

    if audio_dir and not audio:
        fail("--audio-dir says where --audio writes the WAV files: give --audio too")
    try:
        day = date.fromisoformat(since) if since else date.today()
    except ValueError:
        fail(f"--since {since!r}: use YYYY-MM-DD")
    protect_inputs([*paths, *journey_paths, traffic])
    refuse_input(output, "report")
    refuse_input(pdf_path, "PDF")
    if pdf_path and os.path.abspath(pdf_path) == os.path.abspath(output):
        fail("--pdf and -o name the same file: give the PDF another name")
    if pdf_path:
        from ivr_lint.report.pdf import NoBrowser, find_browser

        if find_browser() is None:
            fail(str(NoBrowser.missing()))
    config = resolve_config(config_path, list(paths))
    try:
        assessment, project = assess(list(paths), config, lang, day)
        protect_inputs(f.path for f in project.files.values())
        draw(assessment, project)
        add_journeys(assessment, project, day)
        if journey_paths:
            run_tests(assessment, list(journey_paths))
        if traffic:
            _need_load_extra()
            from ivr_lint.report.model import add_load

            add_load(assessment, traffic, day)
    except ReportInputError as error:
        fail(str(error))
    page_folder = os.path.dirname(os.path.abspath(output))
    if audio:
        _audio(assessment, audio_dir, page_folder)
    from ivr_lint.report.html import to_html

    write_atomically(output, to_html(assessment))
    if pdf_path:
        from pathlib import Path

        from ivr_lint.report.pdf import NoBrowser, write_pdf

        try:
            write_pdf(Path(output), Path(pdf_path))
        except NoBrowser as error:
            fail(f"{output} written, but not {pdf_path}: {error}")
    statuses = [c.status for c in assessment.commitments]
    click.echo(f"wrote {output}: {len(assessment.flows)} flow{'s' if len(assessment.flows) != 1 else ''}, "
               f"{len(assessment.findings)} finding{'s' if len(assessment.findings) != 1 else ''}; commitments "
               f"{statuses.count('met')} met, {statuses.count('not-met')} not met, "
               f"{statuses.count('unknown')} cannot tell" + (f"; {pdf_path} written" if pdf_path else ""), err=True)
    if fail_on and any(f.severity >= Severity.parse(fail_on) for f in assessment.findings):
        sys.exit(int(ExitCode.FINDINGS))
    sys.exit(int(ExitCode.OK))


def _need_load_extra() -> None:
    import importlib.util

    missing = [name for name in ("simpy", "matplotlib", "numpy") if importlib.util.find_spec(name) is None]
    if missing:
        fail(f"--traffic needs {', '.join(missing)}: pip install 'ivr-lint[load]' (scripts/setup.sh installs it)")


def _audio(assessment, audio_dir: str | None, page_folder: str) -> None:
    from ivr_lint.report.model import add_audio
    from ivr_lint.speech.voices import SpeechError

    if audio_dir:
        make_folder(audio_dir)
    try:
        add_audio(assessment, audio_dir, page_folder, write_atomically)
    except SpeechError as error:
        fail(f"--audio: {error}")
    except OSError as error:
        fail(f"--audio: cannot synthesise the prompts: {error.strerror or error}")
