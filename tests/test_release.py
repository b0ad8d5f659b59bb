"""The release the README's pre-commit example names is the package's version, with notes."""

import re

import yaml

from ivr_lint import __version__
from tests.conftest import REPO


def _yaml_blocks(text):
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if "repos:" in block]


def test_pre_commit_examples_name_this_release_and_a_real_hook():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    configs = [b for b in _yaml_blocks(readme) if isinstance(b, dict) and "repos" in b]
    remote = [r for c in configs for r in c["repos"] if r["repo"] != "local"]
    local = [r for c in configs for r in c["repos"] if r["repo"] == "local"]
    assert [r["rev"] for r in remote] == [f"v{__version__}"]
    hooks = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert {h["id"] for r in remote for h in r["hooks"]} <= hooks
    assert local and all(h["entry"].split()[0].endswith("ivr-lint") for r in local for h in r["hooks"])


def test_the_changelog_has_notes_for_this_version():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(__version__)}\b", changelog, re.M), f"no '## {__version__}' section"
