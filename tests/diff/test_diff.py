"""`ivr-lint diff` on pairs of flows with known changes: the exact entries a reviewer reads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import dedent, run

BASE = """\
ivr: 1
name: "Mairie"
language: fr-FR
service: {name: "Mairie", phone: "0140000000", website: "https://mairie.example.fr",
          accessible: "https://mairie.example.fr/sourds"}
hours:
  timezone: Europe/Paris
  weekly: {mon-fri: ["09:00-17:00"]}
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Bienvenue à la mairie, ouverte du lundi au vendredi de 9h à 17h."
    next: check
  check:
    type: hours
    open: menu
    closed: closed
  menu:
    type: menu
    prompt: "Pour l'état civil, tapez 1. Pour un conseiller, tapez 2."
    options:
      "1": civil
      "2": agent
    on_max_retries: agent
  civil:
    type: play
    prompt: "Les actes se demandent sur mairie.example.fr."
    next: menu
  agent:
    type: queue
    congestion: busy
  busy:
    type: callback
    prompt: "Toutes les lignes sont occupées. Attente estimée {wait_minutes} minutes. Nous vous rappelons dans la journée. Appelez plutôt l'après-midi, les lignes sont plus calmes."
  voicemail:
    type: voicemail
    prompt: "Laissez un message après le bip."
  closed:
    type: hangup
    prompt: "La mairie est fermée. Nous sommes ouverts du lundi au vendredi de 9h à 17h. Écrivez-nous sur mairie.example.fr."
