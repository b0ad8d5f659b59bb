"""What a diagram shows, decided once for every output format.

The DOT, Mermaid and text writers all draw a `Diagram`, so they agree on what is drawn:
nodes in file order (stable output), edges in the order the node declares them, parallel
edges of the same style merged ("1 / 2"), greyed parts for a scenario, lint marks, and the
clusters. Writers only decide how it looks.

Built-in replays (a menu replaying itself on silence or a wrong key, `implicit` transitions)
are not drawn: every menu has them, and two self-loops per menu would hide the real routes.
The node's tooltip says how many times it replays instead. An implicit `holiday` branch
(an `hours` node without `holiday`, which then follows `closed`) is drawn, merged into the
closed edge, because that is where holiday callers really go.

The words drawn (types, edge kinds, notes, the subtitle) come from style.WORDS in the
diagram's language (`RenderOptions.lang`, English unless asked), so every writer says the
same thing in the same language.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass, field
from typing import Iterable

import networkx as nx

from ivr_lint.analysis.graph import bfs_reach
from ivr_lint.analysis.scenarios import Scenario, scenarios_of
from ivr_lint.findings import Finding, Severity
from ivr_lint.model.flow import (BranchNode, CallbackNode, Flow, GotoNode, HoursNode, InputNode, MenuNode,
                                 Node, PromptedInput, QueueNode, Transition, TransferNode)
from ivr_lint.project import LoadedFile, Project
from ivr_lint.render.style import ENGLISH, EDGE_STYLES, LANGUAGES, NODE_STYLES, Words, edge_style, words

#: how long the prompt excerpt on a node may be (characters)
EXCERPT_CHARS = 42
#: the excerpt is drawn on lines of this width, so that the nodes of a level stay narrow and a
#: README-width picture of a 15-node flow stays legible
EXCERPT_LINE_CHARS = 24
#: flows with at least this many nodes, drawn left to right, get branch clusters with `--clusters auto`
AUTO_CLUSTER_NODES = 10
#: `--direction auto` draws top-down while the widest level of the call tree has at most this
#: many nodes per level of depth. Measured on the bundled flows: a level costs about 270 px
#: of width top-down and a node about 115 px of height left-to-right, a level ~680 px of
#: width; both pictures have the same aspect ratio at breadth = 2.4 x depth.
AUTO_TB_RATIO = 2.4
#: in diagrams this large, a node entered from many places (the agent queue, goodbye) is drawn
#: once and the other edges end at a small reference to it, instead of crossing the picture
LARGE_DIAGRAM = 60
SHARED_IN_DEGREE = 6
_REPLAY_KINDS = {"no-input", "no-match", "invalid"}


@dataclass(frozen=True)
class RenderOptions:
    scenario: Scenario | None = None
    scenario_note: str | None = None   # why this scenario (--at: the moment and time zone)
    lint: bool = False
    follow: bool = False
    legend: bool = True
    direction: str = "auto"            # auto, LR (left to right) or TB (top down)
    clusters: str = "auto"             # auto, branches, none
    max_nodes: int = 0                 # above this many boxes, deeper branches are folded (render/fold.py); 0: all
    focus: str | None = None           # draw from this node of the flow (what it leads to), not from the start
    lang: str = "en"                   # the words drawn: en, fr, or auto (the flow's language when drawn in it)


@dataclass
class Mark:
    """A lint finding drawn on a node."""

    severity: Severity
    rule: str
    message: str


@dataclass
class DrawNode:
    key: str            # unique in the diagram: the node id, "flow-id::node-id" in a followed flow
    id: str
    type: str
    flow: str           # key of the DrawFlow it belongs to
    label: str | None = None
    excerpt: str = ""
    detail: str = ""
    seconds: float | None = None
    prompt: str = ""
    notes: list[str] = field(default_factory=list)   # extra tooltip lines (retries, schedule...)
    start: bool = False
    active: bool = True
    missing: bool = False   # a target named by a transition that the flow does not define
    group: str | None = None
    marks: list[Mark] = field(default_factory=list)
    level: int = 0          # breadth-first depth from the start (one past the deepest if unreached)
    change: str | None = None  # render --diff: added, changed or removed since the old flow

    @property
    def worst(self) -> Severity | None:
        return max((m.severity for m in self.marks), default=None)

    @property
    def kind_word(self) -> str:
        """The type as the node's label shows it: none for a missing node or a folded branch."""
        return self.kind_in(ENGLISH)

    def kind_in(self, said: Words) -> str:
        return "" if self.missing or self.type == "fold" else said.node_type(self.type)

    @property
    def marked(self) -> bool:
        """Marked on the picture: errors and warnings (infos only go in the tooltip)."""
        return self.worst is not None and self.worst >= Severity.WARNING

    @property
    def tooltip(self) -> str:
        return self.tooltip_in(ENGLISH)

    def tooltip_in(self, said: Words) -> str:
        head = f"{self.id} ({said.node_type(self.type)})" + (f" – {self.label}" if self.label else "")
        parts = [head]
        if self.prompt:
            parts.append(self.prompt)
        extra = ([said("spoken", duration=_duration(self.seconds))] if self.seconds is not None else []) + self.notes
        if extra:
            parts.append("\n".join(extra))
        if self.marks:
            parts.append("\n".join(said("mark", severity=said(m.severity.label), rule=m.rule, message=m.message)
                                   for m in self.marks))
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Note:
    """A finding not tied to a node, shown in the header (or under the text tree)."""

    severity: Severity
    text: str


