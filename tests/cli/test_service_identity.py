"""Service identity written once (service.yaml or [tool.ivr-lint.service]) for every flow below it."""

import json
import shutil

import pytest

from tests.conftest import CORPUS, REPO, dedent, run, run_json

SERVICE_YAML = """\
# Mairie de Trifouillis: shared by every line
name: "Mairie de Trifouillis"
phone: "01 23 45 67 89"
tariff: free
website: "https://trifouillis.example.fr"
accessible: "https://trifouillis.example.fr/acces-sourds"
language: fr-FR
hours:
  timezone: Europe/Paris
  weekly: {mon-fri: ["09:00-12:00", "14:00-17:00"]}
  holidays: FR
"""

#: a well-made line that writes no service, hours nor language of its own
LINE = """\
ivr: 1
start: check
nodes:
  check: {type: hours, open: menu, closed: closed}
  menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0."
    options: {"0": agent}
    on_max_retries: agent
  agent:
    type: queue
    congestion: busy
  busy:
    type: menu
    prompt: "Tous nos conseillers sont occupés. Le temps d'attente est estimé à {wait_minutes} minutes. Pour être rappelé, tapez 1."
    options: {"1": callback}
    on_max_retries: callback
  callback: {type: callback}
  closed:
    type: hangup
    prompt: "La mairie est fermée. Nous sommes ouverts {opening_hours}. Écrivez-nous sur trifouillis.example.fr."
"""

SERVICE_RULES = ("missing-service-info", "no-accessible-channel")


@pytest.fixture
def project(tmp_path):
    """A repository with two lines under lines/ and a service.yaml at its root."""
    (tmp_path / ".git").mkdir()  # the walk for service data stops at the repository root
    (tmp_path / "lines").mkdir()
    (tmp_path / "service.yaml").write_text(SERVICE_YAML)
    for name in ("accueil.yaml", "etat-civil.yaml"):
        (tmp_path / "lines" / name).write_text(LINE)
    return tmp_path


def _findings(data):
    return [(f["rule"], f["file"], f["line"], f["column"]) for f in data["findings"]]


def test_every_flow_below_a_service_yaml_inherits_it(project):
    code, data = run_json("check", str(project / "lines"))
    assert (code, data["findings"], data["files"]) == (0, [], 2)
    service = str(project / "service.yaml")
    assert data["service_sources"] == {
        str(project / "lines" / name): {"service": {"file": service, "line": 2, "column": 1},
                                        "hours": {"file": service, "line": 8, "column": 1},
                                        "language": {"file": service, "line": 7, "column": 1}}
        for name in ("accueil.yaml", "etat-civil.yaml")}


def test_verbose_says_where_the_service_data_comes_from(project):
    result = run("check", "--verbose", str(project / "lines" / "accueil.yaml"))
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"
    assert result.stderr == (f"ivr-lint: {project}/lines/accueil.yaml: service from {project}/service.yaml:2:1, "
                             f"hours from {project}/service.yaml:8:1, language from {project}/service.yaml:7:1\n")


def test_a_gap_in_the_service_yaml_is_reported_once_where_it_is_written(project):
    (project / "service.yaml").write_text(SERVICE_YAML.replace('phone: "01 23 45 67 89"\n', "")
                                          .replace('accessible: "https://trifouillis.example.fr/acces-sourds"\n', ""))
    code, data = run_json("check", str(project / "lines"))
    service = str(project / "service.yaml")
    assert code == 0  # warnings
    assert _findings(data) == [("missing-service-info", service, 2, 1), ("no-accessible-channel", service, 2, 1)]
    flows = [str(project / "lines" / "accueil.yaml"), str(project / "lines" / "etat-civil.yaml")]
    assert [f["inherited_by"] for f in data["findings"]] == [flows, flows]
    assert data["findings"][0]["message"] == (
        "the service block lacks a phone number (service.phone) "
        f"(inherited by {flows[0]}, {flows[1]})")


