"""`ivr-lint diff OLD NEW`: what a change to the flows does to callers.

OLD and NEW are files, directories or git revisions (`ivr-lint diff main HEAD -- flows/`);
`--git REV [PATH...]` compares the working tree with REV. Exit code 0: compared (1 with
`--fail-on regression` and a regression, or `--fail-on change` and any change); 2: usage
error, an unreadable side, an unknown revision.
"""

from __future__ import annotations

import os
import sys

import click

from ivr_lint.cli.common import fail, protect_inputs, resolve_config, write_atomically
from ivr_lint.exitcodes import ExitCode


@click.command(context_settings={"ignore_unknown_options": False})
@click.argument("args", nargs=-1)
@click.option("--git", "git_revision", metavar="REV",
              help="Compare the working tree with git revision REV (ARGS are the paths to compare).")
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: for a pull-request comment or $GITHUB_STEP_SUMMARY.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--fail-on", type=click.Choice(["never", "regression", "change"]), default="never", show_default=True,
              help="regression: exit 1 when the change adds an error finding, makes a person slower to reach or "
                   "removes a way to a person; change: exit 1 on any difference.")
@click.option("--textconv", "textconv", is_flag=True,
              help="Print one flow as a line-per-fact outline (for a git textconv diff driver) and exit.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Settings file (pyproject.toml).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
def diff(args, git_revision, output_format, output, fail_on, textconv, config_path, color):
    """Compare two versions of flows: node changes and what callers feel.

    \b
      ivr-lint diff old.yaml new.yaml
      ivr-lint diff old-flows/ flows/
      ivr-lint diff main HEAD -- flows/
      ivr-lint diff --git main flows/

    Node changes (added, removed, renamed, type, transitions, options, prompt words, hours,
    service); per scenario, the journeys whose outcome changes, the fastest way to a person,
    the deepest menu, the longest prompt, the choices per menu; findings new and fixed.
    """
    from ivr_lint.diff.compare import compare
    from ivr_lint.diff.formats import FORMATS
    from ivr_lint.diff.outline import outline
    from ivr_lint.diff.sources import (NULL_FILE, SideError, disk_side, is_revision, repository_root,
                                       revision_side, single_file_side, worktree_side)

    args = list(args)
    try:
        if textconv:
            if len(args) != 1 or git_revision:
                fail("--textconv takes one flow file")
            config = resolve_config(config_path, args)
            click.echo(outline(single_file_side(args[0]), config), nl=False)
            sys.exit(int(ExitCode.OK))
        if git_revision is not None:
            paths = args
            root = repository_root()
            if root is None:
                fail("--git: not inside a git repository")
            old = revision_side(git_revision, paths)
            new = worktree_side(root, paths)
        else:
            if len(args) < 2:
                fail("give OLD and NEW (files, directories or git revisions), or --git REV [PATH...]")
            first, second, paths = args[0], args[1], args[2:]
            on_disk = [os.path.exists(a) or a == NULL_FILE for a in (first, second)]
            if all(on_disk):
                if paths:
                    fail("paths after OLD and NEW are for git revisions; give the files or directories themselves")
                old, new = disk_side(first), disk_side(second)
                if os.path.isfile(first) and os.path.isfile(second):  # one flow against another: pair them
                    old.files = {second: first}
                    new.files = {second: second}
                elif first == NULL_FILE and os.path.isfile(second):
                    new.files = {second: second}
                elif second == NULL_FILE and os.path.isfile(first):
                    old.files = {first: first}
            elif not any(on_disk) and is_revision(first) and is_revision(second):
                old, new = revision_side(first, paths), revision_side(second, paths)
            else:
                missing = [a for a, there in zip((first, second), on_disk) if not there and not is_revision(a)]
                if missing:
                    fail(f"{missing[0]}: no such file, directory or git revision")
                fail("compare two paths or two git revisions (use --git REV to compare the working tree with REV)")
        protect_inputs([p for side in (old, new) for p in side.files.values() if os.path.isfile(p)]
                       + [p for p in args if os.path.isfile(p)])
        config = resolve_config(config_path, [a for a in args if os.path.exists(a)] or ["."])
        result = compare(old, new, config)
    except SideError as error:
        fail(str(error))
    use_color = (sys.stdout.isatty() if color is None else color) and output is None and output_format == "text"
    report = FORMATS[output_format](result, use_color)
    if output:
        write_atomically(output, report)
    else:
        click.echo(report, nl=False, color=use_color)
    failed = (fail_on == "regression" and result.regressions) or (fail_on == "change" and result.changed)
    sys.exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))
