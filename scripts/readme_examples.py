"""Regenerate, or check, the console examples of README.md from the real commands.

Every ```console block of the README is a transcript: lines starting with `$ ` are commands,
run from the repository root with bash (so pipes such as `| sed -n 3,9p` work), and the
lines after each command are what it printed (standard output and error, as a terminal
shows them). A comment just before a block changes how it is run:

- `<!-- example: skip, WHY -->` leaves the block alone (it shows something not reproducible);
- `<!-- example: input=7||conseiller -->` runs its one command in a pseudo-terminal and types
  the answers separated by `|` (an empty answer is Enter alone), for the interactive simulator.

Outputs go to `out/` (git-ignored), speech to a fresh cache, so the examples write nothing
into the repository and synthesise every prompt. Wall-clock times such as `(0.17 s)` are
compared as `(… s)`.

    .venv/bin/python scripts/readme_examples.py           # rewrite the README's outputs
    .venv/bin/python scripts/readme_examples.py --check   # exit 1 and show what drifted
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
CORPUS = REPO.parent / "shared" / "corpus"

_BLOCK = re.compile(r"(?:<!-- example: (?P<mode>[^>]*?) -->\n)?```console\n(?P<body>.*?)```\n", re.S)
_WALL_TIME = re.compile(r"\(\d+(?:\.\d+)? s\)")


@dataclass
class Block:
    start: int  # offsets of the block's body in the README text
    end: int
    mode: str
    body: str

    @property
    def commands(self) -> list[str]:
        return [line[2:] for line in self.body.splitlines() if line.startswith("$ ")]

    @property
    def needs_corpus(self) -> bool:
        return "../shared/corpus" in self.body


def blocks(text: str) -> list[Block]:
    return [Block(m.start("body"), m.end("body"), (m.group("mode") or "").strip(), m.group("body"))
            for m in _BLOCK.finditer(text)]


def _environment(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update({"PYTHONUNBUFFERED": "1", "IVR_LINT_CACHE_DIR": cache, "COLUMNS": "100", "TZ": "Europe/Paris",
                "LC_ALL": "C.UTF-8"})
    env.pop("GITHUB_ACTIONS", None)  # --format auto would pick annotations inside Actions
    return env


def _run(command: str, env: dict[str, str]) -> str:
    done = subprocess.run(["bash", "-c", command], cwd=REPO, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)
    return done.stdout


def _run_in_terminal(command: str, answers: list[str], env: dict[str, str]) -> str:
    import io

    import pexpect

    screen = io.StringIO()
    child = pexpect.spawn("bash", ["-c", command], cwd=str(REPO), env=env, encoding="utf-8", timeout=60,
                          dimensions=(40, 200))
    child.logfile_read = screen  # everything the terminal shows, typed answers echoed included
    for answer in answers:
        child.expect_exact("> ")
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    lines = [line.rstrip() for line in screen.getvalue().replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def render(block: Block, env: dict[str, str]) -> str:
    """The block's body as the commands print it now."""
    out: list[str] = []
    if block.mode.startswith("input="):
        [command] = block.commands
        answers = block.mode[len("input="):].split("|")
        return f"$ {command}\n" + _run_in_terminal(command, answers, env)
    for command in block.commands:
        out.append(f"$ {command}\n")
        printed = _run(command, env)
        out.append(printed if printed.endswith("\n") or not printed else printed + "\n")
    return "".join(out)


def _comparable(text: str) -> str:
    return _WALL_TIME.sub("(… s)", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report drift instead of rewriting the README")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    (REPO / "out").mkdir(exist_ok=True)
    drift: list[str] = []
    pieces: list[str] = []
    last = 0
    cache = str(REPO / "out" / "speech-cache")
    env = _environment(os.path.relpath(cache, REPO))
    for block in blocks(text):
        new = block.body
        if not block.mode.startswith("skip") and not (block.needs_corpus and not CORPUS.is_dir()):
            shutil.rmtree(cache, ignore_errors=True)
            os.makedirs(cache, exist_ok=True)
            new = render(block, env)
            if _comparable(new) != _comparable(block.body):
                drift.extend(difflib.unified_diff(block.body.splitlines(), new.splitlines(), "README.md",
                                                  "now", lineterm="", n=1))
        pieces.append(text[last:block.start])
        pieces.append(new)
        last = block.end
    pieces.append(text[last:])
    if args.check:
        print("\n".join(drift) if drift else "README examples match the commands.")
        return 1 if drift else 0
    README.write_text("".join(pieces), encoding="utf-8")
    print(f"README.md: {len(blocks(text))} console blocks, {'rewritten' if drift else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