def test_a_flow_with_its_own_service_block_keeps_it_whole(project):
    """Fields do not merge: the flow's block replaces the service file's, so the flow must be complete."""
    own = LINE.replace("start: check\n", 'service: {name: "Mairie annexe", phone: "01 99 99 99 99"}\nstart: check\n')
    (project / "lines" / "annexe.yaml").write_text(own)
    code, data = run_json("check", str(project / "lines" / "annexe.yaml"))
    flow = str(project / "lines" / "annexe.yaml")
    assert _findings(data) == [("missing-service-info", flow, 2, 10), ("no-accessible-channel", flow, 2, 10)]
    assert data["service_sources"][flow]["service"] == {"file": flow, "line": 2, "column": 1}
    assert data["service_sources"][flow]["hours"]["file"] == str(project / "service.yaml")


def test_the_nearest_service_yaml_wins(project):
    annexe = project / "lines" / "annexe"
    annexe.mkdir()
    (annexe / "service.yml").write_text('name: "Annexe"\nphone: "01 99 99 99 99"\nemail: "annexe@example.fr"\n')
    (annexe / "line.yaml").write_text(LINE)
    code, data = run_json("check", str(project / "lines"))
    near = str(annexe / "service.yml")
    assert _findings(data) == [("no-accessible-channel", near, 1, 1)]
    assert data["findings"][0]["inherited_by"] == [str(annexe / "line.yaml")]
    sources = data["service_sources"][str(annexe / "line.yaml")]
    assert (sources["service"]["file"], "hours" in sources) == (near, False)  # no merge across files either


def test_service_yaml_is_not_a_flow_but_is_validated_when_named(project):
    assert run("check", str(project)).stdout == "No problems found in 2 files.\n"  # not taken for a flow
    assert run("check", str(project / "service.yaml")).stdout == "No problems found in 1 file.\n"
    (project / "service.yaml").write_text(SERVICE_YAML.replace("tariff: free", "tariff: gratuit")
                                          .replace("holidays: FR", "holidays: FR\n  weekdays: mon-fri")
                                          + "ivr_version: 1\n")
    code, data = run_json("check", str(project / "service.yaml"))
    assert code == 1
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in data["findings"]] == [
        ("schema-error", 4, 9, "`tariff` in the service file must be one of free, standard, surcharged, not 'gratuit'"),
        ("schema-error", 12, 3, "unknown field 'weekdays' in schedule `hours`; did you mean 'weekly'?"),
        ("schema-error", 13, 1, "unknown field 'ivr_version' in the service file (expected one of: name, phone, "
                                "tariff, website, email, accessible, hours, language, kind)"),
    ]


def test_errors_of_an_inherited_service_yaml_are_reported_with_the_flows(project):
    (project / "service.yaml").write_text(SERVICE_YAML.replace("weekly: {", "weekly: {{"))
    code, data = run_json("check", str(project / "lines"))
    assert code == 1
    assert ("syntax-error", str(project / "service.yaml"), 11, 3) in _findings(data)
    assert set(map(len, data["service_sources"].values())) == {0}  # nothing inherited from a broken file
    refused = run("simulate", str(project / "lines" / "accueil.yaml"), "--keys", "0")
    assert refused.exit_code == 2
    assert f"{project}/service.yaml:11:3: syntax-error: " in refused.stderr


