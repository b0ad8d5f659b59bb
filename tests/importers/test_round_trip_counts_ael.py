"""Asterisk AEL round trip by counts: the .ael file read here line by line (not the importer's parser),
counted per file, and the same items counted in the import.

What the reader counts, in the contexts and extensions the import reaches (a macro's steps are under
its `s` extension, as the importer inlines it; `catch a` is its own extension): each sound file an
extension plays (Playback, Background, Read's prompt; consecutive Backgrounds may be one node), each
line with another prompt application (Say*, text to speech, Echo), each line with a Queue, a Dial (or
a conference, the directory), a voicemail application, a time check (GotoIfTime, ifTime); each menu
context's keys (its one-key extensions and the first digit of the longer ones) and the extensions of
several digits dialled from it; its `i` and `t` extensions as the menu's wrong-key and silence
branches, with where they lead; the extensions `goto`s name, each of which the import must reach. Each count is asserted three ways: the export's, the import's (nodes by
their origin; a macro inlined at several calls counts once) and the hand-checked table."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from ivr_lint.importers import convert
from tests.conftest import CORPUS, run
from tests.importers.util import FIXTURES, load, reached_extensions

AEL_FILES = sorted((CORPUS / "asterisk").glob("*.ael")) if (CORPUS / "asterisk").is_dir() else []
KINDS = {"playback": "prompts", "background": "prompts", "controlplayback": "prompts", "saydigits": "prompts",
         "saynumber": "prompts", "sayalpha": "prompts", "sayphonetic": "prompts", "sayunixtime": "prompts",
         "festival": "prompts", "flite": "prompts", "espeak": "prompts", "picotts": "prompts",
         "echo": "prompts",  # the caller hears their own voice: an unknown sound in the import
         "queue": "queues", "dial": "transfers", "meetme": "transfers", "confbridge": "transfers",
         "directory": "transfers", "voicemail": "voicemails", "voicemailmain": "voicemails",
         "gotoiftime": "hours", "iftime": "hours"}
APP = re.compile(r"\b([A-Za-z]+)\s*\(")
HEAD = re.compile(r"^\s*(?:abstract\s+)?(context|macro)\s+([\w-]+)", re.I)
EXTEN = re.compile(r"^\s*(?:regexten\s+|hint\([^)]*\)\s+)*([\w*#+.\[\]-]+)\s*=>|^\s*catch\s+(\w+)\s*\{")
KEY = re.compile(r"[0-9*#]\Z")


def code_lines(path: Path):
    """(line number, code) with `//` and `/* */` comments blanked."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), start=1):
        yield number, re.sub(r"//.*", "", line)


def extension_lines(path: Path):
    """(line number, context, extension, code, names an extension) of every code line after a
    context's head; the code is what follows an extension's `=>`."""
    context = exten = None
    for number, code in code_lines(path):
        head = HEAD.match(code)
        if head:
            context, exten = head.group(2), "s"
            continue
        named = EXTEN.match(code)
        if named and context:
            exten = named.group(1) or named.group(2)  # `catch a {`: a macro's own `a` extension
            yield number, context, exten, code[named.end():], True
        else:
            yield number, context, exten, code, False


GOTO = re.compile(r"\bgoto\s+([^;]+);", re.I)
INCLUDES = re.compile(r"\bincludes\s*\{([^}]*)\}", re.S)


def includes(path: Path) -> dict[str, set[str]]:
    """context -> the contexts its `includes { ...; }` block names."""
    text = "\n".join(code for _, code in code_lines(path))
    out: dict[str, set[str]] = {}
    for block in re.finditer(r"context\s+([\w-]+)\s*\{", text):
        inner = INCLUDES.search(text, block.end())
        nxt = re.compile(r"\bcontext\s+[\w-]+\s*\{").search(text, block.end())
        if inner and (nxt is None or inner.start() < nxt.start()):
            out.setdefault(block.group(1), set()).update(w.strip() for w in inner.group(1).split(";") if w.strip())
    return out


def gotos(path: Path, reached: set) -> set[tuple[str, str]]:
    """(context, extension) each `goto` of a reached extension jumps to (a label alone: its own
    extension), when the dialplan names it without a variable."""
    found = set()
    for _, context, exten, code, _named in extension_lines(path):
        for target in GOTO.findall(code):
            parts = [p.strip() for p in re.split(r"[|,]", target)]
            if "${" in target or (context, exten) not in reached or len(parts) > 3:
                continue
            found.add((context, exten) if len(parts) == 1 else (context, parts[0]) if len(parts) == 2 else
                      (parts[0], parts[1]))
    return found


