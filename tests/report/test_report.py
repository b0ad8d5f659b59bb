"""`ivr-lint report`: the self-assessment page, run as users run it, read back as a parser reads it."""

from __future__ import annotations

import base64
import io
import re
import shutil
import wave
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FLOWS, run

XHTML = "{http://www.w3.org/1999/xhtml}"
SECTIONS = ["summary", "commitments", "diagram", "findings", "journeys", "prompts"]

#: a town hall line that keeps every commitment: free number, hours said and kept, a person
#: one key away, two congestion options and a callback, an adapted channel
GOOD = """\
ivr: 1
id: mairie-test
name: "Mairie de Testville – accueil"
language: fr-FR
service:
  name: "Mairie de Testville"
  phone: "0800 123 456"
  website: "https://www.testville.fr"
  accessible: "https://www.testville.fr/acces-sourds"
hours:
  timezone: Europe/Paris
  weekly:
    mon-fri: ["09:00-17:00"]
  holidays: FR
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Bienvenue à la mairie de Testville. Cet appel est gratuit."
    next: check
  check:
    type: hours
    open: menu
    closed: closed-message
  menu:
    type: menu
    prompt: "Pour un acte d'état civil, tapez 1. Pour parler à un agent, tapez 0."
    options:
      "1": civil
      "0": agents
    on_max_retries: agents
  civil:
    type: play
    prompt: "Les actes d'état civil se demandent sur le site de la mairie."
    next: agents
  agents:
    type: queue
    congestion: busy
  busy:
    type: menu
    prompt: >-
      Tous nos agents sont occupés. Le temps d'attente est estimé à {wait_minutes} minutes.
      Nos lignes sont moins chargées l'après-midi.
      Pour être rappelé, tapez 1. Pour patienter, tapez 2.
    options:
      "1": callback
      "2": agents
    on_max_retries: agents
  callback:
    type: callback
    prompt: "Votre demande de rappel est enregistrée. Au revoir."
  closed-message:
    type: play
    prompt: >-
      La mairie est fermée.
      Nous vous répondons du lundi au vendredi de 9h à 17h.
      Vous pouvez aussi faire vos démarches sur le site testville.fr.
    next: bye
  bye:
    type: hangup
    prompt: "Au revoir."
"""

ALL_MET = {f"M{n}": "met" for n in range(1, 10)}


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def page(path: Path) -> ET.Element:
    """The page read as XML: it must be well-formed, and its root is the html element."""
    return ET.parse(path).getroot()


def by_id(root: ET.Element, ident: str) -> ET.Element:
    found = [el for el in root.iter() if el.get("id") == ident]
    assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
    return found[0]


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def statuses(root: ET.Element) -> dict[str, str]:
    table = by_id(root, "commitments-table")
    return {row.get("id").removeprefix("commitment-"): row.get("data-status")
            for row in table.iter(f"{XHTML}tr") if row.get("id", "").startswith("commitment-")}


def report(tmp_path: Path, *args: str, name: str = "report.html"):
    out = tmp_path / name
    result = run("report", *args, "-o", str(out))
    return result, out


@pytest.fixture
def good(write):
    return write(GOOD, "mairie.yaml")


def test_a_flow_keeping_every_commitment_is_met_on_all_nine(tmp_path, good):
    result, out = report(tmp_path, str(good))
    assert result.exit_code == 0, result.output
    root = page(out)
    assert statuses(root) == ALL_MET
    # the status is a word, not only a colour
    status_cells = [text_of(td) for td in by_id(root, "commitments-table").iter(f"{XHTML}td")
                    if td.get("class") == "status"]
    assert status_cells == ["Respecté"] * 9


def test_evidence_quotes_the_sentence_and_its_line(tmp_path, good):
    _, out = report(tmp_path, str(good))
    root = page(out)
    source = good.read_text(encoding="utf-8")
    m3 = text_of(by_id(root, "commitment-M3"))
    hours_line = line_of(source, "Nous vous répondons du lundi")
    assert "Nous vous répondons du lundi au vendredi de 9h à 17h." in m3
    assert f"mairie.yaml:{hours_line}" in m3
    m4 = text_of(by_id(root, "commitment-M4"))
    assert f"mairie.yaml:{line_of(source, 'Le temps d')}" in m4
    assert "Le temps d'attente est estimé à {wait_minutes} minutes." in m4
    assert "Nos lignes sont moins chargées l'après-midi." in m4
    assert "Votre demande de rappel est enregistrée." in m4
    # M1: the fastest way to a person, its keys and its path, as slow-agent-path measures it
    m1 = text_of(by_id(root, "commitment-M1"))
    assert "1 touche(s)" in m1 and "welcome → check → menu → agents" in m1 and "(touche 0 à menu)" in m1
    # M6: the number and its tariff class
    assert "0800 123 456 : gratuit" in text_of(by_id(root, "commitment-M6"))
    # M7: the adapted channel
    assert "https://www.testville.fr/acces-sourds" in text_of(by_id(root, "commitment-M7"))
    quotes = [q for q in by_id(root, "commitments-table").iter(f"{XHTML}q")]
    assert quotes, "evidence is quoted in <q>"


