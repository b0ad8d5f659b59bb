"""Round trip on the corpus: what the export says the call does is in the import, with its target.

Each count comes from a plain walk of the export written here (JSON, XML, YAML, dialplan
lines), not from the importers' code; the test asserts the import has each item.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
import xml.etree.ElementTree as ET

import pytest
import yaml

from ivr_lint.importers import convert
from tests.conftest import CORPUS, run
from tests.importers.util import load

pytestmark = [pytest.mark.corpus, pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus")]


def files(fmt: str) -> list:
    return sorted(p for p in (CORPUS / fmt).glob("*") if p.is_file()) if CORPUS.is_dir() else []


def words(text: str) -> str:
    return " ".join(re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}", " ", text).split())


def imported(path):
    result = convert(path.read_bytes(), str(path))
    return result, load(result)


def said(flow) -> str:
    """Every prompt's words, the unknown markers included (they quote what may be said), and option labels."""
    labels = [o.label or "" for n in flow.nodes.values() if n.type == "menu" for o in n.options.values()]
    return " ".join(" ".join(n.prompt_text.split()) for n in flow.nodes.values()) + " " + " ".join(labels)


# -- Twilio Studio -------------------------------------------------------------------------------
def _twilio_counts(export: dict) -> dict:
    """What the export says, by a plain walk of its states: keys, prompts, ways out, error edges."""
    states = {s["name"]: s for s in export["states"]}
    counts = {"key": 0, "prompt": 0, "queue": 0, "transfer": 0, "voicemail": 0, "hours": 0, "error": 0}
    for state in export["states"]:
        props, kind = state.get("properties", {}), state["type"]
        counts["prompt"] += bool(props.get("say") or props.get("play"))
        counts["queue"] += kind in ("send-to-flex", "enqueue-call")
        counts["transfer"] += kind == "connect-call-to"
        counts["voicemail"] += kind == "record-voicemail"
        counts["error"] += sum(t["event"] in ("fail", "failed") for t in state.get("transitions", []))
        if kind == "split-based-on" and re.search(r"hour|schedule|open", props.get("input", ""), re.I):
            counts["hours"] += 1
        if kind == "gather-input-on-call":
            for t in state.get("transitions", []):
                split = states.get(t.get("next") or "")
                if t["event"] == "keypress" and split and split["type"] == "split-based-on" and \
                        f"widgets.{state['name']}.Digits" in split["properties"].get("input", ""):
                    counts["key"] += sum(len(c["value"].split(",")) for m in split["transitions"]
                                         if m["event"] == "match" for c in m.get("conditions", []))
    return counts


def _imported_counts(result, flow) -> dict:
    origin = result.origin_ids
    of = {n: origin[n].split(" ", 1)[0] for n in flow.nodes}
    return {
        "key": sum(len(n.options) for n in flow.nodes.values() if n.type == "menu"),
        "prompt": sum(1 for n in flow.nodes.values() if n.prompt and not n.id.endswith("-unwired")),
        "queue": sum(of[n.id] in ("send-to-flex", "enqueue-call") for n in flow.nodes.values()),
        "transfer": sum(n.type == "transfer" and of[n.id] == "connect-call-to" for n in flow.nodes.values()),
        "voicemail": sum(n.type == "voicemail" and of[n.id] == "record-voicemail" for n in flow.nodes.values()),
        "hours": sum(n.type == "hours" for n in flow.nodes.values()),
        "error": sum(k in ("fail", "failed") for n in flow.nodes.values()
                     if n.type == "branch" and of[n.id] != "split-based-on" for k in n.cases),
    }


