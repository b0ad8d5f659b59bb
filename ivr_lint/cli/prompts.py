"""`ivr-lint prompts FLOW|DIR...`: every prompt, for the recording studio and the translators.

Exit code 0: listed; 1: with `--missing LANG`, some prompt has no text in LANG; 2: usage
error, an unreadable file or one that is not a flow (nothing is written).
"""

from __future__ import annotations

import csv
import io
import json
import sys

import click

from ivr_lint.cli.common import fail, protect_inputs, resolve_config, write_atomically
from ivr_lint.exitcodes import ExitCode

COLUMNS = ("flow", "node", "type", "language", "text", "marked", "placeholders", "seconds", "measured", "file",
           "heard_in", "line", "column", "missing", "source_language", "source_text")


def _cells(row) -> list:
    data = row.to_json()
    out = []
    for column in COLUMNS:
        value = data["type" if column == "type" else column]
        if isinstance(value, list):
            value = ", ".join(value)
        out.append("" if value is None else value)
    return out


def to_csv(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["yes" if c is True else "no" if c is False else c for c in _cells(row)])
    return buffer.getvalue()


def to_json(rows) -> str:
    return json.dumps({"prompts": [r.to_json() for r in rows]}, ensure_ascii=False, indent=2) + "\n"


def to_xlsx(rows) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
    except ImportError:
        fail("the xlsx format needs openpyxl: pip install 'ivr-lint[xlsx]'")
    book = Workbook()
    sheet = book.active
    sheet.title = "Prompts"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe_cell(c) for c in _cells(row)])
    widths = {"text": 70, "marked": 70, "source_text": 70, "heard_in": 30, "file": 28, "flow": 28, "node": 24}
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = widths.get(column, 12)
        if column in ("text", "marked", "source_text"):
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe_cell(value):
    """A text a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


FORMATS = {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "output_format", type=click.Choice(list(FORMATS)), default="csv", show_default=True,
              help="xlsx needs -o FILE.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (default: standard output).")
@click.option("--language", "languages", multiple=True, metavar="LANG",
              help="Only these languages (default: every language the flows give or declare).")
@click.option("--missing", metavar="LANG", help="List only the prompts with no text in LANG, with the text to "
              "translate; exit 1 if there are any.")
@click.option("--durations", "durations_path", type=click.Path(dir_okay=False),
              help="durations.json from `ivr-lint audio`: measured seconds instead of the estimate.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Settings file (pyproject.toml).")
def prompts(paths, output_format, output, languages, missing, durations_path, config_path):
    """List every prompt of the flows: node, flow, language, text with [[placeholders]] marked,
    seconds, the recording's file name (as `ivr-lint audio` names it) and where callers hear it."""
    from ivr_lint.analysis.inventory import prompt_rows
    from ivr_lint.loading.source import InputError
    from ivr_lint.project import Project, discover

    if output_format == "xlsx" and not output:
        fail("the xlsx format is a binary file: give -o FILE.xlsx")
    protect_inputs([*paths, durations_path])
    config = resolve_config(config_path, list(paths))
    measured = dict(config.measured_durations)
    if durations_path:
        measured.update(_read_durations(durations_path))
    files, problems = discover(list(paths))
    if problems:
        fail(problems[0])
    project = Project(list(paths), max_file_size=config.max_file_size, config_file=config.source)
    loaded = []
    for path in files:
        try:
            loaded.append(project.load(path))
        except InputError as error:
            fail(str(error))
    project.link()
    rows = []
    for item in loaded:
        if item.flow is None:
            first = item.findings[0] if item.findings else None
            where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else item.name
            fail(f"{item.name} is not a usable flow ({where}); `ivr-lint check {item.name}` says more")
        wanted = [missing] if missing else list(languages) or None
        rows += prompt_rows(item.flow, item.graph, item.name, measured, config.words_per_minute, wanted)
    if missing:
        rows = [r for r in rows if r.missing]
    report = FORMATS[output_format](rows)
    if output:
        write_atomically(output, report)
    else:
        click.echo(report, nl=False)
    if missing:
        count = len(rows)
        click.echo(f"{count} prompt{'s' if count != 1 else ''} without {missing} text", err=True)
        sys.exit(int(ExitCode.FINDINGS if rows else ExitCode.OK))
    sys.exit(int(ExitCode.OK))


def _read_durations(path: str) -> dict[str, float]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        fail(f"--durations {path}: cannot read it: {getattr(error, 'strerror', None) or error}")
    durations = data.get("durations") if isinstance(data, dict) else None
    if not isinstance(durations, dict) or not all(
            isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool) for k, v in durations.items()):
        fail(f"--durations {path}: not a durations.json written by `ivr-lint audio` "
             "(expected {\"durations\": {prompt text: seconds}})")
    return {k: float(v) for k, v in durations.items()}
