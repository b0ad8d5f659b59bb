"""Read extensions.conf: `[context]`, `exten => ext,prio,App(args)`, `same => n,...`, `include =>`."""

from __future__ import annotations

import re

from ivr_lint.importers.asterisk.model import Context, Dialplan, Extension, Step, control_step
from ivr_lint.importers.result import ImportFailure

_CONTEXT = re.compile(r"^\s*\[([^\]]+)\]\s*(\([^)]*\))?\s*$")
_LINE = re.compile(r"^\s*(exten|same|include|switch|ignorepat|lswitch|eswitch)\s*=>?\s*(.*)$", re.I)
_SETTING = re.compile(r"^\s*([\w\-.()]+)\s*=>?\s*(.*)$")
_APP = re.compile(r"^\s*([A-Za-z_][\w]*)\s*(?:\((.*)\))?\s*$", re.S)


def strip_comment(line: str) -> tuple[str, str]:
    """(code, comment): `;` starts a comment unless escaped as `\\;`."""
    index = 0
    while True:
        index = line.find(";", index)
        if index == -1:
            return line, ""
        if index > 0 and line[index - 1] == "\\":
            index += 1
            continue
        return line[:index], line[index + 1:].strip()


def parse_conf(text: str) -> Dialplan:
    plan = Dialplan("extensions.conf")
    context: Context | None = None
    last: Extension | None = None
    in_block_comment = False
    last_step, last_line = None, 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_block_comment:
            end = line.find("--;")
            if end == -1:
                if _CONTEXT.match(strip_comment(line)[0]):
                    plan.commented_contexts += 1
                continue
            line = line[end + 3:]
            in_block_comment = False
        start = line.find(";--")
        if start != -1:
            end = line.find("--;", start + 3)
            if end == -1:
                if _CONTEXT.match(strip_comment(line[start + 3:])[0]):
                    plan.commented_contexts += 1
                line = line[:start]
                in_block_comment = True
            else:
                line = line[:start] + line[end + 3:]
        code, comment = strip_comment(line)
        if not code.strip():
            if comment and last_step is not None and last_step.comment and number == last_line + 1:
                last_step.comment += " " + comment  # a comment that goes on under the step
                last_line = number
            continue
        if code.lstrip().startswith("#"):
            plan.notes.append(f"line {number}: {code.strip()} is not followed")
            continue
        header = _CONTEXT.match(code)
        if header:
            name = header.group(1).strip()
            context = plan.contexts.get(name) or Context(name, number, raw.find("[") + 1)
            plan.contexts[name] = context
            last = None
            continue
        match = _LINE.match(code)
        if context is None:
            continue
        if context.name.lower() == "globals" or context.name.lower() in ("general",):
            setting = _SETTING.match(code)
            if setting and (context.name.lower() == "globals" or setting.group(1) not in plan.globals):
                plan.globals[setting.group(1)] = setting.group(2).strip()  # [globals] wins over [general]
            continue
        if not match:
            continue
        keyword, rest = match.group(1).lower(), match.group(2).strip()
        column = raw.find(match.group(1)) + 1
        if keyword == "include":
            context.includes.append(rest.split(",")[0].split("|")[0].strip())
            continue
        if keyword not in ("exten", "same"):
            continue
        if keyword == "exten":
            parts = _split_first(rest, 2)
            if len(parts) < 3:
                raise ImportFailure(f"`exten` needs an extension, a priority and an application: {rest!r}",
                                    number, column)
            ext_name = parts[0].strip().split("/")[0]
            priority_text, app_text = parts[1].strip(), parts[2]
            extension = context.extensions.get(ext_name)
            if extension is None:
                extension = Extension(ext_name, number, column, comment=comment)
                context.extensions[ext_name] = extension
            last = extension
        else:
            if last is None:
                raise ImportFailure("`same =>` with no `exten` before it", number, column)
            parts = _split_first(rest, 1)
            if len(parts) < 2:
                raise ImportFailure(f"`same` needs a priority and an application: {rest!r}", number, column)
            extension, priority_text, app_text = last, parts[0].strip(), parts[1]
        if priority_text.lower() == "hint":
            continue
        last_step = add_step(extension, priority_text, app_text, number, column, comment)
        last_line = number
    for context in plan.contexts.values():
        for extension in context.extensions.values():
            order = sorted(range(len(extension.steps)), key=lambda i: (extension.steps[i].priority, i))
            extension.steps = [extension.steps[i] for i in order]
            extension.labels = {s.label: i for i, s in enumerate(extension.steps) if s.label}
    return plan


def _split_first(text: str, count: int) -> list[str]:
    """Split on the first `count` commas (the application keeps its own commas)."""
    parts = []
    rest = text
    for _ in range(count):
        index = rest.find(",")
        if index == -1:
            break
        parts.append(rest[:index])
        rest = rest[index + 1:]
    parts.append(rest)
    return parts


def add_step(extension: Extension, priority_text: str, app_text: str, line: int, column: int, comment: str) -> Step:
    label = None
    match = re.match(r"^(\w+|n|\+\d+)?\s*\((\w+)\)\s*$", priority_text)
    if match:
        priority_text, label = match.group(1) or "n", match.group(2)
    previous = extension.steps[-1].priority if extension.steps else 0
    if priority_text.lower() == "n":
        priority = previous + 1
    elif priority_text.startswith("+") and priority_text[1:].isdigit():
        priority = previous + int(priority_text[1:])
    elif priority_text.isdigit():
        priority = int(priority_text)
    else:
        raise ImportFailure(f"unreadable priority {priority_text!r}", line, column)
    app = _APP.match(app_text.strip())
    if app:
        name, args = app.group(1), app.group(2) or ""
    else:
        name, args = app_text.strip().split("(")[0].strip() or "NoOp", ""
    step = control_step(name, args, line, column)
    step.label = label
    step.priority = priority
    step.comment = comment
    extension.steps.append(step)
    return step