@pytest.mark.parametrize("path", files("twilio-studio"), ids=lambda p: p.name)
def test_twilio_round_trip(path):
    export = json.loads(path.read_text())
    result, flow = imported(path)
    assert _imported_counts(result, flow) == _twilio_counts(export)
    heard = said(flow)
    for state in export["states"]:
        text = words(state.get("properties", {}).get("say", ""))
        assert all(w in heard for w in text.split()[:6]), (state["name"], text)
        for transition in state.get("transitions", []):  # every error edge leads where the export says
            if transition["event"] not in ("fail", "failed"):
                continue
            node = next(n for n in flow.nodes.values() if result.origin_ids[n.id].endswith(" " + state["name"]))
            target = node.cases[transition["event"]]
            if transition.get("next"):
                assert result.origin_ids[target].endswith(" " + transition["next"]), (state["name"], target)
            else:
                assert target == f"{node.id}-{transition['event']}-unwired" and flow.nodes[target].type == "hangup"


# -- VoiceXML ------------------------------------------------------------------------------------
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("path", [p for p in files("voicexml") if p.suffix == ".vxml"], ids=lambda p: p.name)
def test_voicexml_round_trip(path):
    root = ET.fromstring(path.read_bytes())
    result, flow = imported(path)
    keys = {o.get("dtmf") for o in root.iter() if _local(o.tag) in ("option", "choice") and o.get("dtmf")}
    taken = {k for n in flow.nodes.values() if n.type == "menu" for k in n.options}
    assert keys <= taken, keys - taken
    transfers = [t for t in root.iter() if _local(t.tag) == "transfer"]
    assert sum(n.type == "transfer" for n in flow.nodes.values()) >= len(transfers)
    records = [r for r in root.iter() if _local(r.tag) == "record"]
    assert sum(n.type == "voicemail" for n in flow.nodes.values()) >= len(records)
    heard = said(flow)
    for prompt in (p for p in root.iter() if _local(p.tag) == "prompt"):
        text = " ".join("".join(t for t in prompt.itertext()).split())
        if text and "{" not in text:
            assert text.split()[0] in heard, text


