"""Every prompt of a flow, per language: what the recording studio and the translators work from.

One row per node and language: the text as written, with its placeholders marked (the parts
a platform fills during the call, which a recording must leave out), its length (measured
from `ivr-lint audio`'s durations.json when given, else estimated as the rules estimate
it), the recording's file name (`analysis.recordings`, the names `ivr-lint audio` writes)
and where the caller hears it (the node's type and the scenarios in which a caller can
reach it). `ivr-lint prompts` prints it; the report shows it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ivr_lint.analysis.graph import FlowGraph
from ivr_lint.analysis.prompts import DEFAULT_WORDS_PER_MINUTE, readable
from ivr_lint.analysis.recordings import recording_names
from ivr_lint.analysis.scenarios import STATES, scenarios_of
from ivr_lint.model.flow import Flow, Prompt
from ivr_lint.text.spoken import estimate_seconds

PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: how a placeholder is shown to the studio: a part of the sentence nobody records
MARK = "[[{}]]"


@dataclass
class PromptRow:
    flow: str  # the file, as named on the command line
    flow_id: str
    node: str
    node_type: str
    language: str
    text: str  # as written (parts joined by a space); empty when missing in this language
    marked: str
    placeholders: list[str]
    seconds: float | None
    measured: bool
    file: str
    heard: list[str]  # scenarios in which a caller can reach the node; empty: never heard
    line: int
    column: int
    missing: bool = False
    #: for a missing translation: the text to translate, and its language
    source_language: str | None = None
    source_text: str | None = None
    parts: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"flow": self.flow, "flow_id": self.flow_id, "node": self.node, "type": self.node_type,
                "language": self.language, "text": self.text, "marked": self.marked,
                "placeholders": self.placeholders, "seconds": self.seconds, "measured": self.measured,
                "file": self.file, "heard_in": self.heard, "line": self.line, "column": self.column,
                "missing": self.missing, "source_language": self.source_language, "source_text": self.source_text}


def mark_placeholders(text: str) -> str:
    return PLACEHOLDER.sub(lambda m: MARK.format(m.group(1)), text)


def heard_in(graph: FlowGraph) -> dict[str, list[str]]:
    """Node id -> the scenarios (open, closed, holiday, ...+congested) in which a caller can reach it."""
    heard: dict[str, list[str]] = {}
    scenarios = scenarios_of(graph)
    for congested in (False, True):
        for state in STATES:
            for scenario_graph in scenarios.for_state(state, congested):
                for node_id in scenario_graph.reachable:
                    heard.setdefault(node_id, []).append(scenario_graph.scenario.name)
    return heard


def prompt_rows(flow: Flow, graph: FlowGraph, name: str, measured: Mapping[str, float] | None = None,
                words_per_minute: float = DEFAULT_WORDS_PER_MINUTE,
                languages: list[str] | None = None) -> list[PromptRow]:
    """The flow's prompts in `languages` (default: every language it gives or declares)."""
    measured = measured or {}
    wanted = languages or flow.prompt_languages()
    several = len(flow.prompt_languages()) > 1
    names = recording_names(flow)
    heard = heard_in(graph)
    order = {node_id: index for index, node_id in enumerate(flow.nodes)}
    rows = []
    for node in flow.nodes.values():
        if node.id not in names:
            continue
        for language in wanted:
            prompts = flow.prompt_in(node, language)
            file = f"{language}/{names[node.id]}" if several else names[node.id]
            place = node.where("prompt")
            row = PromptRow(flow=name, flow_id=flow.id, node=node.id, node_type=node.type, language=language,
                            text="", marked="", placeholders=[], seconds=None, measured=False, file=file,
                            heard=sorted(heard.get(node.id, []), key=_scenario_order), line=place.line,
                            column=place.column)
            if prompts is None:
                source = _source(flow, node)
                row.missing = True
                if source is not None:
                    row.source_language, parts = source
                    row.source_text = " ".join(p.text for p in parts)
                    row.placeholders = _placeholders(parts)
            else:
                _fill(row, prompts, language, measured, words_per_minute)
            rows.append(row)
    rows.sort(key=lambda r: (order[r.node], wanted.index(r.language)))
    return rows


def _scenario_order(name: str) -> tuple:
    base = name.split("+")[0].split("[")[0]
    return ("+congested" in name, STATES.index(base) if base in STATES else len(STATES), name)


def _placeholders(prompts: tuple[Prompt, ...]) -> list[str]:
    found: list[str] = []
    for part in prompts:
        found += [m for m in PLACEHOLDER.findall(part.text) if m not in found]
    return found


def _fill(row: PromptRow, prompts: tuple[Prompt, ...], language: str, measured: Mapping[str, float],
          words_per_minute: float) -> None:
    row.parts = [p.text for p in prompts]
    row.text = " ".join(row.parts)
    row.marked = " ".join(mark_placeholders(p) for p in row.parts)
    row.placeholders = _placeholders(prompts)
    row.line, row.column = prompts[0].pos.line, prompts[0].pos.column
    lang = language.split("-")[0].lower()
    total, all_measured = 0.0, True
    for part in row.parts:
        if part in measured:
            total += measured[part]
        else:
            all_measured = False
            total += estimate_seconds(readable(part), lang, words_per_minute)
    row.seconds = round(total, 1)
    row.measured = all_measured


def _source(flow: Flow, node) -> tuple[str, tuple[Prompt, ...]] | None:
    """The text a translator starts from: the flow's language if given, else the first one."""
    if node.translations:
        language = flow.prompt_language if flow.prompt_language in node.translations else next(iter(node.translations))
        return language, node.translations[language]
    return (flow.prompt_language, node.prompt) if node.prompt else None