def test_pyproject_service_table(project):
    (project / "service.yaml").unlink()
    (project / "pyproject.toml").write_text(dedent("""
        [project]
        name = "lignes-trifouillis"

        [tool.ivr-lint]
        preset = "recommended"

        [tool.ivr-lint.service]
        name = "Mairie de Trifouillis"
        phone = "01 23 45 67 89"
        website = "https://trifouillis.example.fr"
        accessible = "https://trifouillis.example.fr/acces-sourds"

        [tool.ivr-lint.service.hours]
        timezone = "Europe/Paris"
        holidays = "FR"
        closed = [2026-12-24]
        weekly = { mon-fri = ["09:00-12:00", "14:00-17:00"] }
    """))
    code, data = run_json("check", str(project / "lines" / "accueil.yaml"))
    assert (code, data["findings"]) == (0, [])
    toml = str(project / "pyproject.toml")
    assert data["service_sources"][str(project / "lines" / "accueil.yaml")] == {
        "service": {"file": toml, "line": 7, "column": 1}, "hours": {"file": toml, "line": 13, "column": 1}}
    holiday = run("simulate", str(project / "lines" / "accueil.yaml"), "--at", "2026-12-24 10:00")
    assert holiday.stdout.splitlines()[1] == ("[check] (holiday: Thursday 2026-12-24 10:00 Europe/Paris, "
                                              "exceptional closure)")


def test_pyproject_service_errors_point_at_their_toml_line(project):
    (project / "service.yaml").unlink()
    (project / "pyproject.toml").write_text(dedent("""
        [tool.ivr-lint]
        preset = "recommended"

        [tool.ivr-lint.service]
        name = "Mairie de Trifouillis"
        phone = 123
        tarif = "free"
        kind = "sortant"

        [tool.ivr-lint.service.hours.weekly]
        mon-fri = ["9h-17h"]
    """))
    code, data = run_json("check", "--select", "schema-error", str(project / "lines" / "accueil.yaml"))
    assert code == 1
    assert [(f["file"], f["line"], f["column"], f["message"]) for f in data["findings"]] == [
        (str(project / "pyproject.toml"), 7, 1, "unknown field 'tarif' in [tool.ivr-lint.service]; did you mean "
                                                "'tariff'?"),
        (str(project / "pyproject.toml"), 8, 8, "`kind` in [tool.ivr-lint.service] must be one of inbound, "
                                                "in-queue, outbound, not 'sortant'"),
        (str(project / "pyproject.toml"), 11, 11, "hours of 'mon-fri' in `weekly` in schedule `hours`: '9h-17h' is "
                                                  "not an hour range \"HH:MM-HH:MM\" (start before end, 00:00 to "
                                                  "24:00)"),
    ]


def test_a_service_yaml_in_the_flow_folder_wins_over_the_pyproject_above(project):
    (project / "service.yaml").rename(project / "lines" / "service.yaml")
    (project / "pyproject.toml").write_text('[tool.ivr-lint.service]\nname = "Autre service"\n')
    code, data = run_json("check", str(project / "lines"))
    assert (code, data["findings"]) == (0, [])
    assert {s["service"]["file"] for s in data["service_sources"].values()} == {str(project / "lines" / "service.yaml")}


def test_the_simulator_hears_the_inherited_hours_and_language(project):
    closed = run("simulate", str(project / "lines" / "accueil.yaml"), "--at", "2026-12-05 10:00")
    assert closed.stdout.splitlines()[1:3] == [
        "[check] (closed: Saturday 2026-12-05 10:00 Europe/Paris)",
        "[closed] La mairie est fermée. Nous sommes ouverts du lundi au vendredi de 9h à 12h et de 14h à 17h. "
        "Écrivez-nous sur trifouillis.example.fr.",
    ]
    (project / "service.yaml").write_text(SERVICE_YAML.replace("language: fr-FR", "language: en-GB"))
    english = run("simulate", str(project / "lines" / "accueil.yaml"), "--at", "2026-12-05 10:00")
    assert "Nous sommes ouverts Monday to Friday from 9am to 12pm and from 2pm to 5pm." in english.stdout


def test_render_picks_the_scenario_from_inherited_hours(project):
    result = run("render", str(project / "lines" / "accueil.yaml"), "--at", "2026-12-05 10:00")
    assert result.exit_code == 0, result.stderr
    assert "scenario: closed (Sat 2026-12-05 10:00 Europe/Paris)" in result.stdout.splitlines()[1]


