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
from tests.importers.util import FIXTURES, load, reached_extensions

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
    # every sound but a sub-menu's exit-sound (FreeSWITCH plays it only for the top menu) is in the import, and nothing more
    assert got["sounds"] == export["sounds"] - sub_menu_exit_sounds(path)
    assert {**got, "sounds": None} == {**export, "sounds": None}


@pytest.mark.parametrize("path", FS_FILES, ids=lambda p: p.name)
def test_freeswitch_a_sub_menu_exit_sound_is_not_played(path):
    """switch_ivr_menu_execute plays exit-sound only when the menu stack holds one menu (the top
    menu ending the IVR): a sub-menu returning to its parent says nothing."""
    got = freeswitch_import(*imported(path))["sounds"]
    assert sub_menu_exit_sounds(path) and not sub_menu_exit_sounds(path) & got


# -- VoiceXML --------------------------------------------------------------------------------------
def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def vxml_keys(element) -> int:
    """The DTMF keys a <menu> or <field> takes: choices' dtmf (numbered by dtmf="true"), options' dtmf, a
    boolean's 1 and 2, the single-key items of an inline DTMF grammar."""
    kids = [k for k in element.iter() if local(k.tag) in ("choice", "option")]
    if local(element.tag) == "menu":
        numbered = element.get("dtmf") == "true"
        keys = {c.get("dtmf") or (str(i) if numbered and i < 10 else None) for i, c in enumerate(kids, 1)}
    else:
        keys = {o.get("dtmf") for o in kids}
        if (element.get("type") or "").split("?")[0] == "boolean":
            keys |= {"1", "2"}
        for grammar in element.iter():
            if local(grammar.tag) == "grammar" and grammar.get("mode") == "dtmf":
                keys |= {words(i) for i in grammar.iter() if local(i.tag) == "item" and KEY.match(words(i))}
            if local(grammar.tag) == "dtmf":  # VoiceXML 1.0 <dtmf>: JSGF, `|` between choices ("1 2 3" is a sequence)
                keys |= {k.strip() for k in re.sub(r"\{[^}]*\}", " ", words(grammar)).split("|") if KEY.match(k.strip())}
    return len(keys - {None})


HANDLERS = {"noinput", "nomatch"}


def handlers(element, event: str) -> list:
    """`element`'s own handlers of `event`: <noinput>/<nomatch>, or a <catch> naming it."""
    return [h for h in element if local(h.tag) == event or (
        local(h.tag) == "catch" and event in (h.get("event") or "").split())]


