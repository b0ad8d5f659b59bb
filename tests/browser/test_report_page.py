"""The report page in a real browser (headless Chromium): what a reader sees and can do.

Reports are made once per session through the command line, as users make them
(`ivr-lint report PATH -o report.html`); each test loads one afresh and reads the DOM
through JavaScript (one round trip per question). The checks follow the page's DOM
contract (issue 14): sections and headings, no request and no console error, filters,
sorting, scenario switch, zoom, keyboard, print style, screenshots, --pdf without a
browser (tests/report prints a PDF through the command line; test_pdf.py tests the printing).
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import WINDOW, png_colours, png_size
from tests.conftest import FLOWS, dedent, run

SECTIONS = ["summary", "commitments", "diagram", "findings", "journeys", "prompts"]
STATUS_WORDS = {"fr": {"met": "Respecté", "not-met": "Non respecté", "unknown": "Impossible à dire"},
                "en": {"met": "Met", "not-met": "Not met", "unknown": "Cannot tell"}}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

#: a town hall's switchboard with findings of every severity: errors (queues without a
#: congestion branch, a closed message without another contact), warnings (a menu with no
#: way out after its retries, a node nobody reaches), infos (a long sentence, acronyms)
MIXED = """\
ivr: 1
name: "Mairie de Quimperlé – standard"
language: fr-FR
service: {name: "Mairie de Quimperlé", phone: "02 98 96 37 37", tariff: standard}
hours:
  timezone: Europe/Paris
  weekly: {mon-fri: ["09:00-12:00", "14:00-17:00"]}
start: accueil
nodes:
  accueil:
    type: play
    prompt: "Bonjour, vous êtes bien à la mairie de Quimperlé, nous sommes ouverts du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h, et nous vous remercions de votre patience pendant que nous traitons les demandes relatives au CCAS, à l'ANTS et au PLU."
    next: horaires
  horaires:
    type: hours
    open: choix
    closed: fermé
  choix:
    type: menu
    prompt: "Pour l'état civil, tapez 1. Pour l'urbanisme, tapez 2. Pour un agent, tapez 0."
    options: {"1": etat-civil, "2": urbanisme, "0": agent}
  etat-civil:
    type: queue
  urbanisme:
    type: transfer
    number: "02 98 96 37 40"
  agent:
    type: queue
  fermé:
    type: hangup
    prompt: "La mairie est fermée."
  oublié:
    type: play
    prompt: "Ce message n'est jamais entendu."
    next: agent
