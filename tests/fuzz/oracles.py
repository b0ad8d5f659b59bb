"""What every run must satisfy, whatever the input: the properties of the fuzz campaign.

`invoke` runs the command line in-process as a user would and fails on a traceback or an
"internal error" (a bug found). The other helpers say whether an output is safe: no
terminal control character in what a person reads, no construct a hostile text injected
into a diagram (same shape as the flow's plain twin, no script, no image, no link).
"""

from __future__ import annotations

import json
import re
import traceback
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from click.testing import CliRunner

from ivr_lint.cli import main

#: C0 except tab and newline (ESC included), and C1: what a terminal may act on
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x80-\x9f]")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Run:
    args: list[str]
    code: int
    stdout: str
    stderr: str

    def where(self) -> str:
        return f"ivr-lint {' '.join(self.args)!r} exited {self.code}\nstdout: {self.stdout[:1500]!r}\n" \
               f"stderr: {self.stderr[:1500]!r}"


def invoke(*args: str, input: bytes | None = None) -> Run:
    """Run `ivr-lint ARGS`; a traceback or an internal error is a failure of the property."""
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(*result.exc_info))
        raise AssertionError(f"ivr-lint {args!r} raised:\n{trace}")
    run = Run(list(args), result.exit_code, result.stdout, result.stderr)
    for stream in (run.stdout, run.stderr):
        assert "Traceback" not in stream, run.where()
        assert "internal error" not in stream, run.where()
    assert run.code in (0, 1, 2), run.where()
    return run


def control_characters(text: str) -> list[str]:
    return sorted({repr(c) for c in CONTROL.findall(text)})


def assert_readable(run: Run, stdout: bool = True) -> None:
    """Human-readable output (and every error message) shows control characters as escapes."""
    for name, stream in (("stdout", run.stdout if stdout else ""), ("stderr", run.stderr)):
        found = control_characters(stream)
        assert not found, f"raw control characters {found} on {name}\n{run.where()}"


def failing(findings: list[dict], fail_on: str) -> bool:
    return any(SEVERITY_RANK[f["severity"]] >= SEVERITY_RANK[fail_on] for f in findings)


# -- diagrams: the same shape as the plain twin ---------------------------------------------
def svg_shape(svg: str) -> dict:
    """Counts of graphviz's node, edge and cluster groups, and every link and image."""
    root = ET.fromstring(svg)
    shape = {"node": 0, "edge": 0, "cluster": 0, "image": 0, "links": set()}
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        classes = element.get("class", "").split()
        if tag == "g":
            for kind in ("node", "edge", "cluster"):
                shape[kind] += kind in classes
        if tag in ("image", "script", "foreignObject", "iframe"):
            shape["image"] += 1
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local == "href":
                shape["links"].add(value)
            compact = re.sub(r"[\s\x00-\x20]+", "", value).lower()
            assert "javascript:" not in compact or local in ("title",), f"script in {name}={value!r}"
            assert not local.startswith("on"), f"event handler {name}={value!r}"
    return shape


_DOT_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _html_strings(text: str) -> tuple[str, list[str]]:
    """Replace each HTML-like label <...> (balanced) by H; return the rest and the labels."""
    out, labels, i = [], [], 0
    while i < len(text):
        if text[i] == "<":
            depth, j = 0, i
            while j < len(text):
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            labels.append(text[i:j])
            out.append("H")
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out), labels


def dot_skeleton(dot: str) -> tuple[list[str], list[str]]:
    """The DOT source with every quoted string and HTML label replaced, sorted by line; and
    the HTML labels. If texts are escaped, a flow and its twin have the same skeleton."""
    bare = _DOT_STRING.sub("S", dot)
    bare, labels = _html_strings(bare)
    # layout hints follow the order of case values, which texts change: not a shape
    bare = re.sub(r"(, )?\b(weight|constraint)=S", "", bare)
    return sorted(line.strip() for line in bare.splitlines()), labels


HTML_TAGS = {"TABLE", "TR", "TD", "FONT", "B", "I", "U", "O", "S", "BR", "SUB", "SUP", "HR", "VR"}


def assert_safe_html_label(label: str) -> None:
    """Only the markup we write: known tags, and none of the attributes that link or embed
    (escaped text such as `URL=&quot;` between tags is text, not markup)."""
    for tag, attributes in re.findall(r"<\s*/?\s*([A-Za-z]+)([^<>]*)>", label[1:-1]):
        assert tag.upper() in HTML_TAGS, f"tag {tag} in a DOT HTML label: {label[:300]!r}"
        for attribute in re.findall(r"([A-Za-z-]+)\s*=", attributes):
            assert attribute.upper() not in ("HREF", "URL", "TARGET", "SRC", "IMAGE", "ID", "TITLE", "TOOLTIP"), \
                f"{attribute} in a DOT HTML label: {label[:300]!r}"


_MERMAID_WORDS = {"flowchart", "graph", "subgraph", "end", "direction", "classDef", "class", "linkStyle", "click",
                  "style", "TB", "LR", "BT", "RL", "TD", "call", "href", "callback"}
_MERMAID_STRING = re.compile(r'"[^"\n]*"')


def mermaid_skeleton(text: str) -> list[str]:
    """Mermaid lines with strings and identifiers replaced (keywords kept), sorted; the front
    matter must be `title: <one YAML scalar>` between two `---` lines."""
    lines = text.split("\n")
    if lines and lines[0] == "---":
        close = lines.index("---", 1)
        front = "\n".join(lines[1:close])
        import yaml

        meta = yaml.safe_load(front)
        assert isinstance(meta, dict) and set(meta) <= {"title", "config"}, f"front matter {front[:300]!r}"
        lines = lines[close + 1:]
    out = []
    for line in lines:
        stripped = line.strip()
        assert stripped != "---", f"a second front matter: {text[:500]!r}"
        assert not stripped.startswith("%%{"), f"a directive: {line[:300]!r}"
        if stripped.startswith("%% "):
            out.append("%%")
            continue
        bare = _MERMAID_STRING.sub("S", stripped)
        bare = re.sub(r"[^\W]+", lambda m: m.group(0) if m.group(0) in _MERMAID_WORDS else "I", bare)
        out.append(bare)
    return sorted(out)


def parse_json(run: Run):
    try:
        return json.loads(run.stdout)
    except ValueError as error:
        raise AssertionError(f"not JSON ({error})\n{run.where()}") from None


def parse_xml(run: Run):
    try:
        return ET.fromstring(run.stdout)
    except ET.ParseError as error:
        raise AssertionError(f"not XML ({error})\n{run.where()}") from None