@dataclass
class DrawEdge:
    source: str
    target: str
    style: str                      # a key of style.EDGE_STYLES
    labels: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    active: bool = True
    ref: bool = False   # drawn to a small reference to the target, not to the target itself
    change: str | None = None  # render --diff: added or removed since the old flow

    @property
    def label(self) -> str:
        return " / ".join(label for label in self.labels if label)


@dataclass
class Group:
    """A branch of a flow drawn as a cluster: a choice and everything only it leads to."""

    key: str
    label: str
    flow: str
    members: list[str] = field(default_factory=list)


@dataclass
class DrawFlow:
    key: str
    flow: Flow
    file: str                       # file name shown (no directories: stable across machines)
    entries: list[str] = field(default_factory=list)   # node ids where the drawn part starts
    root: bool = False


@dataclass
class Diagram:
    title: str
    subtitle: str
    flows: list[DrawFlow]
    nodes: dict[str, DrawNode]
    edges: list[DrawEdge]
    groups: list[Group]
    options: RenderOptions
    direction: str = "LR"
    notes: list[Note] = field(default_factory=list)   # findings not tied to a node
    folded: int = 0     # nodes folded into "⋯ N more nodes" boxes (render/fold.py)
    lang: str = "en"    # the language of the words drawn (one of style.LANGUAGES)

    @property
    def words(self) -> Words:
        return words(self.lang)

    @property
    def followed(self) -> bool:
        return len(self.flows) > 1

    def node_types(self) -> list[str]:
        """The node types drawn, in legend order."""
        seen = {n.type for n in self.nodes.values() if not n.missing}
        return [t for t in NODE_STYLES if t in seen] + sorted(seen - set(NODE_STYLES))

    def edge_styles(self) -> list[str]:
        """The edge styles drawn, in legend order."""
        seen = {e.style for e in self.edges}
        return [s for s in EDGE_STYLES if s in seen]

    def starts(self) -> list[DrawNode]:
        return [n for n in self.nodes.values() if n.start]


# -- text helpers ---------------------------------------------------------------------------------

def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first words of a prompt, cut at a word boundary, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:.–-") + "…"