def test_a_flow_with_no_closed_message_fails_m5_and_links_its_findings(tmp_path, write):
    flow = write(GOOD.replace("    closed: closed-message\n", "    closed: bye\n"), "mairie.yaml")
    result, out = report(tmp_path, str(flow))
    assert result.exit_code == 0
    root = page(out)
    got = statuses(root)
    assert got == {**ALL_MET, "M3": "not-met", "M5": "not-met", "M8": "unknown"}
    m5 = by_id(root, "commitment-M5")
    links = [a.get("href") for a in m5.iter(f"{XHTML}a") if a.get("href", "").startswith("#finding-")]
    assert links
    for href in links:
        row = by_id(root, href[1:])
        assert row.get("data-rule") in ("closed-message-incomplete", "queue-reachable-when-closed")
        assert row.get("data-severity") in ("error", "warning")
    # M8: nothing said to compare, and the page says why
    assert "ne donnent pas d'horaires" in text_of(by_id(root, "commitment-M8"))


def test_a_surcharged_number_fails_m6(tmp_path, write):
    flow = write(GOOD.replace('phone: "0800 123 456"', 'phone: "08 92 68 01 01"'), "mairie.yaml")
    _, out = report(tmp_path, str(flow))
    root = page(out)
    assert statuses(root) == {**ALL_MET, "M6": "not-met"}
    m6 = by_id(root, "commitment-M6")
    assert "08 92 68 01 01 : surtaxé" in text_of(m6)
    link = next(a.get("href") for a in m6.iter(f"{XHTML}a") if a.get("href", "").startswith("#finding-"))
    row = by_id(root, link[1:])
    assert row.get("data-rule") == "surcharged-number"
    assert row.get("data-line") == str(line_of(flow.read_text(encoding="utf-8"), "08 92 68 01 01"))


def test_a_flow_with_no_queue_cannot_tell_m4_and_says_why(tmp_path, write):
    text = GOOD.replace("  agents:\n    type: queue\n    congestion: busy\n",
                        '  agents:\n    type: transfer\n    number: "01 23 45 67 89"\n')
    flow = write(text, "mairie.yaml")
    _, out = report(tmp_path, str(flow), "--lang", "en")
    root = page(out)
    got = statuses(root)
    assert got["M4"] == "unknown" and got["M1"] == "met"
    m4 = text_of(by_id(root, "commitment-M4"))
    assert "Cannot tell" in m4 and "No agent queue" in m4
    # M6 judges every number: the declared free one and the transfer's standard-rate one
    m6 = text_of(by_id(root, "commitment-M6"))
    assert "0800 123 456: free" in m6 and "01 23 45 67 89: standard rate" in m6