def scoped_handlers(root, item, events=HANDLERS) -> int:
    """The handler elements that catch silence and a wrong answer in a field or menu: its own, else its
    form's, else the document's (the nearest level that has one for that event, all its `count`s). A
    <record> throws only `noinput` (silence, no audio recorded)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    found = 0
    for event in events:
        level = item
        while level is not None and not handlers(level, event):
            level = parents.get(level)
        found += len(handlers(level, event)) if level is not None else 0
    return found


def vxml_export(path: Path) -> dict:
    root = ET.fromstring(path.read_bytes())
    counts = {"keys": {}, "prompts": 0, "texts": 0, "transfers": 0, "exits": 0, "voicemails": 0, "handlers": 0}
    hung_up = {e for c in root.iter() if local(c.tag) == "catch" and "disconnect" in (c.get("event") or "")
               for e in c.iter()}  # what runs once the caller has gone is no part of the call
    for element in root.iter():
        tag = local(element.tag)
        if element in hung_up:
            continue
        if tag == "prompt" or (tag == "audio" and element not in prompted(root)):
            counts["prompts"] += 1
        if tag in BARE and bare_text(element):
            counts["texts"] += 1
        if tag in ("menu", "field"):
            keys = vxml_keys(element)
            name = f"{tag} {element.get('id' if tag == 'menu' else 'name', '')}"
            if keys:
                counts["keys"][name] = counts["keys"].get(name, 0) + keys
        counts["transfers"] += tag == "transfer"
        counts["voicemails"] += tag == "record"
        counts["exits"] += tag == "submit" or (tag in ("choice", "goto", "link") and bool(element.get("next"))
                                               and not element.get("next", "").startswith("#"))
        counts["handlers"] += scoped_handlers(root, element) if tag in ("field", "menu") else 0
        counts["handlers"] += scoped_handlers(root, element, ("noinput",)) if tag == "record" else 0
    return counts


BARE = ("block", "noinput", "nomatch", "catch", "filled")


def bare_text(element) -> str:
    """Words written straight in a block or handler, outside any <prompt> (said as if in one)."""
    return " ".join(" ".join([element.text or ""] + [k.tail or "" for k in element]).split())


def prompted(root) -> set:
    return {a for p in root.iter() if local(p.tag) == "prompt" for a in p.iter()}


def prompt_said(element) -> str:
    """The first words of a <prompt> (its first <value> cut off), else the unknown marker of its first audio."""
    text = (element.text or "") + "".join(
        ("\0" if local(k.tag) in ("value", "audio") else "".join(k.itertext())) + (k.tail or "") for k in element)
    first = " ".join(text.split("\0")[0].split()[:5])
    audio = next((a.get("src") for a in element.iter() if local(a.tag) == "audio" and a.get("src")), None)
    return first or (f"[unknown: audio prompt '{audio}'" if audio else "")  # a fallback text may follow


ORIGIN = re.compile(r"<(menu id|field name)=(.*)>")


def vxml_import(result, flow) -> dict:
    nodes = elements(result, flow)
    counts = {"keys": {}, "prompts": None, "texts": None, "transfers": 0, "exits": 0, "voicemails": 0, "handlers": 0}
    for node in nodes:
        origin = result.origin_ids[node.id]
        named = ORIGIN.fullmatch(origin)
        if node.type == "menu" and named and not node.id.endswith("-wait") and "-n" not in node.id[-8:]:
            name = f"{named.group(1).split()[0]} {named.group(2)}"
            counts["keys"][name] = counts["keys"].get(name, 0) + len(node.options)
        counts["transfers"] += node.type == "transfer" and origin.startswith("<transfer ")
        counts["exits"] += node.type in ("transfer", "goto") and origin.startswith(
            ("<submit ", "<choice next=", "<goto next=", "<link next="))
    # a <record> and its copies (after a silence, without its prompts) are one voicemail
    counts["voicemails"] = len({result.origins[n.id] for n in flow.nodes.values() if n.type == "voicemail"})
    # an event that leads straight to a copy of the same field (its next visit, the default handler's
    # reprompt with the prompts the next count selects) is the field again, not a handler of the export
    handled = {(result.origins[node.id], t.kind, result.origins.get(t.target) if t.target in flow.nodes else t.target)
               for node in flow.nodes.values() if node.type in ("menu", "input", "voicemail")
               for t in node.transitions if t.kind in ("no-input", "no-match", "invalid") and not t.implicit
               and not (t.target != node.id and t.target in flow.nodes and flow.nodes[t.target].type == node.type
                        and result.origins[t.target] == result.origins[node.id])}
    counts["handlers"] = len(handled)
    return counts


VXML_EXPECTED = {
    "acme-main-menu.vxml": {"keys": {"menu main_menu": 4, "field information_request": 3}, "prompts": 3, "texts": 0,
                            "transfers": 0, "exits": 4, "voicemails": 0, "handlers": 0},
    "acme-taxi-form-record.vxml": {"keys": {"field share": 2, "field voice_confirm_request": 2}, "prompts": 17, "texts": 1,
                                   "transfers": 0, "exits": 0, "voicemails": 1, "handlers": 3},
    "adaptive-error-handling.vxml": {"keys": {"field action": 4}, "prompts": 4, "texts": 5, "transfers": 0, "exits": 0,
                                     "voicemails": 0, "handlers": 5},
    "ivrpowers-voicemail-record.vxml": {"keys": {}, "prompts": 1, "texts": 0, "transfers": 0, "exits": 1, "voicemails": 1,
                                        "handlers": 1},
    "opening-hours-cond-prompt.vxml": {"keys": {}, "prompts": 4, "texts": 0, "transfers": 0, "exits": 0, "voicemails": 0,
                                       "handlers": 0},
    "rubberbands-customer-service.vxml": {"keys": {}, "prompts": 11, "texts": 0, "transfers": 1, "exits": 0, "voicemails": 0,
                                          "handlers": 12},
    "techie-tips-menu-noinput.vxml": {"keys": {}, "prompts": 1, "texts": 5, "transfers": 0, "exits": 3, "voicemails": 0,
                                      "handlers": 2},
    "transfer2-bridge.vxml": {"keys": {"field talk": 2}, "prompts": 5, "texts": 0, "transfers": 1, "exits": 0,
                              "voicemails": 0, "handlers": 0},
}
VXML_FILES = corpus("voicexml", "*.vxml")


@pytest.mark.parametrize("path", VXML_FILES, ids=lambda p: p.name)
def test_voicexml_counts(path):
    export = vxml_export(path)
    result, flow = imported(path)
    assert export == VXML_EXPECTED[path.name]
    # prompts are merged into the node that says them: each one's words are there, from one element
    heard = " ".join(n.prompt_text for n in flow.nodes.values())
    root = ET.fromstring(path.read_bytes())
    for prompt in (p for p in root.iter() if local(p.tag) == "prompt" and p.get("count", "1") == "1"):
        assert prompt_said(prompt) in heard, prompt_said(prompt)
    for element in (e for e in root.iter() if local(e.tag) in BARE and bare_text(e)):
        assert " ".join(bare_text(element).split()[:5]) in heard, bare_text(element)
    assert vxml_import(result, flow) == {**export, "prompts": None, "texts": None}


def test_voicexml_tapered_prompts_are_said_on_later_visits():
    path = CORPUS / "voicexml" / "acme-taxi-form-record.vxml"
    if not path.is_file():
        pytest.skip("no shared corpus")
    heard = " ".join(n.prompt_text for n in imported(path)[1].nodes.values())
    assert "Please say your phone number." in heard and "Please tell me your phone number." in heard


# -- Asterisk extensions.conf ---------------------------------------------------------------------
STEP = re.compile(r"^\s*(exten|same)\s*=>?\s*(?:([^,]+),)?\s*([^,(]+?)(?:\([^)]*\))?\s*,\s*([A-Za-z]+)\s*(?:\((.*)\))?\s*$",
                  re.I)
AST_APPS = {"background": "prompts", "playback": "prompts", "saydigits": "prompts", "saynumber": "prompts",
            "sayalpha": "prompts", "festival": "prompts", "flite": "prompts", "espeak": "prompts",
            "echo": "prompts",  # the caller hears their own voice: a sound the import marks unknown
            "queue": "queues", "dial": "transfers", "voicemail": "voicemails", "voicemailmain": "voicemails", "gotoiftime": "hours",
            "execiftime": "hours"}


def dialplan(path: Path):
    """(line, context, extension, application, arguments) of every step, read line by line."""
    context = exten = None
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        code = re.sub(r"(?<!\\);.*", "", line)
        header = re.match(r"^\s*\[([^\]]+)\]", code)
        if header:
            context, exten = header.group(1).strip(), None
            continue
        step = STEP.match(code)
        if step:
            if step.group(1).lower() == "exten":
                exten = step.group(2).strip()
            yield number, context, exten, step.group(4).lower(), step.group(5) or ""


def asterisk_export(path: Path, reached: set) -> dict:
    """What the extensions the call reaches do: each menu context's one-key extensions, prompts, ways
    out, hours checks; `i` and `t` of each menu context are its error branches."""
    counts = {"keys": {}, "dialled": {}, "prompts": 0, "queues": 0, "transfers": 0, "voicemails": 0, "hours": 0,
              "errors": {}}
    steps = list(dialplan(path))
    menus = {c for _, c, e, app, _ in steps if app in ("waitexten", "background") and (c, e) in reached}
    timed = {c for _, c, e, _, _ in steps if e == "t"}
    waited = set()
    for number, context, exten, app, args in steps:
        if (context, exten) in waited:
            continue  # after WaitExten a context with `t` goes there on silence: the next steps never run
        if app == "waitexten" and context in timed:
            waited.add((context, exten))
        if (context, exten) in reached and app in AST_APPS:
            counts[AST_APPS[app]] += 1
        if app == "read" and (context, exten) in reached and len(args.split(",")) > 1 and args.split(",")[1]:
            counts["prompts"] += 1  # Read(variable,prompt...)
        if app == "agi" and (context, exten) in reached and "tts" in args.split(",")[0]:
            counts["prompts"] += 1
    waiting = {(c, e) for _, c, e, app, _ in steps if app in ("waitexten", "background") and (c, e) in reached}
    for context in sorted(menus):
        extens = {e for _, c, e, _, _ in steps if c == context}
        # a caller at the menu dials any extension of the context: one key, or the first of several digits
        longer = {e for e in extens if len(e) > 1 and re.fullmatch(r"[0-9*#]+", e) and (context, e) not in waiting}
        keys = {e for e in extens if KEY.match(e)} | {e[0] for e in longer}
        if keys:
            counts["keys"][context] = len(keys)
        if longer:
            counts["dialled"][context] = len(longer)
        for exten, kind in (("t", "no-input"), ("i", "no-match")):
            first = next((args for _, c, e, app, args in steps if (c, e) == (context, exten)), None)
            jump = next((args for _, c, e, app, args in steps if (c, e) == (context, exten) and app == "goto"), "")
            if first is not None:  # where the error goes: the extension, or the one its first step jumps to
                parts = [p.strip() for p in jump.split(",")] if first == jump else []
                counts["errors"][(context, kind)] = parts[-2] if len(parts) >= 2 else exten
    return counts


def asterisk_import(result, flow) -> dict:
    nodes = elements(result, flow)
    line = {n.id: (result.origins.get(n.id) or (None,))[0] for n in flow.nodes.values()}
    what = {n.id: result.origin_ids[n.id] for n in flow.nodes.values()}
    keys: dict[str, set] = {}
    dialled: dict[str, set] = {}
    errors = {}
    for node in flow.nodes.values():
        digits = re.fullmatch(r"(.+) digits after ([0-9*#])", node.on or "") if node.type == "branch" else None
        if digits:  # the digits after a menu's first key: the extensions of several digits
            dialled.setdefault(digits.group(1), set()).update(digits.group(2) + rest for rest in node.cases)
        if node.type != "menu":
            continue
        context, exten = (p.strip() for p in what[node.id].split(",")[:2])
        keys.setdefault(context, set()).update(node.options)
        for t in node.transitions:
            target = what.get(t.target, "")
            # (without `t` or `i`, silence or a wrong key goes on with the menu's own extension: no error branch)
            if t.kind in ("no-input", "no-match") and not t.implicit and target.startswith(context + ",") and \
                    target.split(",")[1].strip() != exten:
                errors[(context, t.kind)] = target.split(",")[1].strip()
    return {"keys": {c: len(k) for c, k in keys.items() if k}, "dialled": {c: len(d) for c, d in dialled.items()},
            "prompts": len({line[n.id] for n in nodes if n.prompt and not what[n.id].endswith("end of extension")}),
            "queues": sum(n.type == "queue" for n in nodes),
            "transfers": sum(n.type == "transfer" and ": Dial" in what[n.id] for n in nodes),
            "voicemails": sum(n.type == "voicemail" for n in nodes),
            "hours": sum(n.type == "hours" for n in nodes), "errors": errors}


AST_EXPECTED = {  # dialled: extensions of several digits a caller dials at the menu
    "asterisk-basic-pbx-main-ivr.conf": {"keys": {"Main-IVR": 5}, "dialled": {}, "prompts": 3, "queues": 2,
                                         "transfers": 1, "voicemails": 1, "hours": 0,
                                         "errors": {("Main-IVR", "no-input"): "t", ("Main-IVR", "no-match"): "i"}},
    "asterisk-sample-extensions.conf": {"keys": {"demo": 7}, "dialled": {"demo": 8}, "prompts": 9, "queues": 0,
                                        "transfers": 1, "voicemails": 3, "hours": 0,
                                        "errors": {("demo", "no-input"): "#", ("demo", "no-match"): "i"}},
    "asterisk_ivr.conf": {"keys": {"ivr-main": 3}, "dialled": {}, "prompts": 3, "queues": 1, "transfers": 2,
                          "voicemails": 2, "hours": 1, "errors": {("ivr-main", "no-match"): "i"}},
}
AST_FILES = corpus("asterisk", "*.conf")


@pytest.mark.parametrize("path", [*AST_FILES, FIXTURES / "asterisk_ivr.conf"], ids=lambda p: p.name)
def test_asterisk_counts(path):
    result, flow = imported(path)
    export = asterisk_export(path, reached_extensions(result))
    assert asterisk_import(result, flow) == export
    assert export == AST_EXPECTED[path.name]


# -- hand-made exports for what the corpus does not exercise -----------------------------------------
OWN_VXML = """<?xml version="1.0" encoding="UTF-8"?>
<vxml xmlns="http://www.w3.org/2001/vxml" version="2.1">
  <catch event="noinput nomatch" count="1"><prompt>Sorry?</prompt><reprompt/></catch>
  <catch event="nomatch" count="3"><prompt>Let me put you through.</prompt><goto next="#desk"/></catch>
  <menu id="top" dtmf="true">
    <prompt>Mairie de Lyon. <enumerate/></prompt>
    <choice next="#civil">civil status</choice>
    <choice next="#desk">an advisor</choice>
    <choice next="#message">leave a message</choice>
  </menu>
  <form id="civil">
    <field name="what">
      <prompt>For a birth certificate press 4, for a wedding press 5.</prompt>
      <grammar mode="dtmf" version="1.0" root="k">
        <rule id="k"><one-of><item>4</item><item>5</item><item>0</item></one-of></rule>
      </grammar>
      <noinput><prompt>Please choose.</prompt></noinput>
      <filled><goto next="http://example.org/civil.vxml"/></filled>
    </field>
  </form>
  <form id="desk">
    <transfer name="call" dest="tel:+33400000000" bridge="true">
      <prompt>Please hold.</prompt>
    </transfer>
  </form>
  <form id="message">
    <record name="msg" maxtime="60s"><prompt>After the tone, speak.</prompt></record>
    <block><submit next="http://example.org/save" namelist="msg"/></block>
  </form>