"""


def pair(tmp_path, new_text: str, old_text: str = BASE):
    old, new = tmp_path / "old" / "mairie.yaml", tmp_path / "new" / "mairie.yaml"
    for path, text in ((old, old_text), (new, new_text)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return str(old), str(new)


def diff_json(*args: str) -> tuple[int, dict]:
    result = run("diff", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def only_flow(report: dict) -> dict:
    changed = [f for f in report["flows"] if f["status"] != "unchanged"]
    assert len(changed) == 1
    return changed[0]


def test_retargeted_key_is_a_journey_outcome_change_and_a_regression(tmp_path):
    old, new = pair(tmp_path, BASE.replace('"2": agent', '"2": voicemail'))
    code, report = diff_json(old, new)
    flow = only_flow(report)
    assert [(c["kind"], c["node"], c["message"]) for c in flow["changes"]] == [
        ("option-retargeted", "menu", "menu: key 2 'agent' -> 'voicemail'")]
    assert [j["message"] for j in flow["journeys"]] == [
        "open: at menu key 2 now ends at voicemail 'voicemail', was a person (queue 'agent')",
        "open+congested: at menu key 2 now ends at voicemail 'voicemail', was callback 'busy'",
    ]
    (person,) = flow["persons"]  # silence until the last retry still reaches the queue, but later
    assert (person["scenario"], person["slower"]) == ("open, open+congested", True)
    assert (person["before"]["keys"], person["after"]["keys"]) == (1, 0)
    assert person["before"]["seconds"] < person["after"]["seconds"]
    assert flow["people_lost"] == []
    assert code == 0  # reporting is not failing
    assert run("diff", old, new, "--fail-on", "regression").exit_code == 1


def test_a_change_callers_do_not_feel_is_no_regression(tmp_path):
    old, new = pair(tmp_path, BASE.replace("Les actes se demandent sur", "Demandez vos actes sur"))
    result = run("diff", old, new, "--fail-on", "regression")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{new}: changed",
        "  Changes:",
        "  ~ civil: prompt [-Les-] {+Demandez vos+} actes [-se demandent-] sur mairie.example.fr.",
        "",
        f"{old} -> {new}: 1 flow changed; no regression.",
    ]
    assert run("diff", old, new, "--fail-on", "change").exit_code == 1
    assert run("diff", old, old, "--fail-on", "change").exit_code == 0


def test_removing_the_only_way_to_a_person_fails_on_regression(tmp_path):
    new_text = BASE.replace('"2": agent', '"2": voicemail').replace("on_max_retries: agent",
                                                                      "on_max_retries: voicemail")
    old, new = pair(tmp_path, new_text)
    code, report = diff_json(old, new, "--fail-on", "regression")
    flow = only_flow(report)
    assert code == 1
    assert [(j["scenarios"], j["choices"]) for j in flow["journeys"]] == [
        (["open"], [{"node": "menu", "choice": "key 2"}, {"node": "menu", "choice": "the last retry"}]),
        (["open+congested"], [{"node": "menu", "choice": "key 2"}, {"node": "menu", "choice": "the last retry"}]),
    ]
    persons = flow["persons"]
    assert [(p["scenario"], p["after"], p["slower"]) for p in persons] == [("open, open+congested", None, True)]
    assert persons[0]["before"]["keys"] == 1
    assert flow["people_lost"] == [{"scenarios": "open, open+congested", "node": "agent"}]
    assert [(f["rule"], f["line"]) for f in flow["new_findings"]] == [
        ("no-agent-path", 9), ("unreachable-node", 30), ("unreachable-node", 33)]
    assert [(f["rule"], f["line"]) for f in flow["fixed_findings"]] == [("unreachable-node", 36)]
    assert "a way to a person removed" in " ".join(r["message"] for r in report["regressions"])


def test_slower_person_is_a_regression_with_seconds_before_and_after(tmp_path):
    longer = ("Bienvenue à la mairie, ouverte du lundi au vendredi de 9h à 17h. "
              + "Nous vous remercions de votre patience et de votre confiance. " * 3)
    old, new = pair(tmp_path, BASE.replace("Bienvenue à la mairie, ouverte du lundi au vendredi de 9h à 17h.", longer))
    code, report = diff_json(old, new, "--fail-on", "regression")
    flow = only_flow(report)
    assert code == 1
    (person,) = flow["persons"]
    assert person["slower"] is True
    assert person["after"]["keys"] == person["before"]["keys"] == 1
    assert person["after"]["seconds"] > person["before"]["seconds"] + 10
    assert flow["longest_prompt"]["after"]["node"] == "welcome"
    assert flow["longest_prompt"]["before"]["node"] == "busy"


def test_rename_is_recognised_and_not_reported_as_every_reference(tmp_path):
    renamed = (BASE.replace("  agent:\n    type: queue", "  conseillers:\n    type: queue")
               .replace('"2": agent', '"2": conseillers').replace("on_max_retries: agent", "on_max_retries: conseillers"))
    old, new = pair(tmp_path, renamed)
    code, report = diff_json(old, new, "--fail-on", "regression")
    flow = only_flow(report)
    assert [(c["kind"], c["before"], c["after"]) for c in flow["changes"]] == [
        ("node-renamed", "agent", "conseillers")]
    assert flow["journeys"] == [] and flow["persons"] == [] and flow["people_lost"] == []
    assert flow["new_findings"] == [] and flow["fixed_findings"] == []
    assert code == 0


def test_prompt_word_diff_hours_service_and_type_changes(tmp_path):
    new_text = (BASE.replace("Pour un conseiller, tapez 2.", "Pour parler à un conseiller, tapez 2.")
                .replace('weekly: {mon-fri: ["09:00-17:00"]}', 'weekly: {mon-thu: ["09:00-17:00"], fri: ["09:00-12:00"]}')
                .replace('phone: "0140000000"', 'phone: "0140000001"')
                .replace("  closed:\n    type: hangup", "  closed:\n    type: voicemail"))
    old, new = pair(tmp_path, new_text)
    _, report = diff_json(old, new)
    flow = only_flow(report)
    assert [(c["kind"], c["message"], c["line"]) for c in flow["changes"]] == [
        ("prompt", "menu: prompt … tapez 1. Pour {+parler à+} un conseiller, tapez 2.", 21),
        ("type", "closed: type hangup -> voicemail", 40),
        ("hours", "hours.weekly fri: 09:00-17:00 -> 09:00-12:00", 8),
        ("service", "service.phone: '0140000000' -> '0140000001'", 4),
    ]
    fixed = [(f["rule"], f["node"]) for f in flow["fixed_findings"]]
    new_findings = [(f["rule"], f["node"]) for f in flow["new_findings"]]
    assert ("hours-mismatch", "welcome") in new_findings  # the prompt still says until 17h on Friday
    assert fixed == []


def test_options_added_removed_depth_and_choices(tmp_path):
    new_text = BASE.replace('      "1": civil\n', '      "3": sub\n').replace(
        "  voicemail:\n", dedent("""\
          sub:
            type: menu
            prompt: "Pour un acte de naissance, tapez 1. Pour revenir, tapez 9."
            options: {"1": civil, "9": menu}
            on_max_retries: agent
          voicemail:
        """).replace("\n", "\n  ").rstrip(" ").replace("sub:", "  sub:", 1))
    old, new = pair(tmp_path, new_text)
    _, report = diff_json(old, new)
    flow = only_flow(report)
    kinds = [(c["kind"], c["message"]) for c in flow["changes"]]
    assert ("node-added", "node 'sub' added (menu)") in kinds
    assert ("option-added", "menu: key 3 added -> 'sub'") in kinds
    assert ("option-removed", "menu: key 1 removed (was -> 'civil')") in kinds
    assert flow["deepest_menu"] == {"before": {"levels": 1, "node": "menu"}, "after": {"levels": 2, "node": "sub"}}
    assert flow["choices"] == []  # still two destinations at menu


def test_fixed_findings(tmp_path):
    broken = BASE.replace("    on_max_retries: agent\n", "")
    old, new = pair(tmp_path, BASE, old_text=broken)
    _, report = diff_json(old, new)
    flow = only_flow(report)
    assert [(f["rule"], f["node"], f["line"]) for f in flow["fixed_findings"]] == [
        ("missing-error-handling", "menu", 19)]
    assert flow["new_findings"] == []


def test_directories_pair_files_and_report_added_and_removed(tmp_path):
    old_dir, new_dir = tmp_path / "a", tmp_path / "b"
    for folder, names in ((old_dir, ["kept.yaml", "gone.yaml"]), (new_dir, ["kept.yaml", "new.yaml"])):
        folder.mkdir()
        for name in names:
            (folder / name).write_text(dedent(BASE), encoding="utf-8")
    code, report = diff_json(str(old_dir), str(new_dir))
    assert [(f["file"], f["status"]) for f in report["flows"]] == [
        ("gone.yaml", "removed"), ("kept.yaml", "unchanged"), ("new.yaml", "added")]
    text = run("diff", str(old_dir), str(new_dir)).stdout
    assert text.splitlines()[-1] == f"{old_dir} -> {new_dir}: 1 flow added, 1 flow removed; no regression."


def test_markdown_for_a_pull_request(tmp_path):
    old, new = pair(tmp_path, BASE.replace('"2": agent', '"2": voicemail').replace(
        "on_max_retries: agent", "on_max_retries: voicemail"))
    result = run("diff", old, new, "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == f"## ivr-lint diff `{old}` → `{new}`"
    assert "**3 regressions**" in lines
    assert "- 🟠 menu: key 2 'agent' -> 'voicemail'" in lines
    assert ("- 🟠 open: at menu key 2 and the last retry now end at voicemail 'voicemail', "
            "was a person (queue 'agent')") in lines
    assert "**New findings**" in lines


def test_text_is_plain_unless_asked_for_colour(tmp_path):
    old, new = pair(tmp_path, BASE.replace('"2": agent', '"2": voicemail'))
    plain = run("diff", old, new).stdout
    assert "\x1b[" not in plain
    assert "  ~ menu: key 2 'agent' -> 'voicemail'" in plain.splitlines()
    coloured = run("diff", old, new, "--color").stdout
    assert "\x1b[33m  ~ menu: key 2 'agent' -> 'voicemail'\x1b[0m" in coloured


def test_report_is_never_written_over_a_compared_flow(tmp_path):
    old, new = pair(tmp_path, BASE.replace("tapez 2", "tapez le 2"))
    before = open(new, encoding="utf-8").read()
    result = run("diff", str(tmp_path / "old"), str(tmp_path / "new"), "-o", new)
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert open(new, encoding="utf-8").read() == before


def test_an_unreadable_side_is_compared_by_its_findings(tmp_path):
    old, new = pair(tmp_path, BASE, old_text="ivr: 1\nnodes: [\n")
    code, report = diff_json(old, new)
    flow = only_flow(report)
    assert code == 0
    assert flow["problems"] == ["the old version cannot be read as a flow (see its findings)"]
    assert [(f["rule"], f["line"]) for f in flow["fixed_findings"]] == [("syntax-error", 3)]
    assert [f["status"] for f in diff_json(old, old)[1]["flows"]] == ["unchanged"]


def test_unknown_side_is_a_usage_error(tmp_path):
    result = run("diff", str(tmp_path / "missing.yaml"), str(tmp_path))
    assert result.exit_code == 2
    assert "missing.yaml: no such file, directory or git revision" in result.stderr


# -- git ---------------------------------------------------------------------------------------

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")

SUB = """\
ivr: 1
start: sub-menu
nodes:
  sub-menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0."
    options: {"0": sub-agent}
    on_max_retries: sub-agent
  sub-agent:
    type: queue
