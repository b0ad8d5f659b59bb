from tests.rules.service.flows import WELL_MADE

CHAIN = ''.join(
    f'  m{i}:\n    type: menu\n    prompt: "Tapez 1. Pour un conseiller, tapez 0."\n'
    f'    options: {{"1": {"m" + str(i + 1) if i < 4 else "civil"}, "0": agent}}\n    on_max_retries: agent\n'
    for i in range(2, 5))


def test_fourth_menu_is_reported_once(lint):
    text = WELL_MADE.replace('"1": civil\n      "0": agent\n    on_max_retries: agent\n',
                             '"1": m2\n      "0": agent\n    on_max_retries: agent\n' + CHAIN)
    found, [finding] = lint(text, "menu-too-deep")
    assert found == [("menu-too-deep", 41, 3, "m4")]
    assert "main-menu -> m2 -> m3 -> m4" in finding.message
    assert lint(text, "menu-too-deep", max_depth=4)[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "menu-too-deep")[0] == []


def run_depth(paths, **options):
    """(rule, file name, line, column, node) of the menu-too-deep findings on `paths`, and the findings."""
    import os

    from ivr_lint.config import Config
    from ivr_lint.engine import check_paths

    config = Config()
    config.select = ["menu-too-deep"]
    if options:
        config.rules["menu-too-deep"] = options
    result = check_paths([str(p) for p in paths], config)
    assert not result.input_errors, result.input_errors
    return ([(f.rule, os.path.basename(f.file), f.line, f.column, f.node) for f in result.findings],
            result.findings)


# Three levels of menus, then a queue whose congestion menu offers a callback or to hold on.
CONGESTED_THIRD_LEVEL = """\
ivr: 1
language: fr-FR
start: accueil
nodes:
  accueil:
    type: menu
    prompt: "Pour les prestations, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": prestations, "0": conseillers}
    on_max_retries: conseillers
  prestations:
    type: menu
    prompt: "Pour la retraite, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": retraite, "0": conseillers}
    on_max_retries: conseillers
  retraite:
    type: menu
    prompt: "Pour une réversion, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": reversion, "0": conseillers}
    on_max_retries: conseillers
  reversion:
    type: queue
    queue: reversion
    congestion: sature
  sature:
    type: menu
    prompt: "Toutes les lignes sont occupées. Pour être rappelé, tapez 1. Pour patienter, tapez 2."
    options: {"1": rappel, "2": reversion-attente}
    on_max_retries: rappel
  reversion-attente: {type: queue, queue: reversion}
  rappel: {type: callback, prompt: "Nous vous rappellerons."}
  conseillers: {type: queue, queue: accueil}
"""


def test_a_queues_congestion_menu_is_no_level(write):
    # accueil -> prestations -> retraite -> [reversion] -> sature: the caller reached the queue after 3 menus
    assert run_depth([write(CONGESTED_THIRD_LEVEL)])[0] == []
    # ... but a fourth menu on the way to the queue is one too many, reported where it is
    deeper = CONGESTED_THIRD_LEVEL.replace('options: {"1": reversion, "0": conseillers}',
                                           'options: {"1": veuvage, "0": conseillers}') + """\
  veuvage:
    type: menu
    prompt: "Pour une pension de réversion, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": reversion, "0": conseillers}
    on_max_retries: conseillers
"""
    found, [finding] = run_depth([write(deeper)])
    assert found == [("menu-too-deep", "flow.yaml", 32, 3, "veuvage")]
    assert finding.message == ("menu 'veuvage' is the 4th successive menu on the shortest way from the start "
                               "(limit 3): accueil -> prestations -> retraite -> veuvage")
    assert finding.path == ["accueil", "prestations", "retraite", "veuvage"]


def test_a_menu_met_only_after_silence_is_judged_on_its_own(write):
    text = CONGESTED_THIRD_LEVEL.replace(
        '    options: {"1": reversion, "0": conseillers}\n    on_max_retries: conseillers\n',
        '    options: {"1": reversion, "0": conseillers}\n    on_no_input: aide\n    on_max_retries: conseillers\n') + """\
  aide:
    type: menu
    prompt: "Nous n'avons pas entendu votre choix. Pour un courrier, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": courrier, "0": conseillers}
    on_max_retries: conseillers
  courrier:
    type: play
    prompt: "Écrivez-nous à l'adresse indiquée sur votre notification."
    next: conseillers
"""
    assert run_depth([write(text)])[0] == []


# English, after-information menus: every message ends with "press 9 for the main menu, 0 for an adviser".
AFTER_INFORMATION = """\
ivr: 1
language: en-GB
start: main
nodes:
  main:
    type: menu
    prompt: "For council tax, press 1. To speak to an adviser, press 0."
    options: {"1": council-tax, "0": adviser}
    on_max_retries: adviser
  council-tax:
    type: menu
    prompt: "For payments, press 1. To speak to an adviser, press 0."
    options: {"1": payments, "0": adviser}
    on_max_retries: adviser
  payments:
    type: menu
    prompt: "For direct debits, press 1. To speak to an adviser, press 0."
    options: {"1": direct-debit, "0": adviser}
    on_max_retries: adviser
  direct-debit:
    type: play
    prompt: "You can set up a direct debit online at leeds.gov.uk."
    next: after-info
  after-info:
    type: menu
    prompt: "To hear this again, press 1. For the main menu, press 9. To speak to an adviser, press 0."
    options: {"1": direct-debit, "9": main, "0": adviser}
    on_max_retries: adviser
  adviser: {type: queue}
"""


