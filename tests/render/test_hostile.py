"""A flow's text cannot change the structure of a diagram, whatever the format.

Names, labels, prompts, option labels, node ids and file names are written with DOT's
HTML-label syntax, DOT quoting tricks, escString sequences (\\N), Mermaid's front matter,
directives, `click` statements and link syntax, HTML, control characters and sizes `dot`
refuses. Each output is parsed (SVG with ElementTree, DOT through `dot -Tjson`, Mermaid line
by line) and its nodes and edges counted: exactly the flow's, nothing invented, no link.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import run

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
SVG = "{http://www.w3.org/2000/svg}"

#: three nodes, four transitions; every text a flow holds is hostile
HOSTILE = r'''
ivr: 1
name: "<b>, URL=\"javascript:alert(1)\", target=\"_top\", x=<b>\n---\n%%{init: {'securityLevel': 'loose'}}%%"
start: "<a>"
nodes:
  "<a>":
    type: menu
    label: '<IMG SRC="/etc/passwd"/>'
    prompt: "Tapez 1.\e]0;pwned\a\e]8;;http://evil/\e\\lien\e]8;;\e\\ \u202eosrever\b\r\x9b31m"
    options:
      "1": {label: "\"]; evil [label=\"x\"]; \"<a>\" -> evil; x [label=\"", next: "x\" -> \"y"}
      "2": {label: "a|b\"]\nclick n_a href \"javascript:alert(2)\"\n`**md**` %%{init: {}}%%", next: "back\\N"}
    on_max_retries: "x\" -> \"y"
  "x\" -> \"y":
    type: play
    label: "\\N \\G \\L \\E image=\"/etc/passwd\" ]; z [image=\"/etc/passwd\"]"
    prompt: "\0nul \\N <TABLE><TR><TD>in</TD></TR></TABLE>"
    next: "back\\N"
  "back\\N": {type: hangup, label: "<<TABLE><TR><TD>x</TD></TR></TABLE>>"}
'''
NODES, EDGES = 3, 4  # without the incoming-call node and its edge

#: what the hostile texts try to bring into an output
INJECTED = ("javascript:", "/etc/passwd", "http://evil")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(write):
    return write(HOSTILE.lstrip("\n"))


def svg_structure(svg: str) -> tuple[int, int]:
    """(nodes, edges) of an SVG written by `dot`, after checking that it holds no link and no image."""
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = element.tag.replace(SVG, "")
        assert tag not in ("image", "script", "foreignObject", "use"), tag
        for name, value in element.attrib.items():
            assert "href" not in name, (tag, name, value)
            assert not name.startswith("on"), (tag, name)
            if name not in ("{http://www.w3.org/1999/xlink}title",):
                assert not any(word in value for word in INJECTED), (tag, name, value)
    groups = [g.get("class", "").split() for g in root.iter(SVG + "g")]
    nodes = sum(1 for classes in groups if "node" in classes and "ivr-call" not in classes)
    edges = sum(1 for classes in groups if "edge" in classes and "edge-call" not in classes)
    return nodes, edges


@needs_dot
def test_svg_draws_only_the_flow(hostile, tmp_path):
    out = tmp_path / "x.svg"
    result = run("render", str(hostile), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg_structure(svg) == (NODES, EDGES)
    assert not CONTROL.search(svg)
    # the texts are drawn as text: the title as the user wrote it, escapes shown
    texts = [(t.text or "").replace("\u200b", "") for t in ET.fromstring(svg).iter(SVG + "text")]
    assert '<b>, URL="javascript:alert(1)", target="_top", x=<b> --- %%{init: {\'securityLevel\': \'loose\'}}%%' \
        in texts
    assert "\\N \\G \\L \\E image=\"/etc/passwd\" ]; z [image=\"/etc/passwd\"]" in texts
    assert "“\\x00nul \\N…”" in texts


@needs_dot
def test_dot_source_has_only_our_attributes(hostile):
    result = run("render", str(hostile), "-f", "dot")
    assert result.exit_code == 0, result.stderr
    laid = subprocess.run(["dot", "-Tjson"], input=result.stdout.encode("utf-8"), capture_output=True, check=True)
    graph = json.loads(laid.stdout)
    objects = [o for o in graph["objects"] if "ivr-call" not in o.get("class", "")]
    edges = [e for e in graph["edges"] if "edge-call" not in e.get("class", "")]
    assert (len(objects), len(edges)) == (NODES, EDGES)
    names = set().union(*map(set, graph["objects"] + graph["edges"] + [graph]))
    assert not names & {"URL", "href", "target", "image", "imagepath", "x", "z", "evil"}
    # backslashes are doubled in DOT ids (a last one would otherwise escape the closing quote)
    assert {o["name"] for o in objects} == {"<a>", 'x" -> "y', "back\\\\N"}
    assert not CONTROL.search(result.stdout)


@needs_dot
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_binary_formats_draw_and_embed_nothing(hostile, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    result = run("render", str(hostile), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")
    assert b"/URI" not in data and b"JavaScript" not in data


def mermaid_structure(source: str) -> tuple[int, int]:
    """(nodes, edges) of a Mermaid flowchart we wrote; fails on any line that is not one of ours."""
    lines = source.splitlines()
    assert lines[0] == "---" and lines[1].startswith("title: '") and lines[2] == "---", lines[:3]
    assert re.fullmatch(r"title: '([^']|'')*'", lines[1]), lines[1]
    assert lines[3].startswith("%% ") and "%%" not in lines[3][3:]
    assert re.fullmatch(r"flowchart (TB|LR)", lines[4])
    label = r'"[^"`%\n]*"'
    node = re.compile(rf"\s+(?!legend_|incoming_call)(\w+)(\[|\(|\[/|\{{|\{{\{{|\(\[|>|\[\\|\[\(|\[\[|\(\()({label})[\])}}/\\]+")
    edge = re.compile(rf"\s+(\w+) (-->|-\.->|==>)(\|{label}\|)? (\w+)")
    known = [re.compile(p) for p in (r'\s+incoming_call\(\("☎"\)\)', rf"\s+subgraph \w+ \[{label}\]", r"\s+end",
                                     r"\s+direction LR", r'\s+legend_\w+[\[\](){}/\\>]*"[\w ()]+"[\])}/\\]*:::\w+',
                                     r"\s+\w+ ~~~ \w+", r"\s+classDef \w+ [\w#:,.\- ]+", r"\s+class [\w,]+ \w+",
                                     r"\s+linkStyle [\d,]+ [\w#:,.\- ]+")]
    nodes = edges = 0
    for text in lines[5:]:
        if node.fullmatch(text):
            nodes += 1
        elif edge.fullmatch(text):
            edges += 1 if not text.strip().startswith("incoming_call") else 0
        else:
            assert any(p.fullmatch(text) for p in known), text
        assert not text.lstrip().startswith("click")
        for tag in re.findall(r"<[^>]*>", text):
            assert tag in ("<b>", "</b>", "<i>", "</i>", "<br/>", "<small>", "</small>"), (tag, text)
    return nodes, edges


def test_mermaid_draws_only_the_flow(hostile):
    result = run("render", str(hostile), "-f", "mermaid")
    assert result.exit_code == 0, result.stderr
    assert mermaid_structure(result.stdout) == (NODES, EDGES)
    assert not CONTROL.search(result.stdout)
    assert "%%{" not in result.stdout


def test_text_tree_shows_escapes(hostile):
    result = run("render", str(hostile))
    assert result.exit_code == 0, result.stderr
    assert not CONTROL.search(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == ("<b>, URL=\"javascript:alert(1)\", target=\"_top\", x=<b>\\n---\\n"
                        "%%{init: {'securityLevel': 'loose'}}%%")
    # one line per transition: the newlines of the option label stay on its line
    assert sum(1 for line in lines if line.lstrip("│ ").startswith(("├── ", "└── "))) == EDGES
    assert '2 · a|b"]\\nclick n_a href "javascript:alert(2)"\\n`**md**` %%{init: {}}%% → back\\N [hangup' \
        in result.stdout


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "mermaid", "text", "dot"])
def test_lint_and_follow_pictures(hostile, write, tmp_path, fmt):
    """The lint marks (rule messages quote the hostile ids) and a followed flow stay text too."""
    (tmp_path / "flow.yaml").write_text(HOSTILE.lstrip("\n").replace(
        'next: "back\\\\N"\n  "back', 'next: "jump"\n  "jump": {type: goto, flow: "other\\u202e.yaml"}\n  "back', 1),
        encoding="utf-8")
    write('ivr: 1\nname: "</TD>\\e[31m"\nstart: "<s>"\nnodes:\n  "<s>": {type: hangup, label: "<b>"}\n',
          name="other\u202e.yaml")
    out = tmp_path / f"x.{fmt}"
    result = run("render", str(hostile), "--lint", "--follow", "-f", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    content = out.read_text(encoding="utf-8")
    assert not CONTROL.search(content)
    if fmt == "svg":
        assert svg_structure(content) == (NODES + 2, EDGES + 1)
        assert "with other\\u202e.yaml" in content.replace("\u200b", "")
    elif fmt == "mermaid":
        assert mermaid_structure(content) == (NODES + 2, EDGES + 1)


@needs_dot
def test_directory_render_with_hostile_file_names(tmp_path):
    flows = tmp_path / "flows"
    flows.mkdir()
    for name in ('a"b.yaml', "c\nd.yaml", "<e>.yaml", "f\x1b]0;t\x07.yaml"):
        (flows / name).write_text(HOSTILE.lstrip("\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", str(flows), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    drawn = sorted(out.iterdir())
    assert len(drawn) == 4
    for path in drawn:
        svg = path.read_text(encoding="utf-8")
        assert svg_structure(svg) == (NODES, EDGES)
        assert not CONTROL.search(svg)
    mermaid = run("render", str(flows), "-o", str(tmp_path / "mmd"), "-f", "mermaid")
    assert mermaid.exit_code == 0
    for path in (tmp_path / "mmd").iterdir():
        assert mermaid_structure(path.read_text(encoding="utf-8")) == (NODES, EDGES)


@needs_dot
@pytest.mark.parametrize("size", [17_000, 70_000])
def test_huge_texts_are_cut_before_dot(write, tmp_path, size):
    """`dot` refuses strings over 16 KiB: a long prompt, label, id or option label still draws."""
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    long_id = "é" * (size // 2)
    flow = write("\n".join([
        "ivr: 1", f"name: {q('N' * size)}", "start: menu", "nodes:", "  menu:", "    type: menu",
        f"    label: {q(chr(92) * size)}", f"    prompt: {q('Tapez 1. ' * (size // 9) + chr(0))}",
        f"    options: {{'1': {{label: {q(chr(34) * 3 + '&' * size)}, next: {q(long_id)}}}}}",
        f"    on_max_retries: {q(long_id)}",
        f"  ? {q(long_id)}", f"  : {{type: hangup, prompt: {q(chr(0x202E) * size)}}}", ""]))
    out = tmp_path / "x.svg"
    result = run("render", str(flow), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg_structure(svg) == (2, 2)
    assert not CONTROL.search(svg)
    assert len(svg) < 200_000


#: the pieces hostile texts are made of: DOT, HTML-label, escString, Mermaid and YAML syntax,
#: control characters, bidi overrides, non-BMP characters
PIECES = ['"', "\\", "\\N", "\\G", "<", ">", "<b>", "</TD>", "<IMG SRC='/etc/passwd'/>", "&", "&amp;", "]", "[",
          ";", "->", "--", "{", "}", "|", "`", "%%", "%%{init: {}}%%", "\n", "\r", "\n---\n", "\x00", "\x1b]0;t\x07",
          "\x7f", "\x85", "\u202e", "\u2066", "#", "#quot;", "'", "URL=", "javascript:", "click a href", " ", "é",
          "😀", "x", "end", "subgraph"]


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text` (escapes for all but printable ASCII)."""
    def one(char: str) -> str:
        if " " <= char <= "~" and char not in '"\\':
            return char
        return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
    return '"' + "".join(map(one, text)) + '"'


