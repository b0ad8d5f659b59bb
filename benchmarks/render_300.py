"""Time `ivr-lint render` on a generated 300-node flow, to SVG (the promise: a few seconds).

    .venv/bin/python benchmarks/render_300.py              # 300 nodes, best of 3
    .venv/bin/python benchmarks/render_300.py --nodes 1000 --repeat 1

Run by hand, not in the test suite. Prints the wall time of the whole command (a fresh
process, as a user runs it: start-up, load, layout by `dot`, atomic write), then where
the time goes in-process (building the diagram model, writing DOT, `dot` itself), and
the SVG's size and node count so a regression in legibility (a picture much wider than
tall, or nodes missing) shows up beside the time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
from generate import generate  # noqa: E402

OUT = HERE / "out"


def best(seconds: list[float]) -> str:
    return f"{min(seconds):.2f} s (best of {len(seconds)}; worst {max(seconds):.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    flow = OUT / f"render-{args.nodes}.yaml"
    svg = OUT / f"render-{args.nodes}.svg"
    flow.write_text(generate(args.nodes), encoding="utf-8")
    command = [sys.executable, "-m", "ivr_lint", "render", str(flow), "-o", str(svg)]

    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=REPO)
        runs.append(time.perf_counter() - start)

    from ivr_lint.project import Project
    from ivr_lint.render.dot import to_dot
    from ivr_lint.render.image import render_image
    from ivr_lint.render.model import RenderOptions, build_diagram

    start = time.perf_counter()
    project = Project([str(flow)])
    loaded = project.load(str(flow))
    project.link()
    loaded_at = time.perf_counter()
    diagram = build_diagram(project, loaded, RenderOptions())
    built_at = time.perf_counter()
    source = to_dot(diagram)
    dot_at = time.perf_counter()
    render_image(source, "svg")
    laid_out_at = time.perf_counter()

    text = svg.read_text(encoding="utf-8")
    width, height = re.search(r'<svg width="(\d+)pt" height="(\d+)pt"', text).groups()
    nodes = text.count('class="node ivr&#45;node')
    print(f"flow: {flow.relative_to(REPO)} ({len(loaded.flow.nodes)} nodes, {len(diagram.edges)} edges drawn, "
          f"{len(diagram.groups)} clusters, direction {diagram.direction})")
    print(f"ivr-lint render -o {svg.name}: {best(runs)}")
    print(f"  in-process: load {loaded_at - start:.2f} s, model {built_at - loaded_at:.2f} s, "
          f"DOT {dot_at - built_at:.2f} s, dot -Tsvg {laid_out_at - dot_at:.2f} s")
    print(f"svg: {os.path.getsize(svg) / 1024:.0f} KiB, {width} x {height} pt, {nodes} flow nodes drawn")


if __name__ == "__main__":
    main()
