"""The assessment as one self-contained HTML page (the DOM contract in tests/report).

Everything the page shows is escaped here, once: flow text, file names, rule docs (a
small Markdown subset turned into HTML after escaping). The output is well-formed XML as
well as HTML (void elements closed, script and style in CDATA sections), so a test can
read it with any parser. Inline SVG gets its ids prefixed per figure: two pictures of
the same flow would otherwise share every id.
"""

from __future__ import annotations

import json
import os
import re
from html import escape
from importlib import resources

from ivr_lint import __version__
from ivr_lint.findings import Finding
from ivr_lint.report.catalogue import labels
from ivr_lint.report.commitments import CODES, Evidence, Quote, Term, Weekly
from ivr_lint.report.model import Assessment, Figure
from ivr_lint.rules import RULES
from ivr_lint.simulate.answers import SILENCE
from ivr_lint.text.hours import format_intervals

SEVERITIES = ("error", "warning", "info")
CHECKED, HIDDEN, NUM = ' checked="checked"', ' hidden="hidden"', ' class="num"'
DOING = ' <span class="flow">({})</span>'



def e(text) -> str:
    return escape(str(text), quote=True)


def asset(name: str) -> str:
    return resources.files("ivr_lint.report").joinpath("assets", name).read_text(encoding="utf-8")


# -- inline SVG ---------------------------------------------------------------------------------
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata\b.*?</metadata>", re.S)
_ID = re.compile(r' id="([^"]*)"')
_REF = re.compile(r'(href="#|url\(#)([^")]*)')
_SIZE = re.compile(r'<svg\b([^>]*?)\swidth="([\d.]+)(pt|px)?"\s*height="([\d.]+)(pt|px)?"', re.S)