def test_the_page_holds_every_section_of_the_contract_in_order(tmp_path, good):
    _, out = report(tmp_path, str(good))
    root = page(out)
    assert root.get("lang") == "fr"
    sections = [s for s in root.iter(f"{XHTML}section")]
    assert [s.get("id") for s in sections] == SECTIONS
    for section in sections:
        title = section.get("aria-labelledby")
        assert title == f"{section.get('id')}-title"
        assert by_id(root, title).tag == f"{XHTML}h2"
    assert len(list(root.iter(f"{XHTML}h1"))) == 1
    levels = [int(el.tag[-1]) for el in root.iter() if re.fullmatch(rf"{re.escape(XHTML)}h[1-6]", el.tag)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    # tables: a caption and scoped headers
    for table in root.iter(f"{XHTML}table"):
        assert table.find(f"{XHTML}caption") is not None, table.get("id")
        assert all(th.get("scope") in ("col", "row") for th in table.iter(f"{XHTML}th")), table.get("id")
    # the scenario switch and one figure per scenario this flow has
    radios = [i.get("value") for i in by_id(root, "scenario-switch").iter(f"{XHTML}input")]
    assert radios == ["open", "closed", "holiday", "congested"]
    figures = [f for f in root.iter(f"{XHTML}figure") if f.get("class") == "diagram"]
    assert [f.get("data-scenario") for f in figures] == radios
    assert [f.get("hidden") for f in figures] == [None, "hidden", "hidden", "hidden"]
    for figure in figures:
        svg = figure.find(".//{http://www.w3.org/2000/svg}svg")
        assert svg.get("role") == "img"
        title = by_id(root, svg.get("aria-labelledby"))
        assert title.tag == "{http://www.w3.org/2000/svg}title" and title.text
        assert {b.get("class") for b in figure.iter(f"{XHTML}button")} == {"zoom-in", "zoom-out", "zoom-reset"}
        viewport = figure.find(f".//{XHTML}div[@class='viewport']")
        assert viewport.get("tabindex") == "0" and viewport.get("data-zoom") == "1"
        tree = figure.find(f".//{XHTML}details[@class='diagram-text']")
        assert "welcome" in text_of(tree)
    for name in ("findings-table", "findings-filter", "severity-filter", "findings-count", "rule-docs",
                 "journeys-table", "coverage", "prompts-table"):
        by_id(root, name)
    # the closed figure greys what closed callers cannot meet: its text tree differs from the open one
    assert text_of(figures[0]) != text_of(figures[1])


def test_ids_are_unique_and_nothing_is_fetched(tmp_path, good):
    _, out = report(tmp_path, str(good), "--audio")
    html = out.read_text(encoding="utf-8")
    root = page(out)
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for attribute in re.findall(r'\b(?:src|href)="([^"]*)"', html):
        assert attribute.startswith(("#", "data:")), attribute
    assert not re.search(r"url\((?!#)", html)
    assert "<link" not in html and "@import" not in html


def test_findings_rows_carry_their_rule_doc(tmp_path, write):
    flow = write(GOOD.replace('phone: "0800 123 456"', 'phone: "08 92 68 01 01"'), "mairie.yaml")
    _, out = report(tmp_path, str(flow))
    root = page(out)
    table = by_id(root, "findings-table")
    keys = [b.get("data-sort-key") for b in table.iter(f"{XHTML}button")]
    assert keys == ["severity", "rule", "file", "line", "message"]
    assert all(th.get("aria-sort") == "none" for th in table.find(f"{XHTML}thead").iter(f"{XHTML}th"))
    rows = list(table.find(f"{XHTML}tbody"))
    assert [r.get("id") for r in rows] == [f"finding-{n}" for n in range(1, len(rows) + 1)]
    row = next(r for r in rows if r.get("data-rule") == "surcharged-number")
    doc = by_id(root, "rule-surcharged-number")
    assert doc.tag == f"{XHTML}details"
    assert any(a.get("href") == "#rule-surcharged-number" for a in row.iter(f"{XHTML}a"))
    assert "ARCEP" in text_of(doc)  # the rule's own doc, as `ivr-lint rule` prints it
    assert text_of(by_id(root, "findings-count")) == f"{len(rows)} constats sur {len(rows)}"
    options = [o.get("value") for o in by_id(root, "severity-filter")]
    assert options == ["all", "error", "warning", "info"]


def test_flow_text_is_escaped_everywhere(tmp_path, write):
    hostile = GOOD.replace("Bienvenue à la mairie de Testville.",
                           "Bienvenue <script>alert(1)</script> & <img src=x onerror=alert(2)>.")
    flow = write(hostile.replace('name: "Mairie de Testville"', 'name: "Mairie <b>&amp;</b>"'), "mairie.yaml")
    _, out = report(tmp_path, str(flow))
    html = out.read_text(encoding="utf-8")
    page(out)  # still well-formed
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>&amp;</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script") == 2  # the page's own: its words (JSON) and its code


def test_english_labels_and_lang(tmp_path, good):
    _, out = report(tmp_path, str(good), "--lang", "en")
    root = page(out)
    assert root.get("lang") == "en"
    assert text_of(by_id(root, "commitments-title")) == "The Marianne charter's telephone commitments"
    assert "Met" in text_of(by_id(root, "commitment-M1"))
    assert "Respecté" not in out.read_text(encoding="utf-8")


def test_quoted_prompts_carry_their_own_language_on_a_page_in_another(tmp_path, good):
    """A screen reader switches voice on `lang` (WCAG 3.1.2): French prompts on an English page."""
    _, out = report(tmp_path, str(good), "--lang", "en")
    root = page(out)
    quotes = [q for q in root.iter(f"{XHTML}q") if q.get("lang") is not None]
    assert quotes and {q.get("lang") for q in quotes} == {"fr-FR"}
    cells = [row.findall(f"{XHTML}td")[1] for row in by_id(root, "prompts-table").iter(f"{XHTML}tr")
             if row.get("data-node")]
    assert cells and {cell.get("lang") for cell in cells} == {"fr-FR"}


def test_the_flows_language_is_the_default(tmp_path, write):
    english = write(GOOD.replace("language: fr-FR", "language: en-GB"), "council.yaml")
    _, out = report(tmp_path, str(english))
    assert page(out).get("lang") == "en"


def test_both_languages_have_every_label():
    from ivr_lint.report.catalogue import LABELS

    for key, (fr, en) in LABELS.items():
        assert fr.strip() and en.strip(), key
        assert sorted(re.findall(r"\{(\w+)\}", fr)) == sorted(re.findall(r"\{(\w+)\}", en)), key


def _luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_text_colour_of_the_palette_has_aa_contrast(tmp_path, good):
    _, out = report(tmp_path, str(good))
    css = out.read_text(encoding="utf-8")
    root_block = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    palette = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;", root_block))
    pairs = re.findall(r"contrast:\s*(--[\w-]+)\s+on\s+(--[\w-]+)", css)
    assert len(pairs) >= 10
    for fg, bg in pairs:
        assert contrast(palette[fg], palette[bg]) >= 4.5, (fg, bg, round(contrast(palette[fg], palette[bg]), 2))
    # every colour the rules set on text is one of the declared pairs
    used = set(re.findall(r"(?<![\w-])color:\s*var\((--[\w-]+)\)", css))
    assert used <= {fg for fg, _ in pairs}, used - {fg for fg, _ in pairs}
    assert contrast("#767676", "#ffffff") < 4.6  # the check itself: a known borderline grey


def test_bad_input_writes_nothing_and_exits_2(tmp_path, write):
    broken = write('ivr: 1\nstart: a\nnodes:\n  a: {type: teleport, prompt: "x"}\n', "broken.yaml")
    out = tmp_path / "report.html"
    out.write_text("previous report", encoding="utf-8")
    result = run("report", str(broken), "-o", str(out))
    assert result.exit_code == 2
    assert "broken.yaml:4:13: schema-error: unknown node type 'teleport'" in result.output
    assert out.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "report.html"]


