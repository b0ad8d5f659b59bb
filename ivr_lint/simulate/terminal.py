"""The call in a terminal: prompts as they play, and the caller typing answers.

Answers are read a line at a time, because a caller may say a word as well as press a
key: type 1 then Enter, or "conseiller" then Enter; Enter alone is silence. Something
no phone could send (letters mixed with digits, two keys at a menu) is refused and
asked again without counting as an attempt. End of input (Ctrl-D) hangs up.
"""

from __future__ import annotations

from collections.abc import Callable

from ivr_lint.model.flow import MenuNode
from ivr_lint.simulate import answers as A
from ivr_lint.simulate.engine import Caller, HangUp, Question, is_named
from ivr_lint.simulate.transcript import Step
from ivr_lint.text.safe import visible


class Printer:
    """Prints each step as it happens; `echo_input` for scripted answers nobody typed.

    Prompts and ids are the flow's text: their control characters are printed as visible
    escapes, so that a prompt cannot retitle, recolour or rewrite the caller's terminal."""

    def __init__(self, echo: Callable[[str], None], echo_input: bool = True):
        self.echo = lambda text: echo(visible(text))
        self.echo_input = echo_input

    def hear(self, step: Step) -> None:
        self.echo(f"[{step.node}] {step.prompt}")

    def done(self, step: Step) -> None:
        if not step.prompt:
            self.echo(f"[{step.node}] ({step.note})" if step.note else f"[{step.node}]")
            return
        if step.input is not None and self.echo_input:
            self.echo(f"  > {step.input}")
        if step.note:
            self.echo(f"  ({step.note})")


def hint(question: Question) -> str:
    node = question.node
    if isinstance(node, MenuNode):
        keys = " ".join(node.options)
        words = [w for o in node.options.values() for w in o.speech]
        said = f" · or say: {', '.join(words)}" if words else ""
        return visible(f"  keys: {keys}{said} · Enter: silence")
    if node.digits is None:
        size = "digits"
    elif node.digits[0] == node.digits[1]:
        size = f"{node.digits[0]} digits"
    else:
        size = f"{node.digits[0]} to {node.digits[1]} digits"
    return f"  type {size}, then Enter · Enter alone: silence"


class TerminalCaller(Caller):
    def __init__(self, read_line: Callable[[str], str | None], echo: Callable[[str], None],
                 unanswered: set[str] = frozenset()):
        self.read_line = read_line
        self.echo = echo
        self.unanswered_names = set(unanswered)

    def answer(self, question: Question) -> str | None:
        self.echo(hint(question))
        while True:
            line = self.read_line("> ")
            if line is None:
                raise HangUp()
            answer = line.strip()
            if not answer:
                return None
            problem = self.problem(question, answer)
            if problem is None:
                return answer
            self.echo(f"  {problem}")

    @staticmethod
    def problem(question: Question, answer: str) -> str | None:
        dtmf = set(answer) <= A.DTMF_CHARS
        if question.kind == "menu" and dtmf and len(answer) > 1:
            return "one key at a time at a menu (or a word, or Enter for silence)"
        if dtmf or A.WORDS.fullmatch(answer):
            return None
        return f"{answer!r} cannot be sent by a phone: type keys 0-9 * #, a word, or Enter for silence"

    def unanswered(self, name, node) -> bool:
        return is_named(name, self.unanswered_names)
