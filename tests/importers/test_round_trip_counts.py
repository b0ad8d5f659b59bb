"""Round trip by counts: VoiceXML, FreeSWITCH and Asterisk exports read here with plain ElementTree and a
line reader (not the importers' code), counted per file, and the same items counted in the import.

Each count is asserted three ways: the export's count, the import's count (nodes carrying the same export
origin, the importers' replay copies, count once), and the hand-checked table below, so neither a dropped
nor a duplicated key, prompt, way out or error branch goes unseen, and 0 == 0 cannot pass for a file that
has them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ivr_lint.importers import convert
from tests.conftest import CORPUS
from tests.importers.util import FIXTURES, load

KEY = re.compile(r"[0-9*#]\Z")


def corpus(folder: str, pattern: str) -> list[Path]:
    return sorted((CORPUS / folder).glob(pattern)) if (CORPUS / folder).is_dir() else []


def imported(path: Path):
    result = convert(path.read_bytes(), str(path))
    return result, load(result)


def elements(result, flow):
    """One node per export element: the importers' copies carry their original's origin and a longer id."""
    kept: dict[tuple, object] = {}
    for node in flow.nodes.values():
        key = (result.origins.get(node.id), node.type, node.prompt_text)
        if key not in kept or len(node.id) < len(kept[key].id):
            kept[key] = node
    return list(kept.values())


# -- FreeSWITCH ------------------------------------------------------------------------------------
FS_SOUNDS = ("greet-long", "greet-short", "invalid-sound", "exit-sound")
FS_ACTIONS = ("menu-exit", "menu-sub", "menu-exec-app", "menu-play-sound", "menu-back", "menu-top")


def sound_text(sound: str) -> str:
    """What a FreeSWITCH sound says: a `say:` text, else the unknown marker naming the phrase or file."""
    if sound.startswith("say:"):
        return sound[4:]
    if sound.startswith("phrase:"):
        return f"[unknown: phrase macro '{sound[7:].split(':')[0]}']"
    return f"[unknown: sound file '{sound}']"


def freeswitch_export(path: Path) -> dict:
    """Per menu its keys (first digit of each entry), its sounds, its ways out, its error events."""
    counts = {"keys": {}, "sounds": set(), "prompts": 0, "queues": 0, "transfers": 0, "voicemails": 0,
              "errors": 0}
    for menu in ET.parse(path).getroot().iter("menu"):
        keys = set()
        apps = [(menu.get(a) or "").split()[:1] for a in ("exec-on-max-failures", "exec-on-max-timeouts")]
        for entry in menu.iter("entry"):
            digits, action = entry.get("digits") or "", entry.get("action")
            if digits and action in FS_ACTIONS:
                keys.add(digits.lstrip("/^(")[0])
                counts["prompts"] += action == "menu-play-sound"
                if action == "menu-exec-app":
                    apps.append((entry.get("param") or "").split()[:1])
        for app in apps:
            counts["prompts"] += app == ["playback"]
            counts["queues"] += app in (["fifo"], ["callcenter"])
            counts["transfers"] += app in (["transfer"], ["bridge"])
            counts["voicemails"] += app == ["voicemail"]
        counts["keys"][menu.get("name")] = len(keys)
        counts["sounds"] |= {(menu.get("name"), sound_text(menu.get(a))) for a in FS_SOUNDS if menu.get(a)}
        counts["errors"] += 3  # silence (timeout), a wrong key (invalid-sound), the last failure (max-failures)
    return counts


def freeswitch_import(result, flow) -> dict:
    nodes = elements(result, flow)
    menus: dict[str, set] = {}
    errors: dict[str, set] = {}
    for node in flow.nodes.values():
        if node.type == "menu":
            name = result.origin_ids[node.id].removeprefix("menu ").removesuffix(" (again)")
            menus.setdefault(name, set()).update(node.options)
            errors.setdefault(name, set()).update(
                {"no-input", "no-match", "max-retries"} & {t.kind for t in node.transitions}
                | ({"no-input", "no-match"} if node.retries else set()))
    sounds, prompts = set(), set()
    for node in flow.nodes.values():
        origin = result.origin_ids[node.id]
        sound = re.fullmatch(r"menu (\S+)( \(again\)| invalid-sound| exit)?", origin)
        if node.prompt and sound:
            sounds.add((sound.group(1), node.prompt_text))
        elif node.prompt:
            prompts.add(origin)
    return {"keys": {m: len(k) for m, k in menus.items()}, "sounds": sounds, "prompts": len(prompts),
            "queues": sum(n.type == "queue" for n in nodes), "transfers": sum(n.type == "transfer" for n in nodes),
            "voicemails": sum(n.type == "voicemail" for n in nodes),
            "errors": sum(len(e) for e in errors.values())}


def sub_menu_exit_sounds(path: Path) -> set:
    """(menu, its exit-sound's words) of each menu a menu opens with menu-sub."""
    root = ET.parse(path).getroot()
    subs = {e.get("param") for e in root.iter("entry") if e.get("action") == "menu-sub"}
    return {(m.get("name"), sound_text(m.get("exit-sound"))) for m in root.iter("menu") if m.get("name") in subs and m.get("exit-sound")}


FS_EXPECTED = {  # sounds: greet-long, greet-short, invalid-sound, exit-sound; prompts: menu-play-sound entries
    "freeswitch-curl-ivr.conf.xml": {"keys": {"demo_ivr": 6, "demo_ivr_submenu": 1}, "sounds": 8, "prompts": 0,
                                     "queues": 0, "transfers": 5, "voicemails": 0, "errors": 6},
    "freeswitch-demo-ivr.xml": {"keys": {"demo_ivr": 7, "demo_ivr_submenu": 1}, "sounds": 8, "prompts": 0,
                                "queues": 0, "transfers": 6, "voicemails": 0, "errors": 6},
    "freeswitch-new-demo-ivr-phrases.xml": {
        "keys": {"new_demo_ivr": 5, "freeswitch_ivr_submenu": 2, "freeswitch_solutions_ivr_submenu": 2,
                 "cluecon_ivr_submenu": 2}, "sounds": 13, "prompts": 0, "queues": 0, "transfers": 0,
        "voicemails": 0, "errors": 12},
    "freeswitch_menus.xml": {"keys": {"main": 4, "billing": 5, "directory": 3}, "sounds": 7, "prompts": 2,
                             "queues": 1, "transfers": 3, "voicemails": 1, "errors": 9},
}
FS_FILES = corpus("other", "freeswitch-*.xml")


@pytest.mark.parametrize("path", [*FS_FILES, FIXTURES / "freeswitch_menus.xml"], ids=lambda p: p.name)
def test_freeswitch_counts(path):
    export, got = freeswitch_export(path), freeswitch_import(*imported(path))
    assert {**export, "sounds": len(export["sounds"])} == FS_EXPECTED[path.name]
    # every sound but a sub-menu's exit-sound (see the xfail below) is in the import, and nothing more
    assert got["sounds"] == export["sounds"] - sub_menu_exit_sounds(path)
    assert {**got, "sounds": None} == {**export, "sounds": None}


@pytest.mark.xfail(strict=True, reason="freeswitch importer: a sub-menu's exit-sound is not played when it "
                                       "leaves (max-failures/max-timeouts) and returns to the menu that opened it")
@pytest.mark.parametrize("path", FS_FILES, ids=lambda p: p.name)
def test_freeswitch_sub_menu_exit_sound_is_played(path):
    assert freeswitch_import(*imported(path))["sounds"] == freeswitch_export(path)["sounds"]