def test_the_report_is_never_written_over_its_input(tmp_path, good):
    before = good.read_bytes()
    result = run("report", str(good), "-o", str(good))
    assert result.exit_code == 2 and good.read_bytes() == before


def test_findings_do_not_fail_the_command_unless_asked(tmp_path, write):
    flow = write(GOOD.replace('phone: "0800 123 456"', 'phone: "08 92 68 01 01"'), "mairie.yaml")
    assert run("report", str(flow), "-o", str(tmp_path / "a.html")).exit_code == 0
    assert run("report", str(flow), "-o", str(tmp_path / "b.html"), "--fail-on", "error").exit_code == 1
    assert (tmp_path / "b.html").exists()


def _wav_seconds(data: bytes) -> float:
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    with wave.open(io.BytesIO(data)) as w:
        return w.getnframes() / w.getframerate()


@pytest.mark.skipif(shutil.which("espeak-ng") is None and shutil.which("espeak") is None, reason="no espeak-ng")
def test_audio_embeds_a_playable_wav_per_prompt(tmp_path, good):
    result, out = report(tmp_path, str(good), "--audio")
    assert result.exit_code == 0, result.output
    root = page(out)
    rows = list(by_id(root, "prompts-table").find(f"{XHTML}tbody"))
    players = [a for a in root.iter(f"{XHTML}audio")]
    assert len(players) == len(rows) == 7
    for audio in players:
        src = audio.get("src")
        assert src.startswith("data:audio/wav;base64,")
        assert _wav_seconds(base64.b64decode(src.split(",", 1)[1])) > 0.3


