"""Read AEL (extensions.ael) and compile it to dialplan steps, as Asterisk's own AEL compiler does.

`if`/`ifTime`/`random` become conditional jumps, `for`/`while` loops with their jumps
back, `switch` a multi-way step with fall-through between cases, `&macro()` a call,
labels and `goto`/`jump` keep their targets. Both the `,` and the Asterisk 1.4 `|`
argument separators are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ivr_lint.importers.asterisk.model import (Context, Dialplan, Extension, Jump, Step, control_step, parse_jump,
                                              split_args)
from ivr_lint.importers.result import ImportFailure
from ivr_lint.importers.textutil import line_starts, offset_to_pos

_WORD = re.compile(r"[A-Za-z_][\w\-]*")


@dataclass
class Node:
    kind: str
    offset: int
    text: str = ""
    args: str = ""
    body: list = field(default_factory=list)
    other: list | None = None
    cases: list = field(default_factory=list)  # (value or None for default, [statements])
    comment: str = ""


def blank_comments(text: str) -> tuple[str, dict[int, str]]:
    """Replace // and /* */ comments by spaces (positions kept); return the line comments by line index."""
    text = re.sub(r"(?m)^[ \t]*#(include|exec)\b[^\n]*", lambda m: " " * len(m.group()), text)
    out = list(text)
    comments: dict[int, str] = {}
    index, line, quote = 0, 0, False
    while index < len(text):
        char = text[index]
        if char == "\n":
            line += 1
            quote = False
        elif char == '"':
            quote = not quote
        elif not quote and text.startswith("//", index) and not (index > 0 and text[index - 1] == ":"):
            end = text.find("\n", index)
            end = len(text) if end == -1 else end
            comments[line] = text[index + 2:end].strip()
            for k in range(index, end):
                out[k] = " "
            index = end
            continue
        elif not quote and text.startswith("/*", index):
            end = text.find("*/", index + 2)
            end = len(text) if end == -1 else end + 2
            for k in range(index, end):
                if out[k] != "\n":
                    out[k] = " "
            line += text.count("\n", index, end)
            index = end
            continue
        index += 1
    return "".join(out), comments


