"""The charter's telephone commitments M1..M9, judged from the findings and shown with evidence.

A commitment's status comes from the findings of the rules tagged with it (`ivr-lint rules`):
an error or warning means not met; only `info` findings (a rule could not confirm) mean
cannot tell. With no finding it is met only when the files hold the evidence the rules
judged (a queue for M4, a number for M6, hours for M5...); otherwise "cannot tell", with
the reason. The evidence is what the rules read, asked again of the same analysis modules:
the sentences of the prompts (text readers through `PromptFacts`), the fastest way to a
person (`CallerMoves`, as slow-agent-path measures it), the numbers and their tariff class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ivr_lint.analysis.depth import menu_depth
from ivr_lint.analysis.person_paths import CallerMoves
from ivr_lint.analysis.prompts import PromptFacts, readable
from ivr_lint.analysis.scenarios import Scenario, scenarios_of
from ivr_lint.findings import Finding, Severity
from ivr_lint.model.flow import CallbackNode, MenuNode, QueueNode, TransferNode
from ivr_lint.project import LoadedFile
from ivr_lint.rules import RULES
from ivr_lint.rules.service.congestion_options import congestion_heard
from ivr_lint.rules.service.surcharged_number import region_of
from ivr_lint.text.numbers import Tariff, classify_number, find_phone_numbers

CODES = tuple(f"M{n}" for n in range(1, 10))
MET, NOT_MET, UNKNOWN = "met", "not-met", "unknown"
_SENTENCE_END = re.compile(r"[.!?…]+(?:\s|$)")


@dataclass(frozen=True)
class Term:
    """A word of the catalogue used as a value (a tariff class): the page translates it."""

    key: str


@dataclass(frozen=True)
class Weekly:
    """A weekly schedule as a value: the page says it in its own language."""

    days: tuple  # ((weekday, intervals), ...)


@dataclass
class Quote:
    """A sentence a caller hears, and where it is written."""

    sentence: str
    file: str
    line: int
    node: str
    #: the prompt's language (BCP 47), so the page marks the quote's language (WCAG 3.1.2)
    language: str = ""


@dataclass
class Evidence:
    """One line of evidence: a catalogue key with its values, the flow it is about, quotes."""

    key: str
    values: dict = field(default_factory=dict)
    flow: str = ""
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Commitment:
    code: str
    status: str
    rules: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    reasons: list[Evidence] = field(default_factory=list)  # why "cannot tell"


def rules_by_commitment() -> dict[str, list[str]]:
    """M code -> names of the rules tagged with it, in registry order."""
    found: dict[str, list[str]] = {code: [] for code in CODES}
    for rule in RULES:
        for tag in rule.tags:
            if tag in found:
                found[tag].append(rule.name)
    return found


def quote_of(loaded: LoadedFile, node, sentence: str) -> Quote:
    """Where `sentence` of the node's prompt is written: the line of the prompt part that holds
    it (a folded scalar spreads a prompt over lines: the line where its first words are)."""
    parts = node.prompt
    sentence = " ".join(sentence.split())
    part = next((p for p in parts if sentence[:40] in " ".join(p.text.split())), parts[0] if parts else None)
    line = part.pos.line if part is not None else node.pos.line
    language = loaded.flow.prompt_language if loaded.flow is not None else ""
    if loaded.imported is not None:  # a platform export converted in memory: the element's line in the export
        origin = loaded.imported.origins.get(node.id)
        return Quote(sentence, loaded.name, origin[0] if origin else 1, node.id, language)
    source = loaded.source
    if source is not None and part is not None and part.pos.file is None:
        head = " ".join(sentence.split()[:4])
        for number in range(part.pos.line, min(part.pos.line + 60, len(source.lines)) + 1):
            if head and head in " ".join(source.line(number).split()):
                line = number
                break
    return Quote(sentence, loaded.name, line, node.id, language)


def _seconds(way, first: float) -> int | str:
    """A way's seconds; "≥ N" when a prompt on it lasts an unknown time (an export's audio)."""
    seconds = round(way.seconds + first)
    return f"≥ {seconds}" if way.unknown else seconds


class Judge:
    """Evidence and status of every commitment over the flows of one report."""

    def __init__(self, flows: list[LoadedFile], findings: list[Finding], words_per_minute: float,
                 measured: dict[str, float]):
        self.flows = [f for f in flows if f.flow is not None and f.graph is not None]
        self.findings = findings
        self.facts = {id(f): PromptFacts(f.flow, words_per_minute, measured) for f in self.flows}
        self.inbound = [f for f in self.flows if f.flow.kind == "inbound"]
        self.entry = [f for f in self.inbound if not f.graph.is_subflow]

    def heard(self, loaded: LoadedFile):
        """The nodes a caller of this flow can reach (every node of a flow no one enters)."""
        graph = loaded.graph
        ids = graph.reachable if graph.entries else set(loaded.flow.nodes)
        return [loaded.flow.nodes[n] for n in loaded.flow.nodes if n in ids]

    def found(self, loaded: LoadedFile, read: str, nodes=None) -> list[Quote]:
        """Quotes of the sentences a reader surely found in the prompts of `nodes`."""
        facts = self.facts[id(loaded)]
        quotes = []
        for node in nodes if nodes is not None else self.heard(loaded):
            cue = getattr(facts, read)(node)
            if cue is not None and cue.found:
                sentence = cue.sentence
                if read == "hours_cue":  # its span is in the whole prompt: quote the sentences it covers
                    sentence = _whole_sentences(node.prompt_text, cue.start, cue.end)
                quotes.append(quote_of(loaded, node, sentence))
        return quotes

    # -- the commitments -------------------------------------------------------------------------
    def judge(self) -> list[Commitment]:
        tagged = rules_by_commitment()
        out = []
        for code in CODES:
            names = set(tagged[code])
            mine = [f for f in self.findings if f.rule in names]
            commitment = Commitment(code, MET, tagged[code], findings=mine)
            evidence, reasons = getattr(self, f"m{code[1]}")()
            commitment.evidence = evidence
            if any(f.severity >= Severity.WARNING for f in mine):
                commitment.status = NOT_MET
            elif mine:
                commitment.status = UNKNOWN
                commitment.reasons = [Evidence("why_findings_unsure")]
            elif reasons:
                commitment.status = UNKNOWN
                commitment.reasons = reasons
            out.append(commitment)
        return out

    def _opaque(self) -> list[Evidence]:
        """An imported step whose words are not known (a step the file does not say, a recording
        named by its file): a commitment read from prompts cannot be confirmed."""
        for loaded in self.inbound:
            for node in self.heard(loaded):
                if node.opaque:
                    return [Evidence("why_opaque", {"node": node.id}, loaded.name)]
                if any(readable(p.text) != p.text for p in node.prompt):
                    return [Evidence("why_unknown_words", {"node": node.id}, loaded.name)]
        return []

    def m1(self):
        if not self.entry:
            return [], [Evidence("why_not_inbound")]
        evidence = []
        for loaded in self.entry:
            graph = scenarios_of(loaded.graph).get(Scenario("open"))
            flow, facts = loaded.flow, self.facts[id(loaded)]
            if flow.start not in graph.reaches_human:
                evidence.append(Evidence("ev_no_person", flow=loaded.name))
                continue
            moves = CallerMoves(flow, graph.simple, facts.seconds)
            humans = graph.person_points & graph.reachable
            first = facts.seconds(flow.nodes[flow.start])
            fastest = moves.cheapest(humans, seconds_first=True)
            fewest = moves.cheapest(humans, seconds_first=False)
            if fastest is None:
                continue
            evidence.append(Evidence("ev_person", {"seconds": _seconds(fastest, first), "keys": fastest.keys,
                                                   "path": fastest.path, "doing": fastest.doing.strip(" ()")},
                                     loaded.name))
            if fewest is not None and fewest.keys < fastest.keys:
                evidence.append(Evidence("ev_fewest", {"seconds": _seconds(fewest, first), "keys": fewest.keys,
                                                       "path": fewest.path, "doing": fewest.doing.strip(" ()")},
                                         loaded.name))
        if not evidence:
            return [], [Evidence("why_no_person_path")]
        return evidence, []

    def m2(self):
        evidence = []
        for loaded in self.flows:
            menus = [n for n in loaded.flow.nodes.values() if isinstance(n, MenuNode)]
            depth = menu_depth(loaded.graph)
            levels = [depth.menus((loaded.graph, n.id)) for n in menus]
            facts = self.facts[id(loaded)]
            prompted = [n for n in loaded.flow.nodes.values() if n.prompt]
            items = []
            if menus:
                items.append(Evidence("ev_menus", {"menus": len(menus),
                                                   "choices": max(len(n.choices) for n in menus),
                                                   "depth": max((lv for lv in levels if lv), default=1)},
                                      loaded.name))
            if prompted:
                longest = max(prompted, key=facts.seconds)
                items.append(Evidence("ev_longest", {"seconds": round(facts.seconds(longest)), "node": longest.id},
                                      loaded.name, [quote_of(loaded, longest, longest.prompt_text)]))
            evidence += items
        if not evidence:
            return [], [Evidence("why_no_prompts")]
        return evidence, self._opaque()

    def m3(self):
        evidence, reasons = [], []
        for loaded in self.entry:
            service = loaded.flow.service
            items = [v for v in (service.name, service.phone, service.website, service.email)
                     if v and v.strip().lower() not in ("null", "~")]  # a YAML null written as text
            if items:
                evidence.append(Evidence("ev_contact", {"items": items}, loaded.name))
            quotes = self.found(loaded, "hours_cue")
            if quotes:
                evidence.append(Evidence("ev_hours_said", {}, loaded.name, quotes[:2]))
        if not self.entry:
            return [], [Evidence("why_not_inbound")]
        if not any(e.key == "ev_hours_said" for e in evidence):
            reasons.append(Evidence("why_no_hours_said"))
        if not any(e.key == "ev_contact" for e in evidence):
            reasons.append(Evidence("why_no_contact"))
        return evidence, reasons or self._opaque()

    def m4(self):
        evidence = []
        for loaded in self.inbound:
            for node in loaded.flow.nodes.values():
                if not isinstance(node, QueueNode) or node.broken:
                    continue
                offers, quotes = [], []
                if node.congestion in loaded.flow.nodes:
                    heard = congestion_heard_nodes(loaded, node)
                    for key, read in (("ev_wait", "wait_cue"), ("ev_quieter", "quieter_cue")):
                        found = self.found(loaded, read, heard)
                        if found:
                            offers.append(Term(key))
                            quotes.append(found[0])
                    callback = next((n for n in heard if isinstance(n, CallbackNode)), None)
                    if callback is not None:
                        offers.append(Term("ev_callback"))
                        said = self.found(loaded, "callback_cue", [callback])
                        quotes += said[:1]
                evidence.append(Evidence("ev_queue", {"queue": node.id, "offers": offers or [Term("ev_no_offer")]},
                                         loaded.name, quotes))
        if not evidence:
            return [], [Evidence("why_no_queue")]
        return evidence, []

    def m5(self):
        evidence = []
        has_hours = False
        for loaded in self.entry:
            scenarios = scenarios_of(loaded.graph)
            graphs = scenarios.for_state("closed") + scenarios.for_state("holiday")
            if not graphs:
                continue
            has_hours = True
            nodes_seen = set()
            for graph in graphs:
                nodes_seen |= graph.reachable
            nodes = [loaded.flow.nodes[n] for n in loaded.flow.nodes if n in nodes_seen]
            hours = self.found(loaded, "hours_cue", nodes)
            contact = self.found(loaded, "contact_cue", nodes)
            if hours:
                evidence.append(Evidence("ev_hours_said", {}, loaded.name, hours[:1]))
            if contact:
                evidence.append(Evidence("ev_closed_contact", {}, loaded.name, contact[:1]))
        if not self.entry:
            return [], [Evidence("why_not_inbound")]
        if not has_hours:
            return evidence, [Evidence("why_no_hours")]
        return evidence, self._opaque()

    def m6(self):
        evidence = []
        for loaded in self.flows:
            flow = loaded.flow
            region = region_of(flow)
            service = flow.service
            if service.phone:
                verdict = classify_number(service.phone, region)
                if verdict.tariff is Tariff.SHORT_UNDECLARED and service.tariff:
                    evidence.append(Evidence("ev_number_declared", {"number": service.phone,
                                                                    "tariff": Term(f"tariff_{service.tariff}")},
                                             loaded.name))
                else:
                    evidence.append(Evidence("ev_number", {"number": service.phone,
                                                           "tariff": Term(f"tariff_{verdict.tariff.value}")},
                                             loaded.name))
            for node in flow.nodes.values():
                if isinstance(node, TransferNode) and node.number:
                    verdict = classify_number(node.number, region)
                    evidence.append(Evidence("ev_number", {"number": node.number,
                                                           "tariff": Term(f"tariff_{verdict.tariff.value}")},
                                             loaded.name))
                for part in node.prompt:
                    for _, _, number in find_phone_numbers(part.text, flow.lang):
                        verdict = classify_number(number, region)
                        evidence.append(Evidence("ev_number", {"number": number,
                                                               "tariff": Term(f"tariff_{verdict.tariff.value}")},
                                                 loaded.name, [quote_of(loaded, node, _sentence_with(part.text, number))]))
        if not evidence:
            return [], [Evidence("why_no_numbers")]
        seen, unique = set(), []
        for item in evidence:
            key = (item.flow, item.values["number"], bool(item.quotes))
            if key not in seen:
                seen.add(key)
                unique.append(item)
        unknown = [i.values["number"] for i in unique if i.values["tariff"] == Term("tariff_unknown")]
        return unique, [Evidence("why_tariff_unknown", {"number": unknown[0]})] if unknown else []

    def m7(self):
        evidence = []
        for loaded in self.entry:
            if loaded.flow.service.accessible:
                evidence.append(Evidence("ev_accessible_declared", {"channel": loaded.flow.service.accessible},
                                         loaded.name))
            quotes = self.found(loaded, "accessible_cue")
            if quotes:
                evidence.append(Evidence("ev_accessible_said", {}, loaded.name, quotes[:1]))
        if not self.entry:
            return [], [Evidence("why_not_inbound")]
        return evidence, ([] if evidence else self._opaque())

    def m8(self):
        evidence, spoken_any, schedule_any = [], False, False
        for loaded in self.inbound:
            flow, facts = loaded.flow, self.facts[id(loaded)]
            if flow.hours is not None and flow.hours.weekly:
                schedule_any = True
                evidence.append(Evidence("ev_schedule", {"hours": Weekly(tuple(sorted(flow.hours.weekly.items())))},
                                         loaded.name))
            said = Evidence("ev_spoken", {}, loaded.name)
            for node in self.heard(loaded):
                spoken = facts.spoken_hours(node)
                if spoken is not None:
                    spoken_any = True
                    sentence = _whole_sentences(node.prompt_text, spoken.start, spoken.end)
                    if all(q.sentence != sentence for q in said.quotes):
                        said.quotes.append(quote_of(loaded, node, sentence))
            if said.quotes:
                evidence.append(said)
        if not spoken_any:
            return evidence, [Evidence("why_no_spoken")]
        if not schedule_any:
            return evidence, [Evidence("why_no_schedule")]
        return evidence, []

    def m9(self):
        prompts = sentences = 0
        for loaded in self.flows:
            for node in loaded.flow.nodes.values():
                text = node.prompt_text
                if text and text.strip():
                    prompts += 1
                    sentences += max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
        if not prompts:
            return [], [Evidence("why_no_prompts")]
        return [Evidence("ev_sentences", {"prompts": prompts, "sentences": sentences})], self._opaque()


def congestion_heard_nodes(loaded: LoadedFile, queue: QueueNode):
    """What a congested caller of `queue` hears, as congestion-options walks it."""

    class _Context:  # congestion_heard asks only for the flow
        flow = loaded.flow

    return congestion_heard(_Context(), queue)


def _sentence_with(text: str, needle: str) -> str:
    """The sentence of `text` that holds `needle` (the whole text when it cannot be cut)."""
    start = text.find(needle)
    if start < 0:
        digits = re.sub(r"\D", "", needle)
        start = max(0, text.find(digits[:2])) if digits else 0
    return _whole_sentences(text, start, start + len(needle))


def _whole_sentences(text: str, start: int, end: int) -> str:
    """From the start of the sentence holding `start` to the end of the one holding `end`."""
    lo = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        lo = match.end()
    after = _SENTENCE_END.search(text, max(end, lo))
    hi = after.end() if after else len(text)
    return " ".join(text[lo:hi].split())


def judge(flows: list[LoadedFile], findings: list[Finding], words_per_minute: float,
          measured: dict[str, float] | None = None) -> list[Commitment]:
    return Judge(flows, findings, words_per_minute, measured or {}).judge()


__all__ = ["CODES", "MET", "NOT_MET", "UNKNOWN", "Commitment", "Evidence", "Quote", "Term", "Weekly", "judge",
           "rules_by_commitment", "Tariff"]
