"""A small flow that exercises every node type the simulator follows."""

import pytest

LINE = """\
ivr: 1
id: test-line
language: fr-FR
hours:
  timezone: Europe/Paris
  weekly:
    mon-fri: ["09:00-17:00"]
  holidays: FR
  closed: ["2026-12-24"]
defaults: {timeout: 5, retries: 2}
start: welcome
nodes:
  welcome: {type: play, prompt: "Bonjour.", next: hours}
  hours: {type: hours, open: menu, closed: closed, holiday: holiday}
  menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0. Pour un dossier, tapez 1. Pour réécouter, tapez étoile."
    options:
      "0": {next: agents, speech: ["conseiller", "déménagement"]}
      "1": file-number
      "*": {repeat: true}
    on_max_retries: agents
  file-number:
    type: input
    prompt: "Tapez votre code à 4 chiffres."
    variable: code
    digits: 4
    next: route
    on_max_retries: agents
  route:
    type: branch
    "on": code
    cases: {"1234": info}
    default: agents
  info: {type: play, prompt: "Votre dossier {code} est en cours.", next: bye}
  agents:
    type: queue
    prompt: "Patientez."
    congestion: busy
    on_timeout: callback
  busy:
    type: menu
    prompt: "Attente de {wait_minutes} minutes, position {queue_position}. Pour être rappelé, tapez 1. Pour patienter, tapez 2."
    options: {"1": callback, "2": agents}
    on_max_retries: agents
  callback: {type: callback, prompt: "Nous vous rappellerons.", next: bye}
  closed: {type: play, prompt: "Nous sommes ouverts {opening_hours}.", next: bye}
  holiday: {type: play, prompt: "Jour férié.", next: bye}
  bye: {type: hangup, prompt: "Au revoir."}
"""

TUESDAY = "2026-12-01 10:00"  # open
EVENING = "2026-12-01 20:00"  # closed
CHRISTMAS = "2026-12-25 10:00"  # public holiday


@pytest.fixture
def line(write):
    return str(write(LINE, "line.yaml"))