def random_flow(rng) -> tuple[str, int]:
    """A flow of hostile texts (name, labels, prompts, option labels, ids), and its node count."""
    def text(n=6):
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, n)))

    count = rng.randint(2, 5)
    ids = ["n0"] + [f"n{i}{text(3)}" for i in range(1, count)]
    q = yaml_quoted
    lines = ["ivr: 1", f"name: {q(text())}", "start: n0", "nodes:"]
    for i, node_id in enumerate(ids):
        if i == len(ids) - 1:
            extra = rng.choice(["type: hangup", f"type: transfer, number: {q(text())}, agent: false",
                                f"type: queue, queue: {q(text())}", "type: voicemail"])
            lines.append(f"  {q(node_id)}: {{{extra}, label: {q(text())}, prompt: {q(text())}}}")
            continue
        target = ids[rng.randint(i + 1, len(ids) - 1)]
        lines.append(f"  {q(node_id)}: {{type: menu, label: {q(text())}, prompt: {q(text(12))}, "
                     f"options: {{'1': {{label: {q(text())}, next: {q(ids[i + 1])}}}, '2': {q(target)}}}, "
                     f"on_max_retries: {q(ids[-1])}}}")
    return "\n".join(lines) + "\n", count


#: IVR_LINT_RENDER_FUZZ=2000 pytest tests/render/test_hostile.py  runs a longer campaign
@pytest.mark.parametrize("seed", range(int(os.environ.get("IVR_LINT_RENDER_FUZZ", "40"))))
def test_random_hostile_flows_keep_their_structure(tmp_path, seed):
    """Seeded random flows made of the hostile pieces: every format draws exactly the flow's
    nodes, with no control character and no link or image attribute (found: `dot` refuses a
    label that is only `]`, or an empty <B></B>)."""
    import random

    rng = random.Random(seed)
    text, count = random_flow(rng)
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    if run("check", str(path), "--select", "schema-error,duplicate-key,syntax-error").exit_code != 0:
        pytest.skip("the flow is not valid (duplicate ids)")
    mermaid = run("render", str(path), "-f", "mermaid")
    assert mermaid.exit_code == 0, mermaid.stderr
    nodes, _ = mermaid_structure(mermaid.stdout)
    assert nodes == count
    tree = run("render", str(path))
    assert tree.exit_code == 0 and not CONTROL.search(tree.stdout)
    dot = run("render", str(path), "-f", "dot")
    assert dot.exit_code == 0 and not CONTROL.search(dot.stdout)
    if shutil.which("dot"):
        laid = subprocess.run(["dot", "-Tjson"], input=dot.stdout.encode("utf-8"), capture_output=True)
        assert laid.returncode == 0, laid.stderr
        graph = json.loads(laid.stdout)
        assert len(graph["objects"]) == count + 1  # and the incoming call
        names = set().union(*map(set, graph["objects"] + graph.get("edges", []) + [graph]))
        assert not names & {"URL", "href", "target", "image", "imagepath"}
