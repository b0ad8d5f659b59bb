"""How every command grows with the flow: time per x10, on three shapes of generated flow.

    .venv/bin/python benchmarks/growth.py                      # 1k, 10k, 100k nodes (about 25 min)
    .venv/bin/python benchmarks/growth.py --quick              # 200 and 2,000 nodes (under 2 min)
    .venv/bin/python benchmarks/growth.py 1000 10000           # chosen sizes
    .venv/bin/python benchmarks/growth.py --only check,render-text --shapes chain
    .venv/bin/python benchmarks/growth.py --repeat 3 --only journeys --shapes chain 10000 100000

Shapes: `tree` (benchmarks/generate.py: hours, a queue, sections of menus three deep),
`chain` (play nodes in a row, benchmarks/chain.py) and `wide` (menus of nine options
each, breadth first). Commands: check, render to SVG and to the text tree, simulate (a
scripted call), journeys (cover every edge), and import (a Twilio Studio export of the
same size, generated here). Each figure is one whole process (start-up and exit
included), measured on the child with wait4: CPU seconds (user + system) and wall seconds.

The table gives the CPU seconds at each size (wall seconds in brackets) and the growth
factor of each x10 step; the script fails (exit 1) when a step grows more than 12x (n log n
at these sizes is about 11x). The growth is that of CPU time: on a machine shared with
other work, wall time also counts the time the process waited for a core, which changes
from one minute to the next (a load of 7 on 2 cores made the same command 2 to 5 times
slower in wall time, not in CPU time); `--wall` holds the bar on wall time instead, for a
quiet machine. A command slower than --timeout (wall) at a size is shown as `>T` and its
larger sizes are skipped. Peak memory (max RSS) is printed for the largest size. Run by
hand, not in the test suite.

Pictures (render-svg) are folded above 500 nodes (`render --max-nodes`), so their cost
past that size is the model and the fold, not `dot`'s layout. `--quick` measures small
sizes, where the start-up of each process (about 0.4 s) weighs most: its factors are lower
than the full run's, which is the bar.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from chain import chain  # noqa: E402
from generate import SERVICE, generate  # noqa: E402

OUT = HERE / "out"
BAR = 12.0
COMMANDS = ("check", "render-svg", "render-text", "simulate", "journeys", "import")

WIDE_HEADER = 'ivr: 1\nname: "Wide benchmark ({count} nodes)"\n' + SERVICE + """\
start: m0
nodes:
  agent:
    type: queue
    prompt: "Un conseiller va vous répondre."