def inline_svg(svg: str, prefix: str, title: str, title_id: str) -> str:
    """An SVG document as an element of the page: no prolog, ids prefixed, a <title>, role=img."""
    svg = _PROLOG.sub("", svg, count=1)
    svg = _METADATA.sub("", svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = _ID.sub(lambda m: f' id="{prefix}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    width = ""
    size = _SIZE.search(svg)
    if size:
        factor = 4 / 3 if size.group(3) == "pt" else 1
        natural = f"{float(size.group(2)) * factor:.0f}"
        width = f' width="{natural}" data-width="{natural}"'  # natural size, capped by the page's width
        svg = svg[:size.start()] + f"<svg{size.group(1)}" + svg[size.end():]
    head_end = svg.index(">") + 1
    head = svg[:head_end - 1]
    return (f'{head} role="img" aria-labelledby="{title_id}"{width} focusable="false">'
            f'<title id="{title_id}">{e(title)}</title>' + svg[head_end:].strip())


DAY_NAMES = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
             "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}


def say_week(days: dict, lang: str) -> str:
    """ "lundi–vendredi 09:00-17:00 ; samedi 09:00-12:00": days with the same hours in a row are joined."""
    names = DAY_NAMES[lang]
    runs: list[list] = []
    for day in range(7):
        hours = tuple(days.get(day, ()))
        if not hours:
            continue
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == hours:
            runs[-1][1] = day
        else:
            runs.append([day, day, hours])
    said = [(names[a] if a == b else f"{names[a]}–{names[b]}") + " " + format_intervals(h, lang) for a, b, h in runs]
    return (" ; " if lang == "fr" else "; ").join(said)


#: what the caller does on a way to a person (analysis.person_paths says it in English)
_MOVES_FR = ((re.compile(r"^silence at (.+) until its retries run out$"), r"silence à \1 jusqu'au dernier essai"),
             (re.compile(r"^silence at (.+)$"), r"silence à \1"), (re.compile(r"^key (\S+) at (.+)$"), r"touche \1 à \2"),
             (re.compile(r"^a key at (.+)$"), r"une touche à \1"), (re.compile(r"^digits at (.+)$"), r"chiffres saisis à \1"),
             (re.compile(r"^a wrong key at (.+)$"), r"une mauvaise touche à \1"))


def say_moves(doing: str, lang: str) -> str:
    if lang != "fr" or not doing:
        return doing
    said = []
    for move in doing.split("; "):
        for pattern, french in _MOVES_FR:
            if pattern.match(move):
                move = pattern.sub(french, move)
                break
        said.append(move)
    return " ; ".join(said)


# -- rule docs: a Markdown subset, escaped first -------------------------------------------------
def _inline(text: str) -> str:
    text = e(text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    return text


def markdown(doc: str, level: int = 4) -> str:
    """Headings (##), paragraphs, bullet lists and fenced code blocks; everything else is text."""
    out, paragraph, items = [], [], []
    lines = doc.splitlines()

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            block = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                block.append(lines[i])
                i += 1
            out.append(f"<pre><code>{e(chr(10).join(block))}</code></pre>")
        elif stripped.startswith("#"):
            flush()
            out.append(f"<h{level}>{_inline(stripped.lstrip('#').strip())}</h{level}>")
        elif stripped.startswith(("- ", "* ")):
            if paragraph:
                flush()
            items.append(stripped[2:])
        elif not stripped:
            flush()
        elif items and line.startswith("  "):
            items[-1] += " " + stripped
        else:
            if items:
                flush()
            paragraph.append(stripped)
        i += 1
    flush()
    return "\n".join(out)


# -- the page -------------------------------------------------------------------------------------
class Page:
    def __init__(self, assessment: Assessment):
        self.a = assessment
        self.t = labels(assessment.lang)
        self.numbers = {id(f): n for n, f in enumerate(assessment.findings, start=1)}
        self.several = len(assessment.flows) > 1
        services = assessment.services
        self.title = services[0] if len(services) == 1 else self.t("several_services", count=len(services))

    def value(self, value) -> str:
        t = self.t
        if isinstance(value, Term):
            return e(t(value.key))
        if isinstance(value, Weekly):
            return e(say_week(dict(value.days), self.a.lang))
        if isinstance(value, list):
            return ", ".join(self.value(v) for v in value)
        return e(value)

    # sections
    def render(self) -> str:
        a, t = self.a, self.t
        sections = [self.summary(), self.commitments(), self.diagram(), self.findings(), self.journeys(), self.prompts()]
        if a.load is not None:
            sections.append(self.load())
        ids = ["summary", "commitments", "diagram", "findings", "journeys", "prompts"] + (["load"] if a.load else [])
        toc = "".join(f'<li><a href="#{i}">{e(t(i))}</a></li>' for i in ids)
        words = json.dumps({"count": t("count_findings", shown="{shown}", total="{total}")}, ensure_ascii=False)
        # a <script> holds raw text: entities are not decoded there, so JSON escapes stand in for < > &
        words = words.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return "\n".join([
            "<!DOCTYPE html>",
            f'<html lang="{a.lang}" xmlns="http://www.w3.org/1999/xhtml">',
            "<head>",
            '<meta charset="utf-8" />',
            '<meta name="viewport" content="width=device-width, initial-scale=1" />',
            f'<meta name="generator" content="ivr-lint {e(__version__)}" />',
            f"<title>{e(t('title'))} – {e(self.title)}</title>",
            f"<style>/*<![CDATA[*/\n{asset('report.css')}\n/*]]>*/</style>",
            "</head>",
            "<body>",
            f'<a class="skip" href="#commitments">{e(t("skip"))}</a>',
            '<header class="masthead"><div class="wrap">',
            f'<p class="tool">{e(t("title"))}</p>',
            f"<h1>{e(self.title)}</h1>",
            f'<p class="meta">{e(t("generated", date=a.made_on.isoformat(), version=__version__))}</p>',
            "</div></header>",
            f'<nav class="toc" aria-label="{e(t("contents"))}"><div class="wrap"><ul>{toc}</ul></div></nav>',
            '<main id="main" class="wrap">',
            *sections,
            "</main>",
            f'<footer class="page"><div class="wrap">{e(t("generated", date=a.made_on.isoformat(), version=__version__))}'
            "</div></footer>",
            f'<script type="application/json" id="report-words">{words}</script>',
            f"<script>//<![CDATA[\n{asset('report.js')}\n//]]></script>",
            "</body>",
            "</html>",
        ]) + "\n"

    def section(self, key: str, body: list[str]) -> str:
        return "\n".join([f'<section id="{key}" aria-labelledby="{key}-title">',
                          f'<h2 id="{key}-title">{e(self.t(key))}</h2>', *body, "</section>"])

    def summary(self) -> str:
        a, t = self.a, self.t
        counts = a.counts
        statuses = [c.status for c in a.commitments]
        cards = [(len(a.flows), t("flows_count")), (counts.get("error", 0), t("errors")),
                 (counts.get("warning", 0), t("warnings")), (counts.get("info", 0), t("infos")),
                 (f"{statuses.count('met')}/9", t("met_count"))]
        body = ['<ul class="cards">' + "".join(f'<li><span class="value">{e(v)}</span><span class="name">{e(n)}</span></li>'
                                            for v, n in cards) + "</ul>"]
        rows = [(t("service"), "<br />".join(e(name) for name in a.services)),
                (t("files"), ", ".join(f"<code>{e(f)}</code>" for f in a.files)),
                (t("date"), e(a.made_on.isoformat())),
                (t("nodes_count"), e(a.nodes)),
                (t("commitments"), e(t("status_counts", met=statuses.count("met"), not_met=statuses.count("not-met"),
                                       unknown=statuses.count("unknown"))))]
        body.append(f'<table class="facts"><caption>{e(t("summary_caption"))}</caption><tbody>'
                    + "".join(f'<tr><th scope="row">{e(k)}</th><td>{v}</td></tr>' for k, v in rows)
                    + "</tbody></table>")
        return self.section("summary", body)

    # commitments
    def quote(self, quote: Quote) -> str:
        where = f"{quote.file}:{quote.line}"
        lang = f' lang="{e(quote.language)}"' if quote.language else ""
        return (f'<blockquote class="quote" cite="#{e(quote.node)}"><p><q{lang}>{e(quote.sentence)}</q></p>'
                f'<footer><code>{e(where)}</code> · {e(quote.node)}</footer></blockquote>')

    def evidence(self, item: Evidence) -> str:
        values = {k: self.value(v) for k, v in item.values.items() if k not in ("path", "doing")}
        if "keys" in item.values:
            values["keys"] = e(self.t("ev_keys", n=item.values["keys"]))
        text = self.t(item.key, **{k: "\x00" + k + "\x00" for k in values}) if values else self.t(item.key)
        html = e(text)
        for k, v in values.items():
            html = html.replace(e("\x00" + k + "\x00"), v)
        parts = [html]
        if item.values.get("path"):
            path = " → ".join(item.values["path"])
            doing = say_moves(item.values.get("doing") or "", self.a.lang)
            parts.append(f'<br /><span class="path">{e(path)}</span>' + (DOING.format(e(doing))
                                                                           if doing else ""))
        parts += [self.quote(q) for q in item.quotes]
        return "<li>" + "".join(parts) + "</li>"

    def evidence_list(self, items: list[Evidence]) -> str:
        """The evidence, grouped under each flow's name when the page is about several."""
        if not self.several:
            return f'<ul class="evidence">{"".join(self.evidence(i) for i in items)}</ul>'
        groups: dict[str, list[Evidence]] = {}
        for item in items:
            groups.setdefault(item.flow, []).append(item)
        out = []
        for flow, group in groups.items():
            inner = "".join(self.evidence(i) for i in group)
            if not flow:
                out.append(inner)
                continue
            out.append(f'<li class="flow-group"><p class="flow-name"><code>{e(flow)}</code></p>'
                       f'<ul class="evidence">{inner}</ul></li>')
        return f'<ul class="evidence">{"".join(out)}</ul>'

    def finding_link(self, finding: Finding) -> str:
        n = self.numbers[id(finding)]
        return f'<a href="#finding-{n}">{e(finding.rule)} ({e(os.path.basename(finding.file))}:{finding.line})</a>'

    def commitments(self) -> str:
        t = self.t
        rows = []
        for c in self.a.commitments:
            cell = [self.evidence_list(c.evidence)] if c.evidence else []
            cell += [f'<p class="reason">{_inline(t(r.key, **r.values))}</p>' for r in c.reasons]
            if c.findings:
                links = ", ".join(self.finding_link(f) for f in c.findings[:12])
                more = f" … (+{len(c.findings) - 12})" if len(c.findings) > 12 else ""
                cell.append(f'<p class="links">{e(t("see_findings"))} {links}{more}</p>')
            if c.rules:
                names = ", ".join(f'<a href="#rule-{e(r)}">{e(r)}</a>' for r in c.rules)
                cell.append(f'<p class="rules-used">{t("rules_checking", rules=names)}</p>')
            rows.append(f'<tr id="commitment-{c.code}" data-status="{c.status}">'
                        f'<th scope="row"><span class="code">{c.code}</span> {e(t(c.code))}</th>'
                        f'<td class="status"><span class="badge badge-{c.status}">{e(t(c.status))}</span></td>'
                        f'<td class="evidence-cell">{"".join(cell)}</td></tr>')
        assert [c.code for c in self.a.commitments] == list(CODES)
        return self.section("commitments", [
            f'<p class="lead">{e(t("commitments_intro"))}</p>',
            '<div class="table-scroll"><table id="commitments-table">',
            f'<caption>{e(t("commitments_caption"))}</caption>',
            f'<thead><tr><th scope="col">{e(t("col_commitment"))}</th><th scope="col">{e(t("col_status"))}</th>'
            f'<th scope="col">{e(t("col_evidence"))}</th></tr></thead>',
            "<tbody>", *rows, "</tbody></table></div>"])

    # diagram
    def diagram(self) -> str:
        t, a = self.t, self.a
        values = [v for v in ("open", "closed", "holiday", "congested") if any(f.scenario == v for f in a.figures)]
        radios = "".join(
            f'<label><input type="radio" name="scenario" value="{v}"{CHECKED if i == 0 else ""} />'
            f' {e(t("scenario_" + v))}</label>' for i, v in enumerate(values))
        body = [f'<p class="lead">{e(t("diagram_intro"))}</p>',
                f'<fieldset id="scenario-switch"><legend>{e(t("scenario_choice"))}</legend>{radios}</fieldset>']
        for n, figure in enumerate(a.figures, start=1):
            body.append(self.figure(n, figure, figure.scenario != values[0]))
        return self.section("diagram", body)

    def figure(self, n: int, figure: Figure, hidden: bool) -> str:
        t = self.t
        caption = t("diagram_of", flow=figure.flow, scenario=t("scenario_" + figure.scenario))
        if figure.svg is not None:
            picture = inline_svg(figure.svg, f"fig{n}", caption, f"fig{n}-title")
        else:
            picture = f'<p class="problem">{e(t("no_diagram", why=figure.problem or ""))}</p>'
        return "\n".join([
            f'<figure class="diagram" data-scenario="{figure.scenario}" data-flow="{e(figure.flow)}"'
            f'{HIDDEN if hidden else ""} aria-labelledby="fig{n}-caption">',
            f'<figcaption id="fig{n}-caption">{e(caption)}</figcaption>',
            f'<div class="toolbar" role="group" aria-label="{e(caption)}">'
            f'<button type="button" class="zoom-in" aria-label="{e(t("zoom_in"))}">+</button>'
            f'<button type="button" class="zoom-out" aria-label="{e(t("zoom_out"))}">−</button>'
            f'<button type="button" class="zoom-reset">{e(t("zoom_reset"))}</button>'
            f'<p class="hint">{e(t("zoom_help"))}</p></div>',
            f'<div class="viewport" tabindex="0" data-zoom="1" role="group" aria-label="{e(caption)}">{picture}</div>',
            f'<details class="diagram-text"><summary>{e(t("text_version"))}</summary><pre>{e(figure.text)}</pre></details>',
            "</figure>"])

    # findings
    def findings(self) -> str:
        t, a = self.t, self.a
        options = "".join(f'<option value="{v}">{e(t(v) if v != "all" else t("all"))}</option>'
                          for v in ("all", *SEVERITIES))
        body = ['<div class="filters">',
                f'<div><label for="findings-filter">{e(t("filter_text"))}</label>'
                f'<input type="search" id="findings-filter" placeholder="{e(t("filter_placeholder"))}" /></div>',
                f'<div><label for="severity-filter">{e(t("filter_severity"))}</label>'
                f'<select id="severity-filter">{options}</select></div>', "</div>",
                f'<p id="findings-count" aria-live="polite">{e(t("count_findings", shown=len(a.findings), total=len(a.findings)))}</p>']
        columns = [("severity", "col_severity"), ("rule", "col_rule"), ("file", "col_file"), ("line", "col_line"),
                   ("message", "col_message")]
        heads = "".join(f'<th scope="col" aria-sort="none"><button type="button" data-sort-key="{k}" '
                        f'aria-label="{e(t("sort_by", column=t(label)))}">{e(t(label))}</button></th>'
                        for k, label in columns)
        rows = []
        for n, f in enumerate(a.findings, start=1):
            node = f' data-node="{e(f.node)}"' if f.node else ""
            node_text = f' <span class="flow">({e(f.node)})</span>' if f.node else ""
            rows.append(f'<tr id="finding-{n}" data-index="{n}" data-severity="{f.severity.label}" data-rule="{e(f.rule)}" '
                        f'data-file="{e(f.file)}" data-line="{f.line}"{node}>'
                        f'<td><span class="sev sev-{f.severity.label}">{e(t(f.severity.label))}</span></td>'
                        f'<td><a href="#rule-{e(f.rule)}">{e(f.rule)}</a></td>'
                        f'<td><code>{e(f.file)}</code></td><td class="num">{f.line}:{f.column}</td>'
                        f'<td class="message">{_inline(f.message)}{node_text}</td></tr>')
        body += ['<div class="table-scroll"><table id="findings-table">',
                 f'<caption>{e(t("findings_caption"))}</caption>',
                 f"<thead><tr>{heads}</tr></thead>", "<tbody>", *rows, "</tbody></table></div>"]
        if not a.findings:
            body.append(f'<p>{e(t("no_findings"))}</p>')
        body.append(self.rule_docs())
        return self.section("findings", body)

    def rule_docs(self) -> str:
        t = self.t
        found = {f.rule for f in self.a.findings}
        used = found | {r for c in self.a.commitments for r in c.rules}
        docs = [f'<h3 id="rule-docs-title">{e(t("rule_docs"))}</h3>']
        for rule in RULES:
            if rule.name not in used:
                continue
            quiet = "" if rule.name in found else ' class="quiet"'  # printed only when it has findings
            meta = t("rule_meta", severity=t(rule.severity.label), source=rule.source or "-")
            docs.append(f'<details id="rule-{e(rule.name)}"{quiet}><summary><code>{e(rule.name)}</code> ({e(rule.code)}) – '
                        f'{_inline(rule.summary)}</summary><div class="doc"><p>{e(meta)}</p>{markdown(rule.doc())}</div></details>')
        return '<div id="rule-docs" role="region" aria-labelledby="rule-docs-title">' + "\n".join(docs) + "</div>"

    # journeys
    def journeys(self) -> str:
        t, a = self.t, self.a
        body = [f'<p class="lead">{e(t("journeys_intro"))}</p>']
        rows, coverage = [], []
        for entry in a.journeys:
            prefix = (f"{entry.flow} : " if a.lang == "fr" else f"{entry.flow}: ") if self.several else ""
            if entry.problem:
                coverage.append(prefix + t("no_journeys", why=t(entry.problem)))
                continue
            line = t("coverage", journeys=len(entry.rows), covered=entry.covered, total=entry.total)
            if entry.uncovered:
                line += " " + t("uncovered", count=entry.uncovered)
            coverage.append(prefix + line)
            for row in entry.rows:
                keys = " ".join(t("silence") if k == SILENCE else k for k in row.keys) or t("no_key")
                rows.append(f'<tr data-scenario="{e(row.scenario)}"><td><code>{e(entry.flow)}</code></td>'
                            f'<td>{e(row.scenario)}</td><td><kbd>{e(keys)}</kbd></td>'
                            f'<td>{e(row.outcome)} ({e(row.end)})</td><td class="num">{row.seconds:.0f}</td></tr>')
        body.append('<p id="coverage">' + "<br />".join(e(c) for c in coverage) + "</p>")
        heads = "".join(f'<th scope="col"{NUM if k == "col_seconds" else ""}>{e(t(k))}</th>'
                        for k in ("col_flow", "col_scenario", "col_keys", "col_outcome", "col_seconds"))
        body += ['<div class="table-scroll"><table id="journeys-table">', f'<caption>{e(t("journeys_caption"))}</caption>',
                 f"<thead><tr>{heads}</tr></thead><tbody>", *rows, "</tbody></table></div>"]
        if not rows:
            body.append(f'<p>{e(t("no_journeys", why=t("none")))}</p>')
        if a.tests is not None:
            passed = sum(1 for r in a.tests if r.passed)
            body += [f'<h3 id="journey-tests-title">{e(t("journey_tests"))}</h3>',
                     f'<p>{e(t("tests_count", passed=passed, failed=len(a.tests) - passed))}</p>',
                     '<div class="table-scroll"><table id="journey-tests">',
                     f'<caption>{e(t("journey_tests_caption"))}</caption>',
                     "<thead><tr>" + "".join(f'<th scope="col">{e(t(k))}</th>' for k in
                                             ("col_journey", "col_file", "col_result", "col_details")) + "</tr></thead><tbody>"]
            for row in a.tests:
                result = "pass" if row.passed else "fail"
                details = "<br />".join(e(p) for p in row.problems)
                body.append(f'<tr data-result="{result}"><th scope="row">{e(row.name)}</th>'
                            f'<td><code>{e(row.file)}:{row.line}</code></td>'
                            f'<td><span class="sev result-{result}">{e(t(result))}</span></td><td>{details}</td></tr>')
            body.append("</tbody></table></div>")
        return self.section("journeys", body)

    # prompts
    def prompts(self) -> str:
        t, a = self.t, self.a
        audio = any(p.audio for p in a.prompts)
        keys = ["col_node", "col_flow", "col_text", "col_language", "col_seconds"] + (["col_audio"] if audio else [])
        heads = "".join(f'<th scope="col"{NUM if k == "col_seconds" else ""}>{e(t(k))}</th>' for k in keys)
        rows = []
        for p in a.prompts:
            r = p.row
            text = e(r.marked) if not r.missing else f'<em>{e(t("missing_text"))}</em>'
            lang = f' lang="{e(r.language)}"' if r.language and not r.missing else ""
            seconds = "" if r.seconds is None else f"{r.seconds:.1f}" + (f" ({e(t('measured'))})" if r.measured else "")
            cells = (f'<th scope="row"><code>{e(r.node)}</code></th><td><code>{e(r.flow)}</code></td>'
                     f'<td{lang}>{text}</td>'
                     f'<td>{e(r.language)}</td><td class="num">{seconds}</td>')
            if audio:
                player = (f'<audio controls="controls" preload="none" src="{e(p.audio)}" '
                          f'aria-label="{e(t("listen_to", node=r.node))}"></audio>') if p.audio else ""
                cells += f"<td>{player}</td>"
            rows.append(f'<tr data-node="{e(r.node)}" data-lang="{e(r.language)}" data-flow="{e(r.flow)}">{cells}</tr>')
        body = ['<div class="table-scroll"><table id="prompts-table">', f'<caption>{e(t("prompts_caption"))}</caption>',
                f"<thead><tr>{heads}</tr></thead><tbody>", *rows, "</tbody></table></div>"]
        if not rows:
            body.append(f'<p>{e(t("no_prompts"))}</p>')
        return self.section("prompts", body)

    # load
    def load(self) -> str:
        t, load = self.t, self.a.load
        columns = [("col_offered", "offered", "num"), ("col_asked", "asked_for_agent", "num"),
                   ("col_answered", "answered", "num"), ("col_rate", "answer_rate", "pct"), ("col_asa", "asa", "sec"),
                   ("col_agents", "agents", "num"), ("col_needed", "agents_needed", "num")]

        def cell(value, kind) -> str:
            if value is None:
                return "–"
            if value == "unstable":
                return "∞"
            if kind == "pct":
                return f"{100 * value:.1f} %"
            if kind == "sec":
                return f"{value:.0f} s"
            return f"{value:,.0f}".replace(",", " ") if abs(value) >= 10 or float(value).is_integer() else f"{value:.1f}"

        def table(ident, caption, rows, first):
            heads = "".join(f'<th scope="col">{e(t(k))}</th>' for k in first)
            heads += "".join(f'<th scope="col" class="num">{e(t(k))}</th>' for k, _, _ in columns)
            lines = [f'<div class="table-scroll"><table id="{ident}"><caption>{e(caption)}</caption>'
                     f"<thead><tr>{heads}</tr></thead><tbody>"]
            for row in rows:
                lead = [row["day"] + (" " + row["weekday"] if "weekday" in row else "")]
                if "start" in row:
                    lead.append(row["start"])
                lines.append("<tr>" + f'<th scope="row">{e(lead[0])}</th>' + "".join(f"<td>{e(x)}</td>" for x in lead[1:])
                             + "".join(f'<td class="num">{e(cell(row.get(key), kind))}</td>' for _, key, kind in columns)
                             + "</tr>")
            lines.append("</tbody></table></div>")
            return "\n".join(lines)

        body = [f'<p class="lead">{e(t("load_intro", file=load.file))}</p>',
                f'<h3 id="load-days-title">{e(t("load_days"))}</h3>',
                table("load-days", t("load_days"), load.days, ["col_day"])]
        if load.findings:
            body += [f'<h3 id="load-findings-title">{e(t("load_findings"))}</h3>',
                     "<ul>" + "".join(f"<li>{e(f)}</li>" for f in load.findings) + "</ul>"]
        body.append(f'<h3 id="load-plots-title">{e(t("load_plots"))}</h3>')
        for n, (name, svg) in enumerate(load.plots, start=1):
            key = f"plot_{name}"
            caption = t(key) if key in _keys() else name
            body.append(f'<figure class="plot" id="plot-{e(name)}">{inline_svg(svg, f"plot{n}", caption, f"plot{n}-title")}'
                        f"<figcaption>{e(caption)}</figcaption></figure>")
        body += [f'<h3 id="load-intervals-title">{e(t("load_intervals"))}</h3>',
                 f'<details><summary>{e(t("load_intervals"))} ({len(load.intervals)})</summary>',
                 table("load-intervals", t("load_intervals"), load.intervals, ["col_day", "col_start"]), "</details>"]
        return self.section("load", body)


def _keys():
    from ivr_lint.report.catalogue import LABELS

    return LABELS


def to_html(assessment: Assessment) -> str:
    return Page(assessment).render()
