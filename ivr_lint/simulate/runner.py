"""Running journeys and comparing each call with what the journey expects.

A node is named as the transcript names it: its id in the journey's flow, and
`flow-id:node` in a flow reached by `goto`; expectations may use either form.
"""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass, field

from ivr_lint.model.flow import QueueNode, TransferNode
from ivr_lint.project import LoadedFile, Project
from ivr_lint.simulate import answers as A
from ivr_lint.simulate.clock import ClockError, parse_at
from ivr_lint.simulate.engine import CallError, CallSettings, ScriptedCaller, simulate
from ivr_lint.simulate.journeys import Journey, JourneyFile, JourneyFileError
from ivr_lint.simulate.transcript import UNKNOWN_TARGET, Transcript, clock
from ivr_lint.text.quoting import quote


@dataclass
class Result:
    journey: Journey
    transcript: Transcript | None = None
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the run

    @property
    def passed(self) -> bool:
        return not self.problems


def same_node(expected: str, actual: str) -> bool:
    return expected == actual or expected == actual.rpartition(":")[2]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def check_expectations(journey: Journey, transcript: Transcript) -> list[str]:
    """What differs from the expectation, one line each (empty: the journey passes)."""
    expect, problems = journey.expect, []
    path = transcript.path
    if expect.outcome is not None and expect.outcome != transcript.outcome:
        problems.append(f"outcome: expected {expect.outcome}, got {transcript.outcome}")
    if transcript.stopped and expect.outcome != UNKNOWN_TARGET:  # never a pass through a jump to nowhere
        problems.append(f"the call stops at an {transcript.stopped}")
    if expect.end is not None and not same_node(expect.end, transcript.end or ""):
        problems.append(f"end: expected {expect.end}, got {transcript.end}")
    if expect.max_seconds is not None and transcript.elapsed > expect.max_seconds:
        problems.append(f"elapsed: expected at most {expect.max_seconds:g} s, got {transcript.elapsed:.1f} s")
    heard = _norm(transcript.heard())
    for text in expect.hears:
        if _norm(text) not in heard:
            problems.append(f"hears: {quote(text)} is never said")
    for text in expect.not_hears:
        if _norm(text) in heard:
            problems.append(f"not_hears: {quote(text)} is said")
    if expect.path is not None and (len(expect.path) != len(path)
                                    or not all(same_node(e, a) for e, a in zip(expect.path, path))):
        problems.append(f"path: expected {' > '.join(expect.path)}")
    for node in expect.path_includes:
        if not any(same_node(node, actual) for actual in path):
            problems.append(f"path_includes: {node} is not on the path")
    for node in expect.path_excludes:
        if any(same_node(node, actual) for actual in path):
            problems.append(f"path_excludes: {node} is on the path")
    if problems:
        problems.append(f"got path: {' > '.join(path)} (keys: {', '.join(transcript.keys) or 'none'}; "
                        f"elapsed {clock(transcript.elapsed)})")
    return problems


def validate(journeys: JourneyFile, project: Project, start: LoadedFile) -> None:
    """Refuse journeys that no call could play (exit code 2), before running any."""
    flows = [f.flow for f in project.files.values() if f.flow is not None]
    words = A.vocabulary(flows)
    people = [(f.id, n.id) for f in flows for n in f.nodes.values() if isinstance(n, (QueueNode, TransferNode))]
    names = {node for _, node in people} | {f"{flow}:{node}" for flow, node in people}
    for journey in journeys.journeys:
        where = journey.keys_pos or journey.pos
        try:
            A.check_answers(journey.keys, words)
        except A.AnswerError as error:
            raise JourneyFileError(f"{journeys.path}:{where.line}:{where.column}: journey {quote(journey.name)}: "
                                   f"keys: {error}") from None
        try:
            parse_at(journey.at, start.flow)
        except ClockError as error:
            where = journey.at_pos or journey.pos
            raise JourneyFileError(f"{journeys.path}:{where.line}:{where.column}: {error}") from None
        unknown = _unknown_node(journey, flows)
        if unknown is not None:
            raise JourneyFileError(f"{journeys.path}:{journey.pos.line}:{journey.pos.column}: journey "
                                   f"{quote(journey.name)}: {unknown}")
        for name in journey.unanswered:
            if name != "all" and name not in names:
                raise JourneyFileError(f"{journeys.path}:{journey.pos.line}:{journey.pos.column}: journey "
                                       f"{quote(journey.name)}: unanswered: no queue or transfer has the id {quote(name)}")


def _unknown_node(journey: Journey, flows) -> str | None:
    """Why an expectation names a node no flow has (with the nearest id), or None.

    Without this, `path_includes: [advisorz]` only fails as "not on the path", and the
    journey's author looks for a routing bug that is a typo.
    """
    expect = journey.expect
    named = [("end", expect.end)] if expect.end is not None else []
    named += [(key, node) for key in ("path", "path_includes", "path_excludes")
              for node in (getattr(expect, key) or ())]
    if not named:
        return None
    ids = {node for flow in flows for node in flow.nodes} | {
        f"{flow.id}:{node}" for flow in flows for node in flow.nodes}
    for key, node in named:
        if node not in ids:
            hint = difflib.get_close_matches(node, sorted(ids), n=1)
            nearest = f"; did you mean {quote(hint[0])}?" if hint else ""
            return f"{key}: no node has the id {quote(node)}{nearest}"
    return None


def settings_for(journey: Journey, start: LoadedFile) -> CallSettings:
    return CallSettings(moment=parse_at(journey.at, start.flow), congested=journey.congested,
                        variables=dict(journey.vars), wait_minutes=journey.wait_minutes,
                        queue_position=journey.position, max_steps=journey.max_steps)


def run_journey(project: Project, start: LoadedFile, journey: Journey, seconds=None) -> Result:
    began = time.perf_counter()
    result = Result(journey)
    try:
        caller = ScriptedCaller(journey.keys, set(journey.unanswered))
        result.transcript = simulate(project, start, settings_for(journey, start), caller, seconds)
        result.problems = check_expectations(journey, result.transcript)
    except CallError as error:
        result.problems = [f"keys: {error}"]
    result.seconds = time.perf_counter() - began
    return result
