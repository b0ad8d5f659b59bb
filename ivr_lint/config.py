"""One selection model: presets, select/ignore, per-rule severity and options.

Settings come from `[tool.ivr-lint]` in the nearest pyproject.toml above the checked
files (the walk stops at the repository root), or from `--config FILE`; command-line
flags win over both. Selectors are rule names, codes, code prefixes, tags or ALL.

    [tool.ivr-lint]
    preset = "strict"
    ignore = ["unreachable-node"]
    fail-on = "warning"

    [tool.ivr-lint.rules.too-many-choices]
    severity = "error"
    max_choices = 4

`[tool.ivr-lint.service]` is not a setting but service data the flows inherit: the
project reads it with its line numbers and validates it like a flow
(ivr_lint.model.service_file), so it is only passed over here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ivr_lint.findings import Severity
from ivr_lint.loading.source import DEFAULT_MAX_FILE_SIZE
from ivr_lint.model.service_file import may_name_the_tool
from ivr_lint.rules import RULES
from ivr_lint.rules.base import Rule
from ivr_lint.text.quoting import quote, shorten

#: preset -> rule name -> overrides ({"severity": ..., option: value})
PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    # every rule at its default severity and threshold: what a careful team should fix
    "recommended": {},
    # for services that hold themselves to the charter's letter: plain language counts,
    # menus stay at four choices, a person within 45 s, prompts within 20 s
    "strict": {
        "unclear-language": {"severity": "warning"},
        "too-many-choices": {"max_choices": 4},
        "slow-agent-path": {"max_agent_seconds": 45.0},
        "long-prompt": {"max_prompt_seconds": 20.0},
        "missing-error-handling": {"severity": "error"},
        "hangup-on-error": {"severity": "error"},
    },
}
DEFAULT_PRESET = "recommended"

_TABLE_KEYS = {"preset", "select", "ignore", "fail-on", "max-file-size", "words-per-minute", "rules", "service"}


class ConfigError(Exception):
    """Bad configuration: reported with its file, exit code 2."""


@dataclass
class Config:
    """The settings a check runs with: preset, selected rules, severities, options."""

    preset: str = DEFAULT_PRESET
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    words_per_minute: float = 150.0  # speech rate for estimated prompt durations
    measured_durations: dict[str, float] = field(default_factory=dict)  # prompt text -> seconds (TTS)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # user overrides per rule name
    source: str | None = None  # the file the settings came from

    def enabled_rules(self) -> list[type[Rule]]:
        return [rule for rule in RULES
                if any(matches(s, rule) for s in self.select) and not any(matches(s, rule) for s in self.ignore)]

    def _settings(self, rule: type[Rule]) -> dict[str, Any]:
        merged = dict(PRESETS[self.preset].get(rule.name, {}))
        merged.update(self.rules.get(rule.name, {}))
        return merged

    def severity_of(self, rule: type[Rule]) -> Severity:
        value = self._settings(rule).get("severity")
        return Severity.parse(value) if value else rule.severity

    def options_of(self, rule: type[Rule]) -> dict[str, Any]:
        options = rule.default_options()
        options.update({k: v for k, v in self._settings(rule).items() if k != "severity"})
        return options


def matches(selector: str, rule: type[Rule]) -> bool:
    selector = selector.strip()
    if selector.upper() == "ALL":
        return True
    return (selector == rule.name or selector in rule.tags
            or (selector.upper().startswith("IVR") and rule.code.startswith(selector.upper())))


def validate_selector(selector: str, origin: str) -> None:
    if not any(matches(selector, rule) for rule in RULES):
        raise ConfigError(f"{origin}: {quote(selector)} matches no rule (see `ivr-lint rules`)")


def find_pyproject(start: str) -> str | None:
    """The nearest pyproject.toml with a [tool.ivr-lint] table, up to the repository root."""
    folder = os.path.realpath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _has_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent


def _has_table(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return True  # let load_config report it
    if not may_name_the_tool(data):
        return False
    import tomllib

    try:
        tool = tomllib.loads(data.decode()).get("tool", {})
        return not isinstance(tool, dict) or "ivr-lint" in tool
    except tomllib.TOMLDecodeError:
        return True  # let load_config report it


def load_config(path: str | None) -> Config:
    """Read settings from a pyproject.toml ([tool.ivr-lint]) or a standalone TOML file."""
    config = Config()
    if path is None:
        return config
    import tomllib

    try:
        if os.path.exists(path) and not os.path.isfile(path):  # a FIFO or a device would block or never end
            raise ConfigError(f"{path}: cannot read configuration (not a regular file)")
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    tool = document.get("tool", {})
    table = tool.get("ivr-lint", {}) if isinstance(tool, dict) else {}
    if "tool" not in document:
        table = document
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.ivr-lint] must be a table of settings")
    apply_table(config, table, path)
    config.source = path
    return config


def apply_table(config: Config, table: dict[str, Any], origin: str) -> None:
    table = {key.replace("_", "-"): value for key, value in table.items()}
    for key in table:
        if key not in _TABLE_KEYS:
            raise ConfigError(f"{origin}: unknown setting {quote(key)} in [tool.ivr-lint] "
                              f"(known: {', '.join(sorted(_TABLE_KEYS))})")
    if "preset" in table:
        set_preset(config, table["preset"], origin)
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{origin}: `{key}` must be a list of rule names, codes or tags")
            for selector in value:
                validate_selector(selector, f"{origin}: {key}")
            setattr(config, key, value)
    if "fail-on" in table:
        config.fail_on = parse_severity(table["fail-on"], f"{origin}: fail-on")
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{origin}: max-file-size must be a positive number of bytes")
        config.max_file_size = size
    if "words-per-minute" in table:
        rate = table["words-per-minute"]
        if not isinstance(rate, (int, float)) or isinstance(rate, bool) or not 30 <= rate <= 400:
            raise ConfigError(f"{origin}: words-per-minute must be a number between 30 and 400")
        config.words_per_minute = float(rate)
    rules = table.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{origin}: `rules` must be a table of rule names")
    for name, settings in rules.items():
        rule_name, checked = check_rule_settings(name, settings, origin)
        config.rules[rule_name] = checked


def set_preset(config: Config, preset: Any, origin: str) -> None:
    if not isinstance(preset, str) or preset not in PRESETS:
        raise ConfigError(f"{origin}: unknown preset {quote(preset)} (choose from {', '.join(PRESETS)})")
    config.preset = preset


def parse_severity(value: Any, origin: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as error:
        raise ConfigError(f"{origin}: {error}") from None


def check_rule_settings(name: str, settings: Any, origin: str) -> tuple[str, dict[str, Any]]:
    from ivr_lint.rules import find_rule

    rule = find_rule(name)
    if rule is None:
        raise ConfigError(f"{origin}: [tool.ivr-lint.rules.{shorten(name)}]: no rule named {quote(name)}")
    if not isinstance(settings, dict):
        raise ConfigError(f"{origin}: [tool.ivr-lint.rules.{name}] must be a table")
    options = {option.name: option for option in rule.options}
    checked: dict[str, Any] = {}
    for key, value in settings.items():
        where = f"{origin}: [tool.ivr-lint.rules.{name}]"
        if key == "severity":
            checked[key] = parse_severity(value, where).label
        elif key in options:
            try:
                checked[key] = options[key].coerce(value)
            except ValueError as error:
                raise ConfigError(f"{where}: {error}") from None
        else:
            known = ", ".join(["severity", *options]) if options else "severity"
            raise ConfigError(f"{where}: unknown option {quote(key)} (known: {known})")
    return rule.name, checked