def test_a_menu_after_the_information_offering_nothing_new_adds_no_level(write):
    assert run_depth([write(AFTER_INFORMATION)])[0] == []
    # an after-information menu that opens a topic reached nowhere else is navigation
    text = AFTER_INFORMATION.replace('options: {"1": direct-debit, "9": main, "0": adviser}',
                                     'options: {"1": direct-debit, "2": refunds, "9": main, "0": adviser}') + """\
  refunds:
    type: play
    prompt: "Refunds are paid within ten working days."
    next: adviser
"""
    found, [finding] = run_depth([write(text)])
    assert found == [("menu-too-deep", "flow.yaml", 24, 3, "after-info")]
    assert "(limit 3): main -> council-tax -> payments -> after-info" in finding.message


MAIN = """\
ivr: 1
name: "Mairie"
start: accueil
nodes:
  accueil:
    type: menu
    prompt: "Pour l'état civil, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": vers-etat-civil, "0": agents}
    on_max_retries: agents
  vers-etat-civil:
    type: goto
    flow: etat-civil.yaml
  agents: {type: queue}
"""

SUBFLOW = """\
ivr: 1
name: "Sous-flux état civil"
start: etat-civil
nodes:
  etat-civil:
    type: menu
    prompt: "Pour un acte, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": actes, "0": agents}
    on_max_retries: agents
  actes:
    type: menu
    prompt: "Pour un acte de naissance, tapez 1. Pour un conseiller, tapez 0."
    options: {"1": naissance, "0": agents}
    on_max_retries: agents
  naissance:
    type: play
    prompt: "Les actes de naissance se demandent sur service-public.fr."
    next: au-revoir
  au-revoir: {type: hangup, prompt: "Au revoir."}
  agents: {type: queue}
"""


def test_depth_is_summed_across_goto(write):
    main, sub = write(MAIN, "main.yaml"), write(SUBFLOW, "etat-civil.yaml")
    # accueil (main.yaml) -> etat-civil -> actes (etat-civil.yaml): three levels for the caller
    assert run_depth([main, sub])[0] == []
    found, [finding] = run_depth([main, sub], max_depth=2)
    assert found == [("menu-too-deep", "etat-civil.yaml", 10, 3, "actes")]
    assert finding.message == ("menu 'actes' is the 3rd successive menu on the shortest way from the start "
                               "(limit 2): main.yaml:accueil -> etat-civil -> actes")
    assert finding.path == ["main.yaml:accueil", "main.yaml:vers-etat-civil", "etat-civil", "actes"]
    # the main flow has no menu too deep of its own
    assert run_depth([main], max_depth=2)[0] == []


def test_a_deep_main_flow_is_reported_for_a_destination_in_the_sub_flow(write):
    deep = MAIN.replace('options: {"1": vers-etat-civil, "0": agents}', 'options: {"1": niveau-2, "0": agents}') + """\
  niveau-2:
    type: menu
    prompt: "Pour la suite, tapez 1."
    options: {"1": vers-etat-civil, "0": agents}
    on_max_retries: agents
"""
    main, sub = write(deep, "main.yaml"), write(SUBFLOW, "etat-civil.yaml")
    found, [finding] = run_depth([main, sub])
    assert found == [("menu-too-deep", "etat-civil.yaml", 10, 3, "actes")]
    assert finding.message.endswith("main.yaml:accueil -> main.yaml:niveau-2 -> etat-civil -> actes")


def test_goto_cycles_between_files_end(write):
    back = SUBFLOW.replace('options: {"1": actes, "0": agents}', 'options: {"1": actes, "9": retour, "0": agents}') + """\
  retour:
    type: goto
    flow: main.yaml
"""
    main, sub = write(MAIN, "main.yaml"), write(back, "etat-civil.yaml")
    assert run_depth([main, sub])[0] == []
    assert run_depth([main, sub], max_depth=2)[0] == [("menu-too-deep", "etat-civil.yaml", 10, 3, "actes")]


def test_a_fourth_menu_leading_only_to_the_advisors_is_still_a_level(write):
    """No way back, no replay: the caller who pressed 1, 1, 1 navigated into a fourth menu."""
    text = """\
ivr: 1
language: en-GB
start: m1
nodes:
  m1: {type: menu, prompt: "Press 1.", options: {"1": m2, "0": agent}, on_max_retries: agent}
  m2: {type: menu, prompt: "Press 1.", options: {"1": m3, "0": agent}, on_max_retries: agent}
  m3: {type: menu, prompt: "Press 1.", options: {"1": m4, "0": agent}, on_max_retries: agent}
  m4: {type: menu, prompt: "Press 1 or 0.", options: {"1": agent, "0": agent, "9": m1}, on_max_retries: agent}
  agent: {type: queue}
"""
    found, [finding] = run_depth([write(text)])
    assert found == [("menu-too-deep", "flow.yaml", 8, 3, "m4")]
    assert finding.path == ["m1", "m2", "m3", "m4"]
