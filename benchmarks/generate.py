"""Generate a large, realistic, lint-clean flow: a tree of menus over service pages.

    python benchmarks/generate.py 10000 > /tmp/flow-10k.yaml

The flow has an hours check, a closed message, one agent queue with a congestion menu
and a callback, an input of the caller's procedure number routed by a branch to one
section per procedure, and in each section a tree of menus (3 levels) whose leaves are
information messages that lead to the agent. Every menu has
"0" for an agent and on_max_retries, so the flow is what a careful team would write,
only bigger.
"""

from __future__ import annotations

import sys

#: who the service is, as every generated flow says it (the rules that read it have work to do)
SERVICE = """\
language: fr-FR
service:
  name: "Service de test"
  phone: "01 23 45 67 89"
  website: "https://www.service-public.fr"
  accessible: "https://www.service-public.fr/accessibilite"
"""

#: the opening hours the generated flows check
HOURS = """\
hours:
  timezone: Europe/Paris
  weekly:
    mon-fri: ["08:30-12:00", "13:30-16:30"]
"""

HEADER = 'ivr: 1\nname: "Benchmark flow ({count} nodes)"\n' + SERVICE + HOURS + """\
  holidays: FR
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Bienvenue au service de test."
    next: check-hours
  check-hours:
    type: hours
    open: topic
    closed: closed-message
  closed-message:
    type: play
    prompt: "Nous sommes ouverts du lundi au vendredi de 8h30 à 12h et de 13h30 à 16h30. Retrouvez-nous sur service-public.fr."
    next: goodbye
  goodbye:
    type: hangup
    prompt: "Au revoir."
  agent:
    type: queue
    queue: accueil
    prompt: "Un conseiller va vous répondre."
    congestion: busy
    max_wait: 600
    on_timeout: callback
  busy:
    type: menu
    prompt: "L'attente est estimée à {{wait_minutes}} minutes. Pour être rappelé, tapez 1. Pour patienter, tapez 2."
    options:
      "1": callback
      "2": agent
    on_max_retries: callback
  callback:
    type: callback
    prompt: "Nous vous rappellerons dans la journée."
    next: goodbye
  topic:
    type: input
    prompt: "Tapez le numéro de votre démarche, indiqué sur votre courrier."
    variable: topic
    digits: {{min: 1, max: 6}}
    next: route
    on_max_retries: agent
  route:
    type: branch
    on: topic
    default: agent
    cases:
"""

MENU = """\
  {id}:
    type: menu
    prompt: "Pour le sujet {n}, tapez 1. Pour le sujet suivant, tapez 2. Pour un conseiller, tapez 0."
    options:
      "1": {{next: {first}, label: "Sujet {n}"}}
      "2": {{next: {second}, label: "Suite"}}
      "0": {{next: agent, label: "Conseiller"}}
      "*": {{repeat: true}}
    on_max_retries: agent
"""

INFO = """\
  {id}:
    type: play
    prompt: "Voici les informations sur le sujet {n}. Vous pouvez aussi consulter notre site."
    next: agent
"""


def generate(count: int) -> str:
    """About `count` nodes: sections of 3-level menu trees (7 menus, 8 leaves each)."""
    parts = [HEADER.format(count=count)]
    sections = max(1, (count - 9) // 15)
    parts.extend(f'      "{s}": section-{s}\n' for s in range(sections))
    for s in range(sections):
        # level 1 menu; level 2 menus; level 3 menus; leaves
        ids = {(1, 0): f"section-{s}"}
        for level, width in ((2, 2), (3, 4)):
            for i in range(width):
                ids[(level, i)] = f"s{s}-m{level}-{i}"
        for (level, i), node_id in ids.items():
            if level < 3:
                first, second = ids[(level + 1, 2 * i)], ids[(level + 1, 2 * i + 1)]
            else:
                first, second = f"s{s}-info-{2 * i}", f"s{s}-info-{2 * i + 1}"
            parts.append(MENU.format(id=node_id, n=f"{s}.{level}.{i}", first=first, second=second))
        for leaf in range(8):
            parts.append(INFO.format(id=f"s{s}-info-{leaf}", n=f"{s}.{leaf}"))
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