"""


def git(repo, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "flows").mkdir(parents=True)
    main_flow = BASE.replace('"1": civil', '"1": to-sub').replace(
        "  agent:\n", "  to-sub:\n    type: goto\n    flow: sub.yaml\n  agent:\n")
    (root / "flows" / "main.yaml").write_text(dedent(main_flow), encoding="utf-8")
    (root / "flows" / "sub.yaml").write_text(dedent(SUB), encoding="utf-8")
    (root / "notes.yaml").write_text("not: a flow\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "one")
    git(root, "checkout", "-qb", "change")
    (root / "flows" / "sub.yaml").write_text(dedent(SUB.replace("type: queue", "type: hangup")), encoding="utf-8")
    git(root, "commit", "-qam", "two")
    monkeypatch.chdir(root)
    return root


@needs_git
def test_two_revisions_read_from_git_with_goto_links(repo):
    head = git(repo, "rev-parse", "HEAD")
    code, report = diff_json("--fail-on", "regression", "main", "change", "--", "flows/")
    assert code == 1
    assert [(f["file"], f["status"]) for f in report["flows"]] == [
        ("flows/main.yaml", "changed"), ("flows/sub.yaml", "changed")]
    main, sub = report["flows"]
    assert [j["message"] for j in main["journeys"]] == [
        "open, open+congested: at menu key 1 now ends at another flow with no person (goto 'to-sub'), "
        "was a person in another flow (goto 'to-sub')"]
    assert main["people_lost"] == [{"scenarios": "open, open+congested", "node": "to-sub"}]
    assert [c["message"] for c in sub["changes"]] == ["sub-agent: type queue -> hangup"]
    assert git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""


@needs_git
def test_working_tree_against_a_revision(repo):
    path = repo / "flows" / "main.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tapez 2.", "tapez le 2."), encoding="utf-8")
    code, report = diff_json("--git", "change", "flows/main.yaml")
    assert code == 0
    assert [(f["file"], f["status"]) for f in report["flows"]] == [("flows/main.yaml", "changed")]
    assert [c["message"] for c in report["flows"][0]["changes"]] == [
        "menu: prompt … Pour un conseiller, tapez {+le+} 2."]
    assert report["old"] == "change" and report["new"] == "working tree"


@needs_git
def test_unknown_revision(repo):
    result = run("diff", "--git", "no-such-branch")
    assert result.exit_code == 2
    assert "no-such-branch: no such file, directory or git revision" in result.stderr


@needs_git
def test_textconv_through_a_real_git_diff(repo):
    (repo / ".gitattributes").write_text("flows/*.yaml diff=ivr\n", encoding="utf-8")
    git(repo, "config", "diff.ivr.textconv", f"'{sys.executable}' -m ivr_lint diff --textconv")
    path = repo / "flows" / "main.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2": agent', '"2": voicemail'), encoding="utf-8")
    shown = git(repo, "diff", "--", "flows/main.yaml")
    changed = [line for line in shown.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert "-  key 2 -> agent" in changed
    assert "+  key 2 -> voicemail" in changed
    assert "-fastest to a person [open]: 10 s, 1 keys (welcome -> check -> menu -> agent)" in changed
    assert "+fastest to a person [open]: 34 s, 0 keys (welcome -> check -> menu -> agent)" in changed
    assert "-warning [unreachable-node] node 'voicemail' cannot be reached from the start 'welcome' " \
           "(node voicemail)" in changed
    assert "+warning [agent-not-offered] menu 'menu' offers no option that leads to a person without another " \
           "menu (convention: 0 for an advisor) (node menu)" in changed
    assert len(changed) == 8  # and the same two lines for open+congested; nothing about the goto


@needs_git
def test_difftool_on_whole_trees(repo):
    path = repo / "flows" / "main.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2": agent', '"2": voicemail'), encoding="utf-8")
    command = f"'{sys.executable}' -m ivr_lint diff \"$LOCAL\" \"$REMOTE\""
    shown = git(repo, "-c", f"difftool.ivr.cmd={command}", "difftool", "--dir-diff", "--no-symlinks", "-t", "ivr",
                "-y", "change", "--", "flows/")
    assert "  ~ menu: key 2 'agent' -> 'voicemail'" in shown.splitlines()
    assert "unknown-target" not in shown  # sub.yaml, unchanged, is in neither tree: no finding comes or goes
