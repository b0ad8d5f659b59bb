"""A small, well-made public-service flow; tests break one thing at a time."""

WELL_MADE = """\
ivr: 1
name: "Mairie – accueil"
language: fr-FR
service:
  name: "Mairie de Testville"
  phone: "01 23 45 67 89"
  website: "https://www.testville.fr"
  accessible: "https://www.testville.fr/accessibilite"
hours:
  timezone: Europe/Paris
  weekly:
    mon-fri: ["08:30-12:00", "13:30-17:00"]
  holidays: FR
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Bienvenue à la mairie de Testville."
    next: check-hours
  check-hours:
    type: hours
    open: main-menu
    closed: closed-message
  main-menu:
    type: menu
    prompt: "Pour l'état civil, tapez 1. Pour parler à un conseiller, tapez 0."
    options:
      "1": civil
      "0": agent
    on_max_retries: agent
  civil:
    type: play
    prompt: "Vos actes d'état civil se demandent en ligne sur testville.fr."
    next: agent
  agent:
    type: queue
    queue: accueil
    prompt: "Un conseiller va vous répondre."
    congestion: busy
    max_wait: 600
    on_timeout: callback
  busy:
    type: menu
    prompt: "L'attente est estimée à {wait_minutes} minutes. Pour être rappelé, tapez 1. Pour patienter, tapez 2."
    options:
      "1": callback
      "2": agent
    on_max_retries: callback
  callback:
    type: callback
    prompt: "Nous vous rappellerons dans la journée."
    next: goodbye
  closed-message:
    type: play
    prompt: "La mairie est ouverte du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h. Vos démarches sont aussi sur testville.fr."
    next: goodbye
  goodbye:
    type: hangup
    prompt: "Merci de votre appel, au revoir."
"""

TOPICS = ("passeports", "listes électorales", "cimetières", "déchets", "stationnement", "écoles", "associations")


def with_choices(count: int, same_target: bool = False) -> str:
    """WELL_MADE whose main menu offers `count` topics and "0" for an advisor, each announced: each
    topic its own message (distinct choices), or all of them the civil-status message
    (`same_target`: one choice)."""
    keys = "".join(f'      "{i + 1}": {"civil" if same_target or i == 0 else f"topic-{i + 1}"}\n' for i in range(count))
    said = " ".join(f"Pour les {TOPICS[i - 1]}, tapez {i + 1}." for i in range(1, count))
    text = WELL_MADE.replace('      "1": civil\n      "0": agent\n', keys + '      "0": agent\n').replace(
        "Pour l'état civil, tapez 1. Pour parler", f"Pour l'état civil, tapez 1. {said} Pour parler".replace("  ", " "))
    if not same_target:
        text += "".join(f'  topic-{i + 1}:\n    type: play\n    prompt: "Pour les {TOPICS[i - 1]}, rendez-vous sur testville.fr."\n'
                        f'    next: agent\n' for i in range(1, count))
    return text