def wrap(text: str, width: int = EXCERPT_LINE_CHARS) -> list[str]:
    """Lines of at most `width` characters, cut between words (a longer word keeps its line)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"≈ {max(1, round(seconds))} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"≈ {minutes} min {rest:02d} s"


def duration(seconds: float | None) -> str:
    return "" if seconds is None else _duration(seconds)


def _seconds(text: str, lang: str) -> float | None:
    if not text.strip():
        return None
    from ivr_lint.text.spoken import estimate_seconds

    return estimate_seconds(text, lang)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 and seconds % 60 == 0 else f"{seconds:g} s"


def _detail(node: Node, flow: Flow, said: Words = ENGLISH) -> tuple[str, list[str]]:
    """A short type-specific line for the node and longer notes for its tooltip."""
    notes: list[str] = []
    detail = ""
    if isinstance(node, PromptedInput):
        retries = node.effective_retries(flow.defaults)
        timeout = node.effective_timeout(flow.defaults)
        replay = said("replays_forever") if retries < 0 else said("replays", n=retries)
        notes.append(said("waits", timeout=f"{timeout:g}", replay=replay))
    if isinstance(node, InputNode):
        digits = ""
        if node.digits:
            low, high = node.digits
            digits = said("digits", n=low) if low == high else said("digit_range", low=low, high=high)
        detail = " → ".join(part for part in (digits, node.variable) if part)
    elif isinstance(node, BranchNode):
        detail = said("on", value=node.on) if node.on else ""
    elif isinstance(node, HoursNode):
        detail = said("schedule", name=node.schedule) if node.schedule else ""
    elif isinstance(node, QueueNode):
        parts = [node.queue or ""]
        if node.max_wait is not None:
            parts.append(said("wait_max", time=_minutes(node.max_wait)))
        detail = " · ".join(p for p in parts if p)
    elif isinstance(node, TransferNode):
        if node.number:
            detail = f"→ {node.number}" + ("" if node.agent else f" ({said('no_agent')})")
        elif not node.agent:
            detail = said("no_agent")
    elif isinstance(node, GotoNode):
        detail = f"→ {node.flow}" + (f" › {node.node}" if node.node else "")
    elif isinstance(node, CallbackNode) and node.next is None:
        notes.append(said("call_ends"))
    return detail, notes


def edge_label(transition: Transition, said: Words = ENGLISH) -> str:
    """'1 · Suivi de dossier', '44000', 'no input'; nothing for a plain `next`."""
    if transition.kind == "key":
        return f"{transition.key} · {transition.label}" if transition.label else str(transition.key)
    if transition.kind == "case":
        return str(transition.key)
    if transition.kind == "next":
        return ""
    return said.kind(transition.kind)


def diagram_language(options: RenderOptions, flow: Flow) -> str:
    """The language the words are drawn in: the one asked, or with `auto` the flow's own
    when diagrams can be written in it (else English)."""
    if options.lang != "auto":
        return options.lang
    return flow.lang if flow.lang in LANGUAGES else "en"


def flow_file(loaded: LoadedFile) -> str:
    return os.path.basename(loaded.path) if loaded.path else loaded.name


# -- building -------------------------------------------------------------------------------------

class DiagramBuilder:
    """Turns one loaded flow (and, with --follow, the flows it jumps to) into a Diagram."""

    def __init__(self, project: Project, root: LoadedFile, options: RenderOptions,
                 findings: Iterable[Finding] = ()):
        self.project = project
        self.root = root
        self.options = options
        self.findings = list(findings)
        self.flows: dict[int, DrawFlow] = {}      # id(LoadedFile) -> DrawFlow
        self.loaded: dict[str, LoadedFile] = {}   # DrawFlow key -> LoadedFile
        self.drawn: dict[str, set[str]] = {}      # DrawFlow key -> node ids drawn
        self.goto_edges: list[tuple[str, str, str, str]] = []  # (flow key, goto node id, target flow key, node id)
        self._edge_index: dict[tuple[str, str, str], DrawEdge] = {}  # (source, target, style) -> edge drawn
        self.lang = diagram_language(options, root.flow)
        self.said = words(self.lang)

    # keys ---------------------------------------------------------------------------------
    def key(self, flow_key: str, node_id: str) -> str:
        return node_id if flow_key == self.root_key else f"{flow_key}::{node_id}"

    @property
    def root_key(self) -> str:
        return next(iter(self.loaded))

    def _add_flow(self, loaded: LoadedFile, root: bool = False) -> DrawFlow:
        if id(loaded) in self.flows:
            return self.flows[id(loaded)]
        key = loaded.flow.id
        while key in self.loaded:
            key += "'"
        drawn = DrawFlow(key=key, flow=loaded.flow, file=flow_file(loaded), root=root)
        self.flows[id(loaded)] = drawn
        self.loaded[key] = loaded
        self.drawn[key] = set(loaded.flow.nodes) if root else set()
        return drawn

    # the parts drawn -------------------------------------------------------------------------
    def _follow(self) -> None:
        """Add the flows reached through `goto`, each only from the nodes the jumps enter."""
        pending = [self.root_key]
        while pending:
            flow_key = pending.pop(0)
            loaded = self.loaded[flow_key]
            for node in loaded.flow.nodes.values():
                if not isinstance(node, GotoNode) or node.id not in self.drawn[flow_key]:
                    continue
                link = self.project.link_for(node)
                if link is None or link.target_node is None or link.target.flow is None:
                    continue
                target = self._add_flow(link.target)
                edge = (flow_key, node.id, target.key, link.target_node)
                if edge not in self.goto_edges:
                    self.goto_edges.append(edge)
                if not target.root and link.target_node not in target.entries:
                    target.entries.append(link.target_node)
                    self.drawn[target.key] = bfs_reach(link.target.graph.graph, target.entries)
                    if target.key not in pending:
                        pending.append(target.key)

    def _active(self) -> dict[str, set[str]]:
        """Node ids a caller can meet in the scenario, per flow (all when no scenario)."""
        if self.options.scenario is None:
            return {k: set(v) for k, v in self.drawn.items()}
        graphs = {k: scenarios_of(loaded.graph).get(self.options.scenario) for k, loaded in self.loaded.items()}
        root_flow = self.loaded[self.root_key].flow
        entries = {k: set() for k in self.loaded}
        entries[self.root_key] = {root_flow.start} if root_flow.start in root_flow.nodes else set()
        active: dict[str, set[str]] = {}
        while True:
            active = {k: graphs[k].reach_from(entries[k]) & self.drawn[k] for k in self.loaded}
            grown = False
            for source_key, goto_id, target_key, node_id in self.goto_edges:
                if goto_id in active[source_key] and node_id not in entries[target_key]:
                    entries[target_key].add(node_id)
                    grown = True
            if not grown:
                return active

    # build ------------------------------------------------------------------------------------
    def build(self) -> Diagram:
        root = self._add_flow(self.root, root=True)
        root.entries = [root.flow.start] if root.flow.start in root.flow.nodes else []
        if self.options.focus is not None:
            root.entries = [self.options.focus]
            self.drawn[root.key] = bfs_reach(self.root.graph.multi, root.entries) & set(root.flow.nodes)
        if self.options.follow:
            self._follow()
        active = self._active()
        marks = self._marks()
        nodes: dict[str, DrawNode] = {}
        edges: list[DrawEdge] = []
        groups: list[Group] = []
        for flow_key, loaded in self.loaded.items():
            drawn_flow = self.flows[id(loaded)]
            flow, graph = loaded.flow, loaded.graph
            scenario_graph = scenarios_of(graph).get(self.options.scenario) if self.options.scenario else None
            keys_of = self._edge_keys(graph.graph)
            drawn = self.drawn[flow_key]
            for node in flow.nodes.values():
                if node.id not in drawn:
                    continue
                detail, notes = _detail(node, flow, self.said)
                key = self.key(flow_key, node.id)
                nodes[key] = DrawNode(
                    key=key, id=node.id, type=node.type, flow=flow_key, label=node.label,
                    excerpt=excerpt(node.prompt_text), detail=detail,
                    prompt=node.prompt_text, notes=notes, start=node.id in drawn_flow.entries and drawn_flow.root,
                    active=node.id in active[flow_key],
                    marks=marks.get((id(loaded), node.id), []))
            for node in flow.nodes.values():
                if node.id not in drawn:
                    continue
                for transition in node.transitions:
                    if transition.implicit and transition.kind in _REPLAY_KINDS and transition.target == node.id:
                        continue
                    source = self.key(flow_key, node.id)
                    if transition.target in flow.nodes:
                        target = self.key(flow_key, transition.target)
                        possible = scenario_graph is None or scenario_graph.graph.has_edge(
                            node.id, transition.target, keys_of[id(transition)])
                    else:
                        target = self.key(flow_key, transition.target)
                        if target not in nodes:
                            nodes[target] = DrawNode(key=target, id=transition.target, type="missing",
                                                     flow=flow_key, missing=True,
                                                     notes=[self.said("no_such_node", node=transition.target)],
                                                     active=node.id in active[flow_key])
                        possible = True
                    self._add_edge(edges, source, target, edge_style(transition.kind),
                                   edge_label(transition, self.said),
                                   transition.kind, possible and node.id in active[flow_key])
        for source_key, goto_id, target_key, node_id in self.goto_edges:
            source, target = self.key(source_key, goto_id), self.key(target_key, node_id)
            self._add_edge(edges, source, target, "goto", "", "goto",
                           nodes[source].active and nodes[target].active)
        levels = _levels(nodes, edges)
        for key, level in levels.items():
            nodes[key].level = level
        subtitle = self._subtitle(nodes)
        folded = 0
        if self.options.max_nodes and len(nodes) > self.options.max_nodes:
            from ivr_lint.render.fold import fold, fold_note

            total = len(nodes)
            nodes, edges, folded = fold(nodes, edges, self.options.max_nodes, self.said)
            if folded:
                levels = {key: node.level for key, node in nodes.items()}
                for flow_key in self.drawn:
                    self.drawn[flow_key] &= {n.id for n in nodes.values() if n.flow == flow_key}
                subtitle += " · " + fold_note(folded, total, self.options.max_nodes, self.said)
        for node in nodes.values():  # estimated once the folded nodes are gone: the costliest part of a node
            if not node.missing and node.type != "fold" and node.flow in self.loaded:
                node.seconds = _seconds(node.prompt, self.loaded[node.flow].flow.lang)
        if len(nodes) >= LARGE_DIAGRAM:
            _refer_shared_targets(nodes, edges)
        direction = self.options.direction
        if direction == "auto":
            widths: dict[int, int] = {}
            for level in levels.values():
                widths[level] = widths.get(level, 0) + 1
            direction = "TB" if max(widths.values(), default=0) <= AUTO_TB_RATIO * len(widths) else "LR"
        for flow_key, loaded in self.loaded.items():
            groups += self._groups(flow_key, loaded, nodes, direction)
        for group in groups:
            for member in group.members:
                nodes[member].group = group.key
        return Diagram(title=self._title(), subtitle=subtitle, flows=list(self.flows.values()),
                       nodes=nodes, edges=edges, groups=groups, options=self.options, direction=direction,
                       notes=self._notes(), folded=folded, lang=self.lang)

    @staticmethod
    def _edge_keys(graph: nx.MultiDiGraph) -> dict[int, int]:
        return {id(t): k for _, _, k, t in graph.edges(keys=True, data="t")}

    def _add_edge(self, edges: list[DrawEdge], source: str, target: str, style: str, label: str, kind: str,
                  active: bool) -> None:
        """A new edge, or one more label on the edge of the same style between the same nodes
        (found through an index: scanning the list made a 10,000-node render quadratic)."""
        index = self._edge_index
        edge = index.get((source, target, style))
        if edge is None:
            edge = index[(source, target, style)] = DrawEdge(source, target, style, [label], [kind], active)
            edges.append(edge)
            return
        if label not in edge.labels:
            edge.labels.append(label)
        edge.kinds.append(kind)
        edge.active = edge.active or active

    # lint ---------------------------------------------------------------------------------------
    def _marks(self) -> dict[tuple[int, str], list[Mark]]:
        by_file = {os.path.realpath(l.path): l for l in self.loaded.values() if l.path}
        by_name = {l.name: l for l in self.loaded.values()}
        marks: dict[tuple[int, str], list[Mark]] = {}
        self._unplaced: list[Finding] = []
        self._mine: list[Finding] = []  # the findings of the flows drawn (a directory's are all passed)
        for finding in self.findings:
            loaded = by_name.get(finding.file) or by_file.get(os.path.realpath(finding.file))
            if loaded is None:
                continue
            self._mine.append(finding)
            if finding.node and loaded.flow is not None and finding.node in loaded.flow.nodes:
                marks.setdefault((id(loaded), finding.node), []).append(
                    Mark(finding.severity, finding.rule, finding.message))
            else:
                self._unplaced.append(finding)
        return marks

    def _notes(self) -> list[Note]:
        said = self.said
        return [Note(f.severity, said("note", severity=said(f.severity.label), rule=f.rule, line=f.line,
                                      message=f.message))
                for f in getattr(self, "_unplaced", [])]

    # clusters -----------------------------------------------------------------------------------
    def _groups(self, flow_key: str, loaded: LoadedFile, nodes: dict[str, DrawNode], direction: str) -> list[Group]:
        """One cluster per branch: each choice of a menu or branch with the nodes only it leads to.

        "Only it leads to" is dominance from the flow's entries: a node belongs to the
        branch of choice C when every path from the start to it goes through C. Shared
        nodes (the agent queue, goodbye) stay outside, between the clusters. Only the
        outermost branches become clusters, and only those of two nodes or more.

        `--clusters auto` draws them in left-to-right pictures of 10 nodes or more (large
        flows, where a box per branch is how the eye finds its way). A top-down picture
        does without: each branch already hangs under its key, in the menu's order, which
        `dot` only keeps when no cluster constrains the placement.
        """
        mode = self.options.clusters
        flow = loaded.flow
        drawn = self.drawn[flow_key]
        if mode == "none" or (mode == "auto" and (len(drawn) < AUTO_CLUSTER_NODES or direction != "LR")):
            return []
        entries = self.flows[id(loaded)].entries
        if not entries:
            return []
        graph = loaded.graph.graph.subgraph(drawn)
        if len(entries) == 1:
            start, sub = entries[0], graph
        else:
            start, sub = "\0entry", nx.MultiDiGraph(graph)
            sub.add_edges_from(("\0entry", e) for e in entries)
        dominators = dict(nx.immediate_dominators(sub, start))
        dominators[start] = start  # networkx >= 3.5 leaves the start out
        children: dict[str, list[str]] = {}
        order = {node_id: i for i, node_id in enumerate(flow.nodes)}
        for node_id, parent in dominators.items():
            if node_id != parent:
                children.setdefault(parent, []).append(node_id)

        def subtree(top: str) -> list[str]:
            out, stack = [], [top]
            while stack:
                current = stack.pop()
                out.append(current)
                stack.extend(children.get(current, ()))
            return sorted(out, key=order.__getitem__)

        groups: list[Group] = []
        taken: set[str] = set()
        depths = self._depths(dominators)
        for node_id in sorted(dominators, key=lambda n: (depths[n], order.get(n, -1))):
            node = flow.nodes.get(node_id)
            if not isinstance(node, (MenuNode, BranchNode)) or node_id in taken:
                continue
            choices = []
            for transition in node.transitions:
                if transition.kind in ("key", "case", "default") and transition.target != node_id \
                        and dominators.get(transition.target) == node_id and transition.target not in choices:
                    choices.append(transition.target)
            if len(choices) < 2:
                continue
            for choice in choices:
                members = subtree(choice)
                if len(members) < 2 or any(m in taken for m in members):
                    continue
                taken.update(members)
                target = flow.nodes[choice]
                title = target.label or self._choice_label(node, choice) or choice
                groups.append(Group(key=f"{flow_key}::{choice}", label=title, flow=flow_key,
                                    members=[self.key(flow_key, m) for m in members]))
        return groups

    @staticmethod
    def _depths(dominators: dict[str, str]) -> dict[str, int]:
        """Depth of each node in the dominator tree, each found once (walking up from every node
        was n x depth: quadratic on a long chain)."""
        depths: dict[str, int] = {}
        for node_id in dominators:
            path = []
            while node_id not in depths and dominators[node_id] != node_id:
                path.append(node_id)
                node_id = dominators[node_id]
            depth = depths.setdefault(node_id, 0)
            for below in reversed(path):
                depth += 1
                depths[below] = depth
        return depths

    def _choice_label(self, node: Node, choice: str) -> str:
        labels = []
        for transition in node.transitions:
            if transition.target != choice or transition.kind not in ("key", "case"):
                continue
            if transition.kind == "case" and isinstance(node, BranchNode) and node.on:
                labels.append(f"{node.on} = {transition.key}")
            else:
                labels.append(edge_label(transition, self.said))
        return " / ".join(label for label in labels if label)

    # titles -------------------------------------------------------------------------------------
    def _title(self) -> str:
        flow = self.root.flow
        return flow.name or flow.id

    def _subtitle(self, nodes: dict[str, DrawNode]) -> str:
        said = self.said
        root = self.flows[id(self.root)]
        count = sum(1 for n in nodes.values() if n.flow == root.key and not n.missing)
        parts = [f"{root.file} · {said.count('nodes', count)}"]
        if self.options.focus is not None:
            parts.append(said("from", node=self.options.focus))
        if self.options.follow and len(self.flows) > 1:
            parts.append(said("with", files=", ".join(f.file for f in self.flows.values() if not f.root)))
        if self.options.scenario is not None:
            scenario = said("scenario", scenario=said.scenario(self.options.scenario))
            if self.options.scenario_note:
                scenario += f" ({self.options.scenario_note})"
            parts.append(scenario)
        if self.options.lint:
            counts = {s: 0 for s in Severity}
            for finding in self._mine:
                counts[finding.severity] += 1
            found = ", ".join(said.count(s.label + "s", counts[s])
                              for s in sorted(Severity, reverse=True) if counts[s])
            parts.append(said("lint", found=found) if found else said("lint_none"))
        return " · ".join(parts)


def _levels(nodes: dict[str, DrawNode], edges: list[DrawEdge]) -> dict[str, int]:
    """Breadth-first depth of each node from the starts (unreached nodes: one past the deepest)."""
    successors: dict[str, list[str]] = {}
    for edge in edges:
        successors.setdefault(edge.source, []).append(edge.target)
    levels = {n.key: 0 for n in nodes.values() if n.start}
    frontier = list(levels)
    while frontier:
        following = []
        for key in frontier:
            for target in successors.get(key, ()):
                if target not in levels:
                    levels[target] = levels[key] + 1
                    following.append(target)
        frontier = following
    deepest = max(levels.values(), default=-1) + 1
    return {key: levels.get(key, deepest) for key in nodes}


def _refer_shared_targets(nodes: dict[str, DrawNode], edges: list[DrawEdge]) -> None:
    """Keep one real edge into each much-shared node (the first on a shortest way from the
    start); draw the others to a reference, so hundreds of "0 · agent" edges do not cross the picture."""
    incoming: dict[str, list[DrawEdge]] = {}
    for edge in edges:
        if edge.source != edge.target and edge.style != "goto":
            incoming.setdefault(edge.target, []).append(edge)
    levels = _levels(nodes, edges)
    for target, into in incoming.items():
        if len({e.source for e in into}) < SHARED_IN_DEGREE:
            continue
        order = {e.source: i for i, e in enumerate(into)}
        keep = min(into, key=lambda e: (levels[e.source], order[e.source])).source
        for edge in into:
            edge.ref = edge.source != keep


def build_diagram(project: Project, loaded: LoadedFile, options: RenderOptions,
                  findings: Iterable[Finding] = ()) -> Diagram:
    """The diagram of one loaded, linked flow (see `RenderOptions`)."""
    return DiagramBuilder(project, loaded, options, findings).build()
