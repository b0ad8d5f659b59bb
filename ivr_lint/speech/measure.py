"""Measured prompt durations for a whole flow, for `ivr-lint audio` and `check --measure-audio`.

Rules look prompts up by their text as written (`analysis.prompts.PromptFacts`), so the
result is keyed by that text; placeholders are filled with the simulator's defaults
before synthesis, since a voice cannot say "{wait_minutes}".
"""

from __future__ import annotations

from dataclasses import dataclass

from ivr_lint.model.flow import Flow
from ivr_lint.simulate.engine import DEFAULT_POSITION, DEFAULT_WAIT_MINUTES
from ivr_lint.simulate.placeholders import fill, say_schedule
from ivr_lint.speech.session import Speech


@dataclass
class PromptAudio:
    node: str
    text: str  # as written in the flow
    spoken: str  # placeholders filled
    wav: str
    seconds: float


def default_values(flow: Flow) -> dict[str, object]:
    return {"wait_minutes": DEFAULT_WAIT_MINUTES, "queue_position": DEFAULT_POSITION,
            "opening_hours": say_schedule(flow.hours, flow.lang)}


def flow_prompts(flow: Flow, speech: Speech) -> list[PromptAudio]:
    """Every prompt part of every node, synthesised (or found in the cache), in file order."""
    values = default_values(flow)
    out = []
    for node in flow.nodes.values():
        for part in node.prompt:
            spoken = fill(part.text, values)
            if spoken.strip():
                out.append(PromptAudio(node.id, part.text, spoken, speech.wav(spoken, flow),
                                       speech.seconds(spoken, flow)))
    return out


def measured_durations(flow: Flow, speech: Speech | None = None) -> dict[str, float]:
    """Prompt text as written -> seconds of synthesised speech (for Config.measured_durations)."""
    return {p.text: p.seconds for p in flow_prompts(flow, speech or Speech())}


def measure_paths(paths: list[str], speech: Speech | None = None) -> dict[str, float]:
    """Measured durations of every prompt of the flows under `paths` (what `check --measure-audio` needs).

    Files that cannot be read or built are skipped: `check` reports them itself.
    """
    from ivr_lint.loading.source import InputError
    from ivr_lint.project import Project, discover

    speech = speech or Speech()
    files, _ = discover(paths)
    project = Project(paths)
    durations: dict[str, float] = {}
    for path in files:
        try:
            loaded = project.load(path)
        except InputError:
            continue
        if loaded.flow is not None:
            durations.update(measured_durations(loaded.flow, speech))
    return durations
