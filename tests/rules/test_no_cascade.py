"""A schema error is reported once, at its place; the rest of the flow is judged as if it were readable.

Each case breaks one well-made flow in one way a person really types (a misspelt type or
field, a list where a node id goes, a forgotten field) and runs every recommended rule, as
`ivr-lint check` does: only the schema findings come out, never the unreachable nodes,
missing person or loops that would follow from reading the broken node as a dead stop.
"""

import pytest

from ivr_lint.engine import check_paths
from tests.conftest import dedent, run_json, structure_config

#: a small library line, clean under the recommended rules (asserted below)
LIBRARY = dedent("""
    ivr: 1
    name: "Médiathèque de Quimper – accueil"
    language: fr-FR
    service:
      name: "Médiathèques de Quimper"
      phone: "02 98 98 86 60"
      tariff: standard
      website: "https://mediatheques.quimper.bzh"
      accessible: "https://mediatheques.quimper.bzh/acces-sourds"
    hours:
      timezone: Europe/Paris
      weekly: {tue-sat: ["10:00-18:00"]}
      holidays: FR
    start: accueil
    nodes:
      accueil:
        type: play
        prompt: "Médiathèques de Quimper, bonjour."
        next: horaires
      horaires:
        type: hours
        open: choix
        closed: ferme
      choix:
        type: menu
        prompt: "Pour prolonger un prêt, tapez 1. Pour parler à un bibliothécaire, tapez 0."
        options:
          "1": prolonger
          "0": equipe
        on_max_retries: equipe
      prolonger:
        type: play
        prompt: "Pour prolonger un prêt, allez sur notre site, dans Mon compte."
        next: equipe
      equipe:
        type: queue
        congestion: sature
      sature:
        type: menu
        prompt: >-
          Tous les bibliothécaires sont occupés. L'attente est d'environ {wait_minutes} minutes.
          Pour être rappelé, tapez 1. Pour patienter, tapez 2.
        options: {"1": rappel, "2": equipe}
        on_max_retries: equipe
      rappel:
        type: callback
        prompt: "Votre demande est enregistrée. Un bibliothécaire vous rappellera dans la journée."
      ferme:
        type: hangup
        prompt: >-
          La médiathèque est fermée. Nous vous répondons du mardi au samedi de 10 heures à 18 heures.
          Retrouvez nos services sur mediatheques.quimper.bzh.
""")


