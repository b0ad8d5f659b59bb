"""Time `ivr-lint check` beside yamllint and the libyaml compose floor, on generated flows.

    .venv/bin/python benchmarks/run.py                  # every bar: start-up, 1k/10k/100k, 500 files
    .venv/bin/python benchmarks/run.py 1000 10000 --repeat 1 --many 0
    .venv/bin/python benchmarks/run.py --small          # start-up only: flows/caf-gironde.yaml

Run by hand, not in the test suite. Every figure is a whole process (start-up and exit
included), measured on the child with wait4: wall seconds (best of --repeat) and peak
memory (max RSS). The three commands run in turn for each size, so a drift of the
machine's speed moves them together. The start-up bar is measured otherwise: the installed
script with no option (as a pre-commit hook runs it), warm, median CPU time over 20 pairs
(see `small_flow`). The compose floor is `python -c` that reads the
file and composes it with libyaml (PyYAML's CSafeLoader), collector on, as any tool that
reads YAML must. The bars the project holds (issue 12), printed at the end, each with
what was measured and PASS or FAIL (the exit code is 1 when one fails):

- small flow: check <= yamllint (CPU, warm);
- 10k nodes: check <= 0.25x yamllint and <= 2x the compose floor;
- 100k nodes: check <= 10x check on 10k (CPU, each 100k run paired with the 10k runs beside
  it, see `scaling`), peak memory <= yamllint's;
- 500 files: check DIR (every core) <= 0.5x yamllint (benchmarks/many.py).

Best-of-N wall times on a shared machine: run it when the machine is quiet, and compare
the ratios, which hold better than the seconds.

yamllint is the one on PATH or beside this Python (pip install yamllint); without it
those columns are left out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

OUT = HERE / "out"
COMPOSE = ("import sys, yaml\n"
           "with open(sys.argv[1], 'rb') as f:\n"
           "    yaml.compose(f, Loader=yaml.CSafeLoader)\n")


def measure(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit code) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def side_by_side(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float, int]]:
    """Best time, largest peak and last exit code of each command, run in turn `repeat` times."""
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(measure(command))
    return {name: (min(r[0] for r in rs), max(r[1] for r in rs), rs[-1][2]) for name, rs in runs.items()}


def yamllint_command() -> list[str] | None:
    found = shutil.which("yamllint") or shutil.which("yamllint", path=str(Path(sys.executable).parent))
    return [found, "-d", "relaxed"] if found else None


def bar_row(label: str, value: float, bar: float, unit: str = "x") -> str:
    """One bar: what was measured, the bar, PASS or FAIL."""
    verdict = "PASS" if value <= bar else "FAIL"
    return f"| {label} | {value:.2f}{unit} | <= {bar:g}{unit} | {verdict} |"


def run_once(command: list[str], env: dict | None = None) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds: user + system, peak MiB, exit code) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def installed_command() -> list[str]:
    """`ivr-lint` as installed beside this Python (the script a pre-commit hook runs)."""
    script = Path(sys.executable).parent / "ivr-lint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ivr_lint"]


def small_flow(compose: list[str], yamllint: list[str] | None, repeat: int) -> list[str]:
    """The start-up bar: `ivr-lint check flows/caf-gironde.yaml` as a hook runs it (the installed
    script, no option), beside yamllint, both warm.

    Warm: one run of each first, not counted, where bytecode may be written, so that every tool
    has what an installed tool has after its first run (its modules' bytecode; for ivr-lint
    also its stored patterns and classes), whether or not PYTHONDONTWRITEBYTECODE is set here.
    Then the commands run in turn; each figure is the median of the runs, and the ratio is the
    median of the ratios run by run (a drift of the machine's speed moves both sides of a
    pair), on CPU time (user + system), which a busy machine disturbs less than wall time."""
    path = str(ROOT / "flows" / "caf-gironde.yaml")
    commands = {"check": [*installed_command(), "check", path], "compose": [*compose, path]}
    if yamllint:
        commands["yamllint"] = [*yamllint, path]
    warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():
        run_once(command, warm)
    runs: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in commands}
    for _ in range(max(repeat, 20)):
        for name, command in commands.items():
            runs[name].append(run_once(command))
    print("| flows/caf-gironde.yaml | CPU s (median) | wall s (median) | wall s (best) | peak MiB |")
    print("|---|---|---|---|---|")
    for name, got in runs.items():
        print(f"| {name} | {statistics.median(r[1] for r in got):.3f} | {statistics.median(r[0] for r in got):.3f} "
              f"| {min(r[0] for r in got):.3f} | {max(r[2] for r in got):.0f} |")
    if runs["check"][-1][3] not in (0, 1):
        print(f"(check exit {runs['check'][-1][3]})")
    print(flush=True)
    if not yamllint:
        return []
    pairs = list(zip(runs["check"], runs["yamllint"]))
    cpu = statistics.median(a[1] / b[1] for a, b in pairs)
    wall = statistics.median(a[0] / b[0] for a, b in pairs)
    print(f"check / yamllint, median of {len(pairs)} pairs: CPU {cpu:.2f}x, wall {wall:.2f}x\n", flush=True)
    return [bar_row("small flow: check / yamllint (CPU, warm)", cpu, 1)]


def sizes(ivr_lint: list[str], compose: list[str], yamllint: list[str] | None, counts: list[int],
          repeat: int) -> list[str]:
    """The 10k and 100k bars: generated flows, check beside the compose floor and yamllint."""
    results: dict[int, dict[str, tuple[float, float, int]]] = {}
    print("| nodes | lines | check s | MiB | compose floor s | MiB | yamllint s | MiB | check/floor | check/yamllint |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in counts:
        path = OUT / f"flow-{size}.yaml"
        if not path.exists():
            path.write_text(generate(size), encoding="utf-8")
        lines = path.read_text(encoding="utf-8").count("\n")
        commands = {"check": [*ivr_lint, str(path)], "compose": [*compose, str(path)]}
        if yamllint:
            commands["yamllint"] = [*yamllint, str(path)]
        got = side_by_side(commands, 1 if size > 10_000 else repeat)
        results[size] = got
        check, floor = got["check"], got["compose"]
        row = f"| {size} | {lines} | {check[0]:.2f} | {check[1]:.0f} | {floor[0]:.2f} | {floor[1]:.0f} |"
        if yamllint:
            lint = got["yamllint"]
            row += f" {lint[0]:.2f} | {lint[1]:.0f} | {check[0] / floor[0]:.2f} | {check[0] / lint[0]:.2f} |"
        else:
            row += f" - | - | {check[0] / floor[0]:.2f} | - |"
        if check[2] not in (0, 1):
            row += f" (check exit {check[2]})"
        print(row, flush=True)
    print()
    bars = []
    if 10_000 in results:
        got = results[10_000]
        bars.append(bar_row("10k: check / compose floor", got["check"][0] / got["compose"][0], 2))
        if "yamllint" in got:
            bars.append(bar_row("10k: check / yamllint", got["check"][0] / got["yamllint"][0], 0.25))
    if 10_000 in results and 100_000 in results:
        bars.append(bar_row("100k: check 100k / check 10k (CPU, paired)", scaling(ivr_lint, repeat), 10))
        if "yamllint" in results[100_000]:
            big = results[100_000]
            bars.append(bar_row("100k: peak memory, check / yamllint", big["check"][1] / big["yamllint"][1], 1))
    return bars


def scaling(ivr_lint: list[str], repeat: int) -> float:
    """How a check grows from 10k to 100k nodes: each 100k run beside the 10k runs just
    before and after it (10k, 100k, 10k, 100k, 10k...), so that a drift of the machine's
    speed over the minutes a 100k run takes moves both sides of the ratio; CPU time (user +
    system), which a busy machine disturbs less than wall time; the median of the ratios.
    A best-of-N 10k time against one 100k run would favour the small side."""
    small, big = (str(OUT / f"flow-{size}.yaml") for size in (10_000, 100_000))
    pairs = max(1, repeat)
    tens = [run_once([*ivr_lint, small])[1]]
    ratios = []
    print("| 10k CPU s | 100k CPU s | 10k CPU s | 100k / mean of the 10k beside it |\n|---|---|---|---|")
    for _ in range(pairs):
        hundred = run_once([*ivr_lint, big])[1]
        tens.append(run_once([*ivr_lint, small])[1])
        ratio = hundred / statistics.mean(tens[-2:])
        ratios.append(ratio)
        print(f"| {tens[-2]:.2f} | {hundred:.2f} | {tens[-1]:.2f} | {ratio:.2f} |", flush=True)
    print()
    return statistics.median(ratios)


def many_files(count: int, repeat: int) -> list[str]:
    """The many-files bar, from benchmarks/many.py: check DIR (every core) beside yamllint."""
    import many

    got = many.measure(count, repeat)
    if "yamllint" not in got:
        return []
    return [bar_row(f"{count} files: check DIR / yamllint", got["check (every core)"][0] / got["yamllint"][0], 0.5)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="only the start-up bar, on flows/caf-gironde.yaml")
    parser.add_argument("--many", type=int, default=500, metavar="N",
                        help="files in the many-files bar (benchmarks/many.py; 0 leaves it out)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    ivr_lint = [sys.executable, "-m", "ivr_lint", "check", "--max-file-size", str(1 << 30)]
    yamllint = yamllint_command()
    compose = [sys.executable, "-c", COMPOSE]
    bars = small_flow(compose, yamllint, args.repeat)
    if not args.small:
        bars += sizes(ivr_lint, compose, yamllint, args.sizes, args.repeat)
        if args.many:
            bars += many_files(args.many, 1 if args.repeat < 3 else args.repeat)
    if not yamllint:
        print("(yamllint not found: the bars against it are left out; pip install yamllint)")
    print("| bar | measured | bar | verdict |\n|---|---|---|---|")
    for row in bars:
        print(row)
    return 1 if any(row.endswith("FAIL |") for row in bars) else 0


if __name__ == "__main__":
    sys.exit(main())