@functools.lru_cache(maxsize=16)
def steps(path: Path):
    """(line, context, extension, application) of every application call, and each extension met."""
    found, extens = [], []
    for number, context, exten, code, named in extension_lines(path):
        if named:
            extens.append((number, context, exten))
        for app in APP.findall(code):
            if context:
                found.append((number, context, exten, app.lower()))
    return found, extens


SOUND_APPS = {"playback": 0, "background": 0, "controlplayback": 0, "read": 1}  # which argument names the files


def sounds(args: str, index: int) -> set[str]:
    """The sound files an application plays (`a&b`, options after the file dropped)."""
    parts = [p.strip().strip('"') for p in re.split(r"[,|]", args)]
    return {f for f in (parts[index] if len(parts) > index else "").split("&") if f}


def ael_export(path: Path, reached: set) -> dict:
    counts = {"keys": {}, "dialled": {}, "prompts": set(), "sounds": set(), "queues": set(), "transfers": set(),
              "voicemails": set(), "hours": set(), "errors": {}}
    found, extens = steps(path)
    for number, context, exten, app in found:
        if (context, exten) not in reached:
            continue
        if app in SOUND_APPS:  # consecutive ones may be one node: counted by file, per extension
            counts["sounds"] |= {(context, exten, f) for f in sounds(call_args(path, number, app), SOUND_APPS[app])}
        elif app in KINDS:
            counts[KINDS[app]].add(number)
    menus = {c for _, c, e, app in found if app in ("background", "waitexten") and (c, e) in reached}
    for context in sorted(menus):
        names = {e for _, c, e in extens if c == context}
        # one key, or the first digit of an extension of several (a pattern of digits, `_1234`, too)
        keys = {e for e in names if KEY.match(e)} | {e.lstrip("_")[0] for e in names
                                                     if len(e) > 1 and re.fullmatch(r"_?[0-9*#]+", e)}
        if keys:
            counts["keys"][context] = len(keys)
        longer = {e.lstrip("_") for e in names if len(e.lstrip("_")) > 1 and re.fullmatch(r"_?[0-9*#]+", e)} - {
            e for _, c, e, app in found if c == context and app in ("background", "waitexten")}
        if longer:  # dialled from the menu: the first key, then the rest
            counts["dialled"][context] = len(longer)
        for exten, kind in (("t", "no-input"), ("i", "no-match")):
            if exten in names:  # where the error goes: the extension, or the one it jumps to straight away
                jump = re.match(rf"\s*{re.escape(exten)}\s*=>\s*{{?\s*goto\s+([\w*#]+)\s*\|\s*\w+\s*;",
                                first_statement(path, context, exten))
                counts["errors"][(context, kind)] = jump.group(1) if jump else exten
    # a menu context's extensions are all dialled from it, even one that only jumps (no node of its own)
    counts["gotos"] = gotos(path, reached | {(c, e) for _, c, e in extens if c in menus})
    return {k: len(v) if isinstance(v, set) else v for k, v in counts.items()}


def first_statement(path: Path, context: str, exten: str) -> str:
    """An extension's head and its first statement (`t => goto #|1;`, `t => {` then `goto s|begin;`)."""
    _, extens = steps(path)
    code = dict(code_lines(path))
    start = next((n for n, c, e in extens if (c, e) == (context, exten)), None)
    text = ""
    while start in code and ";" not in text:
        text += " " + code[start]
        start += 1
    return text.split(";")[0] + ";"


def call_args(path: Path, number: int, app: str) -> str:
    line = path.read_text(encoding="utf-8", errors="replace").splitlines()[number - 1]
    match = re.search(rf"\b{app}\s*\((.*)\)", line, re.I)
    return match.group(1) if match else ""