def broken(old: str, new: str, text: str = LIBRARY) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def check(write, text: str) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, message) of every finding of `ivr-lint check` with its defaults."""
    code, data = run_json("check", str(write(text)))
    assert code == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)
    return [(f["rule"], f["line"], f["column"], f["message"]) for f in data["findings"]]


def places(found) -> list[tuple[str, int, int]]:
    return [(rule, line, column) for rule, line, column, _ in found]


def test_the_library_line_is_clean(write):
    assert check(write, LIBRARY) == []


@pytest.mark.parametrize("old, new, expected", [
    pytest.param("    type: play\n    prompt: \"Médiathèques", "    type: plya\n    prompt: \"Médiathèques",
                 [(17, 11, "unknown node type 'plya' in node `accueil`; did you mean 'play'?")],
                 id="type-of-the-start"),
    pytest.param("    type: hours\n", "    type: horaires\n",
                 [(21, 11, "unknown node type 'horaires' in node `horaires`; did you mean 'hours'?")],
                 id="type-of-the-hours-check"),
    pytest.param("    type: queue\n", "    type: queu\n",
                 [(36, 11, "unknown node type 'queu' in node `equipe`; did you mean 'queue'?")],
                 id="type-of-the-only-queue"),
    pytest.param("    type: menu\n    prompt: \"Pour prolonger", "    prompt: \"Pour prolonger",
                 [(24, 3, "node `choix` has no `type` (one of: ")], id="type-forgotten"),
    pytest.param("    next: horaires\n", "    suivant: horaires\n",
                 [(16, 3, "node `accueil` is missing its required field `next`"),
                  (19, 5, "unknown field 'suivant' in node `accueil` (expected one of: ")], id="field-in-french"),
    pytest.param("    open: choix\n", "    opne: choix\n",
                 [(22, 5, "unknown field 'opne' in node `horaires`; did you mean 'open'?")], id="field-misspelt"),
    pytest.param("    options:\n      \"1\"", "    choices:\n      \"1\"",
                 [(24, 3, "node `choix` is missing its required field `options`"),
                  (27, 5, "unknown field 'choices' in node `choix`")], id="options-renamed"),
    pytest.param('      "1": prolonger\n', '      "1": [prolonger]\n',
                 [(28, 12, "option '1' of `options` in node `choix` must be a text value, not a list")],
                 id="option-as-a-list"),
    pytest.param('options: {"1": rappel, "2": equipe}', 'options: [rappel, equipe]',
                 [(43, 14, "`options` in node `sature` must map keys to node ids, not a list")],
                 id="options-as-a-list"),
    pytest.param("    next: equipe\n", "    next: {node: equipe}\n",
                 [(34, 11, "`next` in node `prolonger` must be a text value, not a mapping")],
                 id="target-as-a-mapping"),
    pytest.param("    congestion: sature\n", "    congestion: [sature]\n",
                 [(37, 17, "`congestion` in node `equipe` must be a text value, not a list")],
                 id="congestion-as-a-list"),
])
def test_one_schema_error_gives_its_findings_and_nothing_else(write, old, new, expected):
    found = check(write, broken(old, new))
    assert places(found) == [("schema-error", line, column) for line, column, _ in expected]
    for (_, _, _, message), (_, _, start) in zip(found, expected):
        assert message.startswith(start), message


def test_three_typos_give_three_findings(write):
    text = broken("    type: play\n    prompt: \"Médiathèques", "    type: paly\n    prompt: \"Médiathèques")
    text = broken("    on_max_retries: equipe\n  prolonger", "    on_max_retry: equipe\n  prolonger", text)
    text = broken("    type: callback\n", "    type: rapel\n", text)  # the only callback of the congestion menu
    assert [(rule, line) for rule, line, _ in places(check(write, text))] == [
        ("schema-error", 17), ("schema-error", 30), ("schema-error", 46)]


def test_a_genuinely_unreachable_node_is_still_reported_past_a_schema_error(write):
    text = broken("    type: play\n    prompt: \"Médiathèques", "    type: plya\n    prompt: \"Médiathèques")
    text += ("  ancien-accueil:\n"
             "    type: play\n"
             "    prompt: \"Bienvenue à la bibliothèque municipale.\"\n"
             "    next: horaires\n")
    assert places(check(write, text)) == [("schema-error", 17, 11), ("unreachable-node", 53, 3)]


def test_a_way_out_that_names_no_node_claims_nothing_past_it(write):
    # the menu's options cannot be read at all: where "1" and "0" lead is unknown, so
    # nothing after it is called unreachable and no menu is said to lack a person
    text = broken('      "1": prolonger\n      "0": equipe\n', '      - prolonger: 1\n      - equipe: 0\n')
    assert places(check(write, text)) == [("schema-error", 28, 7)]


def test_the_unreadable_node_keeps_its_ways_out_in_the_model(write):
    path = write(broken("    type: hours\n", "    type: horaires\n"))
    flow = next(iter(check_paths([str(path)], structure_config()).project.files.values())).flow
    node = flow.nodes["horaires"]
    assert (node.type, node.broken, node.opaque, node.exits_unknown) == ("unknown", True, True, False)
    assert [(t.kind, t.target, t.field) for t in node.transitions] == [("open", "choix", "open"),
                                                                       ("closed", "ferme", "closed")]
    assert node.where("closed").line == 23


def test_a_misspelt_default_does_not_make_every_menu_lack_error_handling(write):
    text = broken("start: accueil\n", "defaults: {on_max_retry: equipe}\nstart: accueil\n")
    text = text.replace("    on_max_retries: equipe\n", "")
    assert places(check(write, text)) == [("schema-error", 14, 12)]
    # with the default written right, the menus are complete: still clean
    assert check(write, text.replace("on_max_retry:", "on_max_retries:")) == []


def test_every_way_out_of_every_node_type_is_read_from_an_unknown_type():
    from ivr_lint.model.flow import EXIT_KINDS, NODE_TYPES, format_fields

    exits = {name for cls in NODE_TYPES.values() for name, f in format_fields(cls).items()
             if f.metadata["kind"] in ("target", "options", "cases")}
    assert exits == set(EXIT_KINDS)


def test_a_misspelt_transfer_on_the_way_to_a_goodbye_is_not_called_a_hang_up(write):
    # after the last retry the caller goes to a transfer (type misspelt), whose failure says goodbye:
    # what the unreadable step does is unknown, so hangup-on-error claims nothing through it
    text = broken("    on_max_retries: equipe\n  prolonger", "    on_max_retries: relais\n  prolonger")
    text += ("  relais:\n"
             "    type: transfert\n"
             "    number: \"02 98 98 86 61\"\n"
             "    on_failure: fin\n"
             "  fin:\n"
             "    type: hangup\n"
             "    prompt: \"Au revoir.\"\n")
    assert places(check(write, text)) == [("schema-error", 54, 11)]
    assert ("hangup-on-error", 30, 21) in places(check(write, text.replace("type: transfert", "type: play")
                                                       .replace("number: \"02 98 98 86 61\"", "prompt: \"Un instant.\"")
                                                       .replace("on_failure: fin", "next: fin")))


def _mutations():
    """Every node of the library line, broken in each way that keeps YAML valid: (id, text)."""
    lines = LIBRARY.splitlines(keepends=True)
    start = lines.index("nodes:\n") + 1
    blocks, current = {}, None
    for number in range(start, len(lines)):
        if not lines[number].startswith("   "):
            current = lines[number].strip().rstrip(":")
            blocks[current] = []
        else:
            blocks[current].append(number)
    exit_fields = ("next", "open", "closed", "congestion", "on_max_retries")
    for node_id, numbers in blocks.items():
        for number in numbers:
            field, _, value = lines[number].strip().partition(": ")
            edits = []
            if field == "type":
                edits += [("type-typo", value[::-1]), ("type-empty", '""')]
            if field in exit_fields:
                edits += [("as-list", f"[{value}]"), ("as-mapping", f"{{node: {value}}}"),
                          ("field-typo", None)]
            for how, new_value in edits:
                changed = list(lines)
                indent = lines[number][:len(lines[number]) - len(lines[number].lstrip())]
                changed[number] = (f"{indent}{field[:-1]}{field[-1] * 2}: {value}\n" if new_value is None
                                   else f"{indent}{field}: {new_value}\n")
                yield f"{node_id}-{field}-{how}", "".join(changed)


@pytest.mark.parametrize("case, text", list(_mutations()), ids=lambda v: v if len(v) < 60 else "")
def test_any_single_break_of_a_clean_flow_gives_schema_errors_only(write, case, text):
    found = check(write, text)
    assert found and {rule for rule, _, _, _ in found} == {"schema-error"}, (case, found)


def test_nodes_written_as_a_list_are_one_finding_and_still_checked(write):
    head, _, body = LIBRARY.partition("nodes:\n")
    listed = "".join(f"  - {line[2:]}" if not line.startswith("   ") else f"  {line}"
                     for line in body.splitlines(keepends=True))  # "- accueil:" items, bodies indented under them
    found = check(write, head + "nodes:\n" + listed)
    assert places(found) == [("schema-error", 16, 3)]
    assert found[0][3].startswith("`nodes` must be a mapping of node ids, not a list")
