"""The bars of `ivr-lint load`, measured on a generated 50-node flow.

    .venv/bin/python benchmarks/load.py            # all three bars
    .venv/bin/python benchmarks/load.py --calls 100000 --repeat 3

Run by hand, not in the test suite. Prints:
- the closed forms for a week of 30-minute intervals (336) — bar: under 0.5 s;
- one simulation replication of about 100,000 calls through the 50-node flow on one core,
  with calls per second — bar: under 20 s;
- the peak memory (max RSS of a child process) of simulations of 20,000 and 200,000 calls —
  bar: the same, since statistics are streamed and no call is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

MENUS = 8  # main menu -> 8 sub-menus of 4 answers each: 1 + 8 + 32 + 9 shared nodes = 50


def flow_text() -> str:
    """About 50 nodes: hours, a main menu, sub-menus with information messages, two queues
    with congestion menus, callbacks and voicemail."""
    lines = ["ivr: 1", "id: bench", "name: Benchmark line", "language: en-GB",
             "hours:", "  timezone: Europe/London", '  weekly: {mon-sun: ["00:00-24:00"]}',
             "start: welcome", "nodes:",
             '  welcome: {type: play, prompt: "Welcome to the benchmark line. Calls may be recorded.", next: hours}',
             "  hours: {type: hours, open: main, closed: bye}",
             "  main:", "    type: menu",
             '    prompt: "' + " ".join(f"For service {i}, press {i}." for i in range(1, MENUS + 1)) + '"',
             "    options:"]
    lines += [f'      "{i}": sub-{i}' for i in range(1, MENUS + 1)]
    lines += ['      "0": agents', "    on_max_retries: agents"]
    for i in range(1, MENUS + 1):
        lines += [f"  sub-{i}:", "    type: menu",
                  '    prompt: "For the first answer press 1, for the second press 2, for the third press 3, '
                  'for the fourth press 4. For an adviser press 0."', "    options:"]
        lines += [f'      "{k}": info-{i}-{k}' for k in range(1, 5)]
        lines += [f'      "0": {"agents" if i % 2 else "experts"}', "    on_max_retries: agents"]
        for k in range(1, 5):
            lines.append(f'  info-{i}-{k}: {{type: play, prompt: "Here is answer {k} for service {i}. '
                         f'Everything is also on our website.", next: {"bye" if k < 4 else "agents"}}}')
    lines += ["  agents: {type: queue, congestion: agents-busy, max_wait: 900, on_timeout: message}",
              "  experts: {type: queue, congestion: experts-busy}",
              "  agents-busy:", "    type: menu",
              '    prompt: "All advisers are busy. For a call back press 1. To hold press 2."',
              '    options: {"1": call-back, "2": agents}', "    on_max_retries: agents",
              "  experts-busy:", "    type: menu",
              '    prompt: "All experts are busy. For a call back press 1. To hold press 2."',
              '    options: {"1": call-back, "2": experts}', "    on_max_retries: experts",
              '  call-back: {type: callback, prompt: "We will call you back.", next: bye}',
              '  message: {type: voicemail, prompt: "Please leave a message."}',
              '  bye: {type: hangup, prompt: "Goodbye."}']
    return "\n".join(lines) + "\n"


def traffic_text(calls: int) -> str:
    """A week of 30-minute intervals, each with its own figure (a daily curve, busier on Monday),
    so the closed forms solve 336 different queues."""
    import math

    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    weights = {(d, i): (1.4 if d == 0 else 1.0) * (0.3 + math.sin(math.pi * i / 48) ** 2) + 0.001 * (i + 48 * d)
               for d in range(7) for i in range(48)}
    scale = calls / sum(weights.values())
    lines = ["traffic: 1", "flow: bench.yaml", "interval: 30", 'period: {start: "2026-12-07", days: 7}', "calls:"]
    staff = {"agents": [], "experts": []}
    for d, day in enumerate(days):
        figures = {i: max(1, round(weights[(d, i)] * scale)) for i in range(48)}
        lines.append(f"  {day}: {{" + ", ".join(f'"{i // 2:02d}:{30 * (i % 2):02d}": {v}'
                                                for i, v in figures.items()) + "}")
        for name, share, seconds in (("agents", 0.5, 300), ("experts", 0.3, 420)):
            staff[name].append(f"    {day}: {{" + ", ".join(
                f'"{i // 2:02d}:{30 * (i % 2):02d}": {max(1, round(v * share * seconds / 1800 * 1.05))}'
                for i, v in figures.items()) + "}")
    lines += ["handling_time: {agents: {mean: 300, spread: 0.6}, experts: 420}", "staff:"]
    for name, rows in staff.items():
        lines += [f"  {name}:", *rows]
    lines += ["patience: {agents: 240, experts: 300, ivr: 900}",
              "congestion: {agents: {wait_above: 120}, experts: {queue_above: 10}}",
              "callbacks: {answered: 0.8, delay: 3600}"]
    return "\n".join(lines) + "\n"


def files(folder: Path, calls: int) -> Path:
    (folder / "bench.yaml").write_text(flow_text(), encoding="utf-8")
    path = folder / f"bench-{calls}.traffic.yaml"
    path.write_text(traffic_text(calls), encoding="utf-8")
    return path


def child(kind: str, path: str) -> None:
    from ivr_lint.load.closed import ClosedForms
    from ivr_lint.load.erlang import Target
    from ivr_lint.load.plan import build_plan
    from ivr_lint.load.simulation import Simulation
    from ivr_lint.load.traffic import read_traffic

    import numpy  # noqa: F401 - imported before the clock starts: the bar is the computation, not the import

    plan = build_plan(read_traffic(path))
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "closed":
        ClosedForms(plan, Target.parse("answer-rate=0.85")).run()
        print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                          "intervals": len(plan.slots),
                          "nodes": sum(len(f.flow.nodes) for f in plan.project.files.values() if f.flow)}))
    else:
        stats = Simulation(plan, seed=1).run()
        print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                          "calls": sum(s.offered for s in stats)}))


def measure(kind: str, path: Path) -> tuple[dict, float]:
    """Run one measurement in a child process pinned to one core: (its report, peak MiB)."""
    command = [sys.executable, __file__, "--child", kind, str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                               preexec_fn=(lambda: os.sched_setaffinity(0, {0})) if hasattr(os, "sched_setaffinity")
                               else None)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark child failed: {command}")
    return json.loads(output), usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="ivr-lint-load-bench-") as folder:
        folder = Path(folder)
        closed = min((measure("closed", files(folder, args.calls))[0] for _ in range(args.repeat)),
                     key=lambda r: r["seconds"])
        print(f"closed forms: {closed['intervals']} intervals, {closed['nodes']}-node flow, with --solve: "
              f"{closed['seconds']:.3f} s wall, {closed['cpu']:.3f} s CPU (bar: < 0.5 s)")
        runs = [measure("simulation", files(folder, args.calls)) for _ in range(args.repeat)]
        report, peak = min(runs, key=lambda r: r[0]["seconds"])
        print(f"simulation: {report['calls']:,.0f} calls in {report['seconds']:.2f} s wall ({report['cpu']:.2f} s CPU) "
              f"on one core, {report['calls'] / report['cpu']:,.0f} calls per CPU second (bar: 100,000 in < 20 s); "
              f"peak {peak:.0f} MiB")
        small, small_peak = measure("simulation", files(folder, 20_000))
        large, large_peak = measure("simulation", files(folder, 200_000))
        print(f"peak memory: {small['calls']:,.0f} calls {small_peak:.0f} MiB, {large['calls']:,.0f} calls "
              f"{large_peak:.0f} MiB (ratio {large_peak / small_peak:.2f}; bar: independent of the calls)")


if __name__ == "__main__":
    main()
