"""How each kind of node and edge looks, in one table shared by every output and the legend.

Node types differ by shape *and* colour, so a diagram printed in grey still tells a menu
from a message; edges differ by line style *and* colour for the same reason. The palette
keeps the human outcomes (queue, transfer) green and the problems (failures, retries
exhausted) red, which is how telephony teams read a call flow.

Every word a diagram writes (legend, edge kinds, node types, notes, the text tree's
headings) is in `WORDS`, in English and French: `words(lang)` looks them up. The looks carry
no words, so one picture is drawn the same in either language.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

FONT = "Helvetica,Arial,sans-serif"


@dataclass(frozen=True)
class NodeStyle:
    shape: str       # Graphviz shape
    fill: str
    border: str
    mermaid: tuple[str, str]  # Mermaid shape brackets: open, close
    extra: str = ""  # more Graphviz attributes (rounded corners, double border, room in arrow shapes)


#: node type -> style, in legend order (the legend's names: WORDS "legend.TYPE")
NODE_STYLES: dict[str, NodeStyle] = {
    "menu": NodeStyle("box", "#FFE9A8", "#B8860B", ("[", "]"), 'penwidth="1.6"'),
    "play": NodeStyle("box", "#DCEBFB", "#5B8DB8", ("(", ")"), 'style="filled,rounded"'),
    "input": NodeStyle("tab", "#EDE2FA", "#7E57C2", ("[/", "/]")),
    "branch": NodeStyle("diamond", "#DDE3F6", "#3949AB", ("{", "}")),
    "hours": NodeStyle("hexagon", "#DDF2E3", "#3E8E5A", ("{{", "}}")),
    "queue": NodeStyle("box", "#B9E4C2", "#2E7D32", ("([", "])"),
                       'style="filled,rounded" peripheries="2"'),
    "transfer": NodeStyle("cds", "#CDEFEA", "#00897B", (">", "]"), 'margin="0.2,0.12"'),
    "callback": NodeStyle("box", "#FFE3CC", "#E07B39", ("[\\", "\\]"), 'style="filled,diagonals"'),
    "voicemail": NodeStyle("cylinder", "#F3E0F2", "#9C4F96", ("[(", ")]")),
    "goto": NodeStyle("rarrow", "#FFFFFF", "#0277BD", ("[[", "]]"),
                      'penwidth="1.6" margin="0.2,0.12"'),
    "hangup": NodeStyle("octagon", "#FAD4D4", "#B23B3B", ("((", "))")),
    "fold": NodeStyle("box", "#F5F5F5", "#757575", ("[", "]"),
                      'style="filled,dashed,rounded"'),
}

UNKNOWN_NODE = NodeStyle("box", "#EEEEEE", "#888888", ("[", "]"))


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str      # Graphviz: solid, dashed, dotted, bold or "dashed,bold"
    mermaid: str    # Mermaid arrow: -->, -.->, ==>
    dash: str = ""  # Mermaid/CSS stroke-dasharray
    width: float = 1.2
    sample: str = "────▶"  # how the legend draws the line in text


#: edge style name -> look, in legend order (names: WORDS "edge.STYLE"). `edge_style()` maps transition kinds here.
EDGE_STYLES: dict[str, EdgeStyle] = {
    "key": EdgeStyle("#37474F", "solid", "-->", width=1.3),
    "next": EdgeStyle("#90A4AE", "solid", "-->", width=1.1),
    "case": EdgeStyle("#7E57C2", "solid", "-->", width=1.2),
    "open": EdgeStyle("#2E7D32", "bold", "==>", width=2.0, sample="━━━━▶"),
    "closed": EdgeStyle("#1565C0", "dashed", "-.->", dash="6 4", width=1.4,
                        sample="╌╌╌╌▶"),
    "no-input": EdgeStyle("#EF8C00", "dotted", "-.->", dash="2 3", width=1.6,
                          sample="┈┈┈┈▶"),
    "no-match": EdgeStyle("#D81B60", "dotted", "-.->", dash="2 3", width=1.6,
                          sample="┈┈┈┈▶"),
    "max-retries": EdgeStyle("#C62828", "dashed", "-.->", dash="8 3", width=1.8,
                             sample="╌╌╌╌▶"),
    "congestion": EdgeStyle("#E65100", "bold", "==>", width=2.4,
                            sample="━━━━▶"),
    "timeout": EdgeStyle("#6D4C41", "dashed", "-.->", dash="6 4", width=1.3,
                         sample="╌╌╌╌▶"),
    "goto": EdgeStyle("#0277BD", "bold", "==>", width=2.0, sample="━━━━▶"),
}

_KIND_TO_STYLE = {
    "key": "key", "speech": "key", "next": "next", "case": "case", "default": "case",
    "open": "open", "closed": "closed", "holiday": "closed",
    "no-input": "no-input", "no-match": "no-match", "invalid": "no-match",
    "max-retries": "max-retries", "congestion": "congestion",
    "timeout": "timeout", "failure": "timeout", "goto": "goto",
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
MISSING = NodeStyle("box", "#FFFFFF", "#D50000", ("[", "]"), 'style="dashed"')
#: render --diff: what changed since the old flow (border and edge colour; removed is also dashed)
CHANGE_COLORS = {"added": "#00C853", "changed": "#EF6C00", "removed": "#D50000"}
CHANGE_SYMBOLS = {"added": "+", "changed": "~", "removed": "−"}


# -- words -----------------------------------------------------------------------------------

#: the languages a diagram can be written in (RenderOptions.lang); English is the default
LANGUAGES = ("en", "fr")

#: every word a diagram writes: key -> (English, French). `{name}` fields are filled by
#: `str.format`; "singular|plural" entries are picked by `Words.count`. The French follows the
#: report page's words (report/catalogue.py: étape, parcours, constat, conseiller, rappel, the
#: scenario names), so a French page and its pictures say the same thing.
WORDS: dict[str, tuple[str, str]] = {
    # the legend: node types
    "legend": ("Legend", "Légende"),
    "legend.menu": ("menu", "menu"),
    "legend.play": ("message", "message"),
    "legend.input": ("digit input", "saisie de chiffres"),
    "legend.branch": ("branch on a value", "aiguillage selon une valeur"),
    "legend.hours": ("hours check", "contrôle des horaires"),
    "legend.queue": ("queue (agent)", "file d'attente (conseiller)"),
    "legend.transfer": ("transfer", "transfert"),
    "legend.callback": ("callback", "rappel"),
    "legend.voicemail": ("voicemail", "messagerie vocale"),
    "legend.goto": ("goto another flow", "renvoi vers un autre parcours"),
    "legend.hangup": ("hang up", "fin d'appel"),
    "legend.fold": ("folded branch (--max-nodes)", "branche repliée (--max-nodes)"),
    "legend.node": ("node", "étape"),
    # the legend: edge styles
    "edge.key": ("key pressed (or said)", "touche (ou mot prononcé)"),
    "edge.next": ("then", "puis"),
    "edge.case": ("branch case / default", "cas de l'aiguillage / autre cas"),
    "edge.open": ("open hours", "heures d'ouverture"),
    "edge.closed": ("closed / holiday", "fermé / jour férié"),
    "edge.no-input": ("no input (silence)", "sans réponse (silence)"),
    "edge.no-match": ("no match / invalid digits", "saisie invalide / chiffres invalides"),
    "edge.max-retries": ("max retries reached", "après le dernier essai"),
    "edge.congestion": ("queue saturated (congestion)", "file saturée (affluence)"),
    "edge.timeout": ("wait too long / transfer failed", "attente trop longue / transfert échoué"),
    "edge.goto": ("continues in another flow", "suite dans un autre parcours"),
    # the legend: overlays
    "legend.not_met": ("not met: {scenario}", "non atteint : {scenario}"),
    "legend.lint": ("lint {severity} (rules in the tooltip)", "constat : {severity} (règles dans l'infobulle)"),
    "legend.shared": ("shared node, drawn once", "étape partagée, dessinée une fois"),
    # words on edges, for the kinds that have no key (key, case and next are labelled otherwise)
    "kind.open": ("open", "ouvert"),
    "kind.closed": ("closed", "fermé"),
    "kind.holiday": ("holiday", "jour férié"),
    "kind.no-input": ("no input", "sans réponse"),
    "kind.no-match": ("no match", "saisie invalide"),
    "kind.invalid": ("invalid", "chiffres invalides"),
    "kind.max-retries": ("max retries", "après les essais"),
    "kind.congestion": ("congestion", "saturation"),
    "kind.timeout": ("wait timeout", "attente trop longue"),
    "kind.failure": ("failed", "échec"),
    "kind.default": ("other", "autre"),
    "kind.goto": ("goto", "renvoi"),
    "kind.speech": ("speech", "parole"),
    # the type a node's label shows (English: the flow's own `type`)
    "type.menu": ("menu", "menu"),
    "type.play": ("play", "message"),
    "type.input": ("input", "saisie"),
    "type.branch": ("branch", "aiguillage"),
    "type.hours": ("hours", "horaires"),
    "type.queue": ("queue", "file d'attente"),
    "type.transfer": ("transfer", "transfert"),
    "type.callback": ("callback", "rappel"),
    "type.voicemail": ("voicemail", "messagerie"),
    "type.goto": ("goto", "renvoi"),
    "type.hangup": ("hangup", "fin d'appel"),
    "type.missing": ("missing", "étape manquante"),
    "type.fold": ("fold", "branche repliée"),
    "missing": ("missing node", "étape manquante"),
    "no_such_node": ("no node {node!r} in this flow", "aucune étape « {node} » dans ce parcours"),
    # a node's facts and tooltip
    "digits": ("{n} digits", "{n} chiffres"),
    "digit_range": ("{low}–{high} digits", "{low} à {high} chiffres"),
    "on": ("on {value}", "selon {value}"),
    "schedule": ("schedule {name}", "calendrier {name}"),
    "wait_max": ("wait ≤ {time}", "attente ≤ {time}"),
    "no_agent": ("no agent", "sans conseiller"),
    "waits": ("waits {timeout} s; on silence or a wrong entry {replay} unless routed elsewhere",
              "attend {timeout} s ; sur un silence ou une saisie invalide, {replay} sauf autre suite prévue"),
    "replays": ("replays {n}×", "rejoue {n}×"),
    "replays_forever": ("replays without limit", "rejoue sans limite"),
    "call_ends": ("the call ends after the request", "l'appel se termine après la demande"),
    "spoken": ("{duration} spoken", "{duration} de message"),
    "mark": ("{severity} [{rule}] {message}", "{severity} [{rule}] {message}"),
    "incoming_call": ("incoming call", "appel entrant"),
    "drawn_once": ("{node}: drawn once, elsewhere in the diagram",
                   "{node} : dessinée une fois, ailleurs dans le schéma"),
    "edge_tip": ("{source} → {target}: {label}", "{source} → {target} : {label}"),
    # the subtitle and the header's notes
    "nodes": ("{n} node|{n} nodes", "{n} étape|{n} étapes"),
    "from": ("from {node}", "à partir de {node}"),
    "with": ("with {files}", "avec {files}"),
    "scenario": ("scenario: {scenario}", "moment : {scenario}"),
    "lint": ("lint: {found}", "constats : {found}"),
    "lint_none": ("lint: no problems", "constats : aucun"),
    "error": ("error", "erreur"),
    "warning": ("warning", "avertissement"),
    "info": ("info", "information"),
    "errors": ("{n} error|{n} errors", "{n} erreur|{n} erreurs"),
    "warnings": ("{n} warning|{n} warnings", "{n} avertissement|{n} avertissements"),
    "infos": ("{n} info|{n} infos", "{n} information|{n} informations"),
    "note": ("{severity} [{rule}] line {line}: {message}", "{severity} [{rule}] ligne {line} : {message}"),
    "more_notes": ("… and {n} more (`ivr-lint check` lists them all)",
                   "… et {n} de plus (`ivr-lint check` les liste tous)"),
    # scenarios (English: the scenario's own name, as --scenario takes it)
    "state.open": ("open", "heures d'ouverture"),
    "state.closed": ("closed", "hors horaires"),
    "state.holiday": ("holiday", "jour férié ou fermeture"),
    "congested": ("congested", "affluence"),
    "days": ("Mon Tue Wed Thu Fri Sat Sun", "lun. mar. mer. jeu. ven. sam. dim."),
    "exceptional_closure": ("exceptional closure", "fermeture exceptionnelle"),
    # the text tree
    "see_above": ("(see above)", "(voir plus haut)"),
    "see_below": ("(see below)", "(voir plus bas)"),
    "deeper": ("(deeper levels are drawn at this indent)", "(les niveaux plus profonds sont dessinés à ce retrait)"),
    "unreachable": ("Not reachable from the start:", "Étapes que l'appel n'atteint pas depuis le début :"),
    "not_met_in": ("Not met in scenario {scenario} ({n}):", "Étapes non atteintes, {scenario} ({n}) :"),
    # folded branches (render/fold.py)
    "fold_box": ("⋯ {n} more node|⋯ {n} more nodes", "⋯ {n} étape de plus|⋯ {n} étapes de plus"),
    "fold_unreached": ("not reachable from the start", "non atteintes depuis le début"),
    "fold_tooltip": ("{n} nodes folded to keep the picture small: {where} draws them (--max-nodes 0 draws everything)",
                     ("{n} étapes repliées pour garder le schéma lisible : {where} les dessine "
                      "(--max-nodes 0 dessine tout)")),
    "fold_note": (("{folded} of {total} nodes folded into ⋯ boxes (--max-nodes {budget}; --max-nodes 0 draws "
                   "everything)"),
                  ("{folded} étapes sur {total} repliées dans les cases ⋯ (--max-nodes {budget} ; --max-nodes 0 "
                   "dessine tout)")),
    "more_labels": ("… {n} more", "… {n} de plus"),
    # render --diff (render/changes.py)
    "change.added": ("added", "ajout"),
    "change.changed": ("changed", "modification"),
    "change.removed": ("removed", "suppression"),
    "removed_since": ("removed since {label}", "supprimée depuis {label}"),
    "added_nodes": ("{n} added|{n} added", "{n} ajoutée|{n} ajoutées"),
    "changed_nodes": ("{n} changed|{n} changed", "{n} modifiée|{n} modifiées"),
    "removed_nodes": ("{n} removed|{n} removed", "{n} supprimée|{n} supprimées"),
    "since": ("since {label}: {counts} nodes (green added, orange changed, dashed red removed)",
              ("depuis {label} : {counts} (étapes ajoutées en vert, modifiées en orange, supprimées en rouge "
               "pointillé)")),
}


class Words:
    """The words of one language: `words("legend")`, `words.count("nodes", 3)`."""

    def __init__(self, lang: str):
        self.lang = lang
        self.index = LANGUAGES.index(lang)

    def __call__(self, key: str, **values) -> str:
        text = WORDS[key][self.index]
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        entry = WORDS.get(key)
        return default if entry is None else entry[self.index]

    def number(self, n: int) -> str:
        """1,234 in English, 1 234 in French (a no-break space)."""
        return f"{n:,}" if self.lang == "en" else f"{n:,}".replace(",", "\u00a0")

    def count(self, key: str, n: int, grouped: bool = False) -> str:
        """The singular or plural form of `key` for `n` (French: 0 and 1 take the singular)."""
        one, many = WORDS[key][self.index].split("|")
        singular = n == 1 or (self.lang == "fr" and n == 0)
        return (one if singular else many).format(n=self.number(n) if grouped else n)

    def node_type(self, node_type: str) -> str:
        """The type as a node's label shows it; a type this table does not know is shown as written."""
        return self.get("type." + node_type, node_type)

    def legend_name(self, node_type: str) -> str:
        return self.get("legend." + node_type, self("legend.node"))

    def kind(self, kind: str) -> str:
        """The word on an edge of a kind that has no key; an unknown kind is shown as written."""
        return self.get("kind." + kind, kind)

    def scenario(self, scenario) -> str:
        """A scenario as the page names it: English keeps the --scenario name ("open+congested")."""
        if self.lang == "en":
            return scenario.name
        base = self.get("state." + scenario.state, scenario.state)
        if scenario.schedule is not None:
            base += f" [{scenario.schedule}]"
        if scenario.congested:
            return self("congested") if scenario.state == "open" and scenario.schedule is None \
                else f"{base} + {self('congested')}"
        return base


@functools.cache
def words(lang: str = "en") -> Words:
    """The words of `lang` (one of LANGUAGES)."""
    return Words(lang)


ENGLISH = words("en")
