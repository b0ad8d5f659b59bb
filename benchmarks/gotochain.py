"""1,000 flows chained by `goto` beside one flow of the same nodes: the cost of crossing files.

    .venv/bin/python benchmarks/gotochain.py              # 1,000 files, best of 3
    .venv/bin/python benchmarks/gotochain.py 200 --repeat 1

Each file is a small sub-menu (a menu, three information messages, a person with a
callback when the line is saturated, a `goto` to the next file); the first one says who the service is and checks the opening hours, the
last one ends with a person. The single flow holds the same nodes, each file's ids
prefixed with its number and each `goto` written as a `next` to the following part.
Both are checked as a hook would (`ivr-lint check FILES...`, every file named; the chain
is one job, since its files are linked). Prints wall and CPU seconds (best of --repeat,
whole process), peak memory and the findings each reports; the bar (issue 12) is
chain <= 2x the single flow, with no recursion limit. Run by hand, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import HOURS, SERVICE  # noqa: E402
from run import run_once  # noqa: E402

OUT = HERE / "out"

OPENING = """\
  welcome:
    type: play
    prompt: "Bienvenue au service de test."
    next: check-hours
  check-hours:
    type: hours
    open: {first}
    closed: closed-message
  closed-message:
    type: hangup
    prompt: "Nous sommes ouverts du lundi au vendredi de 8h30 à 12h et de 13h30 à 16h30. Retrouvez-nous sur service-public.fr."
"""

PART = """\
  {p}menu:
    type: menu
    prompt: "Partie {n:06d}. Pour les informations, tapez 1, 2 ou 3. Pour la suite, tapez 4. Pour un conseiller, tapez 0."
    options:
{options}      "4": {{next: {after}, label: "Suite"}}
      "0": {{next: {p}agent, label: "Conseiller"}}
    on_max_retries: {p}agent
{infos}  {p}agent:
    type: queue
    queue: accueil
    prompt: "Un conseiller va vous répondre."
    congestion: {p}busy
    max_wait: 600
    on_timeout: {p}callback
  {p}busy:
    type: menu
    prompt: "L'attente est estimée à {{wait_minutes}} minutes. Pour être rappelé, tapez 1. Pour patienter, tapez 2."
    options:
      "1": {p}callback
      "2": {p}agent
    on_max_retries: {p}callback
  {p}callback:
    type: callback
    prompt: "Nous vous rappellerons dans la journée."
    next: {p}bye
  {p}bye:
    type: hangup
    prompt: "Au revoir."
"""

INFO = """\
  {p}info-{k}:
    type: play
    prompt: "Voici l'information {k} de la partie {n:06d}. Vous pouvez aussi consulter notre site."
    next: {p}menu
"""

#: nodes per part (menu, three messages, queue, congestion menu, callback, goodbye)
PART_NODES = 8


def part(n: int, prefix: str, after: str) -> str:
    options = "".join(f'      "{k}": {{next: {prefix}info-{k}, label: "Information {k}"}}\n' for k in range(1, 4))
    infos = "".join(INFO.format(p=prefix, k=k, n=n) for k in range(1, 4))
    return PART.format(p=prefix, n=n, options=options, after=after, infos=infos)


def name(n: int) -> str:
    return f"part-{n:04d}.yaml"


def chain(count: int) -> list[Path]:
    """The chained files (written once per count)."""
    where = OUT / f"gotochain-{count}"
    files = [where / name(n) for n in range(count)]
    if where.exists():
        return files
    where.mkdir(parents=True)
    (where / ".git").mkdir()  # service data is looked for up to here
    for n, path in enumerate(files):
        last = n == count - 1
        after = "agent" if last else "jump"
        head = f'ivr: 1\nname: "Partie {n}"\n' + (SERVICE + HOURS if n == 0 else "") + ("start: welcome\n" if n == 0 else "start: menu\n")
        body = (OPENING.format(first="menu") if n == 0 else "") + part(n, "", after)
        if not last:
            body += f"  jump: {{type: goto, flow: {name(n + 1)}}}\n"
        path.write_text(head + "nodes:\n" + body, encoding="utf-8")
    return files


def single(count: int) -> Path:
    """The same nodes in one flow: part N's ids prefixed `pN-`, each goto a `next`."""
    path = OUT / f"gotochain-single-{count}.yaml"
    if path.exists():
        return path
    parts = [f'ivr: 1\nname: "Toutes les parties"\n{SERVICE}{HOURS}start: welcome\nnodes:\n', OPENING.format(first="p0-menu")]
    for n in range(count):
        after = f"p{n}-agent" if n == count - 1 else f"p{n + 1}-menu"
        parts.append(part(n, f"p{n}-", after))
    path.write_text("".join(parts), encoding="utf-8")
    return path


def findings(command: list[str]) -> int:
    out = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, check=False).stdout
    return len(json.loads(out)["findings"]) if out.strip() else -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000, help="files in the chain")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    files, whole = chain(args.count), single(args.count)
    exe = [sys.executable, "-m", "ivr_lint", "check", "--max-file-size", str(1 << 30)]
    commands = {f"{args.count} chained files": [*exe, *map(str, files)], "one flow, same nodes": [*exe, str(whole)]}
    runs: dict[str, list] = {label: [] for label in commands}
    for _ in range(args.repeat):  # in turn, so that a drift of the machine's speed moves both
        for label, command in commands.items():
            runs[label].append(run_once(command))
    print("| what | nodes | wall s (best) | CPU s (best) | peak MiB | findings |\n|---|---|---|---|---|---|")
    nodes = {label: str(3 + PART_NODES * args.count) for label in commands}
    nodes[next(iter(commands))] += f" + {args.count - 1} gotos"
    for label, got in runs.items():
        if got[-1][3] not in (0, 1):
            print(f"{label}: exit {got[-1][3]}")
            return 2
        print(f"| {label} | {nodes[label]} | {min(r[0] for r in got):.2f} | {min(r[1] for r in got):.2f} "
              f"| {max(r[2] for r in got):.0f} | {findings(commands[label])} |")
    (chained, one) = (min(r[0] for r in runs[label]) for label in commands)
    ratio = chained / one
    verdict = "PASS" if ratio <= 2 else "FAIL"
    print(f"\n| bar | measured | bar | verdict |\n|---|---|---|---|\n| chained / one flow (wall) | {ratio:.2f}x | <= 2x | {verdict} |")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
