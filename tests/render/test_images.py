"""SVG, PNG and PDF through Graphviz: each bundled flow is laid out once, in one directory call."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from ivr_lint.project import Project
from tests.conftest import FLOWS, MINIMAL, run

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.fixture(scope="module")
def svgs(tmp_path_factory):
    """Every bundled flow as SVG, rendered by one `ivr-lint render flows/ -o DIR` call."""
    out = tmp_path_factory.mktemp("svg")
    result = run("render", str(FLOWS), "-o", str(out), "--format", "svg")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Rendered 7 flows into {out} (svg).\n"
    assert "Rendering" not in result.stderr  # no progress bar when stderr is not a terminal
    return {path.stem: ET.parse(path).getroot() for path in sorted(out.glob("*.svg"))}


def groups(root, css_class):
    return [g for g in root.iter(f"{SVG}g") if css_class in (g.get("class") or "").split()]


def test_one_svg_node_element_per_flow_node(svgs):
    assert len(svgs) == 7
    for name, root in svgs.items():
        flow = Project([str(FLOWS)]).load(str(FLOWS / f"{name}.yaml")).flow
        titles = [g.find(f"{SVG}title").text for g in groups(root, "ivr-node")]
        assert titles == list(flow.nodes), name  # each once, in file order
        header = root.find(f"{SVG}g").find(f"{SVG}g[@id='a_graph0']")  # title and legend: the graph's label
        legend = [t.text for t in header.iter(f"{SVG}text")]
        assert "menu" in legend and "key pressed (or said)" in legend, name


def test_svg_tooltip_holds_the_whole_prompt(svgs):
    node = next(g for g in groups(svgs["caf-gironde"], "ivr-node") if g.find(f"{SVG}title").text == "closed-message")
    tooltip = node.find(f".//{SVG}a").get(f"{XLINK}title")
    assert tooltip.startswith("closed-message (play)\n\nNos conseillers vous répondent du lundi au vendredi de 9h")
    assert "sur caf.fr ou sur l'application mobile." in tooltip


def test_svg_edges_have_styles_by_kind(svgs):
    root = svgs["caf-gironde"]
    for kind in ("key", "next", "open", "closed", "no-input", "max-retries", "congestion", "timeout"):
        assert groups(root, f"edge-{kind}"), kind
    dashed = groups(root, "edge-max-retries")[0].find(f".//{SVG}path").get("stroke-dasharray")
    assert dashed


def test_png_and_pdf_by_their_headers(tmp_path):
    png, pdf = tmp_path / "caf.png", tmp_path / "caf.pdf"
    assert run("render", str(FLOWS / "impots-sip-lille.yaml"), "-o", str(png)).exit_code == 0
    assert run("render", str(FLOWS / "impots-sip-lille.yaml"), "-o", str(pdf)).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["caf.pdf", "caf.png"]  # no temporary files left


def test_lint_and_scenario_in_svg(write, tmp_path):
    path = write(MINIMAL.replace('"0": agent', '"0": agent, "1": agnet'))
    config = write('[tool.ivr-lint]\nselect = ["unknown-target"]\n', "pyproject.toml")
    out = tmp_path / "lint.svg"
    result = run("render", str(path), "-o", str(out), "--lint", "--config", str(config), "--scenario", "closed")
    assert result.exit_code == 0, result.stderr
    root = ET.parse(out).getroot()
    menu = next(g for g in groups(root, "ivr-node") if g.find(f"{SVG}title").text == "menu")
    assert "lint-error" in menu.get("class")
    assert "[unknown-target]" in menu.find(f".//{SVG}a").get(f"{XLINK}title")


def test_backslashes_are_drawn_as_written(write, tmp_path):
    """`dot` would replace \\N by the node's name and \\G by the graph's, in labels and tooltips."""
    path = write(MINIMAL.replace('"Pour un conseiller, tapez 0."', r'"Tapez \\N ou \\G."'), "odd.yaml")
    out = tmp_path / "odd.svg"
    assert run("render", str(path), "-o", str(out)).exit_code == 0
    root = ET.parse(out).getroot()
    menu = next(g for g in groups(root, "ivr-node") if g.find(f"{SVG}title").text == "menu")
    texts = "".join(t.text or "" for t in menu.iter(f"{SVG}text")).replace("\u200b", "")
    assert "“Tapez \\N ou \\G.”" in texts
    assert "Tapez \\N ou \\G." in menu.find(f".//{SVG}a").get(f"{XLINK}title").replace("\u200b", "")


def _centre(group):
    """(x, y) of a node or edge group: the first text element's anchor (the bold id, centred)."""
    text = group.find(f".//{SVG}text")
    return float(text.get("x")), float(text.get("y"))


def _node(root, node_id):
    return next(g for g in groups(root, "ivr-node") if g.find(f"{SVG}title").text == node_id)


def test_call_tree_reads_from_the_top_left(svgs):
    """The incoming call is drawn in the left part of every top-down picture, and a menu's
    choices hang under it in key order, left to right."""
    for name, root in svgs.items():
        width = float(root.get("viewBox").split()[2])
        call = _centre(groups(root, "ivr-call")[0])
        assert call[0] < width * 0.45, (name, call[0], width)
    caf = svgs["caf-gironde"]
    xs = [_centre(_node(caf, n))[0] for n in ("payments-menu", "situation-menu", "allocataire-number")]
    assert xs == sorted(xs)
    start, menu = _centre(_node(caf, "welcome")), _centre(_node(caf, "main-menu"))
    assert abs(start[0] - menu[0]) < 15  # the way in goes straight down


def test_pictures_stay_narrow_enough_for_a_readme(svgs):
    """A README column is ~900 px wide: a 15-node flow fits it at close to full size, and no
    bundled flow is as wide as the 2,800-3,800 px of the first layouts (96 px = 72 pt)."""
    widths = {name: float(root.get("viewBox").split()[2]) * 96 / 72 for name, root in svgs.items()}
    assert widths["impots-sip-lille"] < 1200, widths
    assert widths["mairie-nantes-etat-civil"] < 1000, widths
    assert max(widths.values()) < 3000, widths
    assert sum(widths.values()) / len(widths) < 2000, widths


def test_text_stays_inside_arrow_shaped_nodes(svgs):
    """Transfer (cds) and goto (rarrow) shapes are not resized to their label by `dot`: they get
    room of their own, so the id does not touch the top and the last line stays above the border."""
    checked = 0
    for name, root in svgs.items():
        for group in groups(root, "type-transfer") + groups(root, "type-goto"):
            points = [tuple(map(float, p.split(","))) for p in group.find(f".//{SVG}polygon").get("points").split()]
            top, bottom = min(y for _, y in points), max(y for _, y in points)
            baselines = [float(t.get("y")) for t in group.iter(f"{SVG}text")]
            first_size = float(next(group.iter(f"{SVG}text")).get("font-size"))
            assert min(baselines) - 0.8 * first_size >= top + 2, (name, group.find(f"{SVG}title").text)
            assert max(baselines) + 2 <= bottom - 2, (name, group.find(f"{SVG}title").text)
            checked += 1
    assert checked >= 5
