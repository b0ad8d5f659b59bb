"""How `ivr-lint check` grows on a plain chain of play nodes: time and peak memory per x4.

    .venv/bin/python benchmarks/chain.py              # 4,000 / 16,000 / 64,000 nodes
    .venv/bin/python benchmarks/chain.py 1000 4000    # chosen sizes
    .venv/bin/python benchmarks/chain.py --write 16000 > /tmp/chain-16k.yaml

A chain is the shape where a shortest-path search that keeps a path per node costs
n² memory (each of the n nodes holds the path to it); distances and predecessors keep
it linear. The chain ends in a menu with an agent, so every public-service rule has
something to walk. Run by hand (not in the test suite): each size is one whole process,
measured with GNU time.

Each message is numbered with six digits ("Information numéro 000042."), so that every
node says as much at every size: with plain numbers, a 100,000-node chain's prompts said
more words than a 10,000-node one's ("douze mille trois cent quarante-cinq"), and the
readers of the text (spoken numbers, phone numbers) made `check` grow 11.7-12.5x per x10
instead of 9.1-10.1x.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from generate import SERVICE

HEADER = 'ivr: 1\nname: "Chain benchmark ({count} play nodes)"\n' + SERVICE + "start: p0\nnodes:\n"

PLAY = '  p{i}: {{type: play, prompt: "Information numéro {i:06d}.", next: {next}}}\n'

TAIL = """\
  menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0."
    options: {"0": agent}
    on_max_retries: agent
  agent:
    type: queue
    prompt: "Un conseiller va vous répondre."
"""


def chain(count: int) -> str:
    """A flow of `count` play nodes in a row, then a menu and an agent queue."""
    parts = [HEADER.format(count=count)]
    parts.extend(PLAY.format(i=i, next=f"p{i + 1}" if i + 1 < count else "menu") for i in range(count))
    parts.append(TAIL)
    return "".join(parts)


def measure(path: str) -> tuple[float, int]:
    """(seconds, peak RSS in KB) of one `ivr-lint check` of `path`."""
    exe = os.path.join(os.path.dirname(sys.executable), "ivr-lint")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        subprocess.run(["/usr/bin/time", "-o", timing.name, "-f", "%e %M", exe, "check", path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds, kilobytes = timing.read().split()[-2:]
    return float(seconds), int(kilobytes)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--write"]:
        sys.stdout.write(chain(int(argv[1]) if len(argv) > 1 else 16000))
        return 0
    sizes = [int(a) for a in argv] or [4000, 16000, 64000]
    previous = None
    print(f"{'nodes':>8} {'seconds':>8} {'peak MiB':>9} {'time x':>7} {'memory x':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = os.path.join(folder, f"chain-{size}.yaml")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(chain(size))
            seconds, kilobytes = measure(path)
            growth = ("", "") if previous is None else (f"{seconds / max(previous[0], 0.01):.1f}",
                                                       f"{kilobytes / previous[1]:.1f}")
            print(f"{size:>8} {seconds:>8.2f} {kilobytes / 1024:>9.0f} {growth[0]:>7} {growth[1]:>9}")
            previous = (seconds, kilobytes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
