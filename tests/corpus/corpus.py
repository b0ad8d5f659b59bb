"""The precision corpus: well-made flows and one-fault flows, checked as a user checks them.

A case is a flow file directly in ``well-made/`` or ``one-fault/``, or a directory there
holding a main flow and the sub-flows it reaches through ``goto`` (checked together, as a
team checks its folder). A one-fault case declares what a correct linter says about it in
header comments of its files, one line per finding, for the file the comment is in::

    # expect: congestion-options line 42

A well-made case declares nothing: it must get no warning and no error. Info findings are
allowed everywhere (a plain-language hint is not a fault) but are listed by
``scripts/precision.py``. The test (``test_precision.py``) and the figures script share this
module, so the figures are those of the test.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
WELL_MADE = HERE / "well-made"
ONE_FAULT = HERE / "one-fault"
#: the corpus is judged under the `recommended` preset, whatever the repository's settings
CONFIG = HERE / "pyproject.toml"

_EXPECT_RE = re.compile(r"^#\s*expect:\s*(?P<rule>[a-z][a-z-]*)\s+line\s+(?P<line>\d+)\s*$")
_SERIOUS = ("warning", "error")


@dataclass(frozen=True, order=True)
class Expected:
    file: str  # path relative to the corpus folder ("one-fault/x.yaml")
    rule: str
    line: int


@dataclass
class Case:
    folder: str  # "well-made" or "one-fault"
    path: Path  # a flow file or a directory of flows
    expected: list[Expected] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name.removesuffix(".yaml")

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.name}"


def _rel(path: Path) -> str:
    return path.resolve().relative_to(HERE).as_posix()


def _flow_files(path: Path) -> list[Path]:
    return sorted(path.rglob("*.yaml")) if path.is_dir() else [path]


def _expectations(path: Path) -> list[Expected]:
    found = []
    for file in _flow_files(path):
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            match = _EXPECT_RE.match(line.strip())
            if match:
                found.append(Expected(_rel(file), match["rule"], int(match["line"])))
    return sorted(found)


def cases(folder: Path) -> list[Case]:
    """Every case of one corpus folder, in name order."""
    entries = sorted(p for p in folder.iterdir() if p.is_dir() or p.suffix == ".yaml")
    return [Case(folder.name, p, _expectations(p)) for p in entries]


def all_cases() -> list[Case]:
    return cases(WELL_MADE) + cases(ONE_FAULT)


def check(case: Case) -> list[dict]:
    """The findings of ``ivr-lint check --format json`` on the case, run as a user runs it."""
    from click.testing import CliRunner

    from ivr_lint.cli import main

    args = ["check", "--format", "json", "--config", str(CONFIG), str(case.path)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    if result.exit_code not in (0, 1):
        raise AssertionError(f"ivr-lint {' '.join(args)} exited {result.exit_code}:\n{result.output}")
    findings = json.loads(result.stdout)["findings"]
    for finding in findings:
        finding["file"] = _rel(Path(finding["file"]))
    return findings


@dataclass
class Score:
    """What the linter said about one case, against what it should have said."""

    true_positives: list[dict]
    false_positives: list[dict]  # warnings and errors nobody expected
    false_negatives: list[Expected]
    infos: list[dict]  # info findings not expected: allowed, listed

    @property
    def exact(self) -> bool:
        return not self.false_positives and not self.false_negatives


def score(case: Case, findings: list[dict]) -> Score:
    missing = list(case.expected)
    hits, extra, infos = [], [], []
    for finding in findings:
        key = Expected(finding["file"], finding["rule"], finding["line"])
        if key in missing:
            missing.remove(key)
            hits.append(finding)
        elif finding["severity"] in _SERIOUS:
            extra.append(finding)
        else:
            infos.append(finding)
    return Score(hits, extra, missing, infos)


def describe(finding: dict) -> str:
    return (f"{finding['file']}:{finding['line']}:{finding['column']}: {finding['severity']} "
            f"[{finding['rule']}] {finding['message']}")