def test_rules_reading_service_fields_point_into_the_service_file(project):
    (project / "service.yaml").write_text(SERVICE_YAML.replace('phone: "01 23 45 67 89"', 'phone: "08 92 68 01 01"')
                                          .replace("tariff: free\n", ""))
    code, data = run_json("check", "--select", "surcharged-number", str(project / "lines"))
    assert code == 1
    assert _findings(data) == [("surcharged-number", str(project / "service.yaml"), 3, 8)]
    assert data["findings"][0]["inherited_by"] == [str(project / "lines" / n) for n in ("accueil.yaml", "etat-civil.yaml")]


def test_an_inherited_kind_decides_which_rules_apply(project):
    (project / "service.yaml").write_text(SERVICE_YAML + "kind: outbound\n")
    broken = LINE.replace('options: {"0": agent}\n    on_max_retries: agent',
                          'options: {"1": closed}\n    on_max_retries: closed')  # no person: fine for outbound
    assert broken != LINE
    (project / "lines" / "accueil.yaml").write_text(broken)
    code, data = run_json("check", "--select", "no-agent-path", str(project / "lines" / "accueil.yaml"))
    assert (code, data["findings"]) == (0, [])
    (project / "service.yaml").write_text(SERVICE_YAML)
    code, data = run_json("check", "--select", "no-agent-path", str(project / "lines" / "accueil.yaml"))
    assert [f["rule"] for f in data["findings"]] == ["no-agent-path"]


def test_standard_input_inherits_from_the_folder_of_its_stdin_filename(project):
    name = str(project / "lines" / "accueil.yaml")
    result = run("check", "-", "--stdin-filename", name, "--format", "json", input=LINE)
    data = json.loads(result.stdout)
    assert (result.exit_code, data["findings"]) == (0, [])
    assert data["service_sources"][name]["service"]["file"] == str(project / "service.yaml")


def test_a_standalone_config_file_gives_service_data_when_none_is_found(project, tmp_path_factory):
    (project / "service.yaml").unlink()
    settings = tmp_path_factory.mktemp("settings") / "ivr-lint.toml"
    settings.write_text(dedent("""
        preset = "recommended"

        [service]
        name = "Mairie de Trifouillis"
        phone = "01 23 45 67 89"
        website = "https://trifouillis.example.fr"
        accessible = "https://trifouillis.example.fr/acces-sourds"

        [service.hours]
        weekly = {mon-fri = ["09:00-17:00"]}
    """))
    code, data = run_json("check", "--config", str(settings), str(project / "lines"))
    assert (code, data["findings"]) == (0, [])
    sources = data["service_sources"][str(project / "lines" / "accueil.yaml")]
    assert sources["service"] == {"file": str(settings), "line": 3, "column": 1}


