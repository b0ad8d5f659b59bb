"""Time `ivr-lint check` (and yamllint, for scale) on generated flows of 1k, 10k and 100k nodes.

    .venv/bin/python benchmarks/run.py            # all sizes, best of 3
    .venv/bin/python benchmarks/run.py 1000 10000 --repeat 1

Run by hand, not in the test suite. Prints wall time and peak memory (max RSS) of each
command, measured on the child process with wait4, and the two ratios the project
promises: check on 10k <= 1/2 of yamllint on 10k, and check on 100k <= 12x check on 10k.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

OUT = HERE / "out"


def measure(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit code) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best(command: list[str], repeat: int) -> tuple[float, float, int]:
    runs = [measure(command) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    ivr_lint = [sys.executable, "-m", "ivr_lint", "check", "--max-file-size", str(1 << 30)]
    yamllint = shutil.which("yamllint")
    results: dict[int, dict[str, float]] = {}
    print(f"{'nodes':>7} {'lines':>8} {'ivr-lint s':>10} {'MiB':>6} {'yamllint s':>10} {'MiB':>6}")
    for size in args.sizes:
        path = OUT / f"flow-{size}.yaml"
        if not path.exists():
            path.write_text(generate(size), encoding="utf-8")
        lines = path.read_text(encoding="utf-8").count("\n")
        seconds, mib, code = best([*ivr_lint, str(path)], args.repeat)
        row = {"ivr": seconds, "ivr_mib": mib}
        line = f"{size:>7} {lines:>8} {seconds:>10.2f} {mib:>6.0f}"
        if code not in (0, 1):
            line += f"  (ivr-lint exit {code})"
        if yamllint:
            y_seconds, y_mib, _ = best([yamllint, "-d", "relaxed", str(path)], 1 if size > 10_000 else args.repeat)
            row.update(yaml=y_seconds, yaml_mib=y_mib)
            line += f" {y_seconds:>10.2f} {y_mib:>6.0f}"
        results[size] = row
        print(line, flush=True)
    if 10_000 in results and "yaml" in results[10_000]:
        ratio = results[10_000]["ivr"] / results[10_000]["yaml"]
        print(f"check/yamllint on 10k: {ratio:.2f} (target <= 0.50)")
    if 10_000 in results and 100_000 in results:
        growth = results[100_000]["ivr"] / results[10_000]["ivr"]
        print(f"check 100k / check 10k: {growth:.1f}x (target <= 12x)")


if __name__ == "__main__":
    main()
