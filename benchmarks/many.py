"""`ivr-lint check DIR` on a folder of many flows, beside yamllint on the same folder.

    .venv/bin/python benchmarks/many.py            # 500 flows, best of 3
    .venv/bin/python benchmarks/many.py 200 --repeat 1

The folder holds copies of the example flows under flows/ (renamed, so 500 distinct
files), a tenth of them in pairs linked by `goto` (checked together in one job).
Prints wall seconds (best of --repeat, whole process) and peak memory of `check` with
the default --jobs (every core), with --jobs 1, and of yamllint; the bar is check <=
0.5x yamllint. Run by hand, not in the test suite.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import SERVICE  # noqa: E402
from run import side_by_side, yamllint_command  # noqa: E402

ROOT = HERE.parent
OUT = HERE / "out"

JUMP = 'ivr: 1\nname: "Accueil {n}"\n' + SERVICE + """\
start: menu
nodes:
  menu:
    type: menu
    prompt: "Pour le service {n}, tapez 1. Pour un conseiller, tapez 0."
    options: {{"1": jump, "0": agent}}
    on_max_retries: agent
  jump: {{type: goto, flow: {target}}}
  agent: {{type: queue, prompt: "Un conseiller va vous répondre."}}
"""


def folder(count: int) -> Path:
    where = OUT / f"many-{count}"
    if where.exists():
        return where
    where.mkdir(parents=True)
    (where / ".git").mkdir()  # service data is looked for up to here
    examples = sorted(p for p in (ROOT / "flows").glob("*.yaml") if not p.name.endswith(".journeys.yaml"))
    jumps = count // 20
    for n in range(count - jumps):
        example = examples[n % len(examples)]
        (where / f"{n:04d}-{example.name}").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    for n in range(jumps):  # each jumps to one of the copies above: that pair is one job
        target = sorted(os.listdir(where))[n]
        (where / f"jump-{n:04d}.yaml").write_text(JUMP.format(n=n, target=target), encoding="utf-8")
    return where


def measure(count: int, repeat: int) -> dict[str, tuple[float, float, int]]:
    """Time the three commands side by side on a folder of `count` flows; print the table."""
    where = str(folder(count))
    check = [sys.executable, "-m", "ivr_lint", "check"]
    commands = {"check (every core)": [*check, where], "check --jobs 1": [*check, "--jobs", "1", where]}
    yamllint = yamllint_command()
    if yamllint:
        commands["yamllint"] = [*yamllint, where]
    got = side_by_side(commands, repeat)
    print(f"| {count} flows | wall s (best of {repeat}) | peak MiB |\n|---|---|---|")
    for name, (seconds, mib, _) in got.items():
        print(f"| {name} | {seconds:.2f} | {mib:.0f} |")
    print(flush=True)
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    got = measure(args.count, args.repeat)
    if "yamllint" in got:
        ratio = got["check (every core)"][0] / got["yamllint"][0]
        print(f"check / yamllint: {ratio:.2f}x (bar <= 0.5x) {'PASS' if ratio <= 0.5 else 'FAIL'}")
        return 0 if ratio <= 0.5 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
