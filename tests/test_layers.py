"""Stages import downwards: no module of ivr_lint imports one that imports it back.

Imports inside functions count too (they are how a circle hides), TYPE_CHECKING ones too.
"""

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "ivr_lint"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name for name in names if name in modules}
    return found


def test_no_import_circles_between_modules():
    files = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for module, path in files.items():
        for target in _imports(path, set(files)):
            if target != module and not module.startswith(target + "."):  # a package's own __init__ is not a circle
                graph.add_edge(module, target)
    circles = [c for c in nx.simple_cycles(graph) if not all(m.startswith("ivr_lint.cli") for m in c)]
    pairs = sorted({" -> ".join(c + [c[0]]) for c in circles if len(c) <= 3})
    for expected in (["ivr_lint.analysis.graph", "ivr_lint.analysis.scenarios"],
                     ["ivr_lint.config", "ivr_lint.engine"]):
        assert not any(set(expected) <= set(c) for c in circles), pairs
