"""Stage 5: turn findings into what people and CI systems read.

Each format is a function `(result, color) -> str`; `FORMATS` is the registry the
command line offers. A format's module is imported when it is used (the XML of
junit costs a start-up that text output does not need).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ivr_lint.engine import CheckResult

Formatter = Callable[["CheckResult", bool], str]

#: format name -> "module:function"
_TARGETS = {
    "text": "ivr_lint.output.text:format_text",
    "json": "ivr_lint.output.json:format_json",
    "sarif": "ivr_lint.output.sarif:format_sarif",
    "github": "ivr_lint.output.github:format_github",
    "junit": "ivr_lint.output.junit:format_junit",
    "codeclimate": "ivr_lint.output.codeclimate:format_codeclimate",
}


def _on_use(target: str) -> Formatter:
    module, name = target.split(":")

    def formatter(result: CheckResult, color: bool) -> str:
        return getattr(importlib.import_module(module), name)(result, color)

    formatter.__name__ = name
    return formatter


FORMATS: dict[str, Formatter] = {name: _on_use(target) for name, target in _TARGETS.items()}
