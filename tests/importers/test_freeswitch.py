"""FreeSWITCH IVR menus (ivr.conf.xml <menus>, ivr_menus/*.xml <include>): nodes, transitions, prompts,
the round trip on the shared corpus read independently with ElementTree, simulate, refusals."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from ivr_lint.importers import convert, detect_format
from ivr_lint.importers.freeswitch import first_keys, pattern_strings
from tests.conftest import CORPUS, run
from tests.importers.util import FIXTURES, edges, imported, load, types

FS_CORPUS = sorted((CORPUS / "other").glob("freeswitch-*.xml")) if (CORPUS / "other").is_dir() else []
needs_corpus = pytest.mark.skipif(not FS_CORPUS, reason=f"the shared corpus is not at {CORPUS}")


def test_menus_nodes_and_transitions():
    flow = load(imported("freeswitch_menus.xml"))
    assert flow.start == "main"
    assert types(flow) == {
        "main": "menu", "main-again": "menu", "main-invalid": "play", "main-dial-2": "input",
        "main-dial-2-digits": "branch", "main-to-digits": "transfer", "main-queue-0": "queue",
        "main-hangup": "hangup", "main-max": "branch", "main-on-max-failures": "transfer", "main-exit": "hangup",
        "billing": "menu", "billing-again": "menu", "billing-invalid": "play", "billing-sound-1": "play",
        "billing-voicemail-2": "voicemail", "billing-bridge-3": "transfer",
        "directory": "menu", "directory-dial-1": "input", "directory-dial-1-digits": "branch",
        "directory-playback-digits": "play"}
    # first pass: greet-long; silence replays greet-short, a wrong key plays invalid-sound first
    assert edges(flow, "main") == {
        ("key", "1", "billing"), ("key", "2", "main-dial-2"), ("key", "0", "main-queue-0"),
        ("key", "#", "main-hangup"), ("no-input", None, "main-again"), ("no-match", None, "main-invalid")}
    assert edges(flow, "main-invalid") == {("next", None, "main-again")}
    # max-failures 2: the second failure runs exec-on-max-failures; a last silence ends the IVR
    assert edges(flow, "main-again") == {
        ("key", "1", "billing"), ("key", "2", "main-dial-2"), ("key", "0", "main-queue-0"),
        ("key", "#", "main-hangup"), ("max-retries", None, "main-max")}
    assert (flow.nodes["main"].retries, flow.nodes["main-again"].retries) == (0, 0)
    assert edges(flow, "main-max") == {("case", "timeout", "main-exit"), ("default", None, "main-on-max-failures")}
    assert flow.nodes["main-on-max-failures"].label == "transfer to extension operator (XML default)"
    # key 2 alone (after inter-digit-timeout) opens the directory; 2 then 10-19 dials an extension
    dial = flow.nodes["main-dial-2"]
    assert (dial.digits, dial.timeout, dial.digit_timeout, dial.variable) == ((2, 2), 3, 3, "main digits after 2")
    assert edges(flow, "main-dial-2") == {
        ("next", None, "main-dial-2-digits"), ("no-input", None, "directory"), ("invalid", None, "main-invalid"),
        ("max-retries", None, "main-invalid")}
    assert edges(flow, "main-dial-2-digits") == (
        {("case", f"1{d}", "main-to-digits") for d in range(10)} | {("default", None, "main-invalid")})
    assert flow.nodes["main-to-digits"].is_human  # dialling an extension reaches the person there
    assert flow.nodes["main-queue-0"].queue == "advisors@default"
    # a sub-menu returns to the menu that opened it (greet-long again); menu-top goes to the top's later pass
    assert edges(flow, "billing") == {
        ("key", "1", "billing-sound-1"), ("key", "2", "billing-voicemail-2"), ("key", "3", "billing-bridge-3"),
        ("key", "*", "main"), ("key", "9", "main-again"), ("no-input", None, "main"),
        ("no-match", None, "billing-invalid")}
    assert edges(flow, "billing-invalid") == {("next", None, "main")}  # max-failures 1
    assert edges(flow, "billing-sound-1") == {("next", None, "billing-again")}
    assert edges(flow, "billing-voicemail-2") == {("next", None, "billing-again")}
    assert edges(flow, "billing-bridge-3") == {("failure", None, "billing-again")}
    assert flow.nodes["billing-bridge-3"].number == "+33123456789"
    assert edges(flow, "billing-again") == {
        ("key", "1", "billing-sound-1"), ("key", "2", "billing-voicemail-2"), ("key", "3", "billing-bridge-3"),
        ("key", "*", "main"), ("key", "9", "main-again"), ("max-retries", None, "main")}
    # no greet-short and no invalid-sound: one node, the menu's own retries; menu-exit leaves the whole IVR
    assert edges(flow, "directory") == {
        ("key", "0", "main-exit"), ("key", "*", "main"), ("key", "1", "directory-dial-1"),
        ("max-retries", None, "main")}
    assert (flow.nodes["directory"].retries, flow.nodes["directory"].timeout) == (1, 10)
    assert edges(flow, "directory-dial-1-digits") == {("case", "23", "directory-playback-digits"),
                                                      ("default", None, "directory")}


def test_prompts_tts_text_and_unknown_markers():
    result = imported("freeswitch_menus.xml")
    flow = load(result)
    assert flow.nodes["main"].prompt_text.startswith("Welcome to the town hall. For billing press 1")
    assert flow.nodes["main-again"].prompt_text == "Press 1, 2 or 0."
    assert flow.nodes["main-invalid"].prompt_text == "That key is not valid."
    assert flow.nodes["main-exit"].prompt_text == "Goodbye."
    assert flow.nodes["billing"].prompt_text == "[unknown: phrase macro 'billing_menu']"
    assert flow.nodes["billing-invalid"].prompt_text == "[unknown: sound file 'ivr/ivr-that_was_an_invalid_entry.wav']"
    assert flow.nodes["billing-sound-1"].prompt_text == "Bills are paid at the counter."
    assert flow.nodes["directory"].prompt_text == "[unknown: sound file 'directory.wav']"
    assert (result.origins["main"], result.origins["main-queue-0"], result.origins["directory"]) == (
        (4, 5), (15, 7), (28, 5))
    assert {(u.node, u.kind) for u in result.unknowns} == {
        ("main-to-digits", "sub-flow"), ("main-exit", "platform"), ("main-on-max-failures", "sub-flow"),
        ("billing", "audio"), ("billing-invalid", "audio"), ("billing-again", "audio"),
        ("directory-playback-digits", "audio"), ("directory", "audio")}
    # an action FreeSWITCH does not know is not bound: the key does not exist
    assert "8" not in flow.nodes["main"].options
    assert result.warnings == ["line 18: main: entry action 'menu-playback' is not a FreeSWITCH menu action; "
                               "FreeSWITCH ignores the entry"]


def test_entry_option_and_unreachable_menus_start_on_their_own():
    result = imported("freeswitch_menus.xml", entry="billing")
    flow = load(result)
    assert flow.start == "billing"
    # main (and the directory it opens) is another IVR of the same file, imported beside it
    assert "# Menus not reached from it, imported as separate starts: 'main'\n" in result.yaml_text
    # billing is now the top menu: menu-back and the last failure leave the IVR (billing has no exit-sound)
    assert edges(flow, "billing-invalid") == {("next", None, "billing-exit")}
    assert flow.nodes["billing-exit"].prompt == ()


def test_sub_menu_opened_from_two_menus_returns_to_the_one_that_opened_it(write):
    path = write("""\
        <include>
          <menu name="top" greet-long="say:Press 1 or 2." max-failures="1">
            <entry action="menu-sub" digits="1" param="left"/>
            <entry action="menu-sub" digits="2" param="right"/>
          </menu>
          <menu name="left" greet-long="say:Left. Press 3 for help." max-failures="1">
            <entry action="menu-sub" digits="3" param="help"/>
          </menu>
          <menu name="right" greet-long="say:Right. Press 3 for help." max-failures="1">
            <entry action="menu-sub" digits="3" param="help"/>
          </menu>
          <menu name="help" greet-long="say:Help. Star to go back." max-failures="1">
            <entry action="menu-back" digits="*"/>
            <entry action="menu-exec-app" digits="5" param="lua help.lua"/>
          </menu>
        </include>
        """, "menus.xml")
    result = convert(path.read_bytes(), str(path))
    flow = load(result)
    assert edges(flow, "help") == {("key", "*", "help-back"), ("key", "5", "help-lua-5"),
                                   ("max-retries", None, "help-back")}
    assert edges(flow, "help-back") == {("case", "right", "right"), ("default", None, "left")}
    assert flow.nodes["help-back"].on == "menu before help"
    assert edges(flow, "help-lua-5") == {("next", None, "help")}
    assert ("help-lua-5", "opaque") in {(u.node, u.kind) for u in result.unknowns}
    # --var steers the return, as the export names it
    out = run("simulate", str(path), "--keys", "2,3,*", "--var", "menu before help=right", "-f", "json")
    assert out.exit_code in (0, 1), out.output
    assert [s["node"] for s in json.loads(out.stdout)["steps"]][:5] == ["top", "right", "help", "help-back",
                                                                        "right"]


def test_digit_patterns_are_listed_when_they_can_be():
    assert pattern_strings("^(10[01][0-9])$") == [f"10{a}{b}" for a in "01" for b in "0123456789"]
    assert pattern_strings("^(1|2[0-9])$") == ["1"] + [f"2{d}" for d in range(10)]
    assert pattern_strings(r"^(\d+)$") is None
    assert first_keys(r"^(\d+)$") == set("0123456789")
    assert first_keys(r"^(5\d{3,})$") == {"5"}


def test_phrase_file_is_refused_in_one_line():
    for args in (["import", str(FIXTURES / "freeswitch_phrases.xml")],
                 ["import", "--from", "freeswitch", str(FIXTURES / "freeswitch_phrases.xml")]):
        out = run(*args)
        assert out.exit_code == 2
        assert len(out.stderr.strip().splitlines()) == 1
        assert "FreeSWITCH phrase file" in out.stderr
        assert "--from" not in out.stderr
    assert detect_format((FIXTURES / "freeswitch_phrases.xml").read_bytes(), "phrases.xml") is None
    assert detect_format((FIXTURES / "freeswitch_menus.xml").read_bytes(), "ivr.conf.xml") == "freeswitch"


def test_not_an_app_leaves_the_ivr_with_a_warning(write):
    path = write("""\
        <include>
          <menu name="m" greet-long="m.wav" exit-sound="bye.wav">
            <entry action="menu-exec-app" digits="4" param="5000 XML default"/>
          </menu>
        </include>
        """, "m.xml")
    result = convert(path.read_bytes(), str(path))
    flow = load(result)
    assert flow.nodes["m"].options["4"].next == "m-exit"
    assert any("'5000' is not a dialplan application" in w for w in result.warnings)


# -- the corpus, read again with ElementTree --------------------------------------------------------
SINGLE = re.compile(r"[0-9*#]\Z")


def independent_reading(path):
    """What the export says, read with ElementTree: menus, keys, sounds, transfers (not the importer's code)."""
    root = ET.parse(path).getroot()
    menus = {}
    for menu in root.iter("menu"):
        entries = [(e.get("digits"), e.get("action"), (e.get("param") or "").strip()) for e in menu.iter("entry")
                   if e.get("action") in ("menu-exit", "menu-sub", "menu-exec-app", "menu-play-sound", "menu-back",
                                          "menu-top") and e.get("digits")]
        menus[menu.get("name")] = (menu.attrib, entries)
    return menus


def marker(sound):
    if sound.startswith("say:"):
        return sound[4:]
    if sound.startswith("phrase:"):
        return f"phrase macro '{sound[7:].split(':')[0]}'"
    return f"sound file '{sound}'"


EXPECTED = {  # per file: menus, keys (entries), sounds, transfers and bridges, sub-menus, error branches
    "freeswitch-curl-ivr.conf.xml": {"menus": 2, "keys": 8, "sounds": 8, "transfers": 5, "subs": 1, "errors": 2},
    "freeswitch-demo-ivr.xml": {"menus": 2, "keys": 9, "sounds": 8, "transfers": 6, "subs": 1, "errors": 2},
    "freeswitch-new-demo-ivr-phrases.xml": {"menus": 4, "keys": 11, "sounds": 16, "transfers": 0, "subs": 6,
                                            "errors": 4},
}


@needs_corpus
@pytest.mark.parametrize("path", FS_CORPUS, ids=lambda p: p.name)
def test_corpus_round_trip(path):
    result = convert(path.read_bytes(), str(path))
    flow = load(result)
    by_label = {n.label: n for n in flow.nodes.values() if n.type == "menu"}
    prompts = " ".join(n.prompt_text for n in flow.nodes.values())
    counts = dict.fromkeys(EXPECTED[path.name], 0)
    for name, (attrs, entries) in independent_reading(path).items():
        counts["menus"] += 1
        node = by_label[name]
        again = by_label.get(f"{name} (again)", node)
        for key in ("greet-long", "greet-short", "invalid-sound", "exit-sound"):
            if attrs.get(key):
                assert marker(attrs[key]) in prompts, (name, key)
                counts["sounds"] += 1
        assert marker(attrs["greet-long"]) in node.prompt_text
        if attrs.get("greet-short"):
            assert marker(attrs["greet-short"]) in again.prompt_text
        # silence and wrong keys are both handled, distinctly or by the menu's counted replays
        kinds = {t.kind for t in node.transitions if not t.implicit}
        assert {"no-input", "no-match"} <= kinds or "max-retries" in kinds, name
        counts["errors"] += 1
        for digits, action, param in entries:
            counts["keys"] += 1
            first = digits.strip("/^$()")[0]
            assert first in node.options, (name, digits)
            target = flow.nodes[node.options[first].next]
            if not SINGLE.match(digits) or target.type == "input":
                # longer digits: an input of the rest, then a branch on them
                if SINGLE.match(digits):
                    target = flow.nodes[target.on_no_input]
                else:
                    branch = flow.nodes[target.next]
                    wanted = {s[1:] for s in (f"{first}{c}" for c in branch.cases) if
                              re.fullmatch(digits.strip("/"), s)}
                    assert wanted == set(branch.cases) and wanted, digits
                    target = flow.nodes[next(iter(branch.cases.values()))]
            if action == "menu-sub":
                counts["subs"] += 1
                assert target.label in (param, f"{name} (again)"), (digits, target.id)
            elif action == "menu-top":
                assert target.label.endswith("(again)")
            elif action == "menu-exec-app" and param.split()[0] in ("transfer", "bridge"):
                counts["transfers"] += 1
                assert target.type == "transfer" and param.split()[1].split("/")[-1].split("@")[0] in (
                    target.label + (target.number or "")), (digits, target.label)
            elif action == "menu-exec-app":
                assert target.label.endswith("end of the IVR")  # '5000 XML default' is no application
    assert counts == EXPECTED[path.name]


@needs_corpus
@pytest.mark.parametrize("path", FS_CORPUS, ids=lambda p: p.name)
def test_corpus_simulates(path):
    for keys in ("", "1", "9,*", "1,0,0,1", "4,*", "7,7,7"):
        out = run("simulate", str(path), "--keys", keys, "--at", "2026-12-01 10:00", "-f", "json")
        assert out.exit_code in (0, 1), (keys, out.output)
        assert json.loads(out.stdout)["steps"]


def test_fixture_simulates_every_imported_variable():
    path = str(FIXTURES / "freeswitch_menus.xml")
    out = run("simulate", path, "--keys", "5,5", "--var", "ivr_menu_status=timeout", "-f", "json")
    assert out.exit_code in (0, 1), out.output
    assert [s["node"] for s in json.loads(out.stdout)["steps"]][-2:] == ["main-max", "main-exit"]
    out = run("simulate", path, "--keys", "2,15", "-f", "json")
    assert [s["node"] for s in json.loads(out.stdout)["steps"]] == ["main", "main-dial-2", "main-dial-2-digits",
                                                                    "main-to-digits"]


def test_import_command_entry_and_language_not_guessed_from_markers(tmp_path):
    path = str(FIXTURES / "freeswitch_menus.xml")
    out = run("import", path, "--entry", "directory", "-o", str(tmp_path / "d.yaml"))
    assert out.exit_code == 0, out.output
    text = (tmp_path / "d.yaml").read_text()
    assert "\nstart: directory\n" in text
    out = run("import", path, "--entry", "nope")
    assert out.exit_code == 2 and "--entry 'nope': no menu has that name" in out.stderr
    # only sound files and phrase macros: the marker words are not English prompts
    data = b'<include><menu name="m" greet-long="phrase:that_is_the_menu_for_you" invalid-sound="to/the/file.wav">' \
           b'<entry action="menu-top" digits="1"/></menu></include>'
    assert "\nlanguage:" not in convert(data, "m.xml").yaml_text
