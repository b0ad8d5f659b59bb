"""Which edges a set of journeys takes, per scenario, against what a caller could take.

Journeys under load in a scenario where no queue can be reached count for the scenario
without load: the calls are the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ivr_lint.analysis.scenarios import Scenario
from ivr_lint.project import LoadedFile, Project
from ivr_lint.simulate.generate import why_uncovered
from ivr_lint.simulate.scenarios import Analysis
from ivr_lint.simulate.transcript import Edge, Transcript


@dataclass
class Coverage:
    analysis: Analysis
    covered: dict[Scenario, set[Edge]] = field(default_factory=dict)

    def add(self, transcript: Transcript, moment, congested: bool) -> None:
        scenario = self.analysis.scenario_of(moment, congested)
        file = self.analysis.start.name
        self.covered.setdefault(scenario, set()).update(e for e in transcript.edges if e.file == file)

    def scenario_counts(self) -> list[tuple[Scenario, int, int]]:
        return [(s, len(self.covered.get(s, set()) & set(t)), len(t)) for s, t in self.analysis.targets.items()]

    def missing(self) -> dict[Scenario, list[Edge]]:
        """Edges a caller can take in a scenario that no journey of that scenario takes."""
        out = {}
        for scenario, targets in self.analysis.targets.items():
            gone = [e for e in targets if e not in self.covered.get(scenario, set())]
            if gone:
                out[scenario] = gone
        return out

    def never_taken(self) -> dict[Edge, str]:
        """Edges of the flow no journey takes in any scenario, with the reason when none can."""
        taken = set().union(*self.covered.values()) if self.covered else set()
        reachable = set().union(*(set(t) for t in self.analysis.targets.values()))
        return {e: ("a journey could take it" if e in reachable else why_uncovered(self.analysis, e, {}))
                for e in self.analysis.edges if e not in taken}

    @property
    def complete(self) -> bool:
        return not self.missing()


def coverage_for(project: Project, start: LoadedFile, since: date) -> Coverage:
    return Coverage(Analysis(project, start, since))