# -- Genesys Architect ---------------------------------------------------------------------------
def _walk(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


_TRANSFERS = ("transferToNumber", "transferToUser", "transferToGroup", "transferToFlow", "transferToFlowSecure")
_SILENT = ("updateData", "setParticipantData", "getParticipantData", "setFlowOutcome", "setExternalTag")
_SILENCE = re.compile(r"\s*(AudioPlaybackOptions\()?ToAudioBlank\(\d+\)(, *\w+\))?\s*")


def _actions(value, out):
    """(kind, body) of every Architect action and menu choice: the one-key items of lists."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), dict):
                out.append(next(iter(item.items())))
            _actions(item, out)
    elif isinstance(value, dict):
        for item in value.values():
            _actions(item, out)
    return out


def _heard(audio) -> bool:
    """Audio a caller hears: TTS, an expression, a prompt; not a blank (ToAudioBlank is silence)."""
    return isinstance(audio, dict) and any(audio.get(k) for k in ("tts", "exp", "lit", "var", "prompt")) \
        and not _SILENCE.fullmatch(str(audio.get("exp") or "x"))


def _setting(body: dict, key: str):
    """`key` anywhere in an action's own settings (not in the actions it nests)."""
    if key in body:
        return body[key]
    for value in body.values():
        if isinstance(value, dict):
            found = _setting(value, key)
            if found is not None:
                return found
    return None


def _genesys_counts(export: dict) -> dict:
    """What the export says, by a plain walk of its actions: keys of each menu, prompts, ways out, errors."""
    body = next(iter(export.values()))
    counts = {"keys": {}, "prompt": int(_heard(body.get("initialGreeting"))), "queue": 0, "transfer": 0,
              "voicemail": 0, "hours": 0, "error": 0}
    for kind, action in _actions(export, []):
        base = kind[4].lower() + kind[5:] if kind.startswith("menu") and kind != "menu" else kind
        if kind == "menu":
            keys = sum(1 for choice in action.get("choices") or () for c in choice.values()
                       if isinstance(c, dict) and c.get("dtmf"))
            if keys:  # a menu of spoken choices only is an input on its words
                counts["keys"][action.get("name")] = keys
        counts["prompt"] += sum(_heard(action.get(key)) for key in ("audio", "inputAudio", "preTransferAudio",
                                                                     "failureTransferAudio"))
        counts["prompt"] += base in ("playEstimatedWaitTime", "holdMusic") or (
            base == "transferToVoicemail" and _heard(_setting(action, "voicemailGreeting")))
        counts["queue"] += base == "transferToAcd"
        counts["transfer"] += base in _TRANSFERS
        counts["voicemail"] += base == "transferToVoicemail"
        counts["hours"] += base in ("evaluateSchedule", "evaluateScheduleGroup")
        outputs = action.get("outputs") or {}
        if base == "callData":  # its failure and timeout go where success does unless an output says otherwise
            counts["error"] += any(next(iter(item), None) not in _SILENT for o in ("success", "failure", "timeout")
                                   for item in ((outputs.get(o) or {}).get("actions") or ()))
        elif kind != base and base in ("transferToAcd", "transferToUser", "transferToGroup"):
            # a menu choice has no failure output: its failed-transfer audio is the failure path
            counts["error"] += _heard(action.get("failureTransferAudio"))
        else:  # a failure output, or a transfer in a task whose failure goes on with the next action
            counts["error"] += "failure" in outputs or (kind == base and base in _TRANSFERS + ("transferToAcd",)
                                                         and "failureOutputs" in action)
    return counts


def _genesys_imported(result, flow) -> dict:
    kind = {n: result.origin_ids[n].split(" ", 1)[0] for n in flow.nodes}
    transfers = {t.lower() for t in _TRANSFERS}
    nodes = list(flow.nodes.values())
    return {
        "keys": {n.label: len(n.options) for n in nodes if n.type == "menu" and kind[n.id] == "menu"},
        "prompt": sum(bool(n.prompt) for n in nodes),
        "queue": sum(n.type == "queue" and kind[n.id] in ("transferToAcd", "menuTransferToAcd") for n in nodes),
        "transfer": sum(n.type in ("transfer", "callback") and kind[n.id].removeprefix("menu").lower() in transfers
                        for n in nodes),
        "voicemail": sum(n.type == "voicemail" for n in nodes),
        "hours": sum(n.type == "hours" for n in nodes),
        "error": sum(n.type == "branch" and "failure" in n.cases for n in nodes),
    }


@pytest.mark.parametrize("path", files("genesys-archy"), ids=lambda p: p.name)
def test_genesys_round_trip(path):
    export = yaml.safe_load(re.sub(r"\{\{\s*(\w+)\s*\}\}", r"\1", path.read_text()))  # template values
    result, flow = imported(path)
    assert _genesys_imported(result, flow) == _genesys_counts(export)
    digits = set()
    for mapping in _walk(export):
        for name, body in mapping.items():
            if isinstance(name, str) and name.startswith("menu") and isinstance(body, dict) and isinstance(body.get("dtmf"), str):
                digits.add(body["dtmf"].replace("digit_", "").replace("star", "*").replace("pound", "#"))
    taken = {k for n in flow.nodes.values() if n.type == "menu" for k in n.options}
    assert digits <= taken, digits - taken


# -- Asterisk ------------------------------------------------------------------------------------
_SECTION = re.compile(r"^\s*\[([^\]]+)\]", re.M)


@pytest.mark.parametrize("path", [p for p in files("asterisk") if p.suffix == ".conf"], ids=lambda p: p.name)
def test_asterisk_menu_keys_round_trip(path):
    text = path.read_text()
    result, flow = imported(path)
    sections = {}
    for match, following in zip(_SECTION.finditer(text), list(_SECTION.finditer(text))[1:] + [None]):
        sections[match.group(1)] = text[match.end():following.start() if following else len(text)]
    for node in flow.nodes.values():
        if node.type != "menu" or node.label not in sections:
            continue
        body = re.sub(r";.*", "", sections[node.label])
        own = set(re.findall(r"^\s*exten\s*=>?\s*([0-9*#])\s*,", body, re.M))
        assert own <= set(node.options), (node.id, own - set(node.options))


_APPS = {"queue": "queue", "dial": "transfer", "voicemail": "voicemail", "gotoiftime": "hours",
         "background": "menu|play", "playback": "play|menu|hangup|input", "read": "input"}
_STEP = re.compile(r"^\s*(exten|same)\s*=>?\s*(?:([^,]+),)?\s*[^,]+,\s*([A-Za-z]+)\s*\(", re.I)


@pytest.mark.parametrize("path", [p for p in files("asterisk") if p.suffix == ".conf"], ids=lambda p: p.name)
def test_asterisk_steps_round_trip(path):
    """Every Queue, Dial, VoiceMail, GotoIfTime, Background, Playback and Read line of an extension the import
    reached has its node, of the right type, at that line."""
    result, flow = imported(path)
    reached = set()
    for node_id, origin in result.origin_ids.items():
        parts = origin.split(",")
        if len(parts) >= 3:
            reached.add((parts[0].strip(), parts[1].strip()))
    by_line: dict[int, set[str]] = {}
    for node_id, origin in result.origins.items():
        if origin:
            by_line.setdefault(origin[0], set()).add(flow.nodes[node_id].type)
    context = exten = None
    first = 0
    counted = {app: 0 for app in _APPS}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        code = line.split(";", 1)[0]
        header = re.match(r"^\s*\[([^\]]+)\]", code)
        if header:
            context, exten = header.group(1).strip(), None
            continue
        step = _STEP.match(code)
        if not step:
            continue
        if step.group(1).lower() == "exten" and step.group(2).strip() != exten:
            exten, first = step.group(2).strip(), number
        app = step.group(3).lower()
        if app in _APPS and (context, exten) in reached:
            counted[app] += 1
            here = by_line.get(number, set())
            if app in ("background", "playback") and not here:  # a prompt the menu before it in the extension plays
                here = {"menu"} if any("menu" in by_line.get(n, ()) for n in range(first, number)) else here
            assert here & set(_APPS[app].split("|")), (number, line, by_line.get(number))
    assert sum(counted.values()) > 0


# -- every import simulates, and --var steers the branches -----------------------------------------
ALL = files("twilio-studio") + files("voicexml") + files("genesys-archy") + files("asterisk")


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_import_simulates(path):
    outcome = run("simulate", str(path), "--keys", "", "--at", "2026-12-01 10:00", "-f", "json")
    assert outcome.exit_code in (0, 1), outcome.output[-500:]


def _steerable(flow) -> list:
    """(branch, value, target) of every case of a branch on a variable the caller does not type (`error`,
    the outcome of the step before, is one too)."""
    answered = {n.variable for n in flow.nodes.values() if n.type == "input"}
    return [(node, value, target) for node in flow.nodes.values()
            if node.type == "branch" and node.on and node.on not in answered
            for value, target in node.cases.items()]


VARIABLES = ALL + files("other")


@pytest.mark.parametrize("path", [p for p in VARIABLES if "phrases" not in p.name and "jambonz" not in p.name],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_var_steers_every_branch_on_an_imported_variable(path):
    """`--var NAME=VALUE`, the name written as the import writes it (spaces, dots, `==` and all), takes
    each case of every branch on a variable (a call started at the branch, as simulate runs it)."""
    from ivr_lint.cli.simulate import parse_vars
    from ivr_lint.simulate.engine import Call, Caller, CallSettings
    from ivr_lint.simulate.loading import load_flow

    loaded = load_flow(str(path))
    flow = loaded.file.flow
    names = [n.on for n in flow.nodes.values() if n.type == "branch" and n.on]
    for node, value, target in _steerable(flow):
        variables = parse_vars((f"{node.on}={value}",), names)
        assert variables == {node.on: value}
        settings = CallSettings(moment=datetime(2026, 12, 1, 10, 0), variables=variables)
        transcript = Call(loaded.project, loaded.file, settings, Caller(), start_node=node.id).run()
        assert transcript.steps[0].edge.transition.target == target, (node.id, node.on, value)
