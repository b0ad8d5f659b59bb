"""What a caller can answer, and how an answer is matched to a menu option.

An answer is a DTMF key (0-9, *, #), a string of digits for an `input` (a trailing #
ends the entry, as on a phone), a word a menu lists in an option's `speech`, or
silence (`timeout` in scripts, Enter in a terminal). Scripted answers are checked
before the call starts, so a typo fails at once instead of being heard as a wrong key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ivr_lint.model.flow import DTMF_KEYS, Flow, InputNode, MenuNode, MenuOption

SILENCE = "timeout"
DTMF_CHARS = frozenset(DTMF_KEYS)
_DTMF = re.compile(r"[0-9*#]+")
WORDS = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


class AnswerError(ValueError):
    """An answer that no caller could give; the message says what is accepted."""


def fold(text: str) -> str:
    """Compare spoken words without case or accents: callers do not type "é"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def vocabulary(flows: Iterable[Flow]) -> dict[str, str]:
    """Every word a menu of these flows understands: folded -> as written."""
    words: dict[str, str] = {}
    for flow in flows:
        for node in flow.nodes.values():
            if isinstance(node, MenuNode):
                for option in node.options.values():
                    for word in option.speech:
                        words.setdefault(fold(word), word)
    return words


def parse_keys(text: str) -> list[str]:
    """`--keys "1,0,timeout"` -> ["1", "0", "timeout"]; an empty string is no key."""
    return [part.strip() for part in text.split(",")] if text.strip() else []


def check_answer(answer: str, words: dict[str, str]) -> str | None:
    """Why `answer` cannot be given, or None when it can."""
    if answer == SILENCE or _DTMF.fullmatch(answer):
        return None
    if WORDS.fullmatch(answer) and fold(answer) in words:
        return None
    known = ", ".join(sorted(words.values(), key=fold)[:8])
    said = f"a word a menu understands ({known}{', ...' if len(words) > 8 else ''})" if words else \
        "no menu of this flow understands words"
    return (f"{answer!r} is not an answer: use a key 0-9, * or #, digits for an input, "
            f"{SILENCE!r} for silence, or {said}")


def check_answers(answers: list[str], words: dict[str, str]) -> None:
    """Raise AnswerError for the first answer no caller could give."""
    for index, answer in enumerate(answers, 1):
        if answer == "":
            raise AnswerError(f"answer {index} is empty: use {SILENCE!r} for silence")
        problem = check_answer(answer, words)
        if problem:
            raise AnswerError(f"answer {index}: {problem}")


def menu_option(menu: MenuNode, answer: str) -> MenuOption | None:
    """The option a key or a spoken word selects, or None (no match)."""
    if answer in menu.options:
        return menu.options[answer]
    folded = fold(answer)
    for option in menu.options.values():
        if any(fold(word) == folded for word in option.speech):
            return option
    return None


def typed_digits(answer: str) -> str:
    """Digits as an `input` receives them: a final # only ends the entry."""
    return answer[:-1] if answer.endswith("#") and len(answer) > 1 else answer


def digits_valid(node: InputNode, digits: str) -> bool:
    if not digits.isdigit() or not digits.isascii():
        return False
    if node.digits is None:
        return True
    low, high = node.digits
    return low <= len(digits) <= high


def wrong_key(menu: MenuNode) -> str | None:
    """A key the menu does not offer (to provoke its no-match path), if there is one."""
    return next((key for key in "9876543210#*" if key not in menu.options), None)


def valid_digits(node: InputNode, avoid: Iterable[str] = ()) -> str | None:
    """Digits the input accepts, different from every value in `avoid`, if any."""
    low, high = node.digits if node.digits is not None else (4, 4)
    avoid = set(avoid)
    for length in range(max(low, 1), max(low, 1) + 3):
        if node.digits is not None and length > high:
            break
        for seed in ("1234567890", "2468013579", "9876543210", "5555555555"):
            candidate = (seed * (length // 10 + 1))[:length]
            if candidate not in avoid:
                return candidate
    # a branch with a case for most short values (thousands of procedure numbers): the first
    # free one, found within len(avoid) + 1 tries
    for length in range(max(low, 1), (high if node.digits is not None else low) + 1):
        for number in range(min(10 ** length, len(avoid) + 1)):
            candidate = str(number).zfill(length)
            if candidate not in avoid:
                return candidate
    return None


def invalid_digits(node: InputNode) -> str:
    """An entry the input refuses: too short when it can be, else a star."""
    if node.digits is not None and node.digits[0] > 1:
        return "1" * (node.digits[0] - 1)
    if node.digits is not None:
        return "1" * (node.digits[1] + 1)
    return "*"