"""


def wide(count: int) -> str:
    """Menus of nine options (and 0 for the agent), filled breadth first; leaves are messages.
    Numbers in prompts have six digits, so that a node says as much at every size (chain.py)."""
    parts = [WIDE_HEADER.format(count=count)]
    menus = max(1, (count - 1) // 10)
    made = 0
    for m in range(menus):
        options = {}
        for k in range(1, 10):
            child = m * 9 + k
            options[str(k)] = f"m{child}" if child < menus else f"p{m}_{k}"
        options["0"] = "agent"
        body = ", ".join(f'"{k}": {v}' for k, v in options.items())
        parts.append(f'  m{m}: {{type: menu, prompt: "Menu {m:06d}. Tapez 1 à 9, ou 0 pour un conseiller.", '
                     f'options: {{{body}}}, on_max_retries: agent}}\n')
        made += 1
        for k in range(1, 10):
            if m * 9 + k >= menus:
                parts.append(f'  p{m}_{k}: {{type: play, prompt: "Information {m:06d} {k}.", next: agent}}\n')
                made += 1
    return "".join(parts)


def twilio(count: int) -> str:
    """A Twilio Studio export: a gather menu every ten widgets, messages between."""
    states = [{"name": "Trigger", "type": "trigger",
               "transitions": [{"event": "incomingCall", "next": "w0"}]}]
    for i in range(count):
        nxt = f"w{i + 1}" if i + 1 < count else "bye"
        if i % 10 == 0:
            states.append({"name": f"w{i}", "type": "gather-input-on-call",
                           "transitions": [{"event": "keypress", "next": nxt}, {"event": "timeout", "next": nxt}],
                           "properties": {"say": f"Menu {i}. Press 1.", "number_of_digits": 1}})
        else:
            states.append({"name": f"w{i}", "type": "say-play", "transitions": [{"event": "audioComplete", "next": nxt}],
                           "properties": {"say": f"Message {i}."}})
    states.append({"name": "bye", "type": "say-play", "transitions": [{"event": "audioComplete"}],
                   "properties": {"say": "Goodbye."}})
    return json.dumps({"description": f"Growth benchmark ({count} widgets)", "states": states})


SHAPES = {"tree": generate, "chain": chain, "wide": wide}


def command_line(command: str, path: Path, work: str) -> list[str]:
    exe = [sys.executable, "-m", "ivr_lint"]
    if command == "check":
        return [*exe, "check", "--max-file-size", str(1 << 30), str(path)]
    if command == "render-svg":
        return [*exe, "render", str(path), "-o", os.path.join(work, "out.svg")]
    if command == "render-text":
        return [*exe, "render", str(path), "-o", os.path.join(work, "out.txt")]
    if command == "simulate":
        return [*exe, "simulate", str(path), "--at", "2026-12-01 10:00", "--keys", "1,1,1,1,1,1"]
    if command == "journeys":
        return [*exe, "journeys", str(path), "-o", os.path.join(work, "journeys.yaml"), "--since", "2026-12-01"]
    if command == "import":
        return [*exe, "import", "-q", str(path), "-o", os.path.join(work, "imported.yaml")]
    raise ValueError(command)


@dataclass
class Run:
    cpu: float | None  # None: stopped at the timeout
    wall: float
    peak_kib: int
    code: int


def timed(command: list[str], timeout: float) -> Run:
    """One process, measured with wait4: CPU (user + system) and wall seconds, peak RSS, exit code."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            os.wait4(child.pid, 0)
            return Run(None, time.perf_counter() - start, 0, -1)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss, child.returncode)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=None, help="default: 1,000 10,000 100,000")
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 nodes, 60 s per command")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--only", default=",".join(COMMANDS), help="comma-separated commands")
    parser.add_argument("--timeout", type=float, default=600.0, help="wall seconds allowed to one command")
    parser.add_argument("--wall", action="store_true", help="hold the bar on wall seconds (a quiet machine)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each command N times and keep the fastest (default 1)")
    args = parser.parse_args()
    if args.quick:
        args.sizes = args.sizes or [200, 2000]
        args.timeout = min(args.timeout, 60.0)
    started = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    sizes = sorted(args.sizes or [1000, 10_000, 100_000])
    unit = "wall s" if args.wall else "CPU s (wall)"
    header = " | ".join((f"{s // 1000}k" if s >= 1000 else f"{s}") + f" {unit}" for s in sizes)
    steps = " | ".join(f"x{b // a}" for a, b in zip(sizes, sizes[1:]))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; growth of "
          f"{'wall' if args.wall else 'CPU'} time", flush=True)
    print(f"| shape | command | {header} | {steps} | peak MiB |")
    print("|---|---|" + "---|" * (len(sizes) + len(sizes) - 1) + "---|")
    worst = 0.0
    failures = []
    written: set[Path] = set()
    with tempfile.TemporaryDirectory() as work:
        for shape in args.shapes.split(","):
            for command in args.only.split(","):
                seconds: list[float | None] = []
                runs: list[Run | None] = []
                for size in sizes:
                    if seconds and seconds[-1] is None:
                        seconds.append(None)
                        runs.append(None)
                        continue
                    if command == "import":
                        path = OUT / f"twilio-{size}.json"
                        if shape != "chain":  # one export shape is enough: a menu every ten widgets
                            break
                        if path not in written:  # written again by each run: the shapes may have changed
                            path.write_text(twilio(size), encoding="utf-8")
                            written.add(path)
                    else:
                        path = OUT / f"{shape}-{size}.yaml"
                        if path not in written:
                            path.write_text(SHAPES[shape](size), encoding="utf-8")
                            written.add(path)
                    tries = [timed(command_line(command, path, work), args.timeout)]
                    while len(tries) < args.repeat and tries[-1].cpu is not None:
                        tries.append(timed(command_line(command, path, work), args.timeout))
                    finished = [t for t in tries if t.cpu is not None]
                    run = min(finished, key=lambda t: t.wall if args.wall else t.cpu) if finished else tries[0]
                    if run.cpu is not None and run.code not in (0, 1):
                        failures.append(f"{shape} {command} {size}: exit {run.code}")
                    runs.append(run if run.cpu is not None else None)
                    seconds.append(None if run.cpu is None else run.wall if args.wall else run.cpu)
                if not seconds:
                    continue
                cells = [f">{args.timeout:.0f}" if r is None else f"{r.wall:.2f}" if args.wall
                         else f"{r.cpu:.2f} ({r.wall:.1f})" for r in runs]
                factors = []
                for a, b in zip(seconds, seconds[1:]):
                    if a is None or b is None:
                        factors.append("-")
                        continue
                    factor = b / a
                    worst = max(worst, factor)
                    factors.append(f"{factor:.1f}" + (" !" if factor > BAR else ""))
                    if factor > BAR:
                        failures.append(f"{shape} {command}: x{factor:.1f} per x10")
                peak = f"{runs[-1].peak_kib / 1024:.0f}" if runs[-1] is not None else "-"
                print(f"| {shape} | {command} | {' | '.join(cells)} | {' | '.join(factors)} | {peak} |", flush=True)
    print(f"largest growth per x10: {worst:.1f}x (bar <= {BAR:g}x); {time.perf_counter() - started:.0f} s in all")
    for failure in failures:
        print(f"ABOVE THE BAR or failed: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