</vxml>
"""

OWN_CONF = """[globals]
OPEN=08:00-18:00
[accueil]
exten => s,1,Answer
same  => n,GotoIfTime(${OPEN},mon-fri,*,*?menu,1)
same  => n,Playback(ferme)
same  => n,VoiceMail(500@mairie)
exten => menu,1,Set(TIMEOUT(digit)=3)
same  => n,Background(bienvenue)
same  => n,WaitExten(6)
exten => 1,1,Queue(etat-civil)
exten => 101,1,Dial(PJSIP/101)
exten => 102,1,Dial(PJSIP/102)
exten => 9,1,Playback(au-revoir)
same  => n,Hangup
exten => t,1,Goto(9,1)
"""


def test_own_voicexml_counts(tmp_path):
    """A dtmf="true" menu, an inline SRGS grammar of keys, document-level catches with counts, a bridged
    transfer, a record and a submit."""
    path = tmp_path / "mairie.vxml"
    path.write_text(OWN_VXML)
    result, flow = imported(path)
    export = vxml_export(path)
    assert export == {"keys": {"menu top": 3, "field what": 3}, "prompts": 7, "texts": 0, "transfers": 1,
                      "exits": 2, "voicemails": 1, "handlers": 7}  # the record's silence: the document's catch
    assert vxml_import(result, flow) == {**export, "prompts": None, "texts": None}
    menu = next(n for n in flow.nodes.values() if result.origin_ids[n.id] == "<menu id=top>" and n.prompt)
    assert {k: flow.nodes[o.next].type for k, o in menu.options.items()} == {
        "1": "menu", "2": "transfer", "3": "voicemail"}
    heard = " ".join(n.prompt_text for n in flow.nodes.values())
    for words_ in ("Mairie de Lyon.", "For a birth certificate press 4", "Please choose.", "Sorry?",
                   "Let me put you through.", "Please hold.", "After the tone, speak."):
        assert words_ in heard, words_


def test_own_dialplan_counts_and_dialled_extensions(tmp_path):
    """`same  =>` with spaces, a schedule from [globals], key 1 that is both an extension and the start of
    101 and 102, `t` that jumps to another extension."""
    path = tmp_path / "extensions.conf"
    path.write_text(OWN_CONF)
    result, flow = imported(path)
    export = asterisk_export(path, reached_extensions(result))
    assert export == {"keys": {"accueil": 2}, "dialled": {"accueil": 2}, "prompts": 3, "queues": 1,
                      "transfers": 2, "voicemails": 1, "hours": 1, "errors": {("accueil", "no-input"): "9"}}
    assert asterisk_import(result, flow) == export
    menu = next(n for n in flow.nodes.values() if n.type == "menu")
    dial = flow.nodes[menu.options["1"].next]
    assert (dial.type, dial.digits, dial.timeout) == ("input", (2, 2), 3.0)
    assert flow.nodes[dial.on_no_input].type == "queue"  # 1 alone, after the digit timeout
    branch = flow.nodes[dial.next]
    assert {case: flow.nodes[t].type for case, t in branch.cases.items()} == {"01": "transfer", "02": "transfer"}
    assert flow.nodes[branch.default].type == "hangup"  # no `i`: Asterisk hangs up on what matches nothing
