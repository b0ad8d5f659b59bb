"""How each kind of node and edge looks, in one table shared by every output and the legend.

Node types differ by shape *and* colour, so a diagram printed in grey still tells a menu
from a message; edges differ by line style *and* colour for the same reason. The palette
keeps the human outcomes (queue, transfer) green and the problems (failures, retries
exhausted) red, which is how telephony teams read a call flow.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Helvetica,Arial,sans-serif"


@dataclass(frozen=True)
class NodeStyle:
    name: str        # what the legend calls it
    shape: str       # Graphviz shape
    fill: str
    border: str
    mermaid: tuple[str, str]  # Mermaid shape brackets: open, close
    extra: str = ""  # more Graphviz attributes (rounded corners, double border, room in arrow shapes)


#: node type -> style, in legend order
NODE_STYLES: dict[str, NodeStyle] = {
    "menu": NodeStyle("menu", "box", "#FFE9A8", "#B8860B", ("[", "]"), 'penwidth="1.6"'),
    "play": NodeStyle("message", "box", "#DCEBFB", "#5B8DB8", ("(", ")"), 'style="filled,rounded"'),
    "input": NodeStyle("digit input", "tab", "#EDE2FA", "#7E57C2", ("[/", "/]")),
    "branch": NodeStyle("branch on a value", "diamond", "#DDE3F6", "#3949AB", ("{", "}")),
    "hours": NodeStyle("hours check", "hexagon", "#DDF2E3", "#3E8E5A", ("{{", "}}")),
    "queue": NodeStyle("queue (agent)", "box", "#B9E4C2", "#2E7D32", ("([", "])"),
                       'style="filled,rounded" peripheries="2"'),
    "transfer": NodeStyle("transfer", "cds", "#CDEFEA", "#00897B", (">", "]"), 'margin="0.2,0.12"'),
    "callback": NodeStyle("callback", "box", "#FFE3CC", "#E07B39", ("[\\", "\\]"), 'style="filled,diagonals"'),
    "voicemail": NodeStyle("voicemail", "cylinder", "#F3E0F2", "#9C4F96", ("[(", ")]")),
    "goto": NodeStyle("goto another flow", "rarrow", "#FFFFFF", "#0277BD", ("[[", "]]"),
                      'penwidth="1.6" margin="0.2,0.12"'),
    "hangup": NodeStyle("hang up", "octagon", "#FAD4D4", "#B23B3B", ("((", "))")),
    "fold": NodeStyle("folded branch (--max-nodes)", "box", "#F5F5F5", "#757575", ("[", "]"),
                      'style="filled,dashed,rounded"'),
}

UNKNOWN_NODE = NodeStyle("node", "box", "#EEEEEE", "#888888", ("[", "]"))


@dataclass(frozen=True)
class EdgeStyle:
    name: str       # legend text
    color: str
    style: str      # Graphviz: solid, dashed, dotted, bold or "dashed,bold"
    mermaid: str    # Mermaid arrow: -->, -.->, ==>
    dash: str = ""  # Mermaid/CSS stroke-dasharray
    width: float = 1.2
    sample: str = "────▶"  # how the legend draws the line in text


#: edge style name -> look, in legend order. `edge_style()` maps transition kinds here.
EDGE_STYLES: dict[str, EdgeStyle] = {
    "key": EdgeStyle("key pressed (or said)", "#37474F", "solid", "-->", width=1.3),
    "next": EdgeStyle("then", "#90A4AE", "solid", "-->", width=1.1),
    "case": EdgeStyle("branch case / default", "#7E57C2", "solid", "-->", width=1.2),
    "open": EdgeStyle("open hours", "#2E7D32", "bold", "==>", width=2.0, sample="━━━━▶"),
    "closed": EdgeStyle("closed / holiday", "#1565C0", "dashed", "-.->", dash="6 4", width=1.4,
                        sample="╌╌╌╌▶"),
    "no-input": EdgeStyle("no input (silence)", "#EF8C00", "dotted", "-.->", dash="2 3", width=1.6,
                          sample="┈┈┈┈▶"),
    "no-match": EdgeStyle("no match / invalid digits", "#D81B60", "dotted", "-.->", dash="2 3", width=1.6,
                          sample="┈┈┈┈▶"),
    "max-retries": EdgeStyle("max retries reached", "#C62828", "dashed", "-.->", dash="8 3", width=1.8,
                             sample="╌╌╌╌▶"),
    "congestion": EdgeStyle("queue saturated (congestion)", "#E65100", "bold", "==>", width=2.4,
                            sample="━━━━▶"),
    "timeout": EdgeStyle("wait too long / transfer failed", "#6D4C41", "dashed", "-.->", dash="6 4", width=1.3,
                         sample="╌╌╌╌▶"),
    "goto": EdgeStyle("continues in another flow", "#0277BD", "bold", "==>", width=2.0, sample="━━━━▶"),
}

_KIND_TO_STYLE = {
    "key": "key", "speech": "key", "next": "next", "case": "case", "default": "case",
    "open": "open", "closed": "closed", "holiday": "closed",
    "no-input": "no-input", "no-match": "no-match", "invalid": "no-match",
    "max-retries": "max-retries", "congestion": "congestion",
    "timeout": "timeout", "failure": "timeout", "goto": "goto",
}

#: words shown on edges for the kinds that have no key; key, case and next are labelled otherwise
KIND_WORDS = {
    "open": "open", "closed": "closed", "holiday": "holiday", "no-input": "no input", "no-match": "no match",
    "invalid": "invalid", "max-retries": "max retries", "congestion": "congestion", "timeout": "wait timeout",
    "failure": "failed", "default": "other", "goto": "goto",
}


def edge_style(kind: str) -> str:
    return _KIND_TO_STYLE.get(kind, "next")


def node_style(node_type: str) -> NodeStyle:
    return NODE_STYLES.get(node_type, UNKNOWN_NODE)


# -- overlays --------------------------------------------------------------------------------

#: greyed: not met in the chosen scenario
OFF_FILL, OFF_BORDER, OFF_TEXT, OFF_EDGE = "#F4F4F4", "#C8C8C8", "#A8A8A8", "#D0D0D0"
#: lint marks, by severity label
LINT_COLORS = {"error": "#D50000", "warning": "#F57C00", "info": "#1E88E5"}
LINT_SYMBOLS = {"error": "✖", "warning": "⚠", "info": "ℹ"}
LINT_ASCII = {"error": "E", "warning": "W", "info": "I"}
TEXT_COLOR, MUTED_TEXT = "#1F1F1F", "#5F6368"
MISSING = NodeStyle("missing node", "box", "#FFFFFF", "#D50000", ("[", "]"), 'style="dashed"')
#: render --diff: what changed since the old flow (border and edge colour; removed is also dashed)
CHANGE_COLORS = {"added": "#00C853", "changed": "#EF6C00", "removed": "#D50000"}
CHANGE_SYMBOLS = {"added": "+", "changed": "~", "removed": "−"}
