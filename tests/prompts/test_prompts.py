"""`ivr-lint prompts` and prompts in several languages, through the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ivr_lint.model.jsonschema import flow_schema
from tests.conftest import dedent, run

BILINGUAL = """\
ivr: 1
language: fr-FR
languages: [fr-FR, en-GB]
hours:
  timezone: Europe/Paris
  weekly: {mon-fri: ["09:00-17:00"]}
start: check
nodes:
  check:
    type: hours
    open: menu
    closed: closed
  menu:
    type: menu
    prompt:
      fr-FR: "Pour un conseiller, tapez 0."
      en-GB: "For an advisor, press 0."
    options: {"0": agent}
    on_max_retries: agent
  agent:
    type: queue
    prompt: ["Veuillez patienter.", "Attente estimée : {wait_minutes} minutes."]
  closed:
    type: hangup
    prompt:
      fr-FR: "Nous sommes fermés. Rendez-vous sur exemple.fr."
      en-GB: "We are closed. Visit exemple.fr."
"""


def rows_of(stdout: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(stdout)))


def test_csv_lists_every_prompt_per_language(write):
    path = write(BILINGUAL)
    result = run("prompts", str(path))
    assert result.exit_code == 0
    rows = rows_of(result.stdout)
    assert [(r["node"], r["type"], r["language"], r["text"], r["file"], r["heard_in"], r["line"], r["column"],
             r["missing"]) for r in rows] == [
        ("menu", "menu", "fr-FR", "Pour un conseiller, tapez 0.", "fr-FR/menu.wav", "open, open+congested",
         "16", "14", "no"),
        ("menu", "menu", "en-GB", "For an advisor, press 0.", "en-GB/menu.wav", "open, open+congested", "17", "14",
         "no"),
        ("agent", "queue", "fr-FR", "Veuillez patienter. Attente estimée : {wait_minutes} minutes.",
         "fr-FR/agent.wav", "open, open+congested", "22", "14", "no"),
        ("agent", "queue", "en-GB", "", "en-GB/agent.wav", "open, open+congested", "22", "13", "yes"),
        ("closed", "hangup", "fr-FR", "Nous sommes fermés. Rendez-vous sur exemple.fr.", "fr-FR/closed.wav",
         "closed, closed+congested", "26", "14", "no"),
        ("closed", "hangup", "en-GB", "We are closed. Visit exemple.fr.", "en-GB/closed.wav",
         "closed, closed+congested", "27", "14", "no"),
    ]
    agent = rows[2]
    assert agent["marked"] == "Veuillez patienter. Attente estimée : [[wait_minutes]] minutes."
    assert agent["placeholders"] == "wait_minutes"
    assert 2.0 < float(agent["seconds"]) < 6.0 and agent["measured"] == "no"
    assert rows[3]["source_language"] == "fr-FR" and rows[3]["source_text"] == agent["text"]


def test_missing_lists_what_to_translate_and_exits_1(write):
    path = write(BILINGUAL)
    code_result = run("prompts", str(path), "--missing", "en-GB", "-f", "json")
    assert code_result.exit_code == 1
    prompts = json.loads(code_result.stdout)["prompts"]
    assert [(p["node"], p["language"], p["source_text"], p["placeholders"]) for p in prompts] == [
        ("agent", "en-GB", "Veuillez patienter. Attente estimée : {wait_minutes} minutes.", ["wait_minutes"])]
    assert "1 prompt without en-GB text" in code_result.stderr
    assert run("prompts", str(path), "--missing", "fr-FR").exit_code == 0


def test_measured_durations_from_audio_replace_the_estimate(write, tmp_path):
    path = write(BILINGUAL)
    durations = tmp_path / "durations.json"
    durations.write_text(json.dumps({"voice": "x", "rate": 150, "durations": {
        "Pour un conseiller, tapez 0.": 2.34, "For an advisor, press 0.": 1.5}}), encoding="utf-8")
    rows = rows_of(run("prompts", str(path), "--durations", str(durations), "--language", "en-GB").stdout)
    assert [(r["node"], r["seconds"], r["measured"]) for r in rows] == [
        ("menu", "1.5", "yes"), ("agent", "", "no"), ("closed", rows[2]["seconds"], "no")]
    rows = rows_of(run("prompts", str(path), "--durations", str(durations), "--language", "fr-FR").stdout)
    assert (rows[0]["seconds"], rows[0]["measured"]) == ("2.3", "yes")
    bad = tmp_path / "bad.json"
    bad.write_text('{"durations": {"a": "long"}}', encoding="utf-8")
    result = run("prompts", str(path), "--durations", str(bad))
    assert result.exit_code == 2 and "not a durations.json written by `ivr-lint audio`" in result.stderr


def test_xlsx_for_the_studio(write, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = write(BILINGUAL.replace("We are closed.", "=We are closed."))
    out = tmp_path / "script.xlsx"
    result = run("prompts", str(path), "-f", "xlsx", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["flow", "node", "type", "language", "text", "marked"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(v[1], v[3], v[9]) for v in values] == [
        ("menu", "fr-FR", "fr-FR/menu.wav"), ("menu", "en-GB", "en-GB/menu.wav"),
        ("agent", "fr-FR", "fr-FR/agent.wav"), ("agent", "en-GB", "en-GB/agent.wav"),
        ("closed", "fr-FR", "fr-FR/closed.wav"), ("closed", "en-GB", "en-GB/closed.wav")]
    assert values[5][4] == "'=We are closed. Visit exemple.fr."  # never run as a formula
    assert sheet.freeze_panes == "A2"
    assert run("prompts", str(path), "-f", "xlsx").exit_code == 2  # binary: needs -o


def test_file_names_are_the_ones_audio_writes(write):
    path = write("""\
        ivr: 1
        start: a/b
        nodes:
          a/b: {type: play, prompt: "Un.", next: a_b}
          a_b: {type: play, prompt: "Deux.", next: silent}
          silent: {type: play, next: end}
          end: {type: hangup, prompt: "Au revoir."}
    """)
    rows = rows_of(run("prompts", str(path)).stdout)
    assert [(r["node"], r["file"], r["heard_in"]) for r in rows] == [
        ("a/b", "a_b.wav", "open, open+congested"), ("a_b", "a_b-2.wav", "open, open+congested"),
        ("end", "end.wav", "open, open+congested")]


def test_a_directory_and_a_broken_flow(write, tmp_path):
    write(BILINGUAL, "flows/one.yaml")
    write("ivr: 1\nstart: x\nnodes:\n  x: {type: hangup, prompt: \"Au revoir.\"}\n", "flows/two.yaml")
    rows = rows_of(run("prompts", str(tmp_path / "flows")).stdout)
    assert sorted({(r["flow"].rsplit("/", 1)[-1], r["language"]) for r in rows}) == [
        ("one.yaml", "en-GB"), ("one.yaml", "fr-FR"), ("two.yaml", "fr-FR")]
    assert [r["file"] for r in rows if r["flow"].endswith("two.yaml")] == ["x.wav"]
    broken = write("ivr: 1\nnodes: [\n", "broken.yaml")
    result = run("prompts", str(broken))
    assert result.exit_code == 2 and "is not a usable flow" in result.stderr


# -- the format addition ------------------------------------------------------------------------

def test_rules_read_the_flows_language(write):
    path = write("""\
        ivr: 1
        language: en-GB
        languages: [fr-FR, en-GB]
        start: menu
        nodes:
          menu:
            type: menu
            prompt: {fr-FR: "Pour un conseiller, tapez 1.", en-GB: "For an advisor, press 2."}
            options: {"2": agent}
            on_max_retries: agent
          agent: {type: queue, prompt: {fr-FR: "Patientez.", en-GB: "Please hold."}}
    """)
    result = run("check", "--select", "menu-prompt-mismatch,missing-translation,schema-error", str(path))
    assert result.exit_code == 0, result.stdout
    french = path.read_text(encoding="utf-8").replace("language: en-GB", "language: fr-FR")
    path.write_text(french, encoding="utf-8")
    result = run("check", "--select", "menu-prompt-mismatch", "-f", "json", str(path))
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == {"menu-prompt-mismatch"}


def test_inherited_language_picks_the_prompt(write, tmp_path):
    write("name: Council\nlanguage: en-GB\n", "service.yaml")
    path = write("""\
        ivr: 1
        start: bye
        nodes:
          bye: {type: hangup, prompt: {fr-FR: "Au revoir.", en-GB: "Goodbye."}}
    """)
    result = run("simulate", str(path), "--keys", "")
    assert "[bye] Goodbye." in result.stdout


def test_simulate_language(write):
    path = write(BILINGUAL)
    result = run("simulate", str(path), "--at", "2026-03-02 10:00", "--keys", "0", "--language", "en-GB")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:4] == [
        "[menu] For an advisor, press 0.", "  > 0", "[agent] Veuillez patienter. Attente estimée : 10 minutes."]
    result = run("simulate", str(path), "--keys", "0", "--language", "de-DE")
    assert result.exit_code == 2
    assert "--language de-DE: " in result.stderr and "gives its prompts in fr-FR, en-GB only" in result.stderr


@pytest.mark.parametrize("text, message, line, column", [
    ("languages: fr-FR", "`languages` must be a list of language tags ([fr-FR, en-GB]), not 'fr-FR'", 2, 12),
    ("languages: [fr-FR, fr-FR]", "`languages` lists 'fr-FR' twice", 2, 20),
    ("languages: [fr_FR]", "an item of `languages` must be a BCP 47 language tag such as fr-FR or en-GB, not fr_FR",
     2, 13),
])
def test_languages_field_errors(write, text, message, line, column):
    path = write(f"ivr: 1\n{text}\nstart: x\nnodes:\n  x: {{type: hangup}}\n")
    _, report = json_check(path)
    assert [(f["message"], f["line"], f["column"]) for f in report["findings"]] == [(message, line, column)]


@pytest.mark.parametrize("prompt, message, column", [
    ('{fr: {a: b}}', "`prompt` in node `x` in fr must be a text or a list of texts, not a mapping", 34),
    ('{}', "`prompt` in node `x` gives no text in any language", 29),
    ('{"français": "Bonjour"}', "a language of `prompt` in node `x` must be a BCP 47 language tag such as fr-FR or "
     "en-GB, not français", 30),
])
def test_prompt_mapping_errors(write, prompt, message, column):
    path = write(f"ivr: 1\nstart: x\nnodes:\n  x: {{type: hangup, prompt: {prompt}}}\n")
    _, report = json_check(path)
    assert [(f["rule"], f["message"], f["line"], f["column"]) for f in report["findings"]] == [
        ("schema-error", message, 4, column)]


def json_check(path):
    result = run("check", "--select", "schema-error", "-f", "json", str(path))
    return result.exit_code, json.loads(result.stdout)


def test_schema_accepts_prompts_per_language():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    jsonschema.validate(yaml.safe_load(dedent(BILINGUAL)), flow_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(dedent(BILINGUAL).replace("en-GB:", "en_GB:", 1)), flow_schema())
