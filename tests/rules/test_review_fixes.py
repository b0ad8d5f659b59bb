"""Regressions found in review: each asserts what a user relies on."""

from tests.conftest import MINIMAL, findings, run, run_json
from tests.rules.service.flows import WELL_MADE


def test_misspelt_schedule_name_is_a_schema_error(write):
    text = WELL_MADE.replace("    closed: closed-message\n", "    closed: closed-message\n    schedule: etranger\n")
    text = text.replace("  holidays: FR\n", "  holidays: FR\nschedules:\n  etrangers:\n    weekly: {tue: [\"09:00-12:00\"]}\n")
    path = write(text)
    code, data = run_json("check", str(path))
    [finding] = [f for f in data["findings"] if f["rule"] == "schema-error"]
    assert (finding["line"], finding["node"]) == (27, "check-hours")
    assert "did you mean 'etrangers'?" in finding["message"]


def test_a_day_given_twice_and_overlapping_ranges(write):
    text = MINIMAL + 'hours:\n  weekly:\n    mon-fri: ["09:00-12:00", "11:00-17:00"]\n    mon: ["14:00-17:00"]\n'
    assert findings(write(text), select="schema-error") == [("schema-error", 13, 14), ("schema-error", 14, 5)]


def test_infinite_timeout_and_empty_goto_path(write):
    text = MINIMAL.replace("    on_max_retries: agent", "    on_max_retries: agent\n    timeout: .inf")
    assert findings(write(text), select="schema-error") == [("schema-error", 9, 14)]
    goto = "ivr: 1\nstart: g\nnodes:\n  g: {type: goto, flow: ''}\n"
    assert findings(write(goto, "g.yaml")) == [("schema-error", 4, 25)]


def test_goto_into_a_flow_with_a_person_counts_as_a_way_to_a_person(write, tmp_path):
    write("ivr: 1\nstart: q\nnodes:\n  q: {type: queue, queue: agents}\n", "agents.yaml")
    main = WELL_MADE.replace('      "0": agent\n    on_max_retries: agent', '      "0": to-agents\n    on_max_retries: agent')
    main += "  to-agents: {type: goto, flow: agents.yaml}\n"
    path = write(main, "main.yaml")
    code, data = run_json("check", "--select", "no-agent-path,agent-not-offered,slow-agent-path", str(path))
    assert data["findings"] == []
    # agents.yaml is a part of the main line (reached by goto, no hours check of its own):
    # its queue is not "reachable when closed", and the main line says the service details
    rules = "queue-reachable-when-closed,missing-service-info,no-accessible-channel"
    assert run_json("check", "--select", rules, str(tmp_path))[1]["findings"] == []


def test_flows_open_around_the_clock_have_no_closed_scenario(write):
    text = WELL_MADE.replace('    mon-fri: ["08:30-12:00", "13:30-17:00"]\n  holidays: FR\n', '    mon-sun: ["00:00-24:00"]\n')
    text = text.replace("    type: hours\n    open: main-menu\n    closed: closed-message\n",
                        "    type: hours\n    open: main-menu\n    closed: main-menu\n")
    code, data = run_json("check", "--select", "queue-reachable-when-closed,closed-message-incomplete", str(write(text)))
    assert data["findings"] == []


def test_hours_said_loosely_still_count_as_said(write):
    text = WELL_MADE.replace("La mairie est ouverte du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h.",
                             "Rappelez-nous du lundi au vendredi entre 8h30 et 17h.")
    code, data = run_json("check", "--select", "closed-message-incomplete,missing-service-info", str(write(text)))
    assert data["findings"] == []


def test_menu_whose_errors_all_lead_elsewhere_needs_no_on_max_retries(write):
    text = MINIMAL.replace("    on_max_retries: agent", "    on_no_input: agent\n    on_no_match: agent")
    assert findings(write(text), select="missing-error-handling") == []


def test_report_into_a_missing_folder_creates_it(write, tmp_path):
    # every command creates the folders of its output (issue 16, item 11)
    result = run("check", "--select", "structure", "-o", str(tmp_path / "no" / "report.json"), str(write(MINIMAL)))
    assert result.exit_code == 0
    assert (tmp_path / "no" / "report.json").read_text().startswith("No problems found in 1 file.")


def test_node_ids_become_file_names_inside_the_folder():
    from ivr_lint.cli.common import safe_filename

    taken: set[str] = set()
    names = [safe_filename(n, taken) for n in ("../../escaped", "sub/x", ".", "sub_x", "Sub_X")]
    assert names == ["_.._escaped", "sub_x", "node", "sub_x-2", "Sub_X-3"]
    assert not any("/" in n or n.startswith(".") for n in names)


def test_simulate_refuses_standard_input_with_a_usage_error():
    result = run("simulate", "-", "--keys", "", input=MINIMAL)
    assert result.exit_code == 2
    assert "give the flow as a file path" in result.stderr


def test_render_at_a_moment_decides_every_schedule_as_simulate_does():
    from tests.conftest import FLOWS

    flow = str(FLOWS / "prefecture-rhone.yaml")
    friday = "2026-12-04 10:00"  # main line open, foreigners' desk (Monday to Thursday) closed
    tree = run("render", flow, "--at", friday).stdout
    not_met = tree.split("Not met in scenario open")[1]
    assert "foreigners-agents" in not_met
    keys = ("--keys", "1,2")  # the foreigners' menu, then a file number typed in silence: its hours check
    thursday = run("simulate", flow, "--at", "2026-12-03 10:00", *keys).stdout
    assert "foreign-number > foreigners-hours > foreigners-agents" in thursday
    assert "foreigners-agents" not in run("simulate", flow, "--at", friday, *keys).stdout


def test_opening_hours_placeholder_says_the_schedule_of_the_last_hours_check(write):
    text = """\
ivr: 1
service: {name: "Mairie", phone: "01 23 45 67 89", website: "https://www.ville.fr"}
hours:
  weekly: {mon-fri: ["09:00-17:00"]}
schedules:
  ec:
    weekly: {tue-thu: ["14:00-16:00"]}
start: check
nodes:
  check: {type: hours, open: ec-check, closed: closed}
  ec-check: {type: hours, schedule: ec, open: agent, closed: ec-closed}
  ec-closed: {type: hangup, prompt: "L'état civil répond {opening_hours}."}
  closed: {type: hangup, prompt: "La mairie répond {opening_hours}."}
  agent: {type: queue}
"""
    path = str(write(text))
    said = run("simulate", path, "--at", "2026-12-04 10:00", "--keys", "").stdout
    assert "L'état civil répond du mardi au jeudi de 14h à 16h." in said
    said = run("simulate", path, "--at", "2026-12-05 10:00", "--keys", "").stdout
    assert "La mairie répond du lundi au vendredi de 9h à 17h." in said
