"""Stage 5: turn findings into what people and CI systems read.

Each format is a function `(result, color) -> str`; `FORMATS` is the registry the
command line offers.
"""

from __future__ import annotations

from typing import Callable

from ivr_lint.engine import CheckResult
from ivr_lint.output.codeclimate import format_codeclimate
from ivr_lint.output.github import format_github
from ivr_lint.output.json import format_json
from ivr_lint.output.junit import format_junit
from ivr_lint.output.sarif import format_sarif
from ivr_lint.output.text import format_text

Formatter = Callable[[CheckResult, bool], str]

FORMATS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "junit": format_junit,
    "codeclimate": format_codeclimate,
}