@pytest.mark.skipif(shutil.which("espeak-ng") is None and shutil.which("espeak") is None, reason="no espeak-ng")
def test_audio_dir_writes_the_wavs_beside_the_page(tmp_path, good):
    result = run("report", str(good), "-o", str(tmp_path / "out" / "r.html"), "--audio", "--audio-dir",
                 str(tmp_path / "out" / "audio"))
    assert result.exit_code == 0, result.output
    root = page(tmp_path / "out" / "r.html")
    sources = [a.get("src") for a in root.iter(f"{XHTML}audio")]
    assert sources and all(s.startswith("audio/") and s.endswith(".wav") for s in sources)
    for source in sources:
        assert _wav_seconds((tmp_path / "out" / source).read_bytes()) > 0.3


def test_prompts_table_lists_every_prompt(tmp_path, good):
    _, out = report(tmp_path, str(good))
    rows = list(by_id(page(out), "prompts-table").find(f"{XHTML}tbody"))
    assert [r.get("data-node") for r in rows] == ["welcome", "menu", "civil", "busy", "callback", "closed-message",
                                                  "bye"]
    assert {r.get("data-lang") for r in rows} == {"fr-FR"}


def test_journeys_cover_the_flow_and_journey_tests_run(tmp_path, good):
    journeys = tmp_path / "mairie.journeys.yaml"
    assert run("journeys", str(good), "-o", str(journeys)).exit_code == 0
    text = journeys.read_text(encoding="utf-8")
    failing = text.replace("outcome: agent", "outcome: voicemail", 1)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "failing.journeys.yaml").write_text(failing.replace('flow: "mairie.yaml"',
                                                                             'flow: "../mairie.yaml"'), "utf-8")
    result, out = report(tmp_path, str(good), "--journeys", str(journeys), "--journeys", str(tmp_path / "tests"))
    assert result.exit_code == 0, result.output
    root = page(out)
    generated = len(re.findall(r"^  - name:", text, re.M))
    assert len(list(by_id(root, "journeys-table").find(f"{XHTML}tbody"))) == generated
    assert re.search(r"(\d+) des \1 branches", text_of(by_id(root, "coverage")))
    results = [r.get("data-result") for r in by_id(root, "journey-tests").find(f"{XHTML}tbody")]
    assert results.count("fail") == 1 and results.count("pass") == 2 * generated - 1


def test_a_broken_journey_file_is_bad_input(tmp_path, good):
    bad = tmp_path / "bad.journeys.yaml"
    bad.write_text("flow: mairie.yaml\njourneys:\n  - name: x\n    keys: [1]\n    expect: {outcome: nowhere}\n", "utf-8")
    result, out = report(tmp_path, str(good), "--journeys", str(bad))
    assert result.exit_code == 2 and not out.exists()


def test_a_directory_report_covers_every_flow(tmp_path):
    result, out = report(tmp_path, str(FLOWS))
    assert result.exit_code == 0, result.output
    root = page(out)
    flows = sorted(p.name for p in FLOWS.glob("*.yaml") if ".journeys." not in p.name and ".traffic." not in p.name)
    drawn = {Path(f.get("data-flow")).name for f in root.iter(f"{XHTML}figure") if f.get("class") == "diagram"}
    assert drawn == set(flows)
    prompt_flows = {Path(r.get("data-flow")).name for r in by_id(root, "prompts-table").find(f"{XHTML}tbody")}
    assert prompt_flows == set(flows)
    assert set(statuses(root).values()) <= {"met", "not-met", "unknown"} and len(statuses(root)) == 9


def test_a_service_directory_inherits_the_service_file(tmp_path, write):
    block = GOOD[GOOD.index("service:\n"):GOOD.index("hours:\n")]
    write("".join(line[2:] + "\n" for line in block.splitlines()[1:]).replace("Mairie de Testville", "Service commun"),
          "svc/service.yaml")
    write(GOOD.replace(block, ""), "svc/mairie.yaml")
    result, out = report(tmp_path, str(tmp_path / "svc"))
    assert result.exit_code == 0, result.output
    root = page(out)
    assert text_of(next(root.iter(f"{XHTML}h1"))) == "Service commun"
    assert "0800 123 456 : gratuit" in text_of(by_id(root, "commitment-M6"))
    assert statuses(root) == ALL_MET


