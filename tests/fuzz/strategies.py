"""Hypothesis strategies that build flow files and platform exports to throw at the command line.

A flow is drawn as a *structure* (node types, which node each way out leads to) plus the
*texts* that fill it (ids, prompts, labels, names). The same structure filled with plain
texts is the flow's twin: whatever a hostile text does, a diagram of the flow must have
the twin's shape (as many nodes, edges and statements), or the text has injected some.

Three kinds of flow: valid (the format accepts it as written), nearly valid (a valid
flow one mutation away: a typo, a wrong type, an out-of-range number, a bad target, a
duplicated key, a merge or anchor, a YAML tag, deep nesting), hostile (valid, with texts
made to break out of DOT, Mermaid, SVG, terminals). Exports are small documents of each
platform built from strategies, and mutated copies of tests/importers/fixtures/.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import assume
from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parent.parent / "importers" / "fixtures"

# -- texts -------------------------------------------------------------------------------
BENIGN = ["Bonjour.", "Pour un conseiller, tapez 0.", "Accueil", "Tapez 1 pour les horaires.",
          "Merci de votre appel, au revoir.", "Welcome to the council.", "Service état civil"]

#: texts made to break out of a quoted string, a label, a diagram or a terminal line
HOSTILE = [
    '<b>, URL="javascript:alert(document.cookie)", target="_top", x=<b>',
    "<<IMG SRC=\"/etc/passwd\"/>>", '<TABLE><TR><TD HREF="javascript:alert(1)">x</TD></TR></TABLE>',
    '" image="/etc/passwd" shape="none', '", URL="javascript:alert(1)', "\\", '\\"', "\\N\\G\\L",
    '"] ; evil [image="/etc/passwd"] ; x [label="', "a\"; evil -> x; \"b", "}", "]; digraph x {",
    "a\n---\ntitle: pwned\n---", "---", "%%{init: {\"theme\": \"forest\", \"securityLevel\": \"loose\"}}%%",
    "x\n%%{init: {'securityLevel': 'loose'}}%%\nclick welcome \"javascript:alert(1)\"",
    'click welcome call alert("x")', "end", "subgraph", "style welcome fill:#f00", "A-->B", '"]-->|x|evil["',
    "#quot;", "&lt;script&gt;", "<script>alert(1)</script>", "]]>", "<!--", "&#x1b;", "&amp;",
    "\x1b]0;pwned\x07", "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\", "\x1b[2J\x1b[H",
    "\x1b[31mred", "abc\x08\x08\x08xyz", "line\rover", "\x07", "\x9b31m", "\x9d0;t\x9c", "\x85", "\x00",
    "nul\x00byte", "\u202eevil\u202c", "\u2066iso\u2069", "\u200b", "\ufeff", "\u2028", "\t\ttabs",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "${SHELL}", "$(id)", "`id`",
    "{{widgets.x}}", "{opening_hours}", "{", "%s%n", "::error::pwned", "%0A::error::x",
]

_ANY_CHAR = st.characters(blacklist_categories=("Cs",))
_CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(lambda c: not (" " <= c <= "~"))


def texts(hostile: bool) -> st.SearchStrategy[str]:
    """A prompt, label or name: plain French/English, or (hostile) anything that may escape."""
    benign = st.sampled_from(BENIGN)
    if not hostile:
        return benign
    snippet = st.sampled_from(HOSTILE)
    return st.one_of(
        snippet,
        st.builds(lambda a, b, c: a + b + c, benign, snippet, st.text(_CONTROLS, max_size=3)),
        st.lists(snippet, min_size=2, max_size=4).map("".join),
        st.text(_ANY_CHAR, min_size=1, max_size=30),
        st.text(_CONTROLS, min_size=1, max_size=6),
        st.tuples(st.sampled_from(["é", "<", "a ", '"', "\\", "\x1b"]), st.integers(200, 9000)).map(
            lambda t: t[0] * t[1]),
        benign,
    )


def ids(hostile: bool) -> st.SearchStrategy[str]:
    plain = st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True)
    if not hostile:
        return plain
    return st.one_of(plain, texts(True).filter(lambda s: s.strip() and len(s) < 300),
                     st.sampled_from(["__call__", "incoming_call", "legend", "node", "edge", "graph", "end",
                                      "subgraph", "click", "style", "class", "default", "é" * 200, "1", "-"]))


# -- flows ---------------------------------------------------------------------------------
TYPES = ["play", "menu", "input", "branch", "hours", "queue", "transfer", "callback", "voicemail", "hangup",
         "goto"]
KEYS = list("0123456789*#")
OTHER_FLOW = "other.yaml"
OTHER_FLOW_TEXT = ("ivr: 1\nstart: hello\nnodes:\n  hello: {type: play, prompt: \"Bonjour.\", next: agent}\n"
                   "  agent: {type: queue}\n")


@dataclass
class FlowCase:
    """A flow file to write, what it is made of, and its plain twin (for valid flows)."""

    kind: str  # valid, near, hostile
    text: str
    doc: dict
    twin_text: str | None = None
    mutation: str | None = None
    file_name: str = "flow.yaml"
    keys: list[str] = field(default_factory=list)

    @property
    def schema_valid(self) -> bool:
        return self.kind in ("valid", "hostile")


class _OneLine(yaml.SafeDumper):
    """Strings with a line break are double-quoted (escaped), so each value fits on its line."""


_OneLine.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text,
    style='"' if any(c in text for c in "\n\r\x85\u2028\u2029") else None))


def scalar(value) -> str:
    """One YAML scalar or flow collection on one line, however hostile the text."""
    dumped = yaml.dump({"k": value}, Dumper=_OneLine, default_flow_style=True, allow_unicode=True, width=2**31)
    return dumped.strip()[4:-1]


def emit(doc: dict) -> str:
    """The flow as YAML: top-level fields one per line, then one line per node (so that text
    mutations can duplicate, anchor or merge whole nodes)."""
    lines = []
    for key, value in doc.items():
        if key == "nodes" and isinstance(value, dict):
            lines.append("nodes:")
            for node_id, node in value.items():
                key = scalar(node_id)
                if len(key) > 120:  # YAML's implicit keys stop at 1024 characters: say it is a key
                    lines += [f"  ? {key}", f"  : {scalar(node)}"]
                else:
                    lines.append(f"  {key}: {scalar(node)}")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


@st.composite
def structures(draw, size: int = 7) -> list[tuple[str, list[int]]]:
    """(type, targets) per node: targets are indices of other nodes, drawn per type."""
    n = draw(st.integers(1, size))
    nodes = []
    for i in range(n):
        kind = draw(st.sampled_from(TYPES))
        count = {"menu": draw(st.integers(1, 4)), "branch": draw(st.integers(0, 3)), "play": 1,
                 "input": 2, "hours": 2, "queue": 2, "transfer": 1, "callback": 1, "voicemail": 1}.get(kind, 0)
        nodes.append((kind, [draw(st.integers(0, n - 1)) for _ in range(count)]))
    return nodes


def build(structure, node_ids: list[str], text, rnd: random.Random) -> dict:
    """A flow dict from a structure; `text()` gives every free text (so a twin gets plain ones)."""
    doc: dict = {"ivr": 1, "name": text(), "start": node_ids[0]}
    if (rnd.random() < 0.5):
        doc["service"] = {"name": text(), "phone": "0123456789", "website": "https://example.fr",
                          "accessible": text()}
    if any(kind == "hours" for kind, _ in structure):
        doc["hours"] = {"timezone": "Europe/Paris", "weekly": {"mon-fri": ["09:00-12:00", "13:30-17:00"]}}
    nodes: dict = {}
    for (kind, targets), node_id in zip(structure, node_ids):
        to = [node_ids[t] for t in targets]
        node: dict = {"type": kind}
        if (rnd.random() < 0.5):
            node["label"] = text()
        if kind in ("play", "menu", "input", "hangup", "voicemail", "queue") and (rnd.random() < 0.5) or \
                kind in ("play", "menu", "input"):
            node["prompt"] = text() if (rnd.random() < 0.5) else [text(), text()]
        if kind == "play":
            node["next"] = to[0]
        elif kind == "menu":
            keys = rnd.sample(KEYS, len(to))
            node["options"] = {key: ({"next": target, "label": text()} if (rnd.random() < 0.5) else target)
                               for key, target in zip(keys, to)}
            if (rnd.random() < 0.5):
                node["options"][rnd.choice([k for k in KEYS if k not in keys] or KEYS)] = {"repeat": True}
            node["on_max_retries"] = to[0]
            if (rnd.random() < 0.5):
                node["retries"] = rnd.randint(-1, 5)
                node["timeout"] = rnd.choice([1, 3, 5.5, 10])
        elif kind == "input":
            node["variable"] = rnd.choice(["account", "code", "numero"])
            low = rnd.randint(0, 8)
            node["digits"] = {"min": low, "max": max(1, low + rnd.randint(0, 8))}  # max 0 is refused
            node["next"], node["on_max_retries"] = to
        elif kind == "branch":
            node["on"] = rnd.choice(["lang", "caller_type"])
            node["cases"] = {text() if i else "fr": target for i, target in enumerate(to)}
            node["default"] = node_ids[-1]
        elif kind == "hours":
            node["open"], node["closed"] = to
        elif kind == "queue":
            node["queue"] = text()
            if (rnd.random() < 0.5):
                node["max_wait"] = rnd.randint(0, 600)
                node["on_timeout"], node["congestion"] = to
        elif kind == "transfer":
            node["number"] = rnd.choice(["0123456789", "+33 1 23 45 67 89", "3939"])
            node["on_failure"] = to[0]
        elif kind in ("callback", "voicemail") and (rnd.random() < 0.5):
            node["next"] = to[0]
        elif kind == "goto":
            node["flow"] = OTHER_FLOW
        nodes[node_id] = node
    doc["nodes"] = nodes
    return doc


def _fill(draw, structure, hostile: bool):
    """The flow and its twin: the same random choices, hostile or plain texts."""
    n = len(structure)
    node_ids = draw(st.lists(ids(hostile), min_size=n, max_size=n, unique=True))
    seed = draw(st.integers(0, 2**32 - 1))
    doc = build(structure, node_ids, lambda: draw(texts(hostile)), random.Random(seed))
    plain = iter(range(10**6))
    twin = build(structure, [f"n{i}" for i in range(n)], lambda: f"t{next(plain)}", random.Random(seed))
    # two hostile case values that are one key would make the flow and its twin differ
    assume(all(len(a.get("cases", ())) == len(b.get("cases", ()))
               for a, b in zip(doc["nodes"].values(), twin["nodes"].values())))
    return doc, twin


@st.composite
def valid_flows(draw) -> FlowCase:
    doc, twin = _fill(draw, draw(structures()), hostile=False)
    return FlowCase("valid", emit(doc), doc, twin_text=emit(twin), keys=draw(key_scripts()))


@st.composite
def hostile_flows(draw) -> FlowCase:
    doc, twin = _fill(draw, draw(structures()), hostile=True)
    name = "flow.yaml"
    if draw(st.integers(0, 5)) == 0:  # a hostile file name too (no '/', no NUL: the OS forbids them)
        stem = "".join(c for c in draw(texts(True)) if c not in "/\x00")[:60].encode("utf-8", "ignore")
        stem = stem.decode("utf-8", "ignore").strip() or "x"
        name = f"{stem}.yaml" if stem not in (".", "..") else "flow.yaml"
    return FlowCase("hostile", emit(doc), doc, twin_text=emit(twin), file_name=name, keys=draw(key_scripts()))


def key_scripts():
    return st.lists(st.one_of(st.sampled_from(KEYS + ["timeout", "1234", "agent", "oui", ""]),
                              st.text(_ANY_CHAR, max_size=6).filter(lambda s: "," not in s)), max_size=8)


# -- one mutation away -----------------------------------------------------------------
def _typo(draw, word: str) -> str:
    if not word:
        return "x"
    i = draw(st.integers(0, len(word) - 1))
    how = draw(st.sampled_from(["drop", "double", "swap", "case", "space"]))
    if how == "drop":
        return word[:i] + word[i + 1:] or "x"
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if how == "case":
        return word.capitalize() if word.islower() else word.lower() + "X"
    return word + " "


BAD_NUMBERS = [-1, -2, 3601, 86_401, 1_000_000_000, 10**40, 2.7, 0.5, -0.0, ".nan", ".inf", "-.inf", "1e309",
               "0x10", "0o7", "1_000", "12:30", "5s", True, None, [], {}, "", "∞", "٣"]
NUMERIC_FIELDS = ["timeout", "retries", "digit_timeout", "max_wait"]
WRONG_VALUES = [[], {}, [[]], {"a": 1}, None, True, 0, 3.5, "", ["x", {"y": None}], "null", "~", "yes"]
TAGS = ["!!python/object/apply:os.system [\"echo pwned\"]", "!!python/name:os.system", "!foo bar",
        "!!binary aGVsbG8=", "!!int \"12\"", "!!str 12", "!!float x", "!!timestamp 2026-01-01", "!!set {a, b}",
        "!!omap [{a: 1}]", "!<tag:yaml.org,2002:str> x", "!!null ''", "!!bool maybe", "!!map {a: 1}", "!!seq [1]"]


@st.composite
def near_flows(draw) -> FlowCase:
    """A valid flow and one mutation of it (the text before and after is kept)."""
    doc, _ = _fill(draw, draw(structures(5)), hostile=False)
    node_ids = list(doc["nodes"])
    target = draw(st.sampled_from(node_ids))
    node = doc["nodes"][target]
    how = draw(st.sampled_from(["type", "field", "wrong-type", "number", "digits", "target", "remove", "top",
                                "dup-node", "dup-field", "anchor-merge", "merge-type", "recursive-merge",
                                "merge-scalar", "merge-bomb", "tag", "deep", "alias-bomb", "top-typo",
                                "nodes-list", "indent", "tabs", "bom", "version"]))
    text = None
    if how == "type":
        node["type"] = _typo(draw, node["type"])
    elif how == "field":
        key = draw(st.sampled_from(list(node)))
        node[_typo(draw, key)] = node.pop(key)
    elif how == "wrong-type":
        key = draw(st.sampled_from(list(node)))
        node[key] = draw(st.sampled_from(WRONG_VALUES))
    elif how == "number":
        node[draw(st.sampled_from(NUMERIC_FIELDS))] = draw(st.sampled_from(BAD_NUMBERS))
    elif how == "digits":
        node["type"], node["variable"] = "input", "x"
        node["digits"] = draw(st.one_of(st.sampled_from(BAD_NUMBERS),
                                        st.fixed_dictionaries({"min": st.sampled_from(BAD_NUMBERS),
                                                               "max": st.sampled_from(BAD_NUMBERS)})))
    elif how == "target":
        exits = [k for k in ("next", "on_max_retries", "open", "closed", "default", "on_failure") if k in node]
        node[draw(st.sampled_from(exits or ["next"]))] = draw(st.sampled_from(["nowhere", target.upper(), "", 0,
                                                                                 ["a"], target + " "]))
    elif how == "remove":
        key = draw(st.sampled_from(list(node)))
        del node[key]
    elif how == "top":
        key = draw(st.sampled_from(list(doc)))
        doc[key] = draw(st.sampled_from(WRONG_VALUES + ["nowhere"]))
    elif how == "top-typo":
        key = draw(st.sampled_from(list(doc)))
        doc[_typo(draw, key)] = doc.pop(key)
    elif how == "nodes-list":
        doc["nodes"] = [{k: v} for k, v in doc["nodes"].items()]
    elif how == "version":
        doc["ivr"] = draw(st.sampled_from([2, 0, "1.0", "one", None, 1.5]))
    base = emit(doc)
    lines = base.splitlines()
    node_line = next((i for i, line in enumerate(lines) if line.startswith("  ") and
                      line.lstrip().startswith(scalar(target) + ":")), len(lines) - 1)
    line = lines[node_line]
    body_at = line.index(": {") + 2 if ": {" in line else None
    if how == "dup-node":
        lines.insert(node_line + 1, f"  {scalar(target)}: {{type: hangup}}")
    elif how == "dup-field" and body_at is not None:
        lines[node_line] = line[:body_at] + "{type: play, " + line[body_at + 1:]
    elif how in ("anchor-merge", "merge-type") and body_at is not None:
        lines[node_line] = line[:body_at] + "&base " + line[body_at:]
        extra = "{<<: *base}" if how == "merge-type" else "{<<: [*base, {prompt: merged}], label: x}"
        lines.append(f"  merged-copy: {extra}")
    elif how == "recursive-merge" and "nodes:" in lines:
        i = lines.index("nodes:")
        lines[i] = "nodes: &n"
        lines.append("  <<: *n")
    elif how == "merge-scalar" and body_at is not None:
        lines[node_line] = line[:body_at] + "{<<: " + draw(st.sampled_from(["3", "x", "[1, 2]", "null", "[[]]"])) \
            + ", " + line[body_at + 1:]
    elif how == "merge-bomb":
        depth = draw(st.integers(5, 40))
        bomb = ["x-bomb:", "  m0: &m0 {a: 1, b: 2}"] + [f"  m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}], k{i}: {i}}}"
                                                        for i in range(1, depth)]
        lines = lines[:1] + bomb + lines[1:]
    elif how == "alias-bomb":
        depth = draw(st.integers(5, 30))
        bomb = ["x-bomb:", "  - &a0 [x, x]"] + [f"  - &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, depth)]
        lines = lines[:1] + bomb + lines[1:]
        lines.append(f"  alias-node: {{type: play, prompt: *a{depth - 1}, next: {scalar(target)}}}")
    elif how == "tag" and body_at is not None:
        lines[node_line] = line[:body_at] + "{label: " + draw(st.sampled_from(TAGS)) + ", " + line[body_at + 1:]
    elif how == "deep":
        depth = draw(st.sampled_from([50, 199, 200, 201, 1000, 30_000]))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
        lines.append(f"  deep: {{type: play, prompt: {opener * depth}x{closer * depth}}}")
    elif how == "indent":
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = " " + lines[i]
    elif how == "tabs":
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = "\t" + lines[i].lstrip(" ")
    text = "\n".join(lines) + "\n"
    if how == "bom":
        text = "\ufeff" + text
    return FlowCase("near", text, doc, mutation=how, keys=draw(key_scripts()))


def any_flows():
    return st.one_of(valid_flows(), near_flows(), hostile_flows())


# -- exports ---------------------------------------------------------------------------------
@dataclass
class ExportCase:
    name: str  # file name (its extension helps detection)
    data: bytes
    origin: str


def _names(hostile: bool, n: int):
    return st.lists(ids(hostile).filter(lambda s: 0 < len(s) < 200), min_size=n, max_size=n, unique=True)


@st.composite
def connect_exports(draw) -> ExportCase:
    hostile = draw(st.booleans())
    n = draw(st.integers(1, 6))
    names = draw(_names(hostile, n))
    kinds = ["MessageParticipant", "GetParticipantInput", "TransferContactToQueue", "DisconnectParticipant",
             "CheckHoursOfOperation", "UpdateContactTargetQueue", "Compare", "InvokeLambdaFunction",
             "UpdateContactAttributes", "TransferToFlow", "Loop", "Mystery" + draw(texts(False))[:3]]
    actions = []
    ref = st.one_of(st.sampled_from(names), st.sampled_from(["missing", ""]))
    for name in names:
        kind = draw(st.sampled_from(kinds))
        params: dict = {}
        if kind in ("MessageParticipant", "GetParticipantInput"):
            params["Text" if draw(st.booleans()) else "SSML"] = draw(texts(hostile))
        if kind == "GetParticipantInput":
            params["InputTimeLimitSeconds"] = draw(st.sampled_from(["5", "0", "-3", "1e9", "x", 7]))
            params["StoreInput"] = draw(st.sampled_from(["True", "False"]))
        if kind == "Compare":
            params["ComparisonValue"] = "$.Attributes." + draw(texts(hostile))[:40]
        conditions = [{"NextAction": draw(ref), "Condition": {"Operator": "Equals",
                                                              "Operands": [draw(st.sampled_from(KEYS + ["True"]))]}}
                      for _ in range(draw(st.integers(0, 3)))]
        errors = [{"NextAction": draw(ref), "ErrorType": draw(st.sampled_from(
            ["NoMatchingError", "NoMatchingCondition", "InputTimeLimitExceeded", "QueueAtCapacity"]))}
            for _ in range(draw(st.integers(0, 2)))]
        transitions = {"Conditions": conditions, "Errors": errors}
        if kind != "DisconnectParticipant" and draw(st.booleans()):
            transitions["NextAction"] = draw(ref)
        actions.append({"Identifier": name, "Type": kind, "Parameters": params, "Transitions": transitions})
    start = names[0] if draw(st.integers(0, 9)) else draw(ref)  # mostly a real start: get past it
    doc = {"Version": "2019-10-30", "StartAction": start, "Actions": actions}
    return ExportCase("connect.json", json.dumps(doc, ensure_ascii=draw(st.booleans())).encode(), "connect")


@st.composite
def twilio_exports(draw) -> ExportCase:
    hostile = draw(st.booleans())
    n = draw(st.integers(1, 6))
    names = draw(_names(hostile, n))
    ref = st.one_of(st.sampled_from(names), st.sampled_from(["missing", ""]))
    states = [{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": names[0]}],
               "properties": {}}]
    kinds = ["say-play", "gather-input-on-call", "split-based-on", "send-to-flex", "record-voicemail",
             "connect-call-to", "make-http-request", "run-function", "set-variables", "enqueue-call",
             draw(texts(hostile))[:20]]
    for name in names:
        kind = draw(st.sampled_from(kinds))
        props: dict = {}
        transitions = []
        if kind in ("say-play", "gather-input-on-call"):
            props["say"] = draw(texts(hostile))
            transitions.append({"event": "audioComplete" if kind == "say-play" else "keypress", "next": draw(ref)})
        if kind == "gather-input-on-call":
            props["number_of_digits"] = draw(st.sampled_from([1, 0, -1, 40, 10**20, "2", None]))
            props["timeout"] = draw(st.sampled_from([5, 0, -1, 1e300, "x"]))
            transitions.append({"event": "timeout", "next": draw(ref)})
        if kind == "split-based-on":
            props["input"] = "{{widgets." + names[0] + ".Digits}}"
            transitions.append({"event": "noMatch", "next": draw(ref)})
            for _ in range(draw(st.integers(0, 3))):
                transitions.append({"event": "match", "next": draw(ref), "conditions": [
                    {"friendly_name": draw(texts(hostile)), "arguments": [props["input"]], "type": "equal_to",
                     "value": draw(st.sampled_from(KEYS + [draw(texts(hostile))]))}]})
        if kind == "connect-call-to":
            props["to"] = draw(st.sampled_from(["+33123456789", "client:x", draw(texts(hostile))]))
            transitions.append({"event": "callCompleted", "next": draw(ref)})
        if kind == "send-to-flex":
            props["workflow"] = draw(texts(hostile))
            transitions.append({"event": "callComplete", "next": draw(ref)})
        states.append({"name": name, "type": kind, "transitions": transitions, "properties": props})
    doc = {"description": draw(texts(hostile)), "states": states, "initial_state": "Trigger",
           "flags": {"allow_concurrent_calls": True}}
    return ExportCase("studio.json", json.dumps(doc).encode(), "twilio")


@st.composite
def archy_exports(draw) -> ExportCase:
    hostile = draw(st.booleans())
    def actions(depth: int) -> list:
        out = []
        for _ in range(draw(st.integers(0 if depth else 1, 3))):
            kind = draw(st.sampled_from(["playAudio", "collectInput", "decision", "transferToAcd", "disconnect",
                                         "transferToVoicemail", "jumpToMenu", "loop", "setParticipantData"]))
            name = draw(texts(hostile))
            if kind == "playAudio":
                out.append({kind: {"name": name, "audio": {"tts": draw(texts(hostile))}}})
            elif kind == "collectInput":
                out.append({kind: {"name": name, "inputData": {"var": "Task.x"},
                                   "digits": {"exact": draw(st.sampled_from([1, 4, 0, -1, 10**30, "x"]))},
                                   "inputAudio": {"tts": draw(texts(hostile))},
                                   "outputs": {"success": {"actions": actions(depth - 1) if depth else []}}}})
            elif kind == "decision":
                out.append({kind: {"name": name, "condition": {"exp": 'Task.x == "1"'},
                                   "outputs": {"yes": {"actions": actions(depth - 1) if depth else []},
                                               "no": {"actions": []}}}})
            elif kind == "transferToAcd":
                out.append({kind: {"name": name, "targetQueue": {"lit": {"name": draw(texts(hostile))}}}})
            elif kind == "jumpToMenu":
                out.append({kind: {"name": name, "targetMenuRef": draw(st.sampled_from(
                    ["/inboundCall/menus/menu[Main]"] * 4 + ["missing"]))}})
            else:
                out.append({kind: {"name": name}})
        return out
    dtmf = st.sampled_from([f"digit_{k}" for k in range(10)] + ["star", "pound"] + KEYS)
    choices = [{"menuDisconnect": {"name": draw(texts(hostile)), "dtmf": draw(dtmf)}},
               {"menuTransferToAcd": {"name": draw(texts(hostile)), "dtmf": draw(dtmf),
                                      "targetQueue": {"lit": {"name": "Support"}}}}]
    doc = {"inboundCall": {"name": draw(texts(hostile)), "defaultLanguage": "fr-fr",
                           "startUpRef": draw(st.sampled_from(["/inboundCall/menus/menu[Main]"] * 5 +
                                                              ["/inboundCall/tasks/task[T]"] * 4 + ["missing"])),
                           "initialGreeting": {"tts": draw(texts(hostile))},
                           "menus": [{"menu": {"name": "Main", "refId": "Main",  # startUpRef names it
                                               "audio": {"tts": draw(texts(hostile))},
                                               "choices": draw(st.lists(st.sampled_from(choices), max_size=3))}}],
                           "tasks": [{"task": {"name": "T", "refId": "T", "actions": actions(2)}}]}}
    return ExportCase("flow.yaml", yaml.safe_dump(doc, allow_unicode=True).encode(), "archy")


@st.composite
def vxml_exports(draw) -> ExportCase:
    hostile = draw(st.booleans())
    n = draw(st.integers(1, 5))
    names = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=n, max_size=n,
                          unique=True))
    from xml.sax.saxutils import escape, quoteattr

    def say() -> str:
        text = "".join(c for c in draw(texts(hostile)) if c in "\t\n\r" or " " <= c < "\ud800" or c > "\ufffd" or
                       "\ue000" <= c <= "\ufffd")
        return escape(text)
    parts = []
    for name in names:
        kind = draw(st.sampled_from(["menu", "form", "field", "goto", "disconnect", "transfer", "record"]))
        target = quoteattr("#" + draw(st.sampled_from(names + ["missing"])))
        if kind == "menu":
            choices = "".join(f"<choice dtmf={quoteattr(draw(st.sampled_from(KEYS)))} next={target}>{say()}</choice>"
                              for _ in range(draw(st.integers(0, 3))))
            parts.append(f"<menu id={quoteattr(name)}><prompt>{say()}</prompt>{choices}"
                         f"<noinput><reprompt/></noinput><nomatch><goto next={target}/></nomatch></menu>")
        else:
            body = {"field": f"<field name='f'><prompt>{say()}</prompt><filled><goto next={target}/></filled>"
                             f"</field>",
                    "goto": f"<block><prompt>{say()}</prompt><goto next={target}/></block>",
                    "disconnect": f"<block><prompt>{say()}</prompt><disconnect/></block>",
                    "transfer": f"<transfer name='t' dest={quoteattr('tel:' + draw(texts(hostile))[:20].replace(chr(0), ''))}/>",
                    "record": f"<record name='r'><prompt>{say()}</prompt></record>",
                    "form": f"<block>{say()}</block>"}[kind]
            parts.append(f"<form id={quoteattr(name)}>{body}</form>")
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">'
           + "\n".join(parts) + "</vxml>\n")
    return ExportCase("app.vxml", doc.encode("utf-8", "surrogatepass"), "vxml")


@st.composite
def asterisk_exports(draw) -> ExportCase:
    hostile = draw(st.booleans())
    n = draw(st.integers(1, 4))
    contexts = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), min_size=n, max_size=n,
                             unique=True))
    def arg() -> str:
        return "".join(c for c in draw(texts(hostile)) if c not in "\n\r")[:60]
    lines = []
    for context in contexts:
        lines.append(f"[{context}]")
        for i in range(draw(st.integers(0, 3))):
            lines.append(f"include => {draw(st.sampled_from(contexts + ['missing']))}") if i == 0 and \
                draw(st.booleans()) else None
        for exten in draw(st.lists(st.sampled_from(["s", "1", "2", "0", "i", "t", "_X.", "9"]), min_size=1,
                                   max_size=4, unique=True)):
            apps = draw(st.lists(st.sampled_from(
                ["Answer()", "Background({a})", "WaitExten({n})", "Goto({c},s,1)", "Queue({a})", "Dial(PJSIP/{a},20)",
                 "Playback({a})", "Hangup()", "VoiceMail(100@default)", "GotoIf($[${{X}} = 1]?{c},s,1:{c},1,1)",
                 "Read(x,{a},4)", "Set(X={a})", "GotoIfTime(08:30-17:00,mon-fri,*,*?{c},s,1)", "{a}({a})",
                 "Macro({a})", "Gosub({c},s,1)"]), min_size=1, max_size=5))
            for j, app in enumerate(apps):
                text = app.format(a=arg(), n=draw(st.sampled_from(["5", "0", "-1", "1e400", "x", "99999999999"])),
                                  c=draw(st.sampled_from(contexts + ["missing"])))
                lines.append(f"exten => {exten},1,{text}" if j == 0 else f" same => n,{text}")
    return ExportCase("extensions.conf", ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"), "asterisk")


# -- mutated fixtures -------------------------------------------------------------------
FIXTURE_FILES = sorted(p for p in FIXTURES.iterdir() if p.is_file()) if FIXTURES.is_dir() else []


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, prefix + (i,))


def _get(value, path):
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated_fixtures(draw) -> ExportCase:
    """A fixture with a few mutations: structured ones for JSON and YAML, textual ones for all."""
    path = draw(st.sampled_from(FIXTURE_FILES))
    data = path.read_bytes()
    try:  # a fixture with {{templates}} is not YAML until they are filled: text mutations only
        doc = json.loads(data) if path.suffix == ".json" else yaml.safe_load(data)
    except (ValueError, yaml.YAMLError):
        doc = None
    if isinstance(doc, (dict, list)) and path.suffix in (".json", ".yaml") and draw(st.booleans()):
        for _ in range(draw(st.integers(1, 4))):
            paths = [p for p in _paths(doc) if p]
            where = draw(st.sampled_from(paths))
            parent, last = _get(doc, where[:-1]), where[-1]
            how = draw(st.sampled_from(["text", "number", "type", "delete", "duplicate", "swap", "null"]))
            if how == "text":
                parent[last] = draw(texts(True))
            elif how == "number":
                parent[last] = draw(st.sampled_from([0, -1, 10**50, 1e308, 2.5, -2**63, 2**64]))
            elif how == "type":
                parent[last] = draw(st.sampled_from(WRONG_VALUES))
            elif how == "delete":
                del parent[last]
            elif how == "duplicate" and isinstance(parent, list):
                parent.insert(last, json.loads(json.dumps(parent[last])))
            elif how == "swap":
                other = _get(doc, draw(st.sampled_from(paths)))
                parent[last] = json.loads(json.dumps(other, default=str))
            elif how == "null":
                parent[last] = None
        if path.suffix == ".json":
            data = json.dumps(doc, default=str).encode()
        else:
            data = yaml.safe_dump(doc, allow_unicode=True).encode()
        return ExportCase(path.name, data, f"{path.name} structured")
    text = data.decode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "truncate", "dup-line", "replace-word"]))
        if how == "insert":
            snippet = draw(texts(True))
            if path.suffix == ".json":  # inside a string, as JSON writes it
                snippet = json.dumps(snippet)[1:-1]
            text = text[:at] + snippet + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif how == "truncate":
            text = text[:at]
        elif how == "dup-line":
            lines = text.splitlines(keepends=True) or [""]
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[:i + 1] + lines[i:])
        else:
            words = [w for w in set(text.replace('"', " ").split()) if w.isidentifier()] or ["x"]
            word = draw(st.sampled_from(sorted(words)))
            text = text.replace(word, draw(st.sampled_from([word.upper(), word + "x", "", "é" * 300])), 1)
    return ExportCase(path.name, text.encode("utf-8", "surrogatepass"), f"{path.name} text")


def exports():
    return st.one_of(connect_exports(), twilio_exports(), archy_exports(), vxml_exports(), asterisk_exports(),
                     mutated_fixtures())