def ael_import(result, flow) -> dict:
    what = {n.id: result.origin_ids[n.id] for n in flow.nodes.values()}
    line = {n.id: (result.origins.get(n.id) or (None,))[0] for n in flow.nodes.values()}
    counts = {"keys": {}, "dialled": {}, "prompts": set(), "sounds": set(), "queues": set(), "transfers": set(),
              "voicemails": set(), "hours": set(), "errors": {}}
    keys: dict[str, set] = {}
    dialled: dict[str, set] = {}
    for node in flow.nodes.values():
        digits = re.fullmatch(r"(.+) digits after ([0-9*#])", node.on or "") if node.type == "branch" else None
        if digits:  # the digits after a menu's first key: the extensions of several digits
            dialled.setdefault(digits.group(1), set()).update(digits.group(2) + rest for rest in node.cases)
        if line[node.id] is None:
            continue  # the importer's own ends (a jump out of the file)
        context, exten = (p.strip() for p in (what[node.id].split(",") + [""])[:2])
        files = re.findall(r"\[unknown: audio prompt '([^']*)'", node.prompt_text)
        counts["sounds"] |= {(context, exten, f) for f in files}
        if node.prompt and not files and not what[node.id].endswith("end of extension"):
            counts["prompts"].add(line[node.id])
        kind = {"queue": "queues", "transfer": "transfers", "voicemail": "voicemails", "hours": "hours"}.get(node.type)
        if kind:
            counts[kind].add(line[node.id])
        if node.type != "menu":
            continue
        keys.setdefault(context, set()).update(node.options)
        for t in node.transitions:
            target = what.get(t.target, "")
            if t.kind in ("no-input", "no-match") and not t.implicit and target.startswith(context + ","):
                exten = target.split(",")[1].strip()
                if not target.endswith(("no `i` extension", "no `t` extension")):  # the importer's own hang-up
                    counts["errors"][(context, t.kind)] = exten
    counts["keys"] = {c: len(k) for c, k in keys.items() if k}
    counts["dialled"] = {c: len(d) for c, d in dialled.items()}
    return {k: len(v) if isinstance(v, set) else v for k, v in counts.items()}


def menus(result, flow) -> set[str]:
    return {result.origin_ids[n.id].split(",")[0].strip() for n in flow.nodes.values() if n.type == "menu"}


def imported(path: Path):
    result = convert(path.read_bytes(), str(path))
    return result, load(result)


AEL_EXPECTED = {  # checked by hand against the files. sounds: (context, extension, file); prompts: lines of other
    # prompt applications; gotos: the (context, extension) pairs the gotos of reached extensions name
    "ael-test19-menus.ael": {"keys": {}, "dialled": {}, "prompts": 0, "sounds": 4, "queues": 0, "transfers": 2,
                             "voicemails": 4, "hours": 0, "gotos": 1, "errors": {}},
    "ael-test3-murphy-homeline-holidays.ael": {
        "keys": {"home-introduction": 4, "home-introduction-record": 2, "homeline": 7, "homeline-kids": 7},
        "dialled": {"homeline": 3}, "prompts": 2, "sounds": 31, "queues": 0, "transfers": 3, "voicemails": 5,
        "hours": 13, "gotos": 7, "errors": {
            ("home-introduction", "no-input"): "s", ("home-introduction", "no-match"): "i",
            ("home-introduction-record", "no-input"): "s", ("home-introduction-record", "no-match"): "i",
            ("homeline", "no-input"): "t", ("homeline", "no-match"): "i",
            ("homeline-kids", "no-input"): "s", ("homeline-kids", "no-match"): "i"}},
    "ael-test5-queue.ael": {"keys": {"app-calltrace-perform": 1}, "dialled": {}, "prompts": 1, "sounds": 8,
                            "queues": 0, "transfers": 0, "voicemails": 0, "hours": 0, "gotos": 0,
                            "errors": {("app-calltrace-perform", "no-input"): "t",
                                       ("app-calltrace-perform", "no-match"): "i"}},
    # 1000, 500, 600, 8500 and _1234 (a pattern with no wildcard: the number 1234) dialled from the menu
    "asterisk-sample-extensions.ael": {"keys": {"ael-demo": 7}, "dialled": {"ael-demo": 5}, "prompts": 1,
                                       "sounds": 9, "queues": 0, "transfers": 2, "voicemails": 3, "hours": 0,
                                       "gotos": 3,
                                       "errors": {("ael-demo", "no-input"): "#", ("ael-demo", "no-match"): "i"}},
    "asterisk_ivr.ael": {"keys": {"incoming": 2}, "dialled": {}, "prompts": 0, "sounds": 3, "queues": 0,
                         "transfers": 1, "voicemails": 2, "hours": 1, "gotos": 1,
                         "errors": {("incoming", "no-input"): "t"}},
}


@pytest.mark.parametrize("path", [*AEL_FILES, FIXTURES / "asterisk_ivr.ael"], ids=lambda p: p.name)
def test_ael_counts(path):
    result, flow = imported(path)
    export = ael_export(path, reached_extensions(result))
    assert {**ael_import(result, flow), "gotos": landed_gotos(path, result, flow)} == export
    assert export == AEL_EXPECTED[path.name]


def landed_gotos(path: Path, result, flow) -> int:
    """How many of the file's goto targets land in the import: an extension the import reaches (in the
    context named or one it includes), or a jump out of the file the import keeps as such."""
    reached, inside = reached_extensions(result), includes(path)
    out = {tuple(p.strip() for p in o[5:].split(",")[:2]) for o in result.origin_ids.values() if o.startswith("goto ")}
    dialled = {(c, e) for _, c, e in steps(path)[1] if c in menus(result, flow)}
    return sum(any((c, exten) in reached for c in {context} | inside.get(context, set())) or (context, exten) in out
               for context, exten in gotos(path, reached | dialled))


