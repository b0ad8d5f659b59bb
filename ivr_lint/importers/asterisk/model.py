"""The dialplan both syntaxes are read into: contexts, extensions, steps (priorities).

extensions.conf lines and compiled AEL statements give the same steps. Control flow is
kept structured (`Jump`, conditions, switch cases) so the converter never re-parses
application arguments for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Jump:
    """A dialplan location: context, extension, priority (number or label); None = the current one."""

    context: str | None = None
    exten: str | None = None
    priority: str | None = None  # "1", a label, or None for the first step

    def __str__(self) -> str:
        return ",".join(p for p in (self.context, self.exten, self.priority) if p)


@dataclass
class Step:
    """One priority. `kind`: app, goto, gotoif, gotoiftime, switch, call (Macro/Gosub), return."""

    kind: str
    line: int
    column: int
    app: str = ""
    args: str = ""
    label: str | None = None  # the user's label (n(label) or label: in AEL)
    priority: int = 0
    comment: str = ""  # the comment on the same line, often the words of a prompt
    cond: str = ""
    then: Jump | None = None  # None: go on with the next step
    otherwise: Jump | None = None
    cases: list[tuple[str, Jump]] = field(default_factory=list)
    callee: str = ""  # macro or gosub target context
    call_args: list[str] = field(default_factory=list)
    call_target: Jump | None = None


@dataclass
class Extension:
    name: str
    line: int
    column: int
    steps: list[Step] = field(default_factory=list)
    labels: dict[str, int] = field(default_factory=dict)
    comment: str = ""

    def index_of(self, priority: str | None) -> int | None:
        """Step index of a priority number or label; None when it does not exist."""
        if priority is None or priority == "":
            return 0
        if priority in self.labels:
            return self.labels[priority]
        if priority.isdigit():
            wanted = int(priority)
            for index, step in enumerate(self.steps):
                if step.priority >= wanted:
                    return index
            return len(self.steps)
        if priority.lower() == "n":
            return 0
        return None


@dataclass
class Context:
    name: str
    line: int
    column: int
    extensions: dict[str, Extension] = field(default_factory=dict)
    includes: list[str] = field(default_factory=list)
    macro_params: list[str] | None = None  # AEL macro parameters; None for a plain context


@dataclass
class Dialplan:
    syntax: str  # "extensions.conf" or "AEL"
    contexts: dict[str, Context] = field(default_factory=dict)
    globals: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    commented_contexts: int = 0  # context headers found inside ;-- --; block comments


_PATTERN_CLASS = {"X": "[0-9]", "Z": "[1-9]", "N": "[2-9]"}


def pattern_regex(name: str) -> re.Pattern | None:
    """`_1NXX.` -> a regex of the dialled strings it matches; None for a plain extension."""
    if not name.startswith("_"):
        return None
    out = []
    body = name[1:]
    index = 0
    while index < len(body):
        char = body[index]
        if char.upper() in _PATTERN_CLASS:
            out.append(_PATTERN_CLASS[char.upper()])
        elif char == "[":
            end = body.find("]", index)
            if end == -1:
                return None
            out.append("[" + body[index + 1:end].replace("\\", "\\\\") + "]")
            index = end
        elif char == ".":
            out.append(".+")
        elif char == "!":
            out.append(".*")
        else:
            out.append(re.escape(char))
        index += 1
    try:
        return re.compile("".join(out) + r"\Z")
    except re.error:
        return None


def split_args(text: str) -> list[str]:
    """Split application arguments on commas (or `|`, the Asterisk 1.4 separator) outside brackets."""
    separator = "," if _outside(text, ",") else "|"
    parts, depth, current, quote = [], 0, [], False
    for char in text:
        if char == '"':
            quote = not quote
        if not quote:
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth = max(0, depth - 1)
            elif char == separator and depth == 0:
                parts.append("".join(current).strip())
                current = []
                continue
        current.append(char)
    parts.append("".join(current).strip())
    return parts


def _outside(text: str, char: str) -> bool:
    depth, quote = 0, False
    for c in text:
        if c == '"':
            quote = not quote
        elif not quote and c in "([{":
            depth += 1
        elif not quote and c in ")]}":
            depth = max(0, depth - 1)
        elif not quote and depth == 0 and c == char:
            return True
    return False


def parse_jump(text: str) -> Jump:
    """Goto's argument: `[[context,]extension,]priority` (commas or `|`)."""
    parts = [p.strip() for p in split_args(text.strip())] if text.strip() else []
    if len(parts) >= 3:
        return Jump(parts[0] or None, parts[1] or None, parts[2] or None)
    if len(parts) == 2:
        return Jump(None, parts[0] or None, parts[1] or None)
    if len(parts) == 1:
        return Jump(None, None, parts[0] or None)
    return Jump()


def split_condition(args: str) -> tuple[str, str, str]:
    """`cond?true:false` -> (cond, true, false); `?` and `:` inside ${...} or $[...] do not count."""
    depth = 0
    question = None
    for index, char in enumerate(args):
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth = max(0, depth - 1)
        elif char == "?" and depth == 0:
            question = index
    if question is None:
        return args.strip(), "", ""
    cond, rest = args[:question], args[question + 1:]
    depth = 0
    for index, char in enumerate(rest):
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth = max(0, depth - 1)
        elif char == ":" and depth == 0:
            return cond.strip(), rest[:index].strip(), rest[index + 1:].strip()
    return cond.strip(), rest.strip(), ""


def control_step(app: str, args: str, line: int, column: int) -> Step:
    """Goto, GotoIf, GotoIfTime, Gosub, GosubIf, Macro, Return as structured steps; others as apps."""
    name = app.lower()
    if name == "goto":
        return Step("goto", line, column, app=app, args=args, then=parse_jump(args))
    if name == "gotoif":
        cond, yes, no = split_condition(args)
        return Step("gotoif", line, column, app=app, args=args, cond=cond,
                    then=parse_jump(yes) if yes else None, otherwise=parse_jump(no) if no else None)
    if name == "gotoiftime":
        cond, yes, no = split_condition(args)
        return Step("gotoiftime", line, column, app=app, args=args, cond=cond,
                    then=parse_jump(yes) if yes else None, otherwise=parse_jump(no) if no else None)
    if name in ("gosub", "macro"):
        if name == "macro":
            parts = split_args(args)
            return Step("call", line, column, app=app, args=args, callee=f"macro-{parts[0]}",
                        call_args=parts[1:], call_target=Jump(f"macro-{parts[0]}", "s", "1"))
        target, call_args = args, []
        match = re.match(r"^(.*?)\((.*)\)\s*$", args.strip(), re.S)
        if match:
            target, call_args = match.group(1), split_args(match.group(2))
        jump = parse_jump(target)
        return Step("call", line, column, app=app, args=args, callee=jump.context or "", call_args=call_args,
                    call_target=jump)
    if name == "execiftime":  # ExecIfTime(times,days,dates,months?App(args)): the app runs in that window
        cond, yes, _ = split_condition(args)
        match = re.match(r"^\s*([A-Za-z_]\w*)\s*(?:\((.*)\))?\s*$", yes, re.S)
        inner = control_step(match.group(1), match.group(2) or "", line, column) if match else None
        if inner is not None and inner.kind == "goto":
            return Step("gotoiftime", line, column, app=app, args=args, cond=cond, then=inner.then)
        step = Step("exectime", line, column, app=app, args=args, cond=cond)
        step.call_args = [inner.app, inner.args] if inner is not None else []
        return step
    if name in ("return", "macroexit"):
        return Step("return", line, column, app=app, args=args)
    return Step("app", line, column, app=app, args=args)
