"""`ivr-lint import FILE`: convert a platform export into a flow-format-v1 YAML file."""

from __future__ import annotations

import os

import click

from ivr_lint.cli.common import collector_paused, fail, protect_inputs, refuse_input, write_atomically
from ivr_lint.exitcodes import ExitCode
from ivr_lint.loading.source import DEFAULT_MAX_FILE_SIZE, InputError, read_bytes
from ivr_lint.text.safe import visible

_FORMATS = ("amazon-connect", "twilio-studio", "genesys-archy", "asterisk", "voicexml", "freeswitch")


@click.command("import")
@click.argument("path", metavar="FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the flow YAML here (written completely or not at all); default: standard output.")
@click.option("--from", "fmt", type=click.Choice(_FORMATS), help="The export's format (default: detected).")
@click.option("--entry", metavar="CONTEXT[,EXTEN]",
              help="Asterisk: the context (and extension) where calls enter (default: the main menu found); "
                   "FreeSWITCH: the menu the dialplan's `ivr` application runs.")
@click.option("-q", "--quiet", is_flag=True, help="Print no import report on standard error.")
@collector_paused
def import_command(path, output, fmt, entry, quiet):
    """Convert a flow exported from Amazon Connect, Twilio Studio, Genesys Architect
    (Archy YAML), Asterisk (extensions.conf or AEL) or VoiceXML into an ivr-lint flow.

    The report on standard error lists the format, the node count, the places the
    export cannot tell (a Lambda's answer, an audio file's words...) and warnings.
    Every import is loaded again as `ivr-lint check` would load it before anything is
    written: an export that yields a flow `check` rejects is an error naming its element.
    Exit code 0: converted; 2: unreadable file or an export that cannot be converted.
    """
    from ivr_lint.importers import ImportFailure, convert

    if entry and fmt not in (None, "asterisk", "freeswitch"):
        fail("--entry only applies to Asterisk dialplans and FreeSWITCH menus")
    protect_inputs([path])
    refuse_input(output, "flow")
    try:
        data = read_bytes(path, DEFAULT_MAX_FILE_SIZE)
    except InputError as error:
        fail(str(error))
    name = "<stdin>" if path == "-" else path
    try:
        result = convert(data, name, fmt, entry=entry)
    except ImportFailure as failure:
        fail(f"{name}: cannot import: {failure}", ExitCode.USAGE)
    except RecursionError:
        fail(f"{name}: cannot import: the export is nested too deeply", ExitCode.USAGE)
    if output:
        write_atomically(output, result.yaml_text)
    else:
        click.echo(result.yaml_text, nl=False)
    if not quiet:
        click.echo(report(name, result, output, detected=fmt is None), err=True)


def report(name: str, result, output: str | None, detected: bool = True) -> str:
    """The import report: what was converted, what cannot be known, what was not understood.
    The export's text (names, prompts) is shown with its control characters as visible escapes."""
    how = "detected" if detected else "--from"
    lines = [f"Imported {name} ({result.format}, {how}{f'; flow {result.title!r}' if result.title else ''}): "
             f"{result.node_count} node{'s' if result.node_count != 1 else ''}"
             + (f", written to {os.fspath(output)}" if output else "")]
    if result.unknowns:
        lines.append(f"Unknown from the export ({len(result.unknowns)}):")
        lines.extend(f"  - {unknown}" for unknown in result.unknowns)
    else:
        lines.append("Unknown from the export: nothing")
    if result.warnings:
        lines.append(f"Warnings ({len(result.warnings)}):")
        lines.extend(f"  - {warning}" for warning in result.warnings)
    return "\n".join(visible(line) for line in lines)