OWN_AEL = """globals {
	OPEN=08:30-17:00;
};

context accueil {
	s => {
		Answer();
		GotoIfTime(${OPEN},mon-fri,*,*?menu,1);
		Playback(ferme);   // closed message
		VoiceMail(500@mairie,u);
		Hangup();
	};
	menu => {
		Set(TIMEOUT(digit)=3);
		Festival('Bienvenue a la mairie de Lyon');
		Background(menu-principal);
		WaitExten(6);
	};
	1 => Queue(etat-civil);
	2 => {
		SayNumber(42);
		Playback(jours-ouvres&vous-etes);
		goto menu|1;
	};
	_1234 => Dial(PJSIP/1234,20);
	9 => {
		Playback(au-revoir);
		Hangup();
	};
	i => {
		Playback(invalide);
		goto menu|1;
	};
	t => goto 9|1;
};
"""


def test_own_ael_counts_and_calls(tmp_path):
    """A schedule from `globals`, text to speech and SayNumber, two sounds in one Playback, `_1234` (a
    pattern with no wildcard: the number 1234) sharing key 1 with a Queue, `t` that jumps to another
    extension, `i` back to the menu."""
    path = tmp_path / "mairie.ael"
    path.write_text(OWN_AEL)
    result, flow = imported(path)
    export = ael_export(path, reached_extensions(result))
    assert export == {"keys": {"accueil": 3}, "dialled": {"accueil": 1}, "prompts": 2, "sounds": 6, "queues": 1,
                      "transfers": 1, "voicemails": 1, "hours": 1, "gotos": 2,
                      "errors": {("accueil", "no-input"): "9", ("accueil", "no-match"): "i"}}
    assert {**ael_import(result, flow), "gotos": landed_gotos(path, result, flow)} == export
    open_ = ["--at", "2026-12-01 10:00", "-f", "json"]  # a Tuesday, inside 08:30-17:00
    ends = {}
    for keys in ("1", "1,234", "9", ""):
        out = run("simulate", str(path), "--keys", keys, *open_)
        assert out.exit_code in (0, 1), out.output
        steps = json.loads(out.stdout)["steps"]
        ends[keys] = flow.nodes[steps[-1]["node"]].type
    assert ends == {"1": "queue", "1,234": "transfer", "9": "hangup", "": "hangup"}
    closed = json.loads(run("simulate", str(path), "--keys", "", "--at", "2026-12-05 10:00", "-f", "json").stdout)
    assert [flow.nodes[s["node"]].type for s in closed["steps"]][-2:] == ["play", "voicemail"]


PROBE_AEL = """context main {
	s => {
		Answer();
		ifTime(08:00-18:00|mon-sat|*|*) {
			goto open|1;
		} else {
			Playback(closed&goodbye);
			Hangup();
		}
	};
	open => {
		Read(choice,menu-options,1,,3,5);
		switch(${choice}) {
		case 1:
			Queue(sales,t,,,120);
			Playback(sales-busy);
			VoiceMail(100@default);
			break;
		case 2:
			SayDigits(1234);
			Dial(SIP/200,20);
			break;
		default:
			Playback(invalid);
			Hangup();
		}
	};
};
"""


def test_ael_read_attempts_replay_the_prompt_on_silence(tmp_path):
    """Read(variable,files,maxdigits,options,attempts,timeout): with silence the prompt plays `attempts`
    times, then Read goes on with nothing read; a switch on its variable, a time window in ifTime."""
    path = tmp_path / "read.ael"
    path.write_text(PROBE_AEL)
    result, flow = imported(path)
    export = ael_export(path, reached_extensions(result))
    assert export == {"keys": {}, "dialled": {}, "prompts": 1, "sounds": 5, "queues": 1, "transfers": 1,
                      "voicemails": 1, "hours": 1, "gotos": 1, "errors": {}}
    assert {**ael_import(result, flow), "gotos": landed_gotos(path, result, flow)} == export
    steps = json.loads(run("simulate", str(path), "--keys", "", "--at", "2026-12-01 10:00", "-f", "json").stdout)
    heard = [s["prompt"] for s in steps["steps"] if s.get("prompt")]
    assert heard == ["[unknown: audio prompt 'menu-options']"] * 3 + ["[unknown: audio prompt 'invalid']"]
    chosen = json.loads(run("simulate", str(path), "--keys", "2", "--at", "2026-12-01 10:00", "-f", "json").stdout)
    assert [flow.nodes[s["node"]].type for s in chosen["steps"]][-3:] == ["branch", "play", "transfer"]
