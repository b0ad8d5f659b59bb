"""Fuzz properties of `import`: small exports of each platform, and mutated fixtures.

An import exits 0 or 2 with no traceback; what it writes on success is a flow that `check`
loads without a syntax or schema error (every import is re-loaded before it is written);
its report on standard error is readable (control characters escaped).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings

from tests.fuzz import oracles as o
from tests.fuzz import strategies as s
from tests.fuzz.conftest import examples

STRUCTURAL = {"syntax-error", "schema-error"}


def import_then_check(export: s.ExportCase) -> tuple[o.Run, dict | None]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / export.name
        source.write_bytes(export.data)
        target = Path(folder) / "imported.yaml"
        run = o.invoke("import", str(source), "-o", str(target))
        assert run.code in (0, 2), run.where()
        if run.code == 2:
            assert not target.exists(), "an import that failed wrote its output"
            assert run.stderr.strip(), run.where()
            return run, None
        checked = o.invoke("check", str(target), "-f", "json", "--select", "structure")
        return run, o.parse_json(checked)


@settings(max_examples=examples(2.5))
@given(export=s.exports())
@example(export=s.ExportCase("empty.json", b"{}", "empty"))
@example(export=s.ExportCase("big.json", b'{"Actions": [], "Version": ' + b"9" * 5000 + b"}", "huge number"))
def test_import_then_check_never_yields_a_syntax_or_schema_error(export):
    run, report = import_then_check(export)
    if report is not None:
        bad = [f for f in report["findings"] if f["rule"] in STRUCTURAL]
        assert not bad, f"{export.origin}: the import wrote a flow check rejects: {bad[:3]}\n{run.where()}"


@settings(max_examples=examples(1))
@given(export=s.exports())
def test_import_report_shows_control_characters_escaped(export):
    run, _ = import_then_check(export)
    o.assert_readable(run, stdout=False)
