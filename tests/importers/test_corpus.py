"""Every real export of the shared corpus imports, and its YAML passes the project's own loader.

The corpus lives outside the repository (../shared/corpus, see its MANIFEST.tsv); these
tests are skipped where it is absent.
"""

import pytest

from ivr_lint.importers import convert, detect_format
from tests.conftest import CORPUS
from tests.importers.util import load

FORMATS = ("amazon-connect", "twilio-studio", "genesys-archy", "asterisk", "voicexml")
FILES = sorted(p for fmt in FORMATS for p in (CORPUS / fmt).glob("*") if p.is_file()) if CORPUS.is_dir() else []

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not FILES, reason=f"the shared corpus of platform exports is not at {CORPUS}"),
]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_imports_and_loads(path):
    data = path.read_bytes()
    fmt = path.parent.name
    assert detect_format(data, str(path)) == fmt
    result = convert(data, str(path))
    flow = load(result)
    assert result.node_count == len(flow.nodes) > 0
    lines = data.count(b"\n") + 1
    for node_id, origin in result.origins.items():
        if origin is not None:
            assert 1 <= origin[0] <= lines, node_id
    for unknown in result.unknowns:
        assert unknown.node in flow.nodes


def test_corpus_has_every_format():
    assert {p.parent.name for p in FILES} == set(FORMATS)
