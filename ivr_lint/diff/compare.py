"""Compare two sides flow by flow: text changes, what callers feel, findings new and fixed.

Each side is loaded once and checked once by the same engine as `ivr-lint check`; the
caller views are built on the same scenario graphs the rules use. A change is a
regression (for `--fail-on regression`) when it adds an error finding, makes a person
slower to reach (more seconds or more keys, in a scenario where one could be reached)
or removes a way to a person (a scenario, or a queue or transfer, that no longer puts
the caller through).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ivr_lint.analysis.prompts import PromptFacts
from ivr_lint.config import Config
from ivr_lint.diff.callers import CALL, CallerView, Landing, PersonWay, caller_view, said_seconds
from ivr_lint.analysis.changes import Change, NodeChanges, compare_flows
from ivr_lint.diff.sources import Side
from ivr_lint.engine import CheckResult, check_loaded, paused_gc
from ivr_lint.findings import Finding, Severity
from ivr_lint.project import LoadedFile

#: a way to a person this many seconds longer is slower (estimates are rounded to 0.1 s)
SLOWER_SECONDS = 0.5


@dataclass
class JourneyChange:
    """Choices whose outcome changed the same way, in the same scenarios."""

    scenarios: list[str]
    #: (node, choice): "key 2" at a menu, "digits" at an input, "after the last retry", "the call"
    choices: list[tuple[str, str]]
    before: Landing
    after: Landing

    @property
    def message(self) -> str:
        by_node: dict[str, list[str]] = {}
        for node, choice in self.choices:
            by_node.setdefault(node, []).append(choice)
        parts = []
        for node, choices in by_node.items():
            if choices == [CALL]:
                parts.append(CALL)
                continue
            keys = [c[4:] for c in choices if c.startswith("key ")]
            others = [c for c in choices if not c.startswith("key ") and c != CALL]
            said = ([f"key{'s' if len(keys) > 1 else ''} {', '.join(keys)}"] if keys else []) + others
            parts.append(f"at {node} {' and '.join(said)}")
            if CALL in choices:
                parts.append(CALL)
        said = "; ".join(parts)
        many = len(self.choices) > 1
        if self.after.type in ("menu", "input", "branch", "hours"):
            verb = "lead to" if many else "leads to"
        else:
            verb = "end at" if many else "ends at"
        return f"{', '.join(self.scenarios)}: {said} now {verb} {self.after.describe()}, was {self.before.describe()}"

    def to_json(self) -> dict:
        return {"scenarios": self.scenarios, "choices": [{"node": n, "choice": c} for n, c in self.choices],
                "before": self.before.to_json(), "after": self.after.to_json(), "message": self.message}


@dataclass
class PersonChange:
    scenario: str  # the scenarios with this same change, joined
    before: PersonWay | None
    after: PersonWay | None

    @property
    def slower(self) -> bool:
        if self.before is None or self.after is None:
            return self.before is not None
        return (_longer(self.before, self.after) or self.after.keys > self.before.keys
                or self.after.fewest_keys > self.before.fewest_keys)

    @property
    def faster(self) -> bool:
        """The new way is surely quicker or needs fewer keys (and is no worse in the other)."""
        if self.before is None or self.after is None:
            return self.after is not None
        return not self.slower and (_longer(self.after, self.before) or self.after.keys < self.before.keys
                                    or self.after.fewest_keys < self.before.fewest_keys)

    @property
    def message(self) -> str:
        def said(way: PersonWay | None) -> str:
            if way is None:
                return "no person"
            fewest = (f" (fewest keys: {way.fewest_keys}, in {said_seconds(way.fewest_seconds, way.fewest_unknown)})"
                      if way.fewest_keys != way.keys else "")
            return f"{said_seconds(way.seconds, way.unknown)} with {way.keys} key{'s' if way.keys != 1 else ''}{fewest}"
        return f"{self.scenario}: fastest way to a person {said(self.after)}, was {said(self.before)}"

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "before": self.before.to_json() if self.before else None,
                "after": self.after.to_json() if self.after else None, "slower": self.slower,
                "message": self.message}


@dataclass
class FlowDiff:
    key: str
    status: str  # changed, unchanged, added, removed, unreadable
    changes: list[Change] = field(default_factory=list)
    journeys: list[JourneyChange] = field(default_factory=list)
    persons: list[PersonChange] = field(default_factory=list)
    #: (scenario, queue or transfer) that no longer / now put the caller through
    people_lost: list[tuple[str, str]] = field(default_factory=list)
    people_gained: list[tuple[str, str]] = field(default_factory=list)
    deepest: tuple[tuple[int, str | None], tuple[int, str | None]] | None = None
    longest: tuple[tuple[float, str | None], tuple[float, str | None]] | None = None
    choices: list[tuple[str, int, int]] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)
    fixed_findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why a side could not be compared

    @property
    def regressions(self) -> list[str]:
        out = [f"new error [{f.rule}] {f.message}" for f in self.new_findings if f.severity >= Severity.ERROR]
        out += [f"slower to a person: {p.message}" for p in self.persons if p.slower]
        out += [f"{scenario}: {node!r} no longer reachable, a way to a person removed"
                for scenario, node in self.people_lost]
        return out

    @property
    def empty(self) -> bool:
        return not (self.changes or self.journeys or self.persons or self.people_lost or self.people_gained
                    or self.choices or self.new_findings or self.fixed_findings or self.problems
                    or (self.deepest and self.deepest[0] != self.deepest[1])
                    or (self.longest and self.longest[0] != self.longest[1]))


@dataclass
class Diff:
    old_label: str
    new_label: str
    flows: list[FlowDiff]

    @property
    def regressions(self) -> list[tuple[str, str]]:
        return [(f.key, r) for f in self.flows for r in f.regressions]

    @property
    def changed(self) -> bool:
        return any(f.status != "unchanged" for f in self.flows)


def _check(side: Side, config: Config) -> dict[str, list[Finding]]:
    result = CheckResult(project=side.project)
    check_loaded(result, list(side.loaded.values()), config)
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.file, []).append(finding)
    return by_file


def compare(old: Side, new: Side, config: Config) -> Diff:
    with paused_gc():
        old.load()
        new.load()
        old_findings, new_findings = _check(old, config), _check(new, config)
        flows = []
        for key in sorted(set(old.loaded) | set(new.loaded)):
            flows.append(_compare_flow(key, old.loaded.get(key), new.loaded.get(key), config,
                                       old_findings.get(key, []), new_findings.get(key, [])))
    return Diff(old.label, new.label, flows)


def _usable(loaded: LoadedFile | None) -> bool:
    return loaded is not None and loaded.flow is not None


def _compare_flow(key: str, old: LoadedFile | None, new: LoadedFile | None, config: Config,
                  old_findings: list[Finding], new_findings: list[Finding]) -> FlowDiff:
    if old is None or new is None:
        diff = FlowDiff(key, "added" if old is None else "removed")
        if new is not None:
            diff.new_findings = new_findings
        else:
            diff.fixed_findings = old_findings
        return diff
    diff = FlowDiff(key, "changed")
    if (old.source is not None and new.source is not None and old.source.text == new.source.text
            and not _usable(old) and not _usable(new)):
        return FlowDiff(key, "unchanged")  # the same unreadable text: nothing to compare
    for side, loaded in (("old", old), ("new", new)):
        if not _usable(loaded):
            diff.problems.append(f"the {side} version cannot be read as a flow (see its findings)")
    nodes = compare_flows(old.flow, new.flow) if not diff.problems else NodeChanges()
    diff.changes = nodes.changes
    diff.new_findings, diff.fixed_findings = _findings(old_findings, new_findings, nodes)
    if not diff.problems:
        before = caller_view(old, PromptFacts(old.flow, config.words_per_minute, config.measured_durations))
        after = caller_view(new, PromptFacts(new.flow, config.words_per_minute, config.measured_durations))
        _compare_views(diff, before, after, nodes)
    if diff.empty:
        diff.status = "unchanged"
    return diff


def _findings(old: list[Finding], new: list[Finding], nodes: NodeChanges) -> tuple[list[Finding], list[Finding]]:
    """New and fixed findings: matched on rule, node (through renames), scenario and message, then
    without the message (a figure that moved is the same finding)."""
    def exact(f: Finding, mapped: bool) -> tuple:
        return (f.rule, nodes.old_to_new(f.node) if mapped else f.node, f.scenario, f.message)

    def loose(f: Finding, mapped: bool) -> tuple:
        return exact(f, mapped)[:3]

    remaining_old, remaining_new = list(old), list(new)
    for key in (exact, loose):
        pool = Counter(key(f, True) for f in remaining_old)
        kept_new = []
        for finding in remaining_new:
            k = key(finding, False)
            if pool[k]:
                pool[k] -= 1
            else:
                kept_new.append(finding)
        pool = Counter(key(f, False) for f in remaining_new)
        kept_old = []
        for finding in remaining_old:
            k = key(finding, True)
            if pool[k]:
                pool[k] -= 1
            else:
                kept_old.append(finding)
        remaining_old, remaining_new = kept_old, kept_new
    return remaining_new, remaining_old


def _compare_views(diff: FlowDiff, before: CallerView, after: CallerView, nodes: NodeChanges) -> None:
    mapped = {(scenario, nodes.old_to_new(node), choice): landing
              for (scenario, node, choice), landing in before.landings.items()}
    grouped: dict[tuple, list[str]] = {}
    for key, landing in after.landings.items():
        was = mapped.get(key)
        if was is None:
            continue
        was = Landing(nodes.old_to_new(was.node), was.type, was.human)
        if was != landing:
            scenario, node, choice = key
            grouped.setdefault((node, choice, was, landing), []).append(scenario)
    same_change: dict[tuple, list[tuple[str, str]]] = {}
    for (node, choice, was, now), scenarios in grouped.items():
        same_change.setdefault((tuple(scenarios), was, now), []).append((node, choice))
    diff.journeys = [JourneyChange(list(scenarios), choices, was, now)
                     for (scenarios, was, now), choices in same_change.items()]
    for scenario in after.persons:
        if scenario not in before.persons:
            continue
        a, b = before.persons[scenario], after.persons[scenario]
        if _figures(a) != _figures(b):
            same = next((p for p in diff.persons if _figures(p.before) == _figures(a)
                         and _figures(p.after) == _figures(b)), None)
            if same is not None:
                same.scenario += f", {scenario}"
            else:
                diff.persons.append(PersonChange(scenario, a, b))
        people_before = {nodes.old_to_new(p) for p in before.people.get(scenario, set())}
        people_after = after.people.get(scenario, set())
        diff.people_lost += [(scenario, p) for p in sorted(people_before - people_after)]
        diff.people_gained += [(scenario, p) for p in sorted(people_after - people_before)]
    diff.people_lost = _merge_scenarios(diff.people_lost)
    diff.people_gained = _merge_scenarios(diff.people_gained)
    diff.deepest = (before.deepest, after.deepest)
    diff.longest = (before.longest, after.longest)
    if before.deepest[0] == after.deepest[0] and nodes.old_to_new(before.deepest[1]) == after.deepest[1]:
        diff.deepest = None
    if round(before.longest[0], 1) == round(after.longest[0], 1) and before.longest[2] == after.longest[2]:
        diff.longest = None
    for menu, count in after.choices.items():
        old_id = next((o for o, n in nodes.renamed.items() if n == menu), menu)
        if old_id in before.choices and before.choices[old_id] != count:
            diff.choices.append((menu, before.choices[old_id], count))


def _longer(first: PersonWay, then: PersonWay) -> bool:
    """`then` surely takes more than SLOWER_SECONDS longer than `first`. The seconds of a way through
    prompts of unknown length (an export's audio) are a lower bound: that is sure when `first` is
    known exactly, or when its unknown prompts are all said on `then` too (the same audio lasts the same)."""
    return then.seconds > first.seconds + SLOWER_SECONDS and not Counter(first.unknown_prompts) - Counter(
        then.unknown_prompts)


def _figures(way: PersonWay | None) -> tuple | None:
    return None if way is None else (round(way.seconds, 1), way.keys, way.fewest_keys, round(way.fewest_seconds, 1),
                                     bool(way.unknown), bool(way.fewest_unknown))


def _merge_scenarios(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(scenario, node) pairs with one entry per node, its scenarios joined."""
    by_node: dict[str, list[str]] = {}
    for scenario, node in pairs:
        by_node.setdefault(node, []).append(scenario)
    return [(", ".join(scenarios), node) for node, scenarios in by_node.items()]
