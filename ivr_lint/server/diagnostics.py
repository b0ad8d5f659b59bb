"""Findings as LSP diagnostics: severity, rule code, a link to the rule's doc, exact range.

The link: `codeDescription.href` is the `rule_doc_url` template if the client gives one
(initializationOptions `ruleDocUrl`, with `{name}` and `{code}`), else a file URI of
the rule's doc as `ivr-lint rule NAME` prints it, written once into the user's cache
folder so that any editor can open it.
"""

from __future__ import annotations

import os

from lsprotocol import types

from ivr_lint.findings import Finding, Severity
from ivr_lint.server.ranges import Lines

SOURCE = "ivr-lint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def docs_folder() -> str:
    from ivr_lint.server.compiled import cache_folder

    return os.path.join(cache_folder(), "rules")


class RuleDocs:
    """Where each rule's doc is, for the diagnostics' links."""

    def __init__(self, template: str | None = None):
        self.template = template
        self._written: dict[str, str] = {}

    def href(self, name: str, code: str) -> str | None:
        if self.template:
            return self.template.replace("{name}", name).replace("{code}", code)
        if name in self._written:
            return self._written[name]
        from ivr_lint.rules import find_rule

        rule = find_rule(name)
        if rule is None:
            return None
        folder = docs_folder()
        path = os.path.join(folder, f"{name}.md")
        try:
            if not os.path.exists(path):
                os.makedirs(folder, exist_ok=True)
                temporary = f"{path}.{os.getpid()}.tmp"
                with open(temporary, "w", encoding="utf-8") as handle:
                    handle.write(f"# {rule.name} ({rule.code})\n\n{rule.summary}\n\n{rule.doc()}\n")
                os.replace(temporary, path)
        except OSError:
            return None
        self._written[name] = "file://" + path
        return self._written[name]


def to_diagnostic(finding: Finding, lines: Lines, docs: RuleDocs) -> types.Diagnostic:
    href = docs.href(finding.rule, finding.code) if finding.code else None
    data = {"rule": finding.rule, "node": finding.node}
    return types.Diagnostic(
        range=lines.token(finding.line, finding.column),
        message=finding.message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data=data,
    )


def problem_diagnostic(message: str) -> types.Diagnostic:
    """A problem that stops the check of a file (unreadable, too large): on its first line."""
    return types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, 0)), message=message,
                            severity=types.DiagnosticSeverity.Error, source=SOURCE, code="input-error")


def diagnostics(findings: list[Finding], text: str, docs: RuleDocs,
                kept: dict | None = None) -> list[types.Diagnostic]:
    """The findings as diagnostics. `kept`, when given, holds the diagnostics of the last call
    for the same file by what they are made from (the finding and the text of its line), and
    is left holding this call's: a keystroke converts only the findings that changed (a typo
    near the start of a large flow can make a thousand)."""
    lines = Lines(text)
    if kept is None:
        return [to_diagnostic(f, lines, docs) for f in findings]
    before, found = dict(kept), []
    kept.clear()
    for finding in findings:
        key = (finding.rule, finding.code, finding.message, finding.severity, finding.node, finding.line,
               finding.column, lines.line(finding.line - 1))
        diagnostic = before.get(key)
        if diagnostic is None:
            diagnostic = to_diagnostic(finding, lines, docs)
        kept[key] = diagnostic
        found.append(diagnostic)
    return found