"""

#: the rows of the findings table, as the page holds them
ROWS = """return [...document.querySelectorAll('#findings-table tbody tr')].map(r => ({
    id: r.id, severity: r.dataset.severity, rule: r.dataset.rule, file: r.dataset.file,
    line: Number(r.dataset.line), hidden: r.hidden, shown: r.getClientRects().length > 0}))"""


class Reports:
    """Each report made once, on first use, through the command line."""

    def __init__(self, folder: Path):
        self.folder, self.made = folder, {}
        self.mixed = folder / "src" / "mairie-quimperle.yaml"
        self.mixed.parent.mkdir(parents=True)
        self.mixed.write_text(dedent(MIXED), encoding="utf-8")
        self.service = folder / "service"
        self.service.mkdir()
        shutil.copy(self.mixed, self.service / "a-mairie-quimperle.yaml")
        shutil.copy(FLOWS / "caf-gironde.yaml", self.service / "b-caf-gironde.yaml")
        shutil.copy(FLOWS / "council-tax-leeds.yaml", self.service / "c-council-tax-leeds.yaml")
        self.sources = {"caf": [str(FLOWS / "caf-gironde.yaml")],
                        "leeds": [str(FLOWS / "council-tax-leeds.yaml")],
                        "mixed": [str(self.mixed)],
                        "mixed-en": [str(self.mixed), "--lang", "en"],
                        "service": [str(self.service)]}

    def __call__(self, name: str) -> Path:
        if name not in self.made:
            out = self.folder / f"{name}.html"
            result = run("report", *self.sources[name], "-o", str(out))
            assert result.exit_code in (0, 1), result.output
            assert out.is_file(), result.output
            self.made[name] = out
        return self.made[name]


@pytest.fixture(scope="session")
def reports(tmp_path_factory):
    from ivr_lint.cli import main

    if "report" not in main.list_commands(None):  # a branch that predates the command (issue 14 §2)
        pytest.skip("this build has no `ivr-lint report` command")
    return Reports(tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def mixed_findings(reports):
    """The findings `ivr-lint check` gives on the mixed flow: what the table must hold."""
    result = run("check", str(reports.mixed), "--format", "json")
    found = json.loads(result.stdout)["findings"]
    assert {f["severity"] for f in found} == {"error", "warning", "info"}  # the flow does what it says
    return found


# -- loading: no error, no request, language, sections, headings ------------------------------

@pytest.mark.parametrize(("name", "lang"), [("caf", "fr"), ("leeds", "en"), ("mixed", "fr"), ("mixed-en", "en"),
                                            ("service", "fr")])
def test_page_loads_offline_without_error_with_sections_and_headings_in_order(open_page, reports, name, lang):
    page = open_page(reports(name))
    errors = [entry for entry in page.console if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    others = [url for url in page.requests if url != page.url and not url.startswith("data:")]
    assert others == [], "the page asked for more than its own file"
    assert page.requests[:1] == [page.url]
    # nothing the browser would fetch names another place: no src/srcset/link/script out of the file
    fetched = page.js("""return [...document.querySelectorAll('[src], [srcset], link[href], script[src], object[data],'
        + ' image, use')].map(e => e.getAttribute('src') || e.getAttribute('srcset') || e.getAttribute('data')
        || (e.tagName === 'LINK' ? e.getAttribute('href') : e.getAttribute('href') || e.getAttribute('xlink:href')) || '')
        .filter(u => u && !u.startsWith('data:') && !u.startsWith('#'))""")
    assert fetched == []
    assert page.js("return document.documentElement.lang") == lang

    facts = page.js("""return {
        sections: [...document.querySelectorAll('section[id]')].map(s => ({id: s.id,
            labelled: s.getAttribute('aria-labelledby'),
            title: (document.getElementById(s.getAttribute('aria-labelledby')) || {}).tagName || null,
            inside: !!s.querySelector('#' + CSS.escape(s.getAttribute('aria-labelledby') || 'none'))})),
        headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1])),
        title: document.title}""")
    assert [s["id"] for s in facts["sections"]] == SECTIONS
    assert all(s["labelled"] == s["id"] + "-title" and s["title"] == "H2" and s["inside"] for s in facts["sections"])
    levels = facts["headings"]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), f"a heading level is skipped: {levels}"
    assert facts["title"].strip()

    commitments = page.js("""return [...document.querySelectorAll('#commitments-table tr[id^="commitment-"]')]
        .map(r => ({id: r.id, status: r.dataset.status, text: r.innerText,
                    links: [...r.querySelectorAll('a[href^="#finding-"]')].map(a => a.getAttribute('href')),
                    quotes: r.querySelectorAll('q, blockquote').length}))""")
    assert [c["id"] for c in commitments] == [f"commitment-M{i}" for i in range(1, 10)]
    for row in commitments:
        assert row["status"] in ("met", "not-met", "unknown")
        assert STATUS_WORDS[lang][row["status"]] in row["text"], row  # a word, not only a colour
        for link in row["links"]:
            assert page.js("return !!document.querySelector(arguments[0])", link), f"{row['id']} links to {link}"
        if row["status"] == "not-met" and name.startswith("mixed"):
            assert row["links"], f"{row['id']} is not met and links to no finding"
    assert any(c["quotes"] for c in commitments), "no evidence is quoted"

    tables = page.js("""return {
        findings: document.querySelectorAll('#findings-table tbody tr[id^="finding-"]').length,
        docs: [...document.querySelectorAll('#findings-table tbody tr')].map(r => [r.dataset.rule,
            !!document.querySelector('#rule-docs details#rule-' + CSS.escape(r.dataset.rule)),
            !!r.querySelector('a[href="#rule-' + r.dataset.rule + '"]')]),
        journeys: !!document.querySelector('#journeys #journeys-table'),
        coverage: (document.querySelector('#journeys #coverage') || {}).textContent || '',
        prompts: [...document.querySelectorAll('#prompts-table tbody tr')].map(r => [r.dataset.node, r.dataset.lang]),
        figures: document.querySelectorAll('#diagram figure.diagram svg[role="img"] > title').length,
        texts: document.querySelectorAll('#diagram figure.diagram details.diagram-text').length}""")
    assert all(has_doc and has_link for _, has_doc, has_link in tables["docs"]), tables["docs"]
    assert tables["journeys"] and re.search(r"\d", tables["coverage"])
    assert tables["prompts"] and all(node and language for node, language in tables["prompts"])
    assert tables["figures"] >= 1 and tables["texts"] == tables["figures"]
    if name.startswith("mixed"):
        assert tables["findings"] > 0
        assert ["accueil", "fr-FR"] in tables["prompts"] or ["accueil", "fr"] in tables["prompts"]


# -- findings: filter and sort ---------------------------------------------------------------

def _count(page) -> tuple[int, int]:
    text = page.find("#findings-count").text
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    assert len(numbers) == 2, text
    return numbers[0], numbers[1]


def test_findings_filter_by_text_and_severity_hides_the_right_rows(open_page, reports, mixed_findings):
    from selenium.webdriver.support.ui import Select

    page = open_page(reports("mixed"))
    rows = page.js(ROWS)
    total = len(mixed_findings)
    assert sorted((r["rule"], r["line"]) for r in rows) == sorted((f["rule"], f["line"]) for f in mixed_findings)
    assert page.find("#findings-count").get_attribute("aria-live") == "polite"
    assert _count(page) == (total, total)
    assert "sur" in page.find("#findings-count").text

    def shown():
        rows = page.js(ROWS)
        assert all(r["hidden"] != r["shown"] for r in rows)  # hidden rows are hidden, and only they
        return sorted((r["rule"], r["line"]) for r in rows if r["shown"])

    box = page.find("#findings-filter")
    assert box.get_attribute("type") == "search"
    box.send_keys("acronym")  # matches messages
    expected = sorted((f["rule"], f["line"]) for f in mixed_findings if "acronym" in f["message"].lower())
    assert len(expected) == 3 and shown() == expected
    assert _count(page) == (3, total)

    box.clear()
    box.send_keys("ETAT-CIVIL")  # a node's name, whatever the case
    expected = sorted((f["rule"], f["line"]) for f in mixed_findings if f["node"] == "etat-civil")
    assert expected and shown() == expected

    box.clear()
    box.send_keys("congestion-options")  # a rule's name
    assert shown() == sorted((f["rule"], f["line"]) for f in mixed_findings if f["rule"] == "congestion-options")

    box.clear()
    page.js("arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", box)
    severity = Select(page.find("#severity-filter"))
    assert [o.get_attribute("value") for o in severity.options] == ["all", "error", "warning", "info"]
    for level in ("warning", "info", "error"):
        severity.select_by_value(level)
        expected = sorted((f["rule"], f["line"]) for f in mixed_findings if f["severity"] == level)
        assert shown() == expected, level
        assert _count(page) == (len(expected), total)

    box.send_keys("queue 'agent'")  # both filters at once
    assert shown() == [("congestion-options", 27)]
    assert _count(page) == (1, total)

    box.clear()
    page.js("arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", box)
    severity.select_by_value("all")
    assert len(shown()) == total and _count(page) == (total, total)


def test_sorting_by_a_column_reorders_the_rows(open_page, reports, mixed_findings):
    page = open_page(reports("mixed-en"))
    assert re.search(r"\d+ of \d+", page.find("#findings-count").text)

    def order(key):
        button = page.find(f'#findings-table thead th > button[data-sort-key="{key}"]')
        button.click()
        rows = page.js(ROWS)
        sorts = page.js("""return Object.fromEntries([...document.querySelectorAll('#findings-table thead th')]
            .filter(th => th.querySelector('button[data-sort-key]'))
            .map(th => [th.querySelector('button').dataset.sortKey, th.getAttribute('aria-sort')]))""")
        return rows, sorts

    lines = sorted(f["line"] for f in mixed_findings)
    rows, sorts = order("line")
    assert [r["line"] for r in rows] == lines
    assert sorts["line"] == "ascending" and all(v in (None, "none") for k, v in sorts.items() if k != "line")
    rows, sorts = order("line")
    assert [r["line"] for r in rows] == lines[::-1]
    assert sorts["line"] == "descending"

    rows, sorts = order("rule")
    assert [r["rule"] for r in rows] == sorted(f["rule"] for f in mixed_findings)
    assert sorts["rule"] == "ascending" and sorts["line"] in (None, "none")

    rows, _ = order("severity")  # by gravity, not by alphabet: errors, warnings, infos
    got = [r["severity"] for r in rows]
    assert got in (sorted(got, key=SEVERITY_RANK.get), sorted(got, key=SEVERITY_RANK.get, reverse=True))
    assert got[0] in ("error", "info") and len(set(got)) == 3
    if got[0] == "info":  # a first click may put the gravest last; the second puts it first
        rows, _ = order("severity")
        got = [r["severity"] for r in rows]
    assert got == sorted((f["severity"] for f in mixed_findings), key=SEVERITY_RANK.get)


# -- diagram: scenario switch and zoom -------------------------------------------------------

FIGURES = """return [...document.querySelectorAll('#diagram figure.diagram')].map(f => ({
    scenario: f.dataset.scenario, hidden: f.hidden, shown: f.getClientRects().length > 0,
    caption: !!f.querySelector('figcaption'),
    labelled: !!(f.querySelector('svg[role="img"]') && document.getElementById(
        (f.querySelector('svg[role="img"]').getAttribute('aria-labelledby') || '').split(' ')[0]))}))"""


@pytest.mark.parametrize("name", ["caf", "service"])
def test_scenario_switch_shows_exactly_the_chosen_figures(open_page, reports, name):
    page = open_page(reports(name))
    radios = page.find_all('#scenario-switch input[type="radio"][name="scenario"]')
    values = [r.get_attribute("value") for r in radios]
    figures = page.js(FIGURES)
    assert set(values) <= {"open", "closed", "holiday", "congested"} and len(values) == len(set(values)) >= 3
    assert {f["scenario"] for f in figures} == set(values)
    assert all(f["caption"] and f["labelled"] for f in figures)
    flows = 3 if name == "service" else 1
    assert len([f for f in figures if f["scenario"] == "open"]) == flows
    checked = [r.get_attribute("value") for r in radios if r.is_selected()]
    assert len(checked) == 1
    for radio in [*radios[::-1], radios[0]]:
        radio.click()
        figures = page.js(FIGURES)
        chosen = radio.get_attribute("value")
        assert [f["shown"] for f in figures] == [f["scenario"] == chosen for f in figures], chosen
        assert [f["hidden"] for f in figures] == [f["scenario"] != chosen for f in figures], chosen

    from selenium.webdriver.common.keys import Keys

    radios[0].send_keys(Keys.ARROW_RIGHT)  # a radio group is one Tab stop; arrows move within it
    assert page.js("return document.activeElement.value") == values[1]
    assert [f["scenario"] for f in page.js(FIGURES) if f["shown"]] == [values[1]] * flows


def test_zoom_by_buttons_keyboard_and_wheel(open_page, reports):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.keys import Keys

    page = open_page(reports("caf"))
    figure = next(f for f in page.find_all("#diagram figure.diagram") if f.is_displayed())
    viewport = figure.find_element("css selector", 'div.viewport[tabindex="0"]')

    def zoom() -> float:
        return float(viewport.get_attribute("data-zoom") or 1)

    def view():
        return page.js("""const v = arguments[0], s = v.querySelector('svg'), g = s && s.querySelector('g');
            return [v.scrollLeft, v.scrollTop, s && s.getAttribute('viewBox'), s && s.getAttribute('style'),
                    s && s.getAttribute('transform'), g && g.getAttribute('transform'),
                    getComputedStyle(s || v).transform, [...v.children].map(c => c.getAttribute('style')).join()]""",
                       viewport)

    assert zoom() == 1
    figure.find_element("css selector", "button.zoom-in").click()
    assert zoom() > 1
    bigger = zoom()
    figure.find_element("css selector", "button.zoom-in").click()
    assert zoom() > bigger
    figure.find_element("css selector", "button.zoom-out").click()
    assert zoom() == bigger
    figure.find_element("css selector", "button.zoom-reset").click()
    assert zoom() == 1
    figure.find_element("css selector", "button.zoom-out").click()
    assert zoom() < 1
    figure.find_element("css selector", "button.zoom-reset").click()

    viewport.send_keys("+")
    assert zoom() > 1
    viewport.send_keys("+")
    before = view()
    viewport.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_DOWN)
    assert view() != before, "the arrow keys do not move the diagram"
    assert page.js("return document.activeElement") == viewport
    viewport.send_keys("-")
    assert zoom() == bigger
    viewport.send_keys("0")
    assert zoom() == 1

    ActionChains(page.driver).scroll_from_origin(ScrollOrigin.from_element(viewport), 0, -300).perform()
    assert zoom() != 1, "the mouse wheel does not zoom"


# -- keyboard: every control on the Tab path, with a visible focus ---------------------------

def test_every_control_is_reachable_by_tab(open_page, reports):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    page = open_page(reports("caf"))
    # mark the controls a keyboard user needs; a radio group is one Tab stop (its checked radio)
    wanted = page.js("""let n = 0; const mark = e => { e.dataset.probe = 'c' + (n++); return e.dataset.probe; };
        const visible = e => e.getClientRects().length > 0;
        const controls = [document.querySelector('#findings-filter'), document.querySelector('#severity-filter'),
            ...document.querySelectorAll('#findings-table thead button[data-sort-key]'),
            document.querySelector('#scenario-switch input[name="scenario"]:checked'),
            ...[...document.querySelectorAll('#diagram figure.diagram')].filter(visible).flatMap(f =>
                [...f.querySelectorAll('button.zoom-in, button.zoom-out, button.zoom-reset, div.viewport')]),
            ...[...document.querySelectorAll('details > summary')].filter(visible)];
        window.__focused = [];
        document.addEventListener('focusin', e => window.__focused.push(e.target.dataset.probe || e.target.tagName));
        return controls.map(e => e ? [mark(e), e.tagName, e.id || e.className] : null);""")
    assert None not in wanted
    stops = page.js("return document.querySelectorAll('a[href], button, input, select, summary, [tabindex]').length")
    page.find("body").click()
    focused, sent = [], 0
    while sent < stops + 5 and not {w[0] for w in wanted} <= set(focused):  # Tab in bursts till all are met
        ActionChains(page.driver).send_keys(*[Keys.TAB] * 40).perform()
        sent += 40
        focused = page.js("return window.__focused")
    missing = [w for w in wanted if w[0] not in focused]
    assert missing == [], f"not reachable by Tab: {missing}"

    # a keyboard user sees where the focus is (WCAG 2.4.7): an outline or a ring on each kind of control
    for css in ("#findings-filter", "#findings-table thead button[data-sort-key]", "button.zoom-in",
                "div.viewport[tabindex='0']"):
        element = next(e for e in page.find_all(css) if e.is_displayed())
        page.js("arguments[0].focus({focusVisible: true})", element)
        style = page.js("""const s = getComputedStyle(arguments[0]);
            return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]""", element)
        assert (style[0] != "none" and style[1] > 0) or style[2] != "none", f"{css} shows no focus: {style}"


# -- print: the print style, screenshots ------------------------------------------------------

def test_print_style_hides_the_controls_and_shows_every_figure(open_page, reports, tmp_path):
    page = open_page(reports("caf"))
    screen = tmp_path / "screen.png"
    assert page.driver.save_screenshot(str(screen))
    hidden_on_screen = [f for f in page.js(FIGURES) if not f["shown"]]
    assert hidden_on_screen, "on screen only the chosen scenario is drawn"

    page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    page.js("window.dispatchEvent(new Event('beforeprint'))")  # what the browser does before it prints
    assert page.js("return matchMedia('print').matches")
    shown = page.js("""const visible = e => e.getClientRects().length > 0
            && getComputedStyle(e).visibility !== 'hidden';
        return {
        controls: [...document.querySelectorAll('button, #findings-filter, #severity-filter, #scenario-switch')]
            .filter(visible).map(e => e.outerHTML.slice(0, 80)),
        figures: [...document.querySelectorAll('#diagram figure.diagram')].map(visible),
        details: [...document.querySelectorAll('details')].map(d => d.open
            || [...d.children].filter(c => c.tagName !== 'SUMMARY').every(visible)),
        rows: [...document.querySelectorAll('#findings-table tbody tr')].every(visible)}""")
    assert shown["controls"] == [], "controls are printed"
    assert shown["figures"] and all(shown["figures"]), "a scenario's figure is not printed"
    assert all(shown["details"]), "a <details> is printed closed"
    assert shown["rows"]
    printed = tmp_path / "print.png"
    assert page.driver.save_screenshot(str(printed))

    for shot in (screen, printed):
        data = shot.read_bytes()
        width, height = png_size(data)
        assert width == WINDOW[0] and WINDOW[1] - 200 <= height <= WINDOW[1], (shot.name, width, height)
        assert len(data) > 30_000, f"{shot.name} is almost empty ({len(data)} bytes)"
        assert png_colours(data) > 100, f"{shot.name} is nearly one colour"
    assert screen.read_bytes() != printed.read_bytes()


# -- --pdf through the command line -----------------------------------------------------------

def test_report_pdf_without_a_browser_is_a_usage_error_and_writes_no_pdf(reports, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    pdf = tmp_path / "report.pdf"
    result = run("report", str(reports.mixed), "-o", str(tmp_path / "report.html"), "--pdf", str(pdf))
    assert result.exit_code == 2
    assert "apt-get install chromium" in result.output
    assert "Traceback" not in result.output
    assert not pdf.exists()


# -- accessibility: contrast, and a page that reads without JavaScript ------------------------

CONTRAST = """
const rgba = c => (c.match(/[\\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
    : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const background = e => { for (; e; e = e.parentElement) { const s = getComputedStyle(e);
    if (s.backgroundImage !== 'none') return null; const c = rgba(s.backgroundColor);
    if (c.length === 3 || c[3] > 0.99) return c.slice(0, 3); if (c[3] > 0) return null; } return [255, 255, 255]; };
const faults = [];
for (const e of document.querySelectorAll('body *')) {
    if (e.closest('svg') || !e.getClientRects().length) continue;
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const s = getComputedStyle(e), bg = background(e);
    if (!bg || s.visibility === 'hidden' || Number(s.opacity) < 1) continue;
    const fg = rgba(s.color); if (fg.length > 3 && fg[3] < 1) { faults.push([e.tagName, e.className, s.color, 'transparent text']); continue; }
    const [a, b] = [luminance(fg), luminance(bg)], ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) faults.push([e.tagName, e.className, e.textContent.trim().slice(0, 30),
                                               s.color, 'on', 'rgb(' + bg + ')', ratio.toFixed(2)]);
}
return faults;"""


def test_text_contrast_meets_wcag_aa(open_page, reports):
    """WCAG 1.4.3 / RGAA 3.2: 4.5:1 for text, 3:1 for large text (the diagram's SVG aside)."""
    page = open_page(reports("mixed"))
    assert page.js(CONTRAST) == []
    page.find("#findings-filter").send_keys("acronym")  # states the script sets look the same
    page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert page.js(CONTRAST) == []


def test_the_page_reads_without_javascript(driver, reports, mixed_findings):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        driver.get(reports("mixed").resolve().as_uri())
        facts = driver.execute_script  # script execution is off for the page, not for WebDriver
        shown = facts("""return {
            rows: [...document.querySelectorAll('#findings-table tbody tr')].filter(r => r.getClientRects().length)
                .map(r => r.dataset.rule),
            commitments: document.querySelectorAll('#commitments-table tr[data-status]').length,
            figures: [...document.querySelectorAll('#diagram figure.diagram')].filter(f => f.getClientRects().length)
                .map(f => f.dataset.scenario),
            count: document.querySelector('#findings-count').textContent}""")
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    assert sorted(shown["rows"]) == sorted(f["rule"] for f in mixed_findings)
    assert shown["commitments"] == 9
    assert len(shown["figures"]) == 1  # the scenario checked in the HTML, the others a radio away
    assert str(len(mixed_findings)) in shown["count"]