class Parser:
    def __init__(self, text: str):
        self.source = text
        self.text, self.comments = blank_comments(text)
        self.starts = line_starts(text)
        self.i = 0

    # low level ---------------------------------------------------------------------------
    def pos(self, offset: int | None = None) -> tuple[int, int]:
        return offset_to_pos(self.starts, self.i if offset is None else offset)

    def fail(self, message: str, offset: int | None = None) -> ImportFailure:
        line, column = self.pos(offset)
        return ImportFailure(f"AEL: {message}", line, column)

    def skip(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def eof(self) -> bool:
        self.skip()
        return self.i >= len(self.text)

    def peek(self, literal: str) -> bool:
        self.skip()
        return self.text.startswith(literal, self.i)

    def accept(self, literal: str) -> bool:
        if self.peek(literal):
            self.i += len(literal)
            return True
        return False

    def expect(self, literal: str) -> None:
        if not self.accept(literal):
            found = self.text[self.i:self.i + 20].split("\n")[0]
            raise self.fail(f"expected {literal!r}, found {found!r}")

    def word(self) -> str | None:
        self.skip()
        match = _WORD.match(self.text, self.i)
        if not match:
            return None
        self.i = match.end()
        return match.group()

    def peek_word(self) -> str | None:
        saved = self.i
        word = self.word()
        self.i = saved
        return word

    def balanced(self) -> str:
        """The text inside (...) starting at the current `(`."""
        self.expect("(")
        start, depth, quote = self.i, 1, False
        while self.i < len(self.text):
            char = self.text[self.i]
            if char == '"':
                quote = not quote
            elif not quote:
                if char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                    if depth == 0:
                        inner = self.text[start:self.i]
                        self.i += 1
                        return inner
            self.i += 1
        raise self.fail("unbalanced parentheses", start)

    def until(self, stops: str) -> str:
        """Raw text up to one of `stops` outside brackets and quotes (the stop is not consumed)."""
        self.skip()
        start, depth, quote = self.i, 0, False
        while self.i < len(self.text):
            char = self.text[self.i]
            if char == '"':
                quote = not quote
            elif not quote:
                if char in "([{":
                    if char == "{" and depth == 0 and "{" in stops:
                        break
                    depth += 1
                elif char in ")]}":
                    if depth == 0 and char in stops:
                        break
                    depth = max(0, depth - 1)
                elif depth == 0 and char in stops:
                    break
            self.i += 1
        return self.text[start:self.i].strip()

    def line_comment(self, offset: int) -> str:
        """The comment on the statement's line, with the comment-only lines that continue it."""
        line = self.pos(offset)[0] - 1
        parts = [self.comments.get(line, "")]
        if not parts[0]:
            return ""
        lines = self.text.split("\n") if not hasattr(self, "_lines") else self._lines
        self._lines = lines
        while line + 1 < len(lines) and not lines[line + 1].strip() and self.comments.get(line + 1):
            line += 1
            parts.append(self.comments[line])
        return " ".join(parts)

    # grammar -----------------------------------------------------------------------------
    def parse(self) -> Dialplan:
        plan = Dialplan("AEL")
        while not self.eof():
            start = self.i
            keyword = self.word()
            if keyword == "abstract":
                keyword = self.word()
            if keyword == "globals":
                self.expect("{")
                while not self.accept("}"):
                    if self.eof():
                        raise self.fail("unterminated globals block", start)
                    name = self.until("=;}")
                    if self.accept("="):
                        plan.globals[name] = self.until(";}")
                    self.accept(";")
                self.accept(";")
            elif keyword == "context":
                name = self.until("{")
                line, column = self.pos(start)
                context = plan.contexts.get(name) or Context(name, line, column)
                plan.contexts[name] = context
                self.context_body(context)
            elif keyword == "macro":
                name = self.word() or ""
                params = [p.strip() for p in split_args(self.balanced()) if p.strip()]
                line, column = self.pos(start)
                context = Context(name, line, column, macro_params=params)
                extension = Extension("s", line, column)
                self.expect("{")
                body = self.statements("}")
                self.accept(";")
                Builder(self, extension).compile(body)
                context.extensions["s"] = extension
                plan.contexts[name] = context
            elif keyword is None and self.accept(";"):
                continue
            elif keyword is None and self.peek("#"):
                directive = self.until("\n")
                plan.notes.append(f"line {self.pos(start)[0]}: {directive} is not followed")
            else:
                raise self.fail(f"unexpected {keyword or self.text[self.i:self.i + 10]!r} at the top level", start)
        return plan

    def context_body(self, context: Context) -> None:
        self.expect("{")
        while not self.accept("}"):
            if self.eof():
                raise self.fail(f"context {context.name} is not closed")
            keyword = self.peek_word()
            if keyword in ("includes", "switches", "eswitches"):
                self.word()
                self.expect("{")
                while not self.accept("}"):
                    if self.eof():
                        raise self.fail(f"unterminated {keyword} block")
                    item = self.until(";}")
                    if keyword == "includes" and item:
                        context.includes.append(item.split("|")[0].split(",")[0].strip())
                    self.accept(";")
                self.accept(";")
                continue
            if keyword == "ignorepat":
                self.word()
                self.until(";")
                self.accept(";")
                continue
            if self.accept(";"):
                continue
            start = self.i
            if keyword == "regexten":
                self.word()
            if self.peek_word() == "hint":
                self.word()
                self.balanced()
            name = self.until("=")
            if not self.accept("=>"):
                raise self.fail(f"expected `=>` after extension {name!r}", start)
            line, column = self.pos(start)
            extension = context.extensions.get(name) or Extension(name, line, column, comment=self.line_comment(start))
            context.extensions[name] = extension
            body = self.statement()
            Builder(self, extension).compile(body if isinstance(body, list) else [body])

    def statements(self, close: str) -> list[Node]:
        out = []
        while not self.accept(close):
            if self.eof():
                raise self.fail(f"missing {close!r}")
            statement = self.statement()
            if isinstance(statement, list):
                out.append(Node("block", self.i, body=statement))
            elif statement is not None:
                out.append(statement)
        return out

    def statement(self):
        self.skip()
        start = self.i
        if self.accept("{"):
            body = self.statements("}")
            self.accept(";")
            return body
        if self.accept(";"):
            return None
        if self.accept("&"):
            name = self.word() or ""
            args = self.balanced() if self.peek("(") else ""
            self.accept(";")
            return Node("macro", start, text=name, args=args)
        keyword = self.word()
        if keyword is None:
            raise self.fail(f"unexpected {self.text[self.i:self.i + 12]!r}")
        if keyword in ("if", "ifTime", "random"):
            condition = self.balanced()
            then = self.statement()
            other = None
            if self.peek_word() == "else":
                self.word()
                other = self.statement()
            return Node(keyword, start, text=condition, body=_as_list(then), other=_as_list(other)
                        if other is not None else None)
        if keyword == "for":
            header = self.balanced()
            parts = header.split(";")
            if len(parts) != 3:
                raise self.fail("a for loop needs (init; condition; increment)", start)
            return Node("for", start, text=parts[1].strip(), args=header, body=_as_list(self.statement()),
                        cases=[parts[0].strip(), parts[2].strip()])
        if keyword == "while":
            condition = self.balanced()
            return Node("while", start, text=condition, body=_as_list(self.statement()))
        if keyword == "switch":
            expression = self.balanced()
            self.expect("{")
            cases: list = []
            while not self.accept("}"):
                if self.eof():
                    raise self.fail("unterminated switch", start)
                label = self.word()
                if label in ("case", "pattern"):
                    value = self.until(":")
                    self.expect(":")
                    cases.append((value, []))
                elif label == "default":
                    self.expect(":")
                    cases.append((None, []))
                else:
                    raise self.fail(f"expected case, pattern or default in switch, found {label!r}")
                while self.peek_word() not in ("case", "pattern", "default") and not self.peek("}"):
                    if self.eof():
                        raise self.fail("unterminated switch", start)
                    statement = self.statement()
                    if statement is not None:
                        cases[-1][1].extend(statement if isinstance(statement, list) else [statement])
            self.accept(";")
            return Node("switch", start, text=expression, cases=cases)
        if keyword in ("goto", "jump"):
            target = self.until(";}")
            self.accept(";")
            return Node(keyword, start, text=target)
        if keyword in ("break", "continue", "return"):
            self.accept(";")
            return Node(keyword, start)
        if keyword == "catch":
            self.word()
            self.expect("{")
            self.statements("}")
            self.accept(";")
            return None
        if keyword == "local":
            keyword = self.word() or ""
        if self.accept(":") and not self.peek(":"):
            return Node("label", start, text=keyword)
        if self.peek("=") and not self.peek("=>"):
            self.expect("=")
            value = self.until(";}")
            self.accept(";")
            return Node("app", start, text="Set", args=f"{keyword}={value}")
        args = self.balanced() if self.peek("(") else ""
        if self.peek("=") and not self.peek("=>") and not self.peek("=="):
            self.expect("=")
            value = self.until(";}")
            self.accept(";")
            return Node("app", start, text="Set", args=f"{keyword}({args})={value}")
        self.accept(";")
        return Node("app", start, text=keyword, args=args, comment=self.line_comment(start))


def _as_list(statement) -> list:
    if statement is None:
        return []
    return statement if isinstance(statement, list) else [statement]


class Builder:
    """Compile one extension's statements into steps (labels resolved to step indexes)."""

    def __init__(self, parser: Parser, extension: Extension):
        self.parser = parser
        self.extension = extension
        self.pending: list[str] = []
        self.counter = 0
        self.loops: list[tuple[str, str]] = []  # (continue label, break label)

    def label(self) -> str:
        self.counter += 1
        return f"~{self.counter}"

    def mark(self, name: str) -> None:
        self.pending.append(name)

    def emit(self, step: Step) -> None:
        for name in self.pending:
            self.extension.labels[name] = len(self.extension.steps)
            if not name.startswith("~") and step.label is None:
                step.label = name
        self.pending = []
        step.priority = len(self.extension.steps) + 1
        self.extension.steps.append(step)

    def compile(self, statements: list) -> None:
        for statement in statements:
            self.statement(statement)
        for name in self.pending:
            self.extension.labels[name] = len(self.extension.steps)
        self.pending = []

    def at(self, node: Node) -> tuple[int, int]:
        return self.parser.pos(node.offset)

    def statement(self, node) -> None:
        if isinstance(node, list):
            for item in node:
                self.statement(item)
            return
        if node is None:
            return
        line, column = self.at(node)
        kind = node.kind
        if kind == "block":
            self.compile_inline(node.body)
        elif kind == "app":
            step = control_step(node.text, node.args, line, column)
            step.comment = node.comment
            self.emit(step)
        elif kind == "label":
            self.mark(node.text)
        elif kind in ("goto", "jump"):
            self.emit(Step("goto", line, column, app="goto", args=node.text, then=jump_target(node.text, kind)))
        elif kind in ("if", "random", "ifTime"):
            otherwise, end = self.label(), self.label()
            step_kind = "gotoiftime" if kind == "ifTime" else "gotoif"
            cond = node.text if kind != "random" else f"random {node.text}%"
            self.emit(Step(step_kind, line, column, app=kind, cond=cond, then=None, otherwise=Jump(priority=otherwise)))
            self.compile_inline(node.body)
            if node.other is not None:
                self.emit(Step("goto", line, column, app="goto", then=Jump(priority=end)))
                self.mark(otherwise)
                self.compile_inline(node.other)
                self.mark(end)
            else:
                self.mark(otherwise)
        elif kind == "for":
            self.for_loop(node, line, column)
        elif kind == "while":
            top, end = self.label(), self.label()
            self.mark(top)
            self.emit(Step("gotoif", line, column, app="while", cond=node.text, then=None,
                           otherwise=Jump(priority=end)))
            self.loops.append((top, end))
            self.compile_inline(node.body)
            self.loops.pop()
            self.emit(Step("goto", line, column, app="goto", then=Jump(priority=top)))
            self.mark(end)
        elif kind == "switch":
            end = self.label()
            labels = [self.label() for _ in node.cases]
            cases = [(value, Jump(priority=lab)) for (value, _), lab in zip(node.cases, labels) if value is not None]
            default = next((Jump(priority=lab) for (value, _), lab in zip(node.cases, labels) if value is None),
                           Jump(priority=end))
            self.emit(Step("switch", line, column, app="switch", cond=node.text, cases=cases, otherwise=default))
            self.loops.append((end, end))
            for (value, body), lab in zip(node.cases, labels):
                self.mark(lab)
                self.compile_inline(body)
            self.loops.pop()
            self.mark(end)
        elif kind in ("break", "continue"):
            if self.loops:
                again, out = self.loops[-1]
                self.emit(Step("goto", line, column, app=kind, then=Jump(priority=out if kind == "break" else again)))
        elif kind == "return":
            self.emit(Step("return", line, column, app="return"))
        elif kind == "macro":
            args = split_args(node.args) if node.args.strip() else []
            self.emit(Step("call", line, column, app=f"&{node.text}", args=node.args, callee=node.text,
                           call_args=args, call_target=Jump(node.text, "s", "1")))

    def compile_inline(self, statements: list) -> None:
        for statement in statements:
            self.statement(statement)

    def for_loop(self, node: Node, line: int, column: int) -> None:
        init, increment = node.cases
        body, step_label, end = self.label(), self.label(), self.label()
        if init:
            self.emit(Step("app", line, column, app="Set", args=init))
        first_runs = _first_iteration_runs(init, node.text)
        top = self.label()
        if not first_runs:
            self.mark(top)
            self.emit(Step("gotoif", line, column, app="for", cond=node.text, then=None, otherwise=Jump(priority=end)))
        self.mark(body)
        self.loops.append((step_label, end))
        self.compile_inline(node.body)
        self.loops.pop()
        self.mark(step_label)
        if increment:
            self.emit(Step("app", line, column, app="Set", args=increment))
        if first_runs:
            self.emit(Step("gotoif", line, column, app="for", cond=node.text, then=Jump(priority=body), otherwise=None))
        else:
            self.emit(Step("goto", line, column, app="goto", then=Jump(priority=top)))
        self.mark(end)


def _first_iteration_runs(init: str, condition: str) -> bool:
    """`for (x=0; ${x} < 3; ...)` always runs its body once: compile it as a do-while."""
    start = re.fullmatch(r"\s*(\w+)\s*=\s*(-?\d+)\s*", init or "")
    test = re.fullmatch(r"\s*\$\{(\w+)\}\s*(<|<=)\s*(-?\d+)\s*", condition or "")
    if not start or not test or start.group(1) != test.group(1):
        return False
    low, high = int(start.group(2)), int(test.group(3))
    return low < high or (test.group(2) == "<=" and low <= high)


def jump_target(text: str, kind: str) -> Jump:
    if kind == "jump":
        target, _, context = text.partition("@")
        parts = [p.strip() for p in re.split(r"[,|]", target)]
        return Jump(context.strip() or None, parts[0] or None, parts[1] if len(parts) > 1 else "1")
    return parse_jump(text)


def parse_ael(text: str) -> Dialplan:
    return Parser(text).parse()