def test_an_imported_export_inherits_the_service_beside_it(tmp_path):
    shutil.copy(REPO / "tests" / "importers" / "fixtures" / "genesys_inbound.yaml", tmp_path / "inbound.yaml")
    before = run_json("check", "--select", ",".join(SERVICE_RULES), str(tmp_path / "inbound.yaml"))[1]
    assert {f["rule"] for f in before["findings"] if "service" in f["message"]} == set(SERVICE_RULES)
    (tmp_path / "service.yaml").write_text(SERVICE_YAML)
    code, data = run_json("check", "--select", ",".join(SERVICE_RULES), str(tmp_path / "inbound.yaml"))
    assert [f for f in data["findings"] if "service" in f["message"]] == []
    sources = data["service_sources"][str(tmp_path / "inbound.yaml")]
    assert sources["service"] == {"file": str(tmp_path / "service.yaml"), "line": 2, "column": 1}


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "genesys-archy").is_dir(), reason="the shared corpus is not available")
@pytest.mark.parametrize("shape", ["service.yaml", "pyproject.toml"])
def test_a_real_export_beside_service_data_loses_its_service_block_findings(tmp_path, shape):
    export = tmp_path / "simple-financial-ivr.yaml"
    shutil.copy(CORPUS / "genesys-archy" / "simple-financial-ivr.yaml", export)
    before = run_json("check", str(export))[1]["findings"]
    assert {(f["rule"], f["line"]) for f in before if f["rule"] in SERVICE_RULES} >= {
        ("missing-service-info", 1), ("no-accessible-channel", 1)}
    if shape == "service.yaml":
        (tmp_path / shape).write_text('name: "SimpleFinancial"\nphone: "+1 317 555 0100"\n'
                                      'website: "https://simplefinancial.example"\naccessible: "711 relay (TTY)"\n')
    else:
        (tmp_path / shape).write_text('[tool.ivr-lint.service]\nname = "SimpleFinancial"\nphone = "+1 317 555 0100"\n'
                                      'website = "https://simplefinancial.example"\naccessible = "711 relay (TTY)"\n')
    after = run_json("check", str(export))[1]["findings"]
    assert [f for f in after if f["rule"] == "no-accessible-channel"] == []
    assert [f["message"] for f in after if f["rule"] == "missing-service-info"] == [
        "no prompt a caller can hear says the opening hours (say them, or use {opening_hours})"]


def test_the_service_file_schema_comes_from_the_flow_format(project):
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    result = run("schema", "--service")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert list(schema["properties"]) == ["name", "phone", "tariff", "website", "email", "accessible", "hours",
                                          "language", "kind"]
    jsonschema.validate(yaml.safe_load(SERVICE_YAML), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x", "tarif": "free"}, schema)


def test_a_long_setting_name_is_quoted_short(tmp_path):
    (tmp_path / "pyproject.toml").write_text(f'[tool.ivr-lint]\n{"s" * 400} = 1\n')
    (tmp_path / "flow.yaml").write_text(LINE)
    result = run("check", str(tmp_path / "flow.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ivr-lint: error: {tmp_path}/pyproject.toml: unknown setting {'s' * 120!r}… "
                                    "(400 characters) in [tool.ivr-lint]")


def test_fifty_flows_sharing_a_gap_make_one_finding(project):
    (project / "service.yaml").write_text(SERVICE_YAML.replace('accessible: "https://trifouillis.example.fr/acces-sourds"\n', ""))
    for n in range(48):
        (project / "lines" / f"ligne-{n:02}.yaml").write_text(LINE)
    code, data = run_json("check", str(project / "lines"))
    assert data["files"] == 50
    assert _findings(data) == [("no-accessible-channel", str(project / "service.yaml"), 2, 1)]
    assert len(data["findings"][0]["inherited_by"]) == 50
    assert data["findings"][0]["message"].endswith(
        f"(inherited by {project}/lines/accueil.yaml, {project}/lines/etat-civil.yaml, "
        f"{project}/lines/ligne-00.yaml and 47 more)")


def test_gathering_twice_changes_nothing():
    from ivr_lint.findings import Finding
    from ivr_lint.model.service_file import gather_inherited

    found = [Finding("no-accessible-channel", "no adapted channel", "service.yaml", 2, 1, extra={"inherited_by": [f]})
             for f in ("a.yaml", "b.yaml")]
    once = gather_inherited(found)
    twice = gather_inherited(list(once))
    assert [(f.message, f.extra) for f in twice] == [
        ("no adapted channel (inherited by a.yaml, b.yaml)", {"inherited_by": ["a.yaml", "b.yaml"]})]


def test_a_flow_named_service_yaml_is_a_flow_not_service_data(project):
    (project / "service.yaml").unlink()
    (project / "lines" / "service.yaml").write_text(LINE)  # a team's "service" line
    code, data = run_json("check", "--select", "schema-error", str(project / "lines"))
    assert (code, data["findings"], data["files"]) == (0, [], 3)
    assert data["service_sources"][str(project / "lines" / "accueil.yaml")] == {}
