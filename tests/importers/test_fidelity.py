"""Round trip on the corpus: what the export says the call does is in the import, with its target.

Each count comes from a plain walk of the export written here (JSON, XML, YAML, dialplan
lines), not from the importers' code; the test asserts the import has each item.
"""

from __future__ import annotations

import json
import re
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
@pytest.mark.parametrize("path", files("twilio-studio"), ids=lambda p: p.name)
def test_twilio_round_trip(path):
    export = json.loads(path.read_text())
    result, flow = imported(path)
    by_label = {(n.label or n.id): n for n in flow.nodes.values()}
    counts = {"prompt": 0, "queue": 0, "transfer": 0, "voicemail": 0, "error": 0}
    for state in export["states"]:
        props, kind = state.get("properties", {}), state["type"]
        if props.get("say"):
            counts["prompt"] += 1
            plain = words(props["say"])
            assert all(w in said(flow) for w in plain.split()[:6]), (state["name"], plain)
        if kind in ("send-to-flex", "enqueue-call"):
            counts["queue"] += 1
            assert by_label.get(state["name"]) is not None or any(n.type in ("queue", "voicemail", "callback")
                                                                   for n in flow.nodes.values())
        if kind == "connect-call-to":
            counts["transfer"] += 1
            assert any(n.type == "transfer" and (n.number or "").startswith(words(props.get("to", ""))[:3])
                       for n in flow.nodes.values())
        if kind == "record-voicemail":
            counts["voicemail"] += 1
        for transition in state.get("transitions", []):
            if transition["event"] in ("fail", "failed"):
                counts["error"] += 1
                node = by_label.get(state["name"])
                assert node is not None and node.type == "branch", state["name"]
                target = node.cases.get(transition["event"])
                assert target in flow.nodes, (state["name"], transition)
                if transition.get("next"):
                    assert flow.nodes[target].label in (transition["next"], None) or target.startswith(
                        transition["next"].lower().replace("_", "-")[:8])
                else:
                    assert target.endswith("-unwired") and flow.nodes[target].type == "hangup"
    assert counts["prompt"] > 0
    assert sum(n.type in ("queue", "voicemail", "callback") for n in flow.nodes.values()) >= counts["queue"] > 0 \
        or counts["queue"] == 0


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


@pytest.mark.parametrize("path", files("genesys-archy"), ids=lambda p: p.name)
def test_genesys_round_trip(path):
    export = yaml.safe_load(re.sub(r"\{\{\s*(\w+)\s*\}\}", r"\1", path.read_text()))  # template values
    result, flow = imported(path)
    digits = set()
    for mapping in _walk(export):
        for name, body in mapping.items():
            if isinstance(name, str) and name.startswith("menu") and isinstance(body, dict) and isinstance(body.get("dtmf"), str):
                digits.add(body["dtmf"].replace("digit_", "").replace("star", "*").replace("pound", "#"))
    taken = {k for n in flow.nodes.values() if n.type == "menu" for k in n.options}
    assert digits <= taken, digits - taken
    acd = sum(1 for m in _walk(export) for k in m if isinstance(k, str) and k in ("transferToAcd", "menuTransferToAcd"))
    assert sum(n.type == "queue" for n in flow.nodes.values()) >= min(acd, 1)


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


# -- every import simulates, and --var steers the branches -----------------------------------------
ALL = files("twilio-studio") + files("voicexml") + files("genesys-archy") + files("asterisk")


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_import_simulates(path):
    outcome = run("simulate", str(path), "--keys", "", "--at", "2026-12-01 10:00", "-f", "json")
    assert outcome.exit_code in (0, 1), outcome.output[-500:]