@pytest.mark.skipif(not (FLOWS / "caf-gironde.traffic.yaml").exists(), reason="no bundled traffic file")
def test_traffic_adds_the_load_section(tmp_path):
    flow = FLOWS / "caf-gironde.yaml"
    result, out = report(tmp_path, str(flow), "--traffic", str(FLOWS / "caf-gironde.traffic.yaml"))
    assert result.exit_code == 0, result.output
    root = page(out)
    assert [s.get("id") for s in root.iter(f"{XHTML}section")] == SECTIONS + ["load"]
    plots = [f for f in root.iter(f"{XHTML}figure") if f.get("class") == "plot"]
    assert len(plots) == 4
    for plot in plots:
        svg = plot.find("{http://www.w3.org/2000/svg}svg")
        assert svg.get("role") == "img" and by_id(root, svg.get("aria-labelledby")).text
    assert len(list(by_id(root, "load-days").find(f"{XHTML}tbody"))) == 7


def test_without_traffic_there_is_no_load_section_nor_matplotlib(tmp_path, good):
    code = ("import sys\nfrom ivr_lint.cli import main\n"
            "try:\n    main(['report', %r, '-o', %r])\nexcept SystemExit:\n    pass\n" % (str(good), str(tmp_path / "r.html")) + 
            "print(sorted(m for m in ('matplotlib', 'simpy') if m in sys.modules))")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
    assert "load" not in [s.get("id") for s in page(tmp_path / "r.html").iter(f"{XHTML}section")]


def test_the_command_is_lazy():
    from ivr_lint.cli import COMMANDS

    assert COMMANDS["report"] == "ivr_lint.cli.report:report"
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys, ivr_lint.cli.report; "
                           "print(sorted(m for m in ('graphviz', 'ivr_lint.render.image', 'ivr_lint.simulate.generate',"
                           " 'ivr_lint.speech.session', 'matplotlib') if m in sys.modules))"],
                          capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser") is None
                    and shutil.which("google-chrome") is None, reason="no headless Chromium")
def test_pdf_is_printed_beside_the_page(tmp_path, good):
    result, out = report(tmp_path, str(good), "--pdf", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0, result.output
    data = (tmp_path / "r.pdf").read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 10_000


def test_no_browser_for_pdf_is_exit_2_before_anything_is_written(tmp_path, good, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result, out = report(tmp_path, str(good), "--pdf", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2 and "Chromium" in result.output
    assert not out.exists() and not (tmp_path / "r.pdf").exists()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus of platform exports")
def test_platform_exports_are_reported(tmp_path):
    exports = sorted(p for p in (CORPUS / "twilio-studio").glob("*.json"))[:2] + \
        sorted(p for p in (CORPUS / "amazon-connect").glob("*.json"))[:2]
    if not exports:
        pytest.skip("no Twilio or Connect export in the corpus")
    for n, export in enumerate(exports):
        result, out = report(tmp_path, str(export), name=f"r{n}.html")
        if result.exit_code == 2:  # an export the importer refuses: said clearly, nothing written
            assert "ivr-lint: error:" in result.output and not out.exists()
            continue
        assert result.exit_code == 0, result.output
        root = page(out)
        assert len(statuses(root)) == 9
        assert [s.get("id") for s in root.iter(f"{XHTML}section")] == SECTIONS


def test_the_scripts_data_reads_as_json_without_entity_decoding(tmp_path, good):
    """HTML decodes no entity inside <script>: the page's words must be plain JSON there."""
    import json

    _, out = report(tmp_path, str(good))
    raw = re.search(r'<script type="application/json" id="report-words">(.*?)</script>',
                    out.read_text(encoding="utf-8"), re.S).group(1)
    assert json.loads(raw) == {"count": "{shown} constats sur {total}"}


def test_an_export_whose_prompts_are_recordings_cannot_tell_m2_and_quotes_the_export_line(tmp_path, write):
    """An Asterisk dialplan names its prompts by their sound files: their words and length are unknown."""
    dialplan = write("""\
        [incoming]
        exten = s,1,Answer()
         same = n,Background(main-menu-welcome)
         same = n,WaitExten(5)
        exten = 1,1,Queue(sales)
         same = n,Hangup()
        exten = 0,1,Queue(sales)
         same = n,Hangup()
        """, "extensions.conf")
    result, out = report(tmp_path, str(dialplan), "--lang", "en")
    assert result.exit_code == 0, result.output
    root = page(out)
    got = statuses(root)
    assert got["M2"] == "unknown" and got["M9"] == "unknown"
    m2 = text_of(by_id(root, "commitment-M2"))
    assert "known only by its recording" in m2
    assert "extensions.conf:3" in m2  # the Background() line of the export, not of the converted flow
    # the way to a person passes a recording of unknown length: its seconds are a lower bound
    assert "Fastest way to a person: ≥ " in text_of(by_id(root, "commitment-M1"))
